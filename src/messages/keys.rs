//! The keys a host page may give its own words for (the `text` option) and a language file may
//! hold: a plain text, a format, or a decline's guidance, a field's problem or a country's name.

use porting_model::DeclineCode;

use super::Messages;
use crate::form::Field;

impl Messages {
    /// Whether the host page may give its own words for `key`: a plain text, a format, or a
    /// decline's guidance, a field's problem or a country's name by its parts.
    pub fn is_key(key: &str) -> bool {
        let word = |part: &str| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric());
        if let Some(code) = key.strip_prefix("guidance.") {
            return code == "other" || DeclineCode::KNOWN.iter().any(|known| known.as_str() == code);
        }
        if let Some(rest) = key.strip_prefix("problem.") {
            let (property, code) = rest.rsplit_once('.').unwrap_or_default();
            return Field::from_property(rest).is_some()
                || Field::from_property(property).is_some() && word(code)
                || word(rest);
        }
        if key.starts_with("help.") {
            return crate::help::is_help_key(key);
        }
        if let Some(code) = key.strip_prefix("country.") {
            return code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase());
        }
        let format = key.strip_suffix(".one").unwrap_or(key);
        Messages::TEXT_KEYS.contains(&key) || Messages::FORMAT_KEYS.contains(&format)
    }
}
