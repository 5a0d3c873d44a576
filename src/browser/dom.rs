//! What the embedding reads of the page: its languages and the JS objects a host hands in.

use wasm_bindgen::{JsCast, JsValue};

/// The language of the page around `host`: the nearest `lang` attribute.
pub fn page_language(host: &web_sys::Element) -> Option<String> {
    host.closest("[lang]").ok().flatten()?.get_attribute("lang").filter(|lang| !lang.trim().is_empty())
}

/// The browser's languages, most preferred first.
pub fn browser_languages() -> Vec<String> {
    let Some(window) = web_sys::window() else { return Vec::new() };
    window.navigator().languages().iter().filter_map(|tag| tag.as_string()).collect()
}

/// The string entries of the object `value` (`name` in the messages), each key one that
/// `allowed` accepts (`what` says which those are); nothing for `undefined` or `null`.
pub fn string_entries(
    value: &JsValue,
    name: &str,
    allowed: impl Fn(&str) -> bool,
    what: &str,
) -> Result<Vec<(String, String)>, String> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    if !value.is_object() {
        return Err(format!("{name} must be an object"));
    }
    let mut found = Vec::new();
    for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !allowed(&key) {
            return Err(format!("{name}.{key} is not {what}"));
        }
        let text = js_sys::Reflect::get(value, &JsValue::from_str(&key)).unwrap_or_default();
        found.push((key.clone(), text.as_string().ok_or_else(|| format!("{name}.{key} must be a string"))?));
    }
    Ok(found)
}
