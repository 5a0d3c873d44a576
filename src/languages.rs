//! The words of the languages besides English, fetched the first time a widget on the page
//! needs one (`lang/<tag>.json` beside the widget's files) rather than carried by every buyer.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::dom::string_entries;
use crate::js::language_url;
use crate::messages::{with_texts, Messages, EN};

thread_local! {
    /// The languages fetched so far, so that every later widget in one starts at once.
    static FETCHED: RefCell<Vec<(&'static str, &'static Messages)>> = const { RefCell::new(Vec::new()) };
}

/// The catalog of `lang`: English with its words, or English alone when they cannot be had (the
/// console says why).
pub async fn language(lang: &'static str) -> &'static Messages {
    if let Some(found) =
        FETCHED.with_borrow(|fetched| fetched.iter().find(|(l, _)| *l == lang).map(|(_, m)| *m))
    {
        return found;
    }
    let url = language_url(lang);
    match words(&url).await {
        Ok(words) => {
            let catalog = with_texts(&EN, &words);
            FETCHED.with_borrow_mut(|fetched| fetched.push((lang, catalog)));
            catalog
        }
        Err(why) => {
            leptos::logging::warn!("porting-widget: the words of \"{lang}\" ({url}) {why}; showing English");
            &EN
        }
    }
}

/// The words by key of the JSON object at `url`.
async fn words(url: &str) -> Result<Vec<(String, String)>, String> {
    let window = web_sys::window().ok_or("have no window")?;
    let unreachable = |_| "could not be fetched".to_owned();
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str(url)).await.map_err(unreachable)?.unchecked_into();
    if !response.ok() {
        return Err(format!("were answered HTTP {}", response.status()));
    }
    let not_json = |_| "are not JSON".to_owned();
    let value = JsFuture::from(response.json().map_err(not_json)?).await.map_err(not_json)?;
    string_entries(&value, "the file", Messages::is_key, "a text key")
}
