//! JSON from the proxy read into the model's types. In the browser the page's own `JSON.parse`
//! reads it (serde_json's parser cost 4 KB of brotli wasm); natively, serde_json does.

use serde::de::DeserializeOwned;

/// `text` as a `T`, or `None` when it is not JSON or not a `T`.
#[cfg(target_arch = "wasm32")]
pub fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_wasm_bindgen::from_value(js_sys::JSON::parse(text).ok()?).ok()
}

/// `text` as a `T`, or `None` when it is not JSON or not a `T`.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_str(text).ok()
}
