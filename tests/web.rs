//! Browser tests: components mounted into a real DOM in headless Chromium.
#![cfg(target_arch = "wasm32")]

mod support;

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use porting_model::{DeclineCode, Status};
use porting_widget::components::{ErrorState, PortingWidget, StatusPanel};
use porting_widget::config::ConfigError;
use porting_widget::journey::timeline::Moment;
use porting_widget::messages::EN;
use support::{
    appears, find, focused_id, host, porting, porting_value, session_config, text, until, FakeProxy,
    FAKE_BASE,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn status_panel_shows_the_number_as_written_what_comes_next_and_the_history() {
    let host = host();
    let porting = RwSignal::new(porting("informationRequired", &[]));
    let _mounted = mount_to(host.clone(), move || view! { <StatusPanel porting /> });

    assert_eq!(text(&host, ".pw-number"), "+1 201-555-0123");
    let row = find(&host, "[data-status]").expect("the status row");
    assert_eq!(row.get_attribute("data-status").as_deref(), Some("informationRequired"));
    assert!(row.text_content().unwrap().contains(EN.status_information_required));
    assert!(find(&host, ".pw-badge.pw-tone-action").is_some());
    assert_eq!(text(&host, ".pw-next"), EN.next_information_required);
    assert!(find(&host, "[role=status]").is_none(), "the widget's live region announces, not the panel");
    assert_eq!(host.query_selector_all(".pw-timeline li").unwrap().length(), 1, "created");

    porting.update(|p| {
        p.status = Status::Declined;
        p.declined_code = Some(DeclineCode::from("portingSimSwapped"));
        p.declined_message = Some("<b>SIM</b> swapped".into());
        p.last_declined_at = Some("2030-01-01T10:05:00Z".into());
        p.declined_attempts = 1;
    });
    tick().await;
    assert_eq!(text(&host, ".pw-next"), EN.guidance(None));
    // Gigs' words for a code the widget cannot explain, as text.
    assert!(text(&host, ".pw-provider-words q").contains("<b>SIM</b> swapped"));
    assert!(find(&host, ".pw-provider-words b").is_none());
    assert_eq!(
        text(&host, ".pw-timeline li:last-child .pw-moment"),
        EN.moment(&Moment::Declined { attempts: 1 })
    );

    porting.update(|p| p.status = Status::Completed);
    tick().await;
    assert!(find(&host, ".pw-badge.pw-tone-success").is_some());
    assert!(find(&host, ".pw-provider-words").unwrap().has_attribute("hidden"));
}

#[wasm_bindgen_test]
async fn an_unknown_status_is_shown_without_breaking() {
    let host = host();
    let _mounted = mount_to(host.clone(), move || view! { <StatusPanel porting=porting("onHold", &[]) /> });
    assert!(text(&host, "[data-status]").contains(EN.status_unknown));
    assert_eq!(text(&host, ".pw-next"), EN.next_unknown);
}

#[wasm_bindgen_test]
async fn a_wait_asked_by_the_proxy_is_counted_down_before_the_retry_works() {
    let host = host();
    let tries = RwSignal::new(0);
    let retry = Callback::new(move |()| tries.update(|n| *n += 1));
    let _mounted = mount_to(host.clone(), move || {
        view! { <ErrorState text=EN.error_rate_limited retry=Some(retry) wait=Some(2) /> }
    });
    let button: web_sys::HtmlElement = find(&host, "button").unwrap().dyn_into().unwrap();
    assert_eq!(button.text_content().unwrap(), EN.retry_in(2));
    assert_eq!(button.get_attribute("aria-disabled").as_deref(), Some("true"));
    button.click();
    tick().await;
    assert_eq!(tries.get_untracked(), 0, "no retry while waiting");
    until("a second is counted down", || button.text_content().unwrap() == EN.retry_in(1)).await;
    assert_eq!(button.get_attribute("aria-disabled").as_deref(), Some("true"), "still waiting");
    until("the wait is over", || button.text_content().unwrap() == EN.retry).await;
    assert_eq!(button.get_attribute("aria-disabled"), None);
    button.click();
    tick().await;
    assert_eq!(tries.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn widget_says_the_proxy_is_unreachable_and_offers_a_retry() {
    let host = host();
    // Nothing listens on port 9 of this machine's loopback (the discard port).
    let config = Ok(session_config("http://127.0.0.1:9/api", Some("prt_1")));
    let _mounted = mount_to(host.clone(), move || view! { <PortingWidget config /> });
    assert!(find(&host, ".pw-loading").is_some(), "shows loading first");

    let alert = appears(&host, ".pw-error").await;
    assert!(text(&alert, "[role=alert]").contains(EN.error_unreachable));
    let retry = find(&alert, "button").expect("a retry button");
    assert_eq!(retry.text_content().unwrap(), EN.retry);

    retry.click();
    tick().await;
    assert!(find(&host, ".pw-loading").is_some(), "retrying loads again");
    appears(&host, "[role=alert]").await;
}

#[wasm_bindgen_test]
async fn after_a_retry_focus_follows_the_load_as_the_button_pressed_is_gone() {
    let fake = FakeProxy::install();
    let host = host();
    let config = Ok(session_config(FAKE_BASE, Some("prt_1")));
    let _mounted = mount_to(host.clone(), move || view! { <PortingWidget config /> });
    let retry = appears(&host, ".pw-error button").await;
    assert!(!host.contains(support::document().active_element().as_deref()), "a first load takes no focus");

    fake.answer_late("GET", "/portings/prt_1", 300, 200, &porting_value("requested", &[]));
    fake.hang("GET", "/portings/prt_1/events");
    retry.click();
    let loading = appears(&host, ".pw-loading").await;
    until("the loading text has focus", || focused_id() == loading.id()).await;
    let status = appears(&host, ".pw-status").await;
    until("then where the transfer stands", || focused_id() == status.id()).await;
}

#[wasm_bindgen_test]
async fn a_misconfigured_host_tells_the_buyer_in_the_catalogs_words_and_the_console_the_detail() {
    js_sys::eval("window.__pwLogged = []; window.__pwError = console.error; console.error = (...a) => __pwLogged.push(a.join(' '));")
        .unwrap();
    let host = host();
    let error = ConfigError::Missing("data-session");
    let config = Err(error.clone());
    let _mounted = mount_to(host.clone(), move || view! { <PortingWidget config /> });
    let logged = js_sys::eval("console.error = window.__pwError; String(window.__pwLogged)").unwrap();
    assert!(logged.as_string().unwrap().contains("data-session"), "{logged:?}");
    assert_eq!(text(&host, "[role=alert] p"), EN.config_error(&error));
    assert!(!text(&host, "[role=alert]").contains("data-session"), "the detail is not the buyer's");
    assert!(find(&host, ".pw-error button").is_none(), "no retry for a configuration error");
}

#[wasm_bindgen_test]
async fn the_widget_declares_its_language_for_screen_readers() {
    let host = host();
    let config = Err(ConfigError::Missing("data-proxy-base"));
    let _mounted = mount_to(host.clone(), move || view! { <PortingWidget config /> });
    assert_eq!(
        find(&host, "section.pw").and_then(|root| root.get_attribute("lang")).as_deref(),
        Some(EN.lang)
    );
}

/// The browser's `JSON.parse` reads what the proxy sends exactly as serde_json does natively:
/// the same values, the same fields Gigs adds ignored, the same refusals.
#[wasm_bindgen_test]
fn the_browser_reads_the_wire_as_serde_json_does() {
    use porting_model::{GigsError, List, Porting, ServiceProvider};
    use porting_widget::api::json::parse;
    use serde::de::DeserializeOwned;
    use serde_json::json;

    fn same<T: DeserializeOwned + PartialEq + std::fmt::Debug>(text: &str, parses: bool) {
        let native = serde_json::from_str::<T>(text).ok();
        assert_eq!(native.is_some(), parses, "serde_json on {text}");
        assert_eq!(parse::<T>(text), native, "{text}");
    }
    let mut full = support::porting_value("declined", &["accountPin", "address"]);
    full["accountNumber"] = json!("ACC-\"1\"\u{e9}\\n");
    full["address"] = json!({"line1": "1 Main St", "line2": null, "city": "Zürich", "postalCode": "8001", "state": null, "country": "CH"});
    full["declinedAttempts"] = json!(4_000_000_000u32);
    full["declinedCode"] = json!("portingSomethingNew");
    full["donorProvider"] =
        json!({"object": "serviceProvider", "id": "svp_x", "name": "😀 Mobile", "recipientProviders": []});
    full["donorProviderApproval"] = json!(true);
    full["futureField"] = json!({"nested": [1, 2.5e-3, "x", null, {"deep": false}]});
    same::<Porting>(&full.to_string(), true);
    same::<Porting>(&support::porting_value("nobodyKnowsThis", &["ssnLast4"]).to_string(), true);
    for (field, value) in [
        ("declinedAttempts", json!(-1)),
        ("declinedAttempts", json!(1.5)),
        ("declinedAttempts", json!(4_294_967_296u64)),
        ("phoneNumber", json!(12015550123u64)),
        ("required", json!("accountPin")),
        ("id", json!(null)),
    ] {
        let mut wrong = full.clone();
        wrong[field] = value;
        same::<Porting>(&wrong.to_string(), false);
    }
    let mut missing = full.clone();
    missing.as_object_mut().unwrap().remove("status");
    same::<Porting>(&missing.to_string(), false);
    for text in ["", "{", "[]", "null", "<html>", "{\"id\": \"prt_1\"}"] {
        same::<Porting>(text, false);
    }
    same::<List<ServiceProvider>>(&support::providers_value().to_string(), true);
    same::<GigsError>(
        r#"{"object": "error", "type": "invalidRequestError", "message": "Invalid", "details": [{"property": "accountPin", "message": "short"}]}"#,
        true,
    );
    same::<GigsError>(r#"{"object": "error", "type": "notFound", "message": "No"}"#, true);
}
