//! Browser tests of following a porting live: the widget reads the proxy's event stream (here a
//! fake proxy behind `window.fetch`), falls back to polling and stops when the session ends.
#![cfg(target_arch = "wasm32")]

mod support;

use porting_widget::embed::{mount, Mounted};
use porting_widget::events::Emitter;
use porting_widget::messages::EN;
use serde_json::{json, Value};
use support::*;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// The widget as a page mounts it, so dropping it removes it as `unmount()` does.
fn widget(host: &HtmlElement) -> Mounted {
    let config = Ok(session_config(FAKE_BASE, Some("prt_1")));
    mount(host.clone(), config, Emitter::new(host.clone().into()))
}

/// An event stream carrying `portings`, with a heartbeat between them.
fn stream(portings: &[Value]) -> String {
    portings.iter().map(|p| format!(":heartbeat\n\nevent: porting\ndata: {p}\n\n")).collect()
}

fn requests_to(fake: &FakeProxy, path: &str) -> Vec<Value> {
    fake.requests().into_iter().filter(|r| r["path"] == format!("/api{path}")).collect()
}

#[wasm_bindgen_test]
async fn changes_arrive_over_the_stream_are_announced_once_and_a_final_status_ends_it() {
    let fake = FakeProxy::install();
    let requested = porting_value("requested", &[]);
    fake.answer("GET", "/portings/prt_1", 200, &requested, json!({}));
    let completed = porting_value("completed", &[]);
    let body = stream(&[requested.clone(), requested.clone(), completed]);
    fake.answer_text(
        "GET",
        "/portings/prt_1/events",
        200,
        &body,
        json!({"Content-Type": "text/event-stream"}),
    );
    let host = host();
    let _mounted = widget(&host);

    appears(&host, "[data-status=completed]").await;
    // Unchanged portings and heartbeats said nothing; the one change was announced.
    assert_eq!(text(&host, ".pw-announcer"), EN.announce(EN.status_completed));
    let streams = requests_to(&fake, "/portings/prt_1/events");
    assert_eq!(streams.len(), 1);
    assert_eq!(streams[0]["auth"], "Bearer session-1", "the session travels in the header");
    assert_eq!(streams[0]["query"], "", "never in the URL");
    quiet_for(2_500).await;
    assert_eq!(requests_to(&fake, "/portings/prt_1/events").len(), 1, "no stream after the final status");
    assert_eq!(requests_to(&fake, "/portings/prt_1").len(), 1, "no polling while the stream works");
    assert!(find(&host, ".pw-cancel").unwrap().has_attribute("hidden"), "no cancel once completed");
}

#[wasm_bindgen_test]
async fn without_a_stream_route_the_widget_polls() {
    let fake = FakeProxy::install();
    // The stream's first attempt finds no proxy; it is tried again after a second or less.
    fake.answer("GET", "/portings/prt_1", 200, &porting_value("requested", &[]), json!({}));
    let host = host();
    let _mounted = widget(&host);
    appears(&host, "[data-status=requested]").await;
    fake.answer("GET", "/portings/prt_1", 200, &porting_value("declined", &[]), json!({}));
    fake.answer("GET", "/portings/prt_1/events", 404, &json!({"object": "error"}), json!({}));
    // The first poll comes at once once the stream is known to be missing.
    until("the poll brings the decline", || find(&host, "[data-status=declined]").is_some()).await;
    assert_eq!(requests_to(&fake, "/portings/prt_1/events").len(), 2);
    assert_eq!(requests_to(&fake, "/portings/prt_1").len(), 2);
    assert_eq!(text(&host, ".pw-announcer"), EN.announce(EN.status_declined));
}

#[wasm_bindgen_test]
async fn an_ended_session_stops_following_and_says_so() {
    let fake = FakeProxy::install();
    fake.answer("GET", "/portings/prt_1", 200, &porting_value("requested", &[]), json!({}));
    let expired = json!({"object": "error", "type": "authenticationError", "code": "sessionExpired", "message": "Expired."});
    fake.answer("GET", "/portings/prt_1/events", 401, &expired, json!({}));
    let host = host();
    let _mounted = widget(&host);
    let notice = appears(&host, ".pw-live-ended:not([hidden])").await;
    assert_eq!(notice.text_content().unwrap(), EN.live_ended);
    assert_eq!(text(&host, ".pw-announcer"), EN.live_ended);
    let before = fake.requests().len();
    quiet_for(2_500).await;
    assert_eq!(fake.requests().len(), before, "nothing is tried again");
}

#[wasm_bindgen_test]
async fn a_porting_the_session_no_longer_reaches_ends_polling_and_says_so() {
    let fake = FakeProxy::install();
    fake.answer("GET", "/portings/prt_1", 200, &porting_value("requested", &[]), json!({}));
    let host = host();
    let _mounted = widget(&host);
    appears(&host, "[data-status=requested]").await;
    // A session refreshed without this porting: the proxy no longer finds it, stream or not.
    let not_found =
        json!({"object": "error", "type": "notFoundError", "code": "portingNotFound", "message": "No."});
    fake.answer("GET", "/portings/prt_1", 404, &not_found, json!({}));
    fake.answer("GET", "/portings/prt_1/events", 404, &not_found, json!({}));
    appears(&host, ".pw-live-ended:not([hidden])").await;
    assert_eq!(requests_to(&fake, "/portings/prt_1").len(), 2, "one poll found it gone");
    let before = fake.requests().len();
    quiet_for(2_500).await;
    assert_eq!(fake.requests().len(), before, "nothing is tried again");
}

#[wasm_bindgen_test]
async fn a_cancel_refused_because_the_porting_moved_on_shows_where_it_stands() {
    let fake = FakeProxy::showing("declined", &[]);
    let host = host();
    let _mounted = widget(&host);
    let cancel = appears(&host, ".pw-cancel:not([hidden])").await;
    cancel.click();
    let title = appears(&host, ".pw-confirm:not([hidden]) .pw-confirm-title").await;
    until("the confirmation has focus", || focused_id() == title.id()).await;
    assert_eq!(title.text_content().unwrap(), EN.cancel_title);

    let conflict =
        json!({"object": "error", "type": "conflictError", "code": "portingNotCancelable", "message": "No."});
    fake.answer("POST", "/portings/prt_1/cancel", 409, &conflict, json!({}));
    fake.answer("GET", "/portings/prt_1", 200, &porting_value("completed", &[]), json!({}));
    find(&host, ".pw-cancel-confirm").unwrap().click();
    appears(&host, "[data-status=completed]").await;
    let outcome = appears(&host, ".pw-actions .pw-saved").await;
    until("the buyer is told", || outcome.text_content().unwrap() == EN.moved_on).await;
    until("focus is on what they are told", || focused_id() == outcome.id()).await;
    assert_eq!(fake.sent("POST").len(), 1);
    assert!(find(&host, ".pw-cancel").unwrap().has_attribute("hidden"), "nothing to cancel now");
}

#[wasm_bindgen_test]
async fn a_failed_cancel_keeps_focus_on_the_cancel_button_through_its_retry() {
    let fake = FakeProxy::showing("declined", &[]);
    let host = host();
    let _mounted = widget(&host);
    let cancel = appears(&host, ".pw-cancel:not([hidden])").await;
    cancel.click();
    appears(&host, ".pw-confirm:not([hidden])").await;
    // The proxy is away: the confirmation, and the button that had focus, go with the failure.
    find(&host, ".pw-cancel-confirm").unwrap().click();
    let alert = appears(&host, ".pw-actions .pw-error").await;
    assert!(find(&host, ".pw-confirm").unwrap().has_attribute("hidden"));
    until("focus is back on cancel", || focused_id() == cancel.id()).await;

    fake.answer_late("POST", "/portings/prt_1/cancel", 300, 200, &porting_value("canceled", &[]));
    find(&alert, "button").expect("a retry").click();
    assert_eq!(focused_id(), cancel.id(), "focus waits on cancel while the retry runs");
    appears(&host, "[data-status=canceled]").await;
    assert_eq!(fake.sent("POST").len(), 2);
}

#[wasm_bindgen_test]
async fn an_answer_after_the_widget_is_gone_changes_nothing_and_breaks_nothing() {
    let fake = FakeProxy::showing("declined", &[]);
    fake.answer_late("POST", "/portings/prt_1/cancel", 300, 200, &porting_value("canceled", &[]));
    let host = host();
    let mounted = widget(&host);
    appears(&host, ".pw-cancel:not([hidden])").await.click();
    appears(&host, ".pw-confirm:not([hidden])").await;
    find(&host, ".pw-cancel-confirm").unwrap().click();
    until("the cancel was sent", || fake.sent("POST").len() == 1).await;
    // A panic (a disposed signal touched by the late answer) is written to the console.
    js_sys::eval("window.__pwErrors = []; window.__pwError = console.error; console.error = (...a) => { __pwErrors.push(a.join(' ')); __pwError(...a); };").unwrap();
    let answered = fake.answered();
    drop(mounted);
    assert!(find(&host, ".pw").is_none(), "removed at once");
    until("the late answer came", || fake.answered() == answered + 1).await;
    // Read by the task it answers within a moment, where a disposed signal would trap.
    quiet_for(100).await;
    let errors = js_sys::eval("console.error = window.__pwError; JSON.stringify(window.__pwErrors)").unwrap();
    assert_eq!(errors.as_string().unwrap(), "[]", "nothing went wrong when the answer came");

    // The page's wasm still runs: a new widget loads and shows its porting.
    let again = support::host();
    let _mounted = widget(&again);
    appears(&again, "[data-status=declined]").await;
    assert!(find(&host, ".pw").is_none(), "the first widget stays gone");
}

#[wasm_bindgen_test]
async fn a_removed_widget_stops_following() {
    let fake = FakeProxy::install();
    fake.answer("GET", "/portings/prt_1", 200, &porting_value("requested", &[]), json!({}));
    fake.answer("GET", "/portings/prt_1/events", 503, &json!({"object": "error"}), json!({}));
    let host = host();
    let mounted = widget(&host);
    until("the stream was tried twice", || requests_to(&fake, "/portings/prt_1/events").len() >= 2).await;
    drop(mounted);
    let before = fake.requests().len();
    quiet_for(4_000).await;
    assert_eq!(fake.requests().len(), before, "nothing more is asked once the widget is gone");
}
