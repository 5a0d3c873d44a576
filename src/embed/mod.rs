//! How a page embeds the widget: the `<porting-widget>` element and the `data-porting-widget`
//! elements found at start ([`element`]), the JS API's `mount(target, options)` and its handle
//! ([`handle`]), the widgets on the page ([`registry`]), one widget's life ([`mount`]) and the
//! fields its focus goes through, told to the host (`focus`). A
//! widget lives until unmounted, whatever becomes of its handle, and a host holds one at a time.

mod element;
mod focus;
mod handle;
mod mount;
mod registry;
mod takeover;

pub use element::{define_custom_element, mount_all};
pub use handle::{mount_js, Handle};
pub use mount::{mount, Mounted};

fn type_error(message: String) -> wasm_bindgen::JsValue {
    js_sys::TypeError::new(&format!("porting-widget: {message}")).into()
}
