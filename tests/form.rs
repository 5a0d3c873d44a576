//! Browser tests of the number-transfer form and the create step, against a fake proxy.
#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::RefCell;
use std::rc::Rc;

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use porting_model::validate::{PinKind, Problem};
use porting_model::Porting;
use porting_widget::api::Api;
use porting_widget::components::{PortingForm, PortingWidget};
use porting_widget::events::{Emitter, Events};
use porting_widget::form::Field;
use porting_widget::messages::EN;
use serde_json::{json, Value};
use support::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// The form for `porting`, talking to the fake proxy; a save updates the porting it shows.
fn mount_form(host: &HtmlElement, porting: Porting) -> impl Sized {
    let porting = RwSignal::new(porting);
    let on_saved = Callback::new(move |saved| porting.set(saved));
    let api = Api::new(FAKE_BASE, "session-1");
    let emitter = Emitter::new(host.clone().into());
    mount_to(host.clone(), move || {
        let emitter = emitter.clone();
        Events::provide(move |event| emitter.emit(event));
        view! { <PortingForm porting api=api.clone() on_saved /> }
    })
}

/// The names of the fields on show (not inside a hidden part).
fn names(host: &HtmlElement) -> Vec<String> {
    let shown = |e: &&HtmlElement| e.closest("[hidden]").ok().flatten().is_none();
    find_all(host, "form [data-field]").iter().filter(shown).map(|e| attr(e, "data-field").unwrap()).collect()
}

fn message(field: Field, problem: Problem) -> String {
    EN.problem(field, &problem)
}

/// Fills in every field AT&T requires, validly.
fn fill_att_fields(host: &HtmlElement) {
    for (name, value) in [
        ("accountNumber", "123-456-789"),
        ("accountPin", "8642"),
        ("firstName", "Jerry"),
        ("lastName", "Seinfeld"),
        ("address.line1", "129 West 81st Street"),
        ("address.city", "New York City"),
        ("address.postalCode", "10024"),
    ] {
        type_into(host, name, value);
    }
    choose(host, "address.state", "NY");
}

const ATT: [&str; 5] = ["accountNumber", "accountPin", "firstName", "lastName", "address"];

fn submit(host: &HtmlElement) {
    find(host, "button[type=submit]").expect("a submit button").click();
}

#[wasm_bindgen_test]
async fn the_fields_shown_follow_the_required_list() {
    let fake = FakeProxy::install();
    fake.answer("GET", "/serviceProviders", 200, &providers_value(), json!({}));
    let address = [
        "address.country",
        "address.line1",
        "address.line2",
        "address.city",
        "address.state",
        "address.postalCode",
    ];
    let cases: [(&[&str], Vec<&str>); 4] = [
        (&ATT, [&["accountNumber", "accountPin", "firstName", "lastName"][..], &address].concat()),
        (&["donorProvider"], vec!["donorProvider"]),
        (
            &["donorProviderApproval", "birthday"],
            vec!["birthday-day", "birthday-month", "birthday-year", "donorProviderApproval"],
        ),
        (&["lastName", "lastName"], vec!["lastName"]),
    ];
    for (required, expected) in cases {
        let host = host();
        let _mounted = mount_form(&host, porting("informationRequired", required));
        appears(&host, "form").await;
        assert_eq!(names(&host), expected, "for {required:?}");
    }

    let host = host();
    let _mounted = mount_form(&host, porting("informationRequired", &[]));
    tick().await;
    assert!(find(&host, "[hidden] > form").is_some(), "nothing required, no form shown");
}

#[wasm_bindgen_test]
async fn every_field_has_its_autocomplete_token_and_keyboard() {
    let host = host();
    let all = ["accountPin", "firstName", "lastName", "birthday", "address"];
    let _mounted = mount_form(&host, porting("informationRequired", &all));
    appears(&host, "form").await;
    for (name, autocomplete, inputmode) in [
        ("firstName", Some("given-name"), None),
        ("lastName", Some("family-name"), None),
        ("birthday-day", Some("bday-day"), Some("numeric")),
        ("birthday-month", Some("bday-month"), Some("numeric")),
        ("birthday-year", Some("bday-year"), Some("numeric")),
        ("address.country", Some("country"), None),
        ("address.line1", Some("address-line1"), None),
        ("address.line2", Some("address-line2"), None),
        ("address.city", Some("address-level2"), None),
        ("address.state", Some("address-level1"), None),
        ("address.postalCode", Some("postal-code"), None),
        ("accountPin", Some("one-time-code"), Some("numeric")),
    ] {
        let input = find(&host, &format!("[data-field='{name}']")).unwrap();
        assert_eq!(attr(&input, "autocomplete").as_deref(), autocomplete, "{name}");
        assert_eq!(attr(&input, "inputmode").as_deref(), inputmode, "{name}");
        let label = find(&host, &format!("label[for='{}']", input.id()));
        assert!(label.is_some() || name.starts_with("birthday"), "{name} has a label");
    }
    // The date's boxes are a group named by its legend.
    assert_eq!(text(&host, "fieldset legend"), EN.label_birthday);
}

#[wasm_bindgen_test]
async fn the_pin_is_masked_with_a_toggle_that_says_show_or_hide() {
    let host = host();
    let _mounted = mount_form(&host, porting("informationRequired", &["accountPin", "firstName"]));
    let pin = appears(&host, "[data-field=accountPin]").await;
    assert_eq!(attr(&pin, "type").as_deref(), Some("password"));
    // A carrier's code is no password: browsers ignore `off` on a password field and offer to save it.
    assert_eq!(attr(&pin, "autocomplete").as_deref(), Some("one-time-code"));
    for (hint, value) in [
        ("data-1p-ignore", ""),
        ("data-lpignore", "true"),
        ("data-bwignore", ""),
        ("data-form-type", "other"),
    ] {
        assert_eq!(attr(&pin, hint).as_deref(), Some(value), "{hint}: password managers leave it alone");
    }
    let first_name = find(&host, "[data-field=firstName]").unwrap();
    assert_eq!(attr(&first_name, "data-lpignore"), None, "only the PIN");
    let toggle = find(&host, ".pw-input-row button").expect("a show toggle");
    assert_eq!(toggle.text_content().unwrap(), EN.show);
    assert_eq!(attr(&toggle, "aria-label").unwrap(), EN.show_label(EN.label_pin));
    assert!(attr(&toggle, "aria-pressed").is_none(), "its words say the state");
    toggle.click();
    tick().await;
    assert_eq!(attr(&pin, "type").as_deref(), Some("text"));
    assert_eq!(toggle.text_content().unwrap(), EN.hide);
    assert_eq!(attr(&toggle, "aria-label").unwrap(), EN.hide_label(EN.label_pin));
    toggle.click();
    tick().await;
    assert_eq!(attr(&pin, "type").as_deref(), Some("password"));
    assert_eq!(toggle.text_content().unwrap(), EN.show);
}

/// The names of the date boxes marked invalid.
fn invalid_date_boxes(host: &HtmlElement) -> Vec<String> {
    find_all(host, ".pw-date [aria-invalid=true]").iter().map(|e| attr(e, "data-field").unwrap()).collect()
}

#[wasm_bindgen_test]
async fn only_the_date_boxes_at_fault_are_marked_invalid() {
    let _fake = FakeProxy::install();
    let host = host();
    let _mounted = mount_form(&host, porting("informationRequired", &["birthday"]));
    appears(&host, "form").await;
    type_into(&host, "birthday-day", "31");
    type_into(&host, "birthday-year", "1990");
    submit(&host);
    until("the missing month is marked", || invalid_date_boxes(&host) == ["birthday-month"]).await;
    let group = find(&host, "fieldset:has(.pw-date)").unwrap();
    assert!(attr(&group, "aria-describedby").unwrap().contains("-error"), "the message is the group's");
    // The summary's link takes the buyer to the box at fault.
    let month = find(&host, "[data-field=birthday-month]").unwrap();
    find(&host, ".pw-error-summary a").unwrap().unchecked_into::<web_sys::HtmlElement>().click();
    until("the month box has focus", || focused_id() == month.id()).await;

    // Each part fits alone, but there is no 31 February: the whole date is wrong.
    type_into(&host, "birthday-month", "2");
    until("every box is marked", || {
        invalid_date_boxes(&host) == ["birthday-day", "birthday-month", "birthday-year"]
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_native_submit_would_carry_nothing_the_buyer_typed() {
    let host = host();
    let all = ["accountNumber", "accountPin", "firstName", "lastName", "birthday", "address"];
    let _mounted = mount_form(&host, porting("informationRequired", &all));
    appears(&host, "form").await;
    fill_att_fields(&host);
    assert_eq!(value_of(&host, "accountPin"), "8642");
    assert!(find(&host, "[name]").is_none(), "no input has a name: {}", host.inner_html());
    // What a GET submit would put in the host page's URL if the wasm had stopped.
    let form: web_sys::HtmlFormElement = find(&host, "form").unwrap().unchecked_into();
    let sent = web_sys::FormData::new_with_form(&form).unwrap();
    assert_eq!(js_sys::Array::from(&sent).length(), 0, "the form data has entries");
}

#[wasm_bindgen_test]
async fn a_provided_pin_is_summarised_and_changing_it_may_leave_it_blank() {
    let host = host();
    let mut on_file = porting("informationRequired", &["accountPin", "firstName"]);
    on_file.account_pin_exists = true;
    let _mounted = mount_form(&host, on_file);
    appears(&host, "form").await;
    assert_eq!(names(&host), ["firstName"]);
    assert_eq!(text(&host, ".pw-summary-value"), EN.pin_provided);
    let change = find(&host, ".pw-summary button").unwrap();
    assert_eq!(attr(&change, "aria-label").unwrap(), EN.change_label(EN.label_pin));
    change.click();
    let pin = appears(&host, "[data-field=accountPin]").await;
    until("the PIN box has focus", || focused_id() == pin.id()).await;
    assert!(text(&host, ".pw-hint").contains(&EN.hint_pin_on_file("").trim().to_owned()));
}

#[wasm_bindgen_test]
async fn unknown_required_names_are_told_and_reported_to_the_host() {
    let host = host();
    let reported = Rc::new(RefCell::new(None::<String>));
    let listener = {
        let reported = reported.clone();
        Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |event: web_sys::CustomEvent| {
            *reported.borrow_mut() =
                js_sys::JSON::stringify(&event.detail()).ok().and_then(|s| s.as_string());
        })
    };
    host.add_event_listener_with_callback("porting:unknown-required", listener.as_ref().unchecked_ref())
        .unwrap();
    let _mounted = mount_form(&host, porting("informationRequired", &["ssnLast4", "firstName"]));
    let notice = appears(&host, ".pw-notice").await;
    assert_eq!(notice.text_content().unwrap(), EN.unknown_required(&["ssnLast4".into()]));
    assert_eq!(names(&host), ["firstName"], "the known field is still asked");
    until("the host heard of it", || reported.borrow().is_some()).await;
    assert_eq!(reported.borrow().as_deref(), Some(r#"{"names":["ssnLast4"]}"#));
}

#[wasm_bindgen_test]
async fn invalid_answers_get_a_summary_with_focus_and_messages_at_their_fields() {
    let fake = FakeProxy::install();
    let host = host();
    let _mounted = mount_form(&host, porting("informationRequired", &["accountPin", "firstName", "address"]));
    appears(&host, "form").await;
    type_into(&host, "accountPin", "12a4");
    type_into(&host, "address.postalCode", "1234");
    submit(&host);

    let summary = appears(&host, ".pw-error-summary:not([hidden])").await;
    until("the summary has focus", || focused_id() == summary.id()).await;
    assert_eq!(find(&summary, "h3").unwrap().text_content().unwrap(), EN.error_summary_title);
    let links: Vec<String> = find_all(&summary, "a").iter().map(|a| a.text_content().unwrap()).collect();
    assert_eq!(
        links,
        [
            message(Field::AccountPin, Problem::NotDigits),
            message(Field::FirstName, Problem::Required),
            message(Field::Line1, Problem::Required),
            message(Field::City, Problem::Required),
            message(Field::State, Problem::Required),
            message(Field::PostalCode, Problem::InvalidZip),
        ]
    );
    assert!(fake.sent("PATCH").is_empty(), "nothing is sent");

    // Each message sits at its field, tied to it.
    let pin = find(&host, "[data-field=accountPin]").unwrap();
    assert_eq!(attr(&pin, "aria-invalid").as_deref(), Some("true"));
    let described = attr(&pin, "aria-describedby").unwrap();
    let error =
        described.split(' ').map(by_id).find(|e| e.class_name() == "pw-field-error").expect("an error");
    assert!(error.text_content().unwrap().ends_with(&message(Field::AccountPin, Problem::NotDigits)));
    assert!(error.text_content().unwrap().starts_with(EN.error_prefix));

    // A summary link takes focus to its field.
    let postal = find(&host, "[data-field='address.postalCode']").unwrap();
    find_all(&summary, "a")[5].click();
    until("the postcode has focus", || focused_id() == postal.id()).await;

    // A field that showed an error is checked again as the buyer types.
    type_into(&host, "accountPin", "1234");
    until("the PIN's error goes", || attr(&pin, "aria-invalid").is_none()).await;
    assert!(!attr(&pin, "aria-describedby").unwrap_or_default().contains("error"));
    type_into(&host, "accountPin", "12");
    until("the PIN's error comes back", || attr(&pin, "aria-invalid").is_some()).await;
    assert_eq!(find_all(&summary, "a").len(), 6, "the summary changes only on submit");
}

#[wasm_bindgen_test]
async fn a_failed_submit_keeps_every_answer_and_a_retry_sends_only_what_changed() {
    let fake = FakeProxy::install();
    let host = host();
    let _mounted = mount_form(&host, porting("informationRequired", &ATT));
    appears(&host, "form").await;
    fill_att_fields(&host);
    submit(&host);

    let alert = appears(&host, ".pw-error:has([role=alert])").await;
    let said = alert.text_content().unwrap();
    assert!(said.contains(EN.error_unreachable) && said.contains(EN.answers_kept), "{said}");
    assert_eq!(value_of(&host, "accountPin"), "8642");
    assert_eq!(value_of(&host, "lastName"), "Seinfeld");
    assert_eq!(value_of(&host, "address.postalCode"), "10024");

    // A retry while the proxy is still away fails again, and focus stays in the form.
    find(&alert, "button").expect("a retry").click();
    until("the retry was sent", || fake.sent("PATCH").len() == 2).await;
    let alert = appears(&host, ".pw-error:has([role=alert])").await;
    let button = find(&host, "button[type=submit]").unwrap();
    let focused = support::document().active_element();
    assert!(button.is_same_node(focused.as_deref()), "the submit button has focus, not the page");

    // The proxy is back; the porting now needs a birthday too.
    let saved = waiting("informationRequired", &["accountPin", "birthday"]).pin_on_file().json();
    fake.answer("PATCH", "/portings/prt_1", 200, &saved, json!({}));
    find(&alert, "button").expect("a retry").click();
    until("the details are saved", || find(&host, ".pw-saved").unwrap().text_content().unwrap() == EN.saved)
        .await;

    let sent = fake.sent("PATCH");
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[2]["path"], "/api/portings/prt_1");
    assert_eq!(sent[2]["auth"], "Bearer session-1");
    let body: Value = serde_json::from_str(sent[2]["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({
            "accountNumber": "123456789", "accountPin": "8642", "firstName": "Jerry", "lastName": "Seinfeld",
            "address": {"line1": "129 West 81st Street", "line2": null, "city": "New York City",
                        "postalCode": "10024", "state": "NY", "country": "US"}
        })
    );

    // The PIN is gone from the form and was never stored.
    appears(&host, "[data-field=birthday-day]").await;
    find(&host, ".pw-summary button").expect("change the PIN").click();
    let pin = appears(&host, "[data-field=accountPin]").await;
    assert_eq!(pin.unchecked_into::<web_sys::HtmlInputElement>().value(), "");
    let window = web_sys::window().unwrap();
    for storage in [window.local_storage(), window.session_storage()] {
        let storage = storage.unwrap().unwrap();
        for i in 0..storage.length().unwrap() {
            let key = storage.key(i).unwrap().unwrap();
            assert!(!storage.get_item(&key).unwrap().unwrap_or_default().contains("8642"), "{key}");
        }
    }
}

#[wasm_bindgen_test]
async fn an_update_refused_as_the_porting_moved_on_shows_where_it_stands_now() {
    let fake = FakeProxy::install();
    let conflict =
        json!({"object": "error", "type": "conflictError", "code": "portingNotUpdatable", "message": "No."});
    fake.answer("PATCH", "/portings/prt_1", 409, &conflict, json!({}));
    fake.answer("GET", "/portings/prt_1", 200, &porting_value("requested", &[]), json!({}));
    let host = host();
    let _mounted = mount_form(&host, porting("informationRequired", &["firstName"]));
    appears(&host, "form").await;
    type_into(&host, "firstName", "Jerry");
    submit(&host);

    let outcome = appears(&host, ".pw-saved:not(:empty)").await;
    assert_eq!(outcome.text_content().unwrap(), EN.moved_on);
    until("the news has focus", || focused_id() == outcome.id()).await;
    assert!(find(&host, "form").unwrap().closest("[hidden]").unwrap().is_some(), "nothing left to ask");
    assert!(find(&host, ".pw-error").is_none(), "no retry that could not help");
    assert_eq!((fake.sent("PATCH").len(), fake.sent("GET").len()), (1, 1));
}

#[wasm_bindgen_test]
async fn a_submit_under_way_is_shown_and_cannot_be_repeated() {
    let fake = FakeProxy::install();
    fake.hang("PATCH", "/portings/prt_1");
    let host = host();
    let _mounted = mount_form(&host, porting("informationRequired", &["firstName"]));
    appears(&host, "form").await;
    type_into(&host, "firstName", "Jerry");
    submit(&host);
    let button = find(&host, "button[type=submit]").unwrap();
    until("the button says it is busy", || button.text_content().unwrap() == EN.submitting).await;
    assert_eq!(attr(&button, "aria-disabled").as_deref(), Some("true"));
    submit(&host);
    submit(&host);
    // Long enough for a second request to reach the fake, had the guard let one through.
    quiet_for(250).await;
    assert_eq!(fake.sent("PATCH").len(), 1);
}

/// The AT&T fields filled in and submitted to a proxy that refuses them with `details`.
async fn submit_refused(fake: &FakeProxy, details: Value) -> (HtmlElement, impl Sized) {
    let refusal = json!({
        "object": "error", "type": "invalidRequestError", "code": "validationFailed", "message": "Invalid fields.",
        "details": details
    });
    fake.answer("PATCH", "/portings/prt_1", 422, &refusal, json!({}));
    let host = host();
    let mounted = mount_form(&host, porting("informationRequired", &ATT));
    appears(&host, "form").await;
    fill_att_fields(&host);
    submit(&host);
    (host, mounted)
}

#[wasm_bindgen_test]
async fn the_servers_refusal_lands_on_its_fields_as_plain_text() {
    let fake = FakeProxy::install();
    let (host, _mounted) = submit_refused(
        &fake,
        json!([
            {"property": "accountPin", "code": "tooFewDigits", "message": "The <b>PIN</b> is too short for this provider."},
            {"property": "phoneNumber", "code": "portProtected", "message": "The number is port protected."}
        ]),
    )
    .await;

    let summary = appears(&host, ".pw-error-summary:not([hidden])").await;
    until("the summary has focus", || focused_id() == summary.id()).await;
    let pin = find(&host, "[data-field=accountPin]").unwrap();
    assert_eq!(attr(&pin, "aria-invalid").as_deref(), Some("true"));
    let error = find(&host, ".pw-field-error:not([hidden])").unwrap();
    assert!(error.text_content().unwrap().ends_with("The <b>PIN</b> is too short for this provider."));
    assert!(find(&host, ".pw-field-error:not([hidden]) b").is_none(), "server text is never HTML");
    assert!(summary.text_content().unwrap().contains("The number is port protected."));
    assert_eq!(value_of(&host, "accountPin"), "8642", "the answers stay");
}

#[wasm_bindgen_test]
async fn a_problem_only_the_server_found_stays_until_its_own_answer_changes() {
    let fake = FakeProxy::install();
    let (host, _mounted) = submit_refused(
        &fake,
        json!([{"property": "address.postalCode", "code": "zipCodeMismatch", "message": "Not the ZIP code on the account."}]),
    )
    .await;
    let postal = find(&host, "[data-field='address.postalCode']").unwrap();
    until("the refusal lands on the postcode", || attr(&postal, "aria-invalid").is_some()).await;

    type_into(&host, "address.city", "Brooklyn");
    type_into(&host, "address.postalCode", "10024");
    pause().await;
    assert_eq!(attr(&postal, "aria-invalid").as_deref(), Some("true"), "an edit elsewhere or the same value");
    assert!(text(&host, ".pw-field-error:not([hidden])").ends_with("Not the ZIP code on the account."));

    type_into(&host, "address.postalCode", "10025");
    until("the postcode's own change clears it", || attr(&postal, "aria-invalid").is_none()).await;
    type_into(&host, "address.postalCode", "1002");
    until("the local rule applies from then on", || attr(&postal, "aria-invalid").is_some()).await;
    assert!(text(&host, ".pw-field-error:not([hidden])")
        .ends_with(&message(Field::PostalCode, Problem::InvalidZip)));
}

#[wasm_bindgen_test]
async fn the_pin_follows_the_provider_picked_in_the_same_form() {
    let fake = FakeProxy::install();
    fake.answer("GET", "/serviceProviders", 200, &providers_value(), json!({}));
    let host = host();
    let _mounted = mount_form(&host, porting("informationRequired", &["donorProvider", "accountPin"]));
    appears(&host, "[role=combobox]").await;
    until("the list loads", || text(&host, ".pw-picker-status").is_empty()).await;
    let pin = find(&host, "[data-field=accountPin]").unwrap();
    let hint = by_id(&format!("{}-hint", pin.id()));
    assert_eq!(hint.text_content().unwrap(), EN.pin_hint(PinKind::DEFAULT));

    type_into(&host, "donorProvider", "T-Mobile");
    type_into(&host, "accountPin", "1234");
    until("the hint says T-Mobile's length", || {
        hint.text_content().unwrap() == EN.pin_hint(PinKind::Digits { min: 6, max: 6 })
    })
    .await;
    assert_eq!(attr(&pin, "inputmode").as_deref(), Some("numeric"));
    submit(&host);
    appears(&host, ".pw-error-summary:not([hidden])").await;
    assert!(text(&host, ".pw-field-error:not([hidden])")
        .ends_with(&message(Field::AccountPin, Problem::TooFewDigits { min: 6 })));
    assert!(fake.sent("PATCH").is_empty(), "the proxy would refuse it");
}

fn widget_without_porting(host: &HtmlElement) -> impl Sized {
    let config = Ok(session_config(FAKE_BASE, None));
    mount_to(host.clone(), move || view! { <PortingWidget config /> })
}

#[wasm_bindgen_test]
async fn the_create_step_sends_the_number_in_e164_and_switches_to_the_new_session() {
    let fake = FakeProxy::install();
    fake.answer("GET", "/serviceProviders", 200, &providers_value(), json!({}));
    let created = waiting("draft", &["accountPin"]).donor("svp_us_verizon", "Verizon");
    fake.answer("POST", "/portings", 201, &created.clone().json(), json!({"Porting-Session": "session-2"}));
    let host = host();
    let _mounted = widget_without_porting(&host);
    appears(&host, "form [data-field=phoneNumber]").await;
    choose(&host, "phoneCountry", "US");

    type_into(&host, "phoneNumber", "+1 555");
    submit(&host);
    let summary = appears(&host, ".pw-error-summary:not([hidden])").await;
    let wrong_length = Problem::WrongLength { calling_code: "1", expected: 10..=10 };
    assert!(summary.text_content().unwrap().contains(&message(Field::PhoneNumber, wrong_length)));
    assert!(fake.sent("POST").is_empty(), "nothing is sent");

    type_into(&host, "phoneNumber", "(201) 555-0123");
    let combobox = find(&host, "[role=combobox]").unwrap();
    type_into(&host, "donorProvider", "veri");
    press(&combobox, "ArrowDown");
    tick().await;
    press(&combobox, "Enter");
    until("Verizon is chosen", || value_of(&host, "donorProvider") == "Verizon").await;
    submit(&host);

    // The create step is gone; focus goes on from the new transfer's status, above its form.
    let status = appears(&host, ".pw-status").await;
    until("the status has focus", || !status.id().is_empty() && focused_id() == status.id()).await;
    let sent = fake.sent("POST");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["auth"], "Bearer session-1");
    let body: Value = serde_json::from_str(sent[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(body, json!({"phoneNumber": "+12015550123", "donorProvider": "svp_us_verizon"}));

    // The porting's own form follows, and talks with the refreshed session.
    let saved = created.pin_on_file().required(&[]).json();
    fake.answer("PATCH", "/portings/prt_1", 200, &saved, json!({}));
    appears(&host, "[data-field=accountPin]").await;
    type_into(&host, "accountPin", "1234");
    submit(&host);
    until("the update is sent", || fake.sent("PATCH").len() == 1).await;
    assert_eq!(fake.sent("PATCH")[0]["auth"], "Bearer session-2");
}

#[wasm_bindgen_test]
async fn the_provider_picker_says_when_it_loads_fails_or_has_nothing() {
    let fake = FakeProxy::install();
    let required = ["donorProvider"];

    fake.hang("GET", "/serviceProviders");
    let loading = host();
    let _a = mount_form(&loading, porting("informationRequired", &required));
    appears(&loading, "form").await;
    assert!(text(&loading, ".pw-picker-status").contains(EN.providers_loading));

    fake.answer("GET", "/serviceProviders", 200, &empty_list(), json!({}));
    let empty = host();
    let _b = mount_form(&empty, porting("informationRequired", &required));
    until("the list is empty", || {
        find(&empty, ".pw-picker-status")
            .is_some_and(|s| s.text_content().unwrap().contains(EN.providers_none))
    })
    .await;

    fake.fail("GET", "/serviceProviders");
    let failed = host();
    let _c = mount_form(&failed, porting("informationRequired", &required));
    let retry = appears(&failed, ".pw-picker > button:not([hidden])").await;
    assert!(text(&failed, ".pw-picker-status").contains(EN.providers_failed));
    fake.answer("GET", "/serviceProviders", 200, &providers_value(), json!({}));
    retry.click();
    until("the list loads", || find(&failed, ".pw-picker > button:not([hidden])").is_none()).await;
}

#[wasm_bindgen_test]
async fn the_provider_picker_works_with_the_keyboard() {
    let fake = FakeProxy::install();
    fake.answer("GET", "/serviceProviders", 200, &providers_value(), json!({}));
    let host = host();
    let _mounted = mount_form(&host, porting("informationRequired", &["donorProvider"]));
    let combobox = appears(&host, "[role=combobox]").await;
    let listbox = find(&host, "[role=listbox]").unwrap();
    assert_eq!(attr(&combobox, "aria-expanded").as_deref(), Some("false"));
    assert_eq!(attr(&combobox, "aria-controls").unwrap(), listbox.id());
    until("the list loads", || text(&host, ".pw-picker-status").is_empty()).await;

    press(&combobox, "ArrowDown");
    tick().await;
    assert_eq!(attr(&combobox, "aria-expanded").as_deref(), Some("true"));
    assert!(attr(&listbox, "hidden").is_none());
    let options = find_all(&listbox, "[role=option]");
    assert_eq!(options.len(), 3);
    assert_eq!(attr(&combobox, "aria-activedescendant").unwrap(), options[0].id());
    assert_eq!(attr(&options[0], "aria-selected").as_deref(), Some("true"));
    assert!(text(&host, ".pw-picker-status").contains(&EN.provider_results(3)));

    press(&combobox, "ArrowUp");
    press(&combobox, "ArrowUp");
    tick().await;
    assert_eq!(attr(&combobox, "aria-activedescendant").unwrap(), options[1].id(), "up from the first wraps");
    press(&combobox, "Escape");
    tick().await;
    assert_eq!(attr(&combobox, "aria-expanded").as_deref(), Some("false"));
    assert!(attr(&combobox, "aria-activedescendant").is_none());

    type_into(&host, "donorProvider", "zzz");
    tick().await;
    assert!(text(&host, ".pw-picker-status").contains(&EN.no_provider_match("zzz")));
    type_into(&host, "donorProvider", "t-mobile");
    press(&combobox, "Escape");
    tick().await;
    submit(&host);
    until("the choice is sent", || !fake.sent("PATCH").is_empty()).await;
    let body: Value = serde_json::from_str(fake.sent("PATCH")[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(body, json!({"donorProvider": "svp_us_tmobile"}), "a whole name typed chooses it");
}

#[wasm_bindgen_test]
async fn the_highlighted_provider_stays_in_sight_as_the_arrows_go_down_a_long_list() {
    let fake = FakeProxy::install();
    let items: Vec<Value> = (1..=30)
        .map(|i| json!({"object": "serviceProvider", "id": format!("svp_{i}"), "name": format!("Provider {i}"), "recipientProviders": ["p9"]}))
        .collect();
    let list = json!({"object": "list", "items": items, "moreItemsAfter": null, "moreItemsBefore": null});
    fake.answer("GET", "/serviceProviders", 200, &list, json!({}));
    let host = host();
    let _mounted = mount_form(&host, porting("informationRequired", &["donorProvider"]));
    let combobox = appears(&host, "[role=combobox]").await;
    until("the list loads", || text(&host, ".pw-picker-status").is_empty()).await;
    let listbox = find(&host, "[role=listbox]").unwrap();
    // The stylesheet's scrolling list, which these tests do not load.
    listbox.set_attribute("style", "max-height: 5rem; overflow-y: auto").unwrap();

    for _ in 0..12 {
        press(&combobox, "ArrowDown");
    }
    let active = || by_id(&attr(&combobox, "aria-activedescendant").unwrap_or_default());
    until("the twelfth option is highlighted", || {
        attr(&combobox, "aria-activedescendant").is_some()
            && active().text_content().unwrap() == "Provider 12"
    })
    .await;
    until("the highlighted option is inside the list's visible box", || {
        let (option, frame) = (active().get_bounding_client_rect(), listbox.get_bounding_client_rect());
        option.top() >= frame.top() && option.bottom() <= frame.bottom()
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_uk_number_may_just_end_the_old_contract_with_a_stac() {
    let fake = FakeProxy::install();
    fake.answer("GET", "/serviceProviders", 200, &empty_list(), json!({}));
    let created =
        waiting("draft", &["accountPin"]).phone_number("+447700900123").behavior("cancelOnly").json();
    fake.answer("POST", "/portings", 201, &created, json!({"Porting-Session": "session-2"}));
    let host = host();
    let _mounted = widget_without_porting(&host);
    appears(&host, "form [data-field=phoneNumber]").await;
    choose(&host, "phoneCountry", "US");
    tick().await;
    let choice = find(&host, "fieldset").unwrap().parent_element().unwrap();
    assert!(choice.has_attribute("hidden"), "no choice for a US number");
    choose(&host, "phoneCountry", "GB");
    tick().await;
    assert!(!choice.has_attribute("hidden"));
    let radios = find_all(&host, "[data-field=behavior]");
    assert_eq!(radios.len(), 2);
    let chosen = || find(&host, "[data-field=behavior]:checked").map(|r| attr(&r, "value").unwrap());
    assert_eq!(chosen().as_deref(), Some("portIn"), "moving the number is chosen first");
    for radio in &radios {
        let hint = attr(radio, "aria-describedby").unwrap();
        assert!(!by_id(&hint).text_content().unwrap().is_empty(), "each choice is explained");
    }
    radios[1].click();
    tick().await;
    assert_eq!(chosen().as_deref(), Some("cancelOnly"));
    type_into(&host, "phoneNumber", "07700 900123");
    submit(&host);
    until("the porting is created", || fake.sent("POST").len() == 1).await;
    let body: Value = serde_json::from_str(fake.sent("POST")[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(body, json!({"phoneNumber": "+447700900123", "behavior": "cancelOnly"}));
    // The form then asks for the code that only ends the contract.
    appears(&host, "[data-field=accountPin]").await;
    let pin = find(&host, "[data-field=accountPin]").unwrap();
    assert_eq!(text(&host, &format!("label[for='{}']", pin.id())), EN.label_stac);
}

#[wasm_bindgen_test]
async fn a_live_update_that_asks_nothing_new_keeps_the_field_and_its_focus() {
    let host = host();
    let porting = RwSignal::new(porting("draft", &["firstName", "lastName"]));
    let api = Api::new(FAKE_BASE, "session-1");
    let on_saved = Callback::new(move |saved| porting.set(saved));
    let _mounted = mount_to(host.clone(), move || view! { <PortingForm porting api=api.clone() on_saved /> });
    let input = appears(&host, "[data-field=firstName]").await;
    input.focus().unwrap();
    type_into(&host, "firstName", "Jer");
    // The merchant's checkout subscribes the porting: the stream brings it while the buyer types.
    porting.update(|p| p.status = porting_model::Status::InformationRequired);
    tick().await;
    let after = find(&host, "[data-field=firstName]").unwrap();
    assert!(after.is_same_node(Some(&input)), "the input was not rebuilt");
    assert_eq!(focused_id(), input.id());
    assert_eq!(value_of(&host, "firstName"), "Jer");
}

/// The disclosure under the field `name`: its button and the panel the button controls.
fn help_of(host: &HtmlElement, name: &str) -> (HtmlElement, HtmlElement) {
    let field = find(host, &format!("[data-field='{name}']")).expect("the field");
    let help = field.closest(".pw-field").unwrap().unwrap().next_element_sibling().expect("the help");
    let button: HtmlElement = help.query_selector(".pw-help-toggle").unwrap().unwrap().unchecked_into();
    let panel = by_id(&attr(&button, "aria-controls").unwrap());
    (button, panel)
}

#[wasm_bindgen_test]
async fn each_covered_provider_picked_gets_its_own_help_and_any_other_the_general_words() {
    let fake = FakeProxy::install();
    fake.serve_help("en");
    let covered = [
        ("svp_att", "AT&T", "*PORT (*7678)"),
        ("svp_vz", "Verizon", "Verizon"),
        ("svp_tmo", "T-Mobile", "T-Life"),
        ("svp_cricket", "Cricket Wireless", "Cricket"),
        ("svp_metro", "Metro by T-Mobile", "Metro"),
        ("svp_visible", "Visible", "Visible"),
        ("svp_st", "Straight Talk", "Straight Talk"),
        ("svp_tracfone", "Tracfone", "Tracfone"),
        ("svp_usm", "US Mobile", "US Mobile"),
        ("svp_mint", "Mint Mobile", "Mint Mobile"),
        ("svp_fi", "Google Fi", "Google Fi"),
    ];
    let provider = |id: &str, name: &str| json!({"object": "serviceProvider", "id": id, "name": name, "recipientProviders": ["p9"]});
    let mut items: Vec<Value> = covered.iter().map(|(id, name, _)| provider(id, name)).collect();
    items.push(provider("svp_unheard", "Unheard Mobile"));
    let list = json!({"object": "list", "items": items, "moreItemsAfter": null, "moreItemsBefore": null});
    fake.answer("GET", "/serviceProviders", 200, &list, json!({}));
    let host = host();
    let _mounted = mount_form(&host, porting("informationRequired", &["donorProvider", "accountPin"]));
    appears(&host, "[data-field=accountPin]").await;
    until("the list loads", || text(&host, ".pw-picker-status").is_empty()).await;

    let (button, panel) = help_of(&host, "accountPin");
    assert_eq!(
        (text(&host, ".pw-help-toggle"), attr(&button, "aria-expanded")),
        ("Where do I find this?".into(), Some("false".into()))
    );
    assert!(panel.has_attribute("hidden"), "closed until asked");
    button.click();
    tick().await;
    assert_eq!(attr(&button, "aria-expanded").as_deref(), Some("true"));
    let says = |words: &str| panel.text_content().unwrap().contains(words);
    until("the general words, before any provider is picked", || {
        says("Your current provider gives it to you on request")
    })
    .await;
    assert!(!panel.has_attribute("hidden"));
    for (_, name, words) in covered {
        type_into(&host, "donorProvider", name);
        until(&format!("{name}'s own help"), || says(words)).await;
        assert!(!says("Your current provider gives it to you on request"), "{name}");
    }
    type_into(&host, "donorProvider", "Unheard Mobile");
    until("the general words for an unknown provider", || {
        says("Your current provider gives it to you on request")
    })
    .await;
    button.click();
    tick().await;
    assert_eq!(attr(&button, "aria-expanded").as_deref(), Some("false"));
    assert!(panel.has_attribute("hidden"));
}

#[wasm_bindgen_test]
async fn the_hosts_help_for_a_provider_wins_and_a_reopened_pin_shows_its_help_open() {
    let fake = FakeProxy::install();
    fake.serve_help("en");
    let declined = waiting("declined", &[])
        .donor("svp_us_verizon", "Verizon")
        .pin_on_file()
        .declined("portingAccountPinRequiredOrInvalid", 1)
        .json();
    fake.answer("GET", "/portings/prt_1", 200, &declined, json!({}));
    fake.hang("GET", "/portings/prt_1/events");
    let options = |text: Value| {
        let options = json!({"proxyBase": FAKE_BASE, "session": "s", "portingId": "prt_1", "text": text});
        js_sys::JSON::parse(&options.to_string()).unwrap()
    };

    // Reopened by the decline: the PIN's help is open from the start, in the donor's words.
    let plain = host();
    let _plain = porting_widget::embed::mount_js(plain.clone().into(), options(json!({}))).unwrap();
    appears(&plain, "[data-field=accountPin]").await;
    let (button, panel) = help_of(&plain, "accountPin");
    assert_eq!(attr(&button, "aria-expanded").as_deref(), Some("true"));
    until(&format!("Verizon's help, not {:?}", panel.text_content()), || {
        panel.text_content().unwrap().contains("Verizon")
    })
    .await;

    // The host's words for Verizon's id come first.
    let worded = host();
    let shop = "Ask at the Verizon desk in our shop.";
    let _worded = porting_widget::embed::mount_js(
        worded.clone().into(),
        options(json!({"help.svp_us_verizon.pin": shop})),
    )
    .unwrap();
    appears(&worded, "[data-field=accountPin]").await;
    let (_, panel) = help_of(&worded, "accountPin");
    until("the host's words", || panel.text_content().unwrap() == shop).await;

    let refused =
        porting_widget::embed::mount_js(host().into(), options(json!({"help.svp_us_verizon.email": "x"})));
    let error = refused.err().expect("an unknown help key is refused");
    assert!(error.is_instance_of::<js_sys::TypeError>());
}

#[wasm_bindgen_test]
async fn a_uk_buyer_is_told_to_text_pac_to_65075() {
    let fake = FakeProxy::install();
    fake.serve_help("en");
    let host = host();
    let _mounted = mount_form(
        &host,
        waiting("informationRequired", &["accountPin"]).phone_number("+447700900123").build(),
    );
    appears(&host, "[data-field=accountPin]").await;
    let (button, panel) = help_of(&host, "accountPin");
    button.click();
    tick().await;
    until("the PAC's help", || panel.text_content().unwrap().contains("65075")).await;
}
