//! The words of the languages besides English, fetched the first time a widget on the page
//! needs one (`lang/<tag>.json` beside the widget's files) rather than carried by every buyer.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::dom::string_entries;
use crate::js::language_words;
use crate::messages::{with_texts, Messages, EN};

thread_local! {
    /// The languages made into catalogs so far, so that every later widget in one starts at once.
    static MADE: RefCell<Vec<(&'static str, &'static Messages)>> = const { RefCell::new(Vec::new()) };
}

fn made(lang: &str) -> Option<&'static Messages> {
    MADE.with_borrow(|made| made.iter().find(|(l, _)| *l == lang).map(|(_, m)| *m))
}

/// The catalog of `lang`: English with its words, or English alone when they cannot be had (the
/// console says why). Widgets that want it at once share one request.
pub async fn language(lang: &'static str) -> &'static Messages {
    if let Some(found) = made(lang) {
        return found;
    }
    let fetched = JsFuture::from(language_words(lang)).await;
    // Another widget waiting for the same words may have made the catalog meanwhile.
    if let Some(found) = made(lang) {
        return found;
    }
    let words = fetched
        .map_err(|error| error.dyn_ref::<js_sys::Error>().map_or("no answer".into(), |e| e.message().into()))
        .and_then(|value| string_entries(&value, "the file", Messages::is_key, "a text key"));
    match words {
        Ok(words) => {
            let catalog = with_texts(&EN, &words);
            MADE.with_borrow_mut(|made| made.push((lang, catalog)));
            catalog
        }
        Err(why) => {
            leptos::logging::warn!("porting-widget: no words for \"{lang}\" ({why}); showing English");
            &EN
        }
    }
}
