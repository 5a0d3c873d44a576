//! The buyer's journeys through the widget against the real proxy and its simulator: a new
//! buyer's whole way, answers the widget refuses, an answer only the server refuses, the proxy
//! going down mid-way, and the keyboard alone. axe-core audits the states on the way.

use fantoccini::key::Key;
use porting_e2e::keyboard::{key, press, shift_tab, tab};
use porting_e2e::page::{
    assert_problems, field, focused, shown_fields, value, wait_for_focus, wait_until, with_text,
};
use porting_e2e::widget::{
    answer, answer_shown, fill, fill_create_step, open_create_step, select, submit, wait_for_form,
    wait_for_status,
};
use porting_e2e::{assert_accessible, run, wait_for_text, Call, Engine};
use porting_model::validate::{national_to_e164, Problem};
use porting_model::{FieldName, Porting, Status};
use porting_widget::form::Field;
use porting_widget::messages::EN;

/// A US test number whose porting completes, as the buyer types it.
const COMPLETES: &str = "202 555 0100";

fn provider_list() -> Call {
    Call::new("GET", "/api/serviceProviders", 200, false)
}

/// The porting has left `informationRequired`: it was requested from the donor (who may have
/// answered already) with nothing missing.
fn assert_requested(porting: &Porting) {
    assert!(matches!(porting.status, Status::Requested | Status::Completed), "{:?}", porting.status);
    assert!(porting.required.is_empty() && porting.last_requested_at.is_some(), "{porting:?}");
}

#[tokio::test]
async fn a_new_buyer_creates_a_porting_then_sends_only_what_it_requires() {
    run(|world| async move {
        let (browser, proxy) = (&world.browser, &world.proxy);
        let user = "usr_new_buyer";
        open_create_step(browser, proxy, user).await;
        assert_accessible(browser, "create step, empty").await;
        fill_create_step(browser, "US", COMPLETES, "AT&T").await;
        submit(browser).await;

        // The porting is created for the session's buyer; the widget goes on with it and with
        // the session of the `Porting-Session` answer (the buyer's own allows no porting).
        wait_for_form(browser).await;
        // Focus goes on from the new transfer's status, as the create step went with it.
        wait_for_focus(browser, "pw-status").await;
        let created = proxy.porting_of(user).expect("the porting was created");
        assert_eq!((created.status.clone(), created.phone_number.as_str()), (Status::Draft, "+12025550100"));
        // The merchant's checkout creates the subscription with it: now it waits for what the
        // donor needs, which the widget learns over its stream.
        let waiting = proxy.subscribe(&created.id);
        assert_eq!(waiting.status, Status::InformationRequired);
        wait_for_status(browser, &Status::InformationRequired).await;
        let mut required: Vec<&str> = waiting.required.iter().map(FieldName::as_str).collect();
        required.sort();
        assert_eq!(required, ["accountNumber", "accountPin", "address", "firstName", "lastName"], "AT&T's");
        let expected = [
            "accountNumber",
            "accountPin",
            "firstName",
            "lastName",
            "address.country",
            "address.line1",
            "address.line2",
            "address.city",
            "address.state",
            "address.postalCode",
        ];
        assert_eq!(
            shown_fields(browser).await,
            expected,
            "exactly the fields the porting requires, in order"
        );
        assert_accessible(browser, "form, empty").await;

        answer_shown(browser, &[]).await;
        submit(browser).await;
        wait_for_status(browser, &Status::Requested).await;
        wait_for_text(browser, ".pw-saved", |text| text == EN.saved).await;
        wait_for_focus(browser, "pw-saved").await;
        assert_accessible(browser, "submitted").await;

        let sent = proxy.porting_of(user).unwrap();
        assert_requested(&sent);
        assert_eq!(sent.first_name.as_deref(), Some(answer("firstName")));
        assert_eq!(sent.birthday, None, "nothing beyond what was required");
        let update = Call::new("PATCH", &format!("/api/portings/{}", created.id), 200, true);
        let create = Call::new("POST", "/api/portings", 201, true);
        // The new porting is followed live from the start, over one stream.
        let stream = Call::new("GET", &format!("/api/portings/{}/events", created.id), 200, false);
        assert_eq!(proxy.requests.api_calls(), [provider_list(), create, stream, update]);
    })
    .await;
}

#[tokio::test]
async fn invalid_answers_get_their_own_messages_and_nothing_is_sent() {
    run(|world| async move {
        let (browser, proxy) = (&world.browser, &world.proxy);
        let user = "usr_typos";
        open_create_step(browser, proxy, user).await;
        // Xfinity Mobile needs the holder's date of birth too.
        fill_create_step(browser, "US", "+1 555", "Xfinity Mobile").await;
        submit(browser).await;
        let too_short = national_to_e164("US", "+1 555").unwrap_err();
        assert_eq!(too_short.code(), "wrongLength");
        assert_problems(browser, &[("phoneNumber", EN.problem(Field::PhoneNumber, &too_short))]).await;
        assert_accessible(browser, "create step, errors shown").await;
        assert_eq!(proxy.requests.api_calls(), [provider_list()], "nothing was sent");

        fill(browser, "phoneNumber", COMPLETES).await;
        submit(browser).await;
        wait_for_form(browser).await;
        let typos = [
            ("accountPin", "12a4"),
            ("birthday-day", "1"),
            ("birthday-month", "1"),
            ("birthday-year", "2100"),
            ("address.postalCode", "1234"),
        ];
        answer_shown(browser, &typos).await;
        submit(browser).await;
        assert_problems(
            browser,
            &[
                ("accountPin", EN.problem(Field::AccountPin, &Problem::NotDigits)),
                ("birthday-day", EN.problem(Field::Birthday, &Problem::NotInPast)),
                ("address.postalCode", EN.problem(Field::PostalCode, &Problem::InvalidZip)),
            ],
        )
        .await;
        assert_accessible(browser, "form, errors shown").await;
        let writes: Vec<Call> = proxy.requests.api_calls().into_iter().filter(Call::writes).collect();
        assert_eq!(writes, [Call::new("POST", "/api/portings", 201, true)], "only the create, once valid");
        assert_eq!(proxy.porting_of(user).unwrap().account_number, None, "no update reached Gigs");
    })
    .await;
}

#[tokio::test]
async fn a_number_only_the_server_refuses_gets_its_message_at_the_number() {
    run(|world| async move {
        let (browser, proxy) = (&world.browser, &world.proxy);
        let user = "usr_abroad";
        open_create_step(browser, proxy, user).await;
        // A valid UK number, which the widget's rules accept; but the session's network is the
        // US one, and Gigs (the simulator) takes only numbers of the network's country.
        let typed = [("phoneCountry", "GB"), ("phoneNumber", "07700 900123"), ("donorProvider", "AT&T")];
        fill_create_step(browser, typed[0].1, typed[1].1, typed[2].1).await;
        submit(browser).await;

        let refusal = Problem::CountryCodeMismatch { expected: "1" }.to_string();
        assert_problems(browser, &[("phoneNumber", refusal)]).await;
        assert_accessible(browser, "create step, refused by the server").await;
        for (name, text) in typed {
            assert_eq!(value(browser, name).await, text, "{name} keeps the buyer's answer");
        }
        let refused = Call::new("POST", "/api/portings", 422, true);
        assert_eq!(proxy.requests.api_calls(), [provider_list(), refused]);
        assert_eq!(proxy.porting_of(user), None);

        // A number of the network's country goes through.
        select(browser, "phoneCountry", "US").await;
        fill(browser, "phoneNumber", COMPLETES).await;
        submit(browser).await;
        wait_for_form(browser).await;
        assert_eq!(proxy.porting_of(user).unwrap().phone_number, "+12025550100");
    })
    .await;
}

#[tokio::test]
async fn answers_survive_the_proxy_going_down_and_are_sent_once_it_is_back() {
    run(|mut world| async move {
        let browser = &world.browser;
        let user = "usr_outage";
        let porting = world.proxy.waiting_porting(user, "+12025550100", "svp_us_att");
        browser.goto(&world.proxy.porting_page("outage.html", &porting)).await.unwrap();
        wait_for_form(browser).await;
        let shown = answer_shown(browser, &[]).await;

        // The proxy goes down while the update is on its way: it never answers.
        world.proxy.requests.hold("PATCH");
        submit(browser).await;
        world.proxy.requests.wait_for_held().await;
        wait_until(browser, "the submit is busy", "return document.querySelector('button.pw-busy');", vec![])
            .await;
        world.proxy.crash().await;
        let failure =
            wait_for_text(browser, ".pw-form .pw-error", |t| t.contains(EN.error_unreachable)).await;
        assert!(failure.contains(EN.answers_kept) && failure.contains(EN.retry), "{failure}");
        for name in &shown {
            assert_eq!(value(browser, name).await, answer(name), "{name} keeps its answer");
        }
        assert_accessible(browser, "form, proxy down").await;

        // Trying again too soon fails the same way; focus stays in the form.
        with_text(browser, ".pw-error button", EN.retry).await.click().await.unwrap();
        wait_for_text(browser, ".pw-form .pw-error", |t| t.contains(EN.error_unreachable)).await;
        wait_for_focus(browser, EN.submit).await;
        assert_eq!(value(browser, "accountPin").await, answer("accountPin"), "the PIN is still in memory");

        world.proxy.requests.answer_all();
        world.proxy.restart().await;
        with_text(browser, ".pw-error button", EN.retry).await.click().await.unwrap();
        wait_for_status(browser, &Status::Requested).await;
        assert_accessible(browser, "submitted after the outage").await;
        assert_requested(&world.proxy.porting_of(user).unwrap());
        let path = format!("/api/portings/{}", porting.id);
        let calls = world.proxy.requests.api_calls();
        assert_eq!(calls[0], Call::new("GET", &path, 200, false));
        let writes: Vec<Call> = calls.into_iter().filter(Call::writes).collect();
        assert_eq!(
            writes,
            [Call::new("PATCH", &path, 200, true)],
            "the attempts while down never reached Gigs"
        );
    })
    .await;
}

/// Moves focus on with Tab, checks where it landed, and types `keys` there.
async fn tab_to(browser: &fantoccini::Client, expected: &str, keys: &str) {
    tab(browser).await;
    assert_eq!(focused(browser).await, expected, "focus order");
    if !keys.is_empty() {
        press(browser, keys).await;
    }
}

#[tokio::test]
async fn the_whole_journey_works_with_the_keyboard_alone() {
    run(|world| async move {
        let (browser, proxy) = (&world.browser, &world.proxy);
        let user = "usr_keyboard";
        open_create_step(browser, proxy, user).await;
        // Typing into a closed list chooses the option it spells, where the engine's list does.
        if world.engine == Engine::WebKit {
            println!(
                "WebKit: a closed <select> does not choose by typing; the country stays as the network's"
            );
            tab_to(browser, "phoneCountry", "").await;
        } else {
            tab_to(browser, "phoneCountry", "United States").await;
        }
        assert_eq!(value(browser, "phoneCountry").await, "US");
        tab_to(browser, "phoneNumber", COMPLETES).await;
        tab_to(browser, "donorProvider", "Consumer").await;
        wait_until(
            browser,
            "the list opens",
            "return document.querySelector('[role=listbox]:not([hidden])');",
            vec![],
        )
        .await;
        key(browser, Key::Down).await;
        assert_accessible(browser, "provider list open").await;
        key(browser, Key::Enter).await;
        assert_eq!(value(browser, "donorProvider").await, "Consumer Cellular");
        tab_to(browser, EN.create_submit, "").await;
        key(browser, Key::Enter).await;

        wait_for_form(browser).await;
        wait_for_focus(browser, "pw-status").await;
        proxy.subscribe(&proxy.porting_of(user).expect("the porting was created").id);
        let space = Key::Space.to_string();
        for (expected, keys) in [
            ("accountNumber", answer("accountNumber")),
            // Each field's help disclosure is a stop of its own, closed until pressed.
            ("Where do I find this?", ""),
            ("accountPin", answer("accountPin")),
            (EN.show, &space),
            ("Where do I find this?", ""),
            ("firstName", answer("firstName")),
            ("lastName", answer("lastName")),
            ("address.country", "United States"),
            ("address.line1", answer("address.line1")),
            ("address.line2", ""),
            ("address.city", answer("address.city")),
            ("address.state", "New York"),
            ("address.postalCode", answer("address.postalCode")),
            ("donorProviderApproval", &space),
            (EN.submit, ""),
        ] {
            let typed_into_list = matches!(expected, "address.country" | "address.state");
            if typed_into_list && world.engine == Engine::WebKit {
                println!("WebKit: {expected} is chosen through WebDriver, as typing does not choose in a closed <select>");
                tab_to(browser, expected, "").await;
                select(browser, expected, answer(expected)).await;
            } else {
                tab_to(browser, expected, keys).await;
            }
        }
        let pin = field(browser, "accountPin").await;
        assert_eq!(pin.attr("type").await.unwrap().as_deref(), Some("text"), "Space on Show reveals the PIN");
        shift_tab(browser).await;
        assert_eq!(focused(browser).await, "donorProviderApproval");
        tab_to(browser, EN.submit, "").await;
        key(browser, Key::Enter).await;

        wait_for_status(browser, &Status::Requested).await;
        wait_for_text(browser, ".pw-saved", |text| text == EN.saved).await;
        wait_for_focus(browser, "pw-saved").await;
        let sent = proxy.porting_of(user).unwrap();
        assert_requested(&sent);
        assert_eq!(sent.donor_provider.map(|d| d.name).as_deref(), Some("Consumer Cellular"));
        assert_eq!(sent.donor_provider_approval, Some(true));
        assert_eq!(sent.address.and_then(|a| a.state).as_deref(), Some("NY"));
    })
    .await;
}
