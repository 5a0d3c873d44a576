//! Which language a widget speaks (the host's choice, the page's, the browser's) and, for a
//! language besides English, its words: a file `lang/<tag>.json` of words by key, fetched the
//! first time a widget on the page needs it rather than carried by every buyer.

use std::cell::RefCell;

use leptos::prelude::use_context;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::{with_texts, Messages, EN};
use crate::browser::dom::string_entries;
use crate::browser::js::language_words;

/// The languages besides English, each a file `lang/<tag>.json` of words by key.
pub const LANGUAGES: [&str; 2] = ["de", "es"];

/// The language of the first tag in `wanted` (BCP 47, most wanted first) that has words, else
/// English (`None`).
pub fn language_for<'a>(wanted: impl IntoIterator<Item = &'a str>) -> Option<&'static str> {
    let of = |tag: &str| {
        let language = tag.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        (language == EN.lang)
            .then_some(None)
            .or_else(|| LANGUAGES.into_iter().find(|l| *l == language).map(Some))
    };
    wanted.into_iter().find_map(of).flatten()
}

/// A language's catalog from the JSON of its words, as the widget makes it from what it fetches
/// (which the browser parses: serde's map code would cost the bundle bytes); for tests and tools.
pub fn language_from_json(json: &str) -> Result<&'static Messages, String> {
    let words: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(json).map_err(|e| e.to_string())?;
    let words = words
        .into_iter()
        .map(|(key, text)| match text {
            serde_json::Value::String(text) if Messages::is_key(&key) => Ok((key, text)),
            _ => Err(format!("{key} is not a key with a text")),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(with_texts(&EN, &words))
}

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

/// The catalog the surrounding widget provides, English by default.
pub fn messages() -> &'static Messages {
    use_context::<&'static Messages>().unwrap_or(&EN)
}
