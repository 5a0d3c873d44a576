//! The porting widget: a Leptos component that lets a buyer keep their phone number, talking to
//! the merchant's porting proxy.

pub mod api;
pub mod components;
pub mod config;
mod dom;
pub mod form;
pub mod live;
pub mod messages;
pub mod presentation;
pub mod status;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::PortingWidget;
use crate::config::Config;
pub use crate::dom::UNKNOWN_REQUIRED_EVENT;

/// Mounts a widget into `host`, configured by the host's `data-` attributes.
pub fn mount_in(host: web_sys::HtmlElement) {
    let config = Config::from_attributes(|name| host.get_attribute(name));
    leptos::mount::mount_to(host, move || view! { <PortingWidget config/> }).forget();
}

/// Mounts a widget into every element marked `data-porting-widget` on the page.
pub fn mount_all() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(hosts) = document.query_selector_all("[data-porting-widget]") else { return };
    for i in 0..hosts.length() {
        if let Some(host) = hosts.item(i).and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok()) {
            mount_in(host);
        }
    }
}
