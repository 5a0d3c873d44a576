//! The widget as an element of the page: `<porting-widget>` and the `data-porting-widget`
//! elements found at start, each configured by its attributes.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use super::handle::Handle;
use super::registry::{register, Source};
use crate::config::{Names, DATA_ATTRIBUTES, ELEMENT_ATTRIBUTES};

/// A widget configured by `host`'s attributes, named as `names` says.
fn mount_attributes(host: HtmlElement, names: &'static Names) -> Result<Handle, JsValue> {
    let handle = Handle(register(host, Source::Attributes(names))?);
    handle.refresh();
    Ok(handle)
}

/// Mounts a widget into every element marked `data-porting-widget` on the page, for good.
pub fn mount_all() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(hosts) = document.query_selector_all("[data-porting-widget]") else { return };
    for i in 0..hosts.length() {
        if let Some(host) = hosts.item(i).and_then(|node| node.dyn_into::<HtmlElement>().ok()) {
            if let Err(error) = mount_attributes(host, &DATA_ATTRIBUTES) {
                web_sys::console::error_1(&error);
            }
        }
    }
}

/// Defines `<porting-widget>`, configured by its attributes and unmounted when removed (so
/// connected again, it mounts afresh).
pub fn define_custom_element() {
    let connect = Closure::<dyn Fn(HtmlElement) -> Result<JsValue, JsValue>>::new(|host: HtmlElement| {
        mount_attributes(host, &ELEMENT_ATTRIBUTES).map(JsValue::from)
    });
    let observed = ELEMENT_ATTRIBUTES.all().into_iter().map(JsValue::from_str).collect();
    crate::browser::js::define_element(connect.as_ref(), observed);
    // Lives as long as the page: every element connected later calls it.
    connect.forget();
}
