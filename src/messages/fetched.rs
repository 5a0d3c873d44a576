//! A language's words in the browser: fetched from `lang/<tag>.json` beside the widget's files the
//! first time a widget on the page needs them, rather than carried by every buyer.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::{with_texts, Messages, EN};
use crate::browser::dom::string_entries;
use crate::browser::js::language_words;

thread_local! {
    /// The languages made into catalogs so far, so that every later widget in one starts at once.
    static CATALOGS: RefCell<Vec<(&'static str, &'static Messages)>> = const { RefCell::new(Vec::new()) };
}

fn catalog_of(lang: &str) -> Option<&'static Messages> {
    CATALOGS.with_borrow(|catalogs| catalogs.iter().find(|(l, _)| *l == lang).map(|(_, m)| *m))
}

/// The catalog of `lang`: English with its words, or English alone when they cannot be had (the
/// console says why). Widgets that want it at once share one request.
pub async fn language(lang: &'static str) -> &'static Messages {
    if let Some(found) = catalog_of(lang) {
        return found;
    }
    let fetched = JsFuture::from(language_words(lang)).await;
    // Another widget waiting for the same words may have made the catalog meanwhile.
    if let Some(found) = catalog_of(lang) {
        return found;
    }
    let words = fetched
        .map_err(|error| error.dyn_ref::<js_sys::Error>().map_or("no answer".into(), |e| e.message().into()))
        .and_then(|value| string_entries(&value, "the file", Messages::is_key, "a text key"));
    match words {
        Ok(words) => {
            let catalog = with_texts(&EN, &words);
            CATALOGS.with_borrow_mut(|catalogs| catalogs.push((lang, catalog)));
            catalog
        }
        Err(why) => {
            leptos::logging::warn!("porting-widget: no words for \"{lang}\" ({why}); showing English");
            &EN
        }
    }
}
