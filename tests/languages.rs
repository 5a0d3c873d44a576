//! Browser tests of the languages besides English: their words fetched once for the page, and
//! English where they cannot be had.
#![cfg(target_arch = "wasm32")]

mod support;

use porting_widget::embed::mount_js;
use porting_widget::messages::EN;
use serde_json::{json, Value};
use support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn options(value: &Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).unwrap()
}

#[wasm_bindgen_test]
async fn a_language_is_fetched_once_for_the_page_and_english_stands_in_when_it_cannot_be() {
    let fake = FakeProxy::install();
    let waiting = porting_value("informationRequired", &["accountPin"]);
    fake.answer("GET", "/portings/prt_1", 200, &waiting, json!({}));
    fake.hang("GET", "/portings/prt_1/events");
    let german = json!({"proxyBase": FAKE_BASE, "session": "s", "portingId": "prt_1", "locale": "de"});
    let asked = || fake.requests().iter().filter(|r| r["path"] == "/lang/de.json").count();

    // The words cannot be fetched: the buyer still gets the widget, in English.
    let first = host();
    let _first = mount_js(first.clone().into(), options(&german)).unwrap();
    appears(&first, "[data-field=accountPin]").await;
    assert_eq!(text(&first, "h2"), EN.title);
    assert_eq!(attr(&find(&first, ".pw").unwrap(), "lang").as_deref(), Some("en"));
    assert_eq!(asked(), 1);

    // Served: German. Two widgets mounted at once share one request, and a later one makes none.
    fake.serve_language("de");
    let german_words = language("de");
    let twins = [host(), host()];
    let _twins: Vec<_> =
        twins.iter().map(|host| mount_js(host.clone().into(), options(&german)).unwrap()).collect();
    for host in &twins {
        appears(host, "[data-field=accountPin]").await;
        assert_eq!(text(host, "h2"), german_words.title);
    }
    assert_eq!(asked(), 2, "one request for the two");
    let third = host();
    let _third = mount_js(third.clone().into(), options(&german)).unwrap();
    appears(&third, "[data-field=accountPin]").await;
    assert_eq!(text(&third, "h2"), german_words.title);
    assert_eq!(attr(&find(&third, ".pw").unwrap(), "lang").as_deref(), Some("de"));
    assert_eq!(asked(), 2, "kept for the page");
}
