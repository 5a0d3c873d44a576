//! Browser tests: components mounted into a real DOM in headless Chromium.
#![cfg(target_arch = "wasm32")]

mod support;

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use porting_model::Status;
use porting_widget::components::{PortingWidget, StatusPanel};
use porting_widget::config::{Access, Config, ConfigError};
use porting_widget::messages::EN;
use support::{appears, find, host, porting, text};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn status_panel_shows_the_number_and_announces_status_changes() {
    let host = host();
    let porting = RwSignal::new(porting("informationRequired", &[]));
    let _mounted = mount_to(host.clone(), move || view! { <StatusPanel porting/> });

    assert_eq!(text(&host, ".pw-number"), "+12015550123");
    let live = find(&host, "[role=status]").expect("a live region");
    assert_eq!(live.get_attribute("data-status").as_deref(), Some("informationRequired"));
    assert!(live.text_content().unwrap().contains(EN.status_information_required));
    assert!(find(&host, ".pw-badge.pw-tone-action").is_some());

    porting.update(|p| p.status = Status::Completed);
    tick().await;
    // The same live region element now carries the new status, so it is announced.
    let after = find(&host, "[role=status]").unwrap();
    assert!(after.is_same_node(Some(&live)));
    assert!(after.text_content().unwrap().contains(EN.status_completed));
    assert!(find(&host, ".pw-badge.pw-tone-success").is_some());
}

#[wasm_bindgen_test]
async fn an_unknown_status_is_shown_without_breaking() {
    let host = host();
    let _mounted = mount_to(host.clone(), move || view! { <StatusPanel porting=porting("onHold", &[])/> });
    assert!(text(&host, "[role=status]").contains(EN.status_unknown));
}

#[wasm_bindgen_test]
async fn widget_says_the_proxy_is_unreachable_and_offers_a_retry() {
    let host = host();
    // Nothing listens on port 9 of this machine's loopback (the discard port).
    let config = Ok(Config {
        proxy_base: "http://127.0.0.1:9/api".into(),
        access: Access::Session { token: "t".into(), porting_id: Some("prt_1".into()) },
    });
    let _mounted = mount_to(host.clone(), move || view! { <PortingWidget config/> });
    assert!(find(&host, ".pw-loading").is_some(), "shows loading first");

    let alert = appears(&host, "[role=alert]").await;
    assert!(alert.text_content().unwrap().contains(EN.error_unreachable));
    let retry = find(&alert, "button").expect("a retry button");
    assert_eq!(retry.text_content().unwrap(), EN.retry);

    retry.click();
    tick().await;
    assert!(find(&host, ".pw-loading").is_some(), "retrying loads again");
    appears(&host, "[role=alert]").await;
}

#[wasm_bindgen_test]
async fn a_misconfigured_host_tells_the_buyer_in_the_catalogs_words_and_the_console_the_detail() {
    js_sys::eval("window.__pwLogged = []; window.__pwError = console.error; console.error = (...a) => __pwLogged.push(a.join(' '));")
        .unwrap();
    let host = host();
    let error = ConfigError::Missing("data-session");
    let config = Err(error.clone());
    let _mounted = mount_to(host.clone(), move || view! { <PortingWidget config/> });
    let logged = js_sys::eval("console.error = window.__pwError; String(window.__pwLogged)").unwrap();
    assert!(logged.as_string().unwrap().contains("data-session"), "{logged:?}");
    assert_eq!(text(&host, "[role=alert] p"), EN.config_error(&error));
    assert!(!text(&host, "[role=alert]").contains("data-session"), "the detail is not the buyer's");
    assert!(find(&host, "[role=alert] button").is_none(), "no retry for a configuration error");
}

#[wasm_bindgen_test]
async fn the_widget_declares_its_language_for_screen_readers() {
    let host = host();
    let config = Err(ConfigError::Missing("data-proxy-base"));
    let _mounted = mount_to(host.clone(), move || view! { <PortingWidget config/> });
    assert_eq!(
        find(&host, "section.pw").and_then(|root| root.get_attribute("lang")).as_deref(),
        Some(EN.lang)
    );
}
