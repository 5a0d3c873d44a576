//! Which language a widget speaks (the host's choice, the page's, the browser's), each language
//! besides English being a file `lang/<tag>.json` of words by key, and the catalog around a
//! component. On the server the files are compiled in ([`server_catalog`]).

use leptos::prelude::use_context;

use super::{with_texts, Messages, EN};

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

/// The catalog the surrounding widget provides, English by default.
pub fn messages() -> &'static Messages {
    use_context::<&'static Messages>().unwrap_or(&EN)
}

/// The catalog of `lang` (a language of [`LANGUAGES`], else English) for the server's rendering:
/// the words of `lang/`, compiled into the server, made once.
#[cfg(not(target_arch = "wasm32"))]
pub fn server_catalog(lang: &str) -> &'static Messages {
    use std::sync::OnceLock;
    static CATALOGS: [OnceLock<&'static Messages>; LANGUAGES.len()] = [OnceLock::new(), OnceLock::new()];
    const FILES: [&str; LANGUAGES.len()] =
        [include_str!("../../lang/de.json"), include_str!("../../lang/es.json")];
    let Some(at) = LANGUAGES.iter().position(|known| *known == lang) else { return &EN };
    // The files are the ones the tests check: a failure here is a build that shipped a broken file.
    CATALOGS[at].get_or_init(|| language_from_json(FILES[at]).unwrap_or(&EN))
}
