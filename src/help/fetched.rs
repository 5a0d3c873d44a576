//! A language's help words in the browser: fetched from `lang/help/<lang>.json` beside the
//! widget's files the first time a buyer opens a disclosure, once for every widget on the page.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::HelpWords;
use crate::browser::dom::string_entries;
use crate::browser::js::language_words;

thread_local! {
    static FETCHED: RefCell<Vec<(&'static str, HelpWords)>> = const { RefCell::new(Vec::new()) };
}

fn fetched(lang: &str) -> Option<HelpWords> {
    FETCHED.with_borrow(|all| all.iter().find(|(l, _)| *l == lang).map(|(_, words)| *words))
}

/// The help words of `lang`; why not, for the console, when they cannot be had (asked again at
/// the next opening).
pub async fn help_words(lang: &'static str) -> Result<HelpWords, String> {
    if let Some(words) = fetched(lang) {
        return Ok(words);
    }
    let answer = JsFuture::from(language_words(&format!("help/{lang}"))).await;
    if let Some(words) = fetched(lang) {
        return Ok(words);
    }
    let words = answer
        .map_err(|error| error.dyn_ref::<js_sys::Error>().map_or("no answer".into(), |e| e.message().into()))
        .and_then(|value| {
            string_entries(&value, "the help file", |key| key.starts_with("help."), "a help key")
        })?;
    let words: HelpWords = Vec::leak(words);
    FETCHED.with_borrow_mut(|all| all.push((lang, words)));
    Ok(words)
}
