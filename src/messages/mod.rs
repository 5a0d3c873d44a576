//! Every text the buyer sees. English is compiled in ([`en`]); every other language is a file of
//! words by key, fetched when a buyer needs it (`fetched`), whose keys are those a host page
//! rewords with ([`keys`]). The catalog is in [`catalog`], the filling of its templates in
//! [`template`], the words for the widget's domain in [`words`]. Components take their words from
//! here, never from literals.

mod catalog;
mod en;
#[cfg(target_arch = "wasm32")]
mod fetched;
mod keys;
mod language;
mod places;
mod template;
mod words;

pub use catalog::{with_texts, Messages};
pub use en::EN;
#[cfg(target_arch = "wasm32")]
pub use fetched::language;
#[cfg(not(target_arch = "wasm32"))]
pub use language::server_catalog;
pub use language::{language_for, language_from_json, messages, LANGUAGES};
pub use places::Names;
pub use words::{announcement_of, error_text, field_words, issue_text, next_text, summary_text};

#[cfg(test)]
mod tests;
