//! Every text the buyer sees. English is compiled in; every other language is a file of words by
//! key (`lang/<tag>.json`), fetched when a buyer needs it, whose keys are those a host page
//! rewords with (see [`Messages::is_key`]). Components take their words from here, never from
//! literals.

mod en;
mod places;

pub use en::EN;

use leptos::prelude::use_context;
use porting_model::validate::{PinKind, Problem};
use porting_model::{DeclineCode, FieldName, Status};

use crate::config::ConfigError;
use crate::form::table::Section;
use crate::form::Field;
use crate::status::Moment;

/// Names by code, e.g. `("NY", "New York")`.
pub type Names = &'static [(&'static str, &'static str)];

/// The catalog type, from its keys written once: its plain texts (which a host page can override
/// by key) and its formats (texts with values in them, as functions).
macro_rules! catalog {
    (
        texts { $( $(#[$text_doc:meta])* $text:ident, )* }
        formats { $( $(#[$format_doc:meta])* $format:ident($($arg:ident: $ty:ty),*), )* }
        tables { $( $(#[$table_doc:meta])* $table:ident: $kind:ty, )* }
    ) => {
        #[derive(Clone, Copy)]
        pub struct Messages {
            $( $(#[$text_doc])* pub $text: &'static str, )*
            // Private: the methods of the same names give the words the page and language chose.
            $( $(#[$format_doc])* $format: fn($($ty),*) -> String, )*
            $( $(#[$table_doc])* $table: $kind, )*
            /// Other words for formats and tables, by key (see [`with_texts`]).
            overrides: &'static [(&'static str, &'static str)],
        }

        impl Messages {
            /// The keys of the plain texts.
            pub const TEXT_KEYS: &'static [&'static str] = &[$( stringify!($text) ),*];
            /// The keys of the texts with values in them, whose own words are templates naming
            /// the values in braces (`{seconds}`).
            pub const FORMAT_KEYS: &'static [&'static str] = &[$( stringify!($format) ),*];

            /// The plain text `key`, if the catalog has one.
            pub fn text(&self, key: &str) -> Option<&'static str> {
                match key {
                    $( stringify!($text) => Some(self.$text), )*
                    _ => None,
                }
            }

            /// Replaces the plain text `key`; false when there is no such key. Found by its place
            /// among the keys: a `match` on 130 strings compiled to 9.8 KB of wasm.
            pub fn set_text(&mut self, key: &str, value: &'static str) -> bool {
                let Some(at) = Self::TEXT_KEYS.iter().position(|k| *k == key) else { return false };
                *[$( &mut self.$text ),*][at] = value;
                true
            }

            $(
                $(#[$format_doc])*
                pub fn $format(&self, $($arg: $ty),*) -> String {
                    // `<key>.one` are the words for a count of 1, where the language has some.
                    let one = false $(|| Value::is_one(&$arg))*;
                    let template = one
                        .then(|| self.overridden(concat!(stringify!($format), ".one"), ""))
                        .flatten()
                        .or_else(|| self.overridden(stringify!($format), ""));
                    match template {
                        Some(template) => fill(template, &[$( (stringify!($arg), Value::text(&$arg)) ),*]),
                        None => (self.$format)($($arg),*),
                    }
                }
            )*
        }
    };
}

/// A value a template names.
trait Value {
    fn text(&self) -> String;

    /// A count of 1, which some words say apart.
    fn is_one(&self) -> bool {
        false
    }
}

impl Value for &str {
    fn text(&self) -> String {
        (*self).to_owned()
    }
}

impl Value for usize {
    fn text(&self) -> String {
        self.to_string()
    }

    fn is_one(&self) -> bool {
        *self == 1
    }
}

impl Value for u32 {
    fn text(&self) -> String {
        self.to_string()
    }

    fn is_one(&self) -> bool {
        *self == 1
    }
}

impl Value for &[String] {
    fn text(&self) -> String {
        self.join(", ")
    }
}

/// `template` with each `{name}` of `values` replaced by its value.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    values.iter().fold(template.to_owned(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
}

catalog! {
    texts {
        /// The catalog's language (a BCP 47 tag), declared on the widget so screen readers speak it
        /// right on a host page in another language.
        lang,
        title,
        loading,
        number_label,
        status_label,
        retry,
        status_draft,
        status_pending,
        status_information_required,
        status_requested,
        status_declined,
        status_completed,
        status_canceled,
        status_expired,
        status_unknown,
        error_unreachable,
        error_session,
        error_not_found,
        error_server,
        error_unparseable,
        error_request,
        /// The host page left out an attribute the widget needs (see [`Messages::config_error`]).
        error_config_missing,
        /// The host page gave an attribute a value the widget cannot use.
        error_config_invalid,
        error_conflict,
        error_rate_limited,
        // The create step.
        create_intro,
        create_submit,
        creating,
        // The form.
        form_intro,
        submit,
        submitting,
        saved,
        /// An update refused because the porting moved on meanwhile; its status follows.
        moved_on,
        /// Said after a failed submit, so the buyer knows nothing they typed is gone.
        answers_kept,
        error_summary_title,
        /// Read before an inline error message, which is otherwise told apart only by its colour.
        error_prefix,
        change,
        show,
        /// The toggle's word once the field is shown.
        hide,
        choose,
        section_carrier,
        section_holder,
        section_address,
        section_approval,
        holder_hint,
        // Labels and hints.
        label_phone_country,
        label_phone_number,
        hint_phone_number,
        label_donor,
        hint_donor,
        label_account_number,
        hint_account_number,
        label_pin,
        /// The PIN's hint where its shape is not known (numbers outside the US and UK).
        hint_pin_other,
        label_pac,
        hint_pac,
        label_stac,
        hint_stac,
        label_first_name,
        label_last_name,
        label_birthday,
        hint_birthday,
        label_day,
        label_month,
        label_year,
        label_country,
        label_line1,
        label_line2,
        label_city,
        label_state,
        label_province,
        label_zip,
        label_postcode,
        label_address,
        label_approval,
        /// The legend of the choice between moving the number and only ending the old contract.
        label_behavior,
        behavior_port_in,
        behavior_port_in_hint,
        behavior_cancel_only,
        behavior_cancel_only_hint,
        label_scheduled_on,
        hint_scheduled_on,
        /// The schedule's first option: no day chosen.
        scheduled_asap,
        // Summaries of what the porting already holds.
        pin_provided,
        approved,
        // The provider picker.
        providers_loading,
        providers_failed,
        providers_none,
        // What happens next, by status (see [`Messages::next_step`]).
        next_draft,
        next_pending,
        next_information_required,
        next_requested,
        next_completed,
        next_canceled,
        next_expired,
        next_unknown,
        /// Introduces the provider's own words (`declinedMessage`) for a code the widget does not know.
        declined_message,
        history,
        moment_created,
        moment_requested,
        moment_completed,
        moment_canceled,
        moment_expired,
        /// The form's introduction when it reopens answers a decline was about.
        fix_intro,
        try_again_done,
        trying_again,
        tried_again,
        cancel,
        cancel_title,
        cancel_explain,
        cancel_confirm,
        cancel_keep,
        canceling,
        /// The session ended while the widget followed the porting.
        live_ended,
    }
    formats {
        /// A country of the number, e.g. "United States (+1)", from its name and calling code.
        phone_country(name: &str, code: &str),
        /// The accessible name of a "Change" button, from the label of what it changes: it holds
        /// the visible word (first, where the language allows), as speech users say what they see.
        change_label(label: &str),
        /// The accessible name of the "Show" toggle of a masked field, from the field's label.
        show_label(label: &str),
        hide_label(label: &str),
        /// Names the `required` list holds that this form cannot ask for.
        unknown_required(names: &[String]),
        /// The PIN's length, from its fewest and most digits.
        hint_pin(min: usize, max: usize),
        /// The PIN's length when it has one number of digits.
        hint_pin_exact(digits: usize),
        /// The PIN's hint when one is already on file, from its usual hint.
        hint_pin_on_file(hint: &str),
        /// The last characters of the account number on file.
        account_ending(last: &str),
        no_provider_match(query: &str),
        /// How many options the open list shows.
        provider_results(count: usize),
        /// A requested porting's scheduled day, written for the buyer's locale.
        next_scheduled(day: &str),
        /// Declined, from the number of declines so far.
        moment_declined(attempts: u32),
        /// The live region's words for a new status, from the status's text.
        announce(status: &str),
        /// A retry button while the proxy asks the widget to wait, from the seconds left.
        retry_in(seconds: u32),
    }
    tables {
        /// What a decline means and what to do, by its code; `None` for no code or an unknown one.
        guidance: fn(Option<&DeclineCode>) -> &'static str,
        /// The message for a problem with a field's answer, in the words of the catalog given
        /// (so a host page's own labels reach it).
        problem: fn(&Messages, Field, &Problem) -> String,
        /// A country's name, from its ISO 3166-1 alpha-2 code (the countries of `PHONE_COUNTRIES`).
        country_name: fn(&str) -> &'static str,
        /// A country's states or provinces as (code, name) in the order to offer them, where the
        /// address rules know them.
        subdivisions: fn(&str) -> Option<Names>,
    }
}

impl Messages {
    /// The host page's words for the key `prefix` then `key` (as `guidance.` and a code).
    fn overridden(&self, prefix: &str, key: &str) -> Option<&'static str> {
        self.overrides.iter().find(|(k, _)| k.strip_prefix(prefix) == Some(key)).map(|(_, text)| *text)
    }

    /// What a decline means and what to do, by its code; `None` for no code or an unknown one
    /// (the host page's words for it: `guidance.<code>`, `guidance.other`).
    pub fn guidance(&self, code: Option<&DeclineCode>) -> &'static str {
        let key = code.filter(|c| !matches!(c, DeclineCode::Unknown(_))).map_or("other", DeclineCode::as_str);
        self.overridden("guidance.", key).unwrap_or_else(|| (self.guidance)(code))
    }

    /// The message for a problem with a field's answer. The words for it, first found:
    /// `problem.<property>.<code>`, `problem.<property>` (any other problem of the field),
    /// `problem.<code>` (that problem of any other field), `problem.other`; `{label}` is the
    /// field's label, and the problem's values are named too (`{min}`, `{max}`, `{max_years}`,
    /// `{expected}`, `{calling_code}`).
    pub fn problem(&self, field: Field, problem: &Problem) -> String {
        let (property, code) = (field.property(), problem.code());
        let specific = format!("{property}.{code}");
        let template = [&*specific, property, code, "other"]
            .into_iter()
            .find_map(|key| self.overridden("problem.", key));
        match template {
            Some(template) => {
                let mut values = vec![("label", self.label(field).to_owned())];
                values.extend(problem_value(problem));
                fill(template, &values)
            }
            None => (self.problem)(self, field, problem),
        }
    }

    /// A country's name, from its ISO 3166-1 alpha-2 code (the host page's words for it:
    /// `country.<code>`).
    pub fn country_name(&self, code: &str) -> &'static str {
        self.overridden("country.", code).unwrap_or_else(|| (self.country_name)(code))
    }

    /// A country's states or provinces as (code, name) in the order to offer them, where the
    /// address rules know them.
    pub fn subdivisions(&self, country: &str) -> Option<Names> {
        (self.subdivisions)(country)
    }

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
        if let Some(code) = key.strip_prefix("country.") {
            return code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase());
        }
        let format = key.strip_suffix(".one").unwrap_or(key);
        Messages::TEXT_KEYS.contains(&key) || Messages::FORMAT_KEYS.contains(&format)
    }

    pub fn status(&self, status: &Status) -> &'static str {
        match status {
            Status::Draft => self.status_draft,
            Status::Pending => self.status_pending,
            Status::InformationRequired => self.status_information_required,
            Status::Requested => self.status_requested,
            Status::Declined => self.status_declined,
            Status::Completed => self.status_completed,
            Status::Canceled => self.status_canceled,
            Status::Expired => self.status_expired,
            Status::Unknown(_) => self.status_unknown,
        }
    }

    /// What happens next for a porting in `status`.
    pub fn next_step(&self, status: &Status) -> &'static str {
        match status {
            Status::Draft => self.next_draft,
            Status::Pending => self.next_pending,
            Status::InformationRequired => self.next_information_required,
            Status::Requested => self.next_requested,
            Status::Declined => self.guidance(None),
            Status::Completed => self.next_completed,
            Status::Canceled => self.next_canceled,
            Status::Expired => self.next_expired,
            Status::Unknown(_) => self.next_unknown,
        }
    }

    pub fn moment(&self, moment: &Moment) -> String {
        match moment {
            Moment::Created => self.moment_created.into(),
            Moment::Requested => self.moment_requested.into(),
            Moment::Declined { attempts } => self.moment_declined(*attempts),
            Moment::Completed => self.moment_completed.into(),
            Moment::Canceled => self.moment_canceled.into(),
            Moment::Expired => self.moment_expired.into(),
        }
    }

    /// What the buyer is told of a configuration error; its detail is for the console only.
    pub fn config_error(&self, error: &ConfigError) -> &'static str {
        match error {
            ConfigError::Missing(_) => self.error_config_missing,
            ConfigError::Invalid { .. } => self.error_config_invalid,
        }
    }

    pub fn section(&self, section: Section) -> &'static str {
        match section {
            Section::Carrier => self.section_carrier,
            Section::Holder => self.section_holder,
            Section::Address => self.section_address,
            Section::Approval => self.section_approval,
        }
    }

    /// A field's label where it does not depend on the porting (see [`Messages::pin_label`] and
    /// [`Messages::postal_label`] for those that do).
    pub fn label(&self, field: Field) -> &'static str {
        (field.row().label)(self)
    }

    /// The label of a summarised item.
    pub fn item_label(&self, name: &FieldName, pin: PinKind) -> &'static str {
        match name {
            FieldName::AccountPin => self.pin_label(pin),
            FieldName::Address => self.label_address,
            FieldName::DonorProviderApproval => self.section_approval,
            other => crate::form::fields::fields_of(other).first().map_or("", |field| self.label(*field)),
        }
    }

    pub fn pin_label(&self, kind: PinKind) -> &'static str {
        match kind {
            PinKind::Digits { .. } | PinKind::Text => self.label_pin,
            PinKind::Pac => self.label_pac,
            PinKind::Stac => self.label_stac,
        }
    }

    pub fn pin_hint(&self, kind: PinKind) -> String {
        match kind {
            PinKind::Digits { min, max } if min == max => self.hint_pin_exact(min),
            PinKind::Digits { min, max } => self.hint_pin(min, max),
            PinKind::Pac => self.hint_pac.to_owned(),
            PinKind::Stac => self.hint_stac.to_owned(),
            PinKind::Text => self.hint_pin_other.to_owned(),
        }
    }

    /// "ZIP code" in the United States, "Postcode" elsewhere.
    pub fn postal_label(&self, country: &str) -> &'static str {
        if country.eq_ignore_ascii_case("US") {
            self.label_zip
        } else {
            self.label_postcode
        }
    }

    /// "State" in the United States, "Province or territory" in Canada.
    pub fn state_label(&self, country: &str) -> &'static str {
        if country.eq_ignore_ascii_case("CA") {
            self.label_province
        } else {
            self.label_state
        }
    }
}

/// The catalog the surrounding widget provides, English by default.
pub fn messages() -> &'static Messages {
    use_context::<&'static Messages>().unwrap_or(&EN)
}

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

/// The values a problem's words may name.
fn problem_value(problem: &Problem) -> Option<(&'static str, String)> {
    Some(match problem {
        Problem::TooShort { min } | Problem::TooFewDigits { min } => ("min", min.to_string()),
        Problem::TooLong { max } | Problem::TooManyDigits { max } => ("max", max.to_string()),
        Problem::TooOld { max_years } => ("max_years", max_years.to_string()),
        Problem::CountryCodeMismatch { expected } => ("expected", (*expected).to_owned()),
        Problem::WrongLength { calling_code, .. } | Problem::InvalidNumberRange { calling_code } => {
            ("calling_code", (*calling_code).to_owned())
        }
        _ => return None,
    })
}

/// `catalog` with other words for some keys (see [`Messages::is_key`]): a language's over
/// English, then the host page's over those, which come first. A catalog with words of its own
/// lives as long as the page, so each mount that gives some keeps a copy.
pub fn with_texts(catalog: &'static Messages, texts: &[(String, String)]) -> &'static Messages {
    if texts.is_empty() {
        return catalog;
    }
    let mut changed = *catalog;
    let mut others = Vec::new();
    for (key, text) in texts {
        let text: &'static str = String::leak(text.clone());
        if !changed.set_text(key, text) {
            others.push((&*String::leak(key.clone()), text));
        }
    }
    others.extend_from_slice(catalog.overrides);
    changed.overrides = Vec::leak(others);
    Box::leak(Box::new(changed))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts a translation may leave as in English: codes and words both languages use.
    const SAME_IN_EVERY_LANGUAGE: &[&str] = &["label_pac", "label_stac", "status_label", "error_prefix"];

    /// A language's catalog, made from its file as the widget makes it, and its words.
    fn language(lang: &str) -> (&'static Messages, Vec<(String, String)>) {
        let json =
            std::fs::read_to_string(format!("{}/lang/{lang}.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let words: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&json).unwrap();
        let words = words.into_iter().map(|(key, text)| (key, text.as_str().unwrap_or_default().to_owned()));
        (language_from_json(&json).unwrap(), words.collect())
    }

    /// Every problem, with values that show where a message names them.
    fn every_problem() -> Vec<Problem> {
        use Problem::*;
        vec![
            Required,
            TooShort { min: 7 },
            TooLong { max: 8 },
            TooFewDigits { min: 4 },
            TooManyDigits { max: 6 },
            ControlCharacter,
            NoLetter,
            NotDigits,
            InvalidId,
            UnknownValue,
            MissingPlus,
            UnknownCountryCode,
            WrongLength { calling_code: "44", expected: 10..=10 },
            InvalidNumberRange { calling_code: "44" },
            CountryCodeMismatch { expected: "49" },
            UnsupportedCountry,
            NotADate,
            NotInPast,
            NotInFuture,
            TooOld { max_years: 120 },
            ScheduleOnlyUk,
            CancelOnlyUk,
            InvalidPac,
            InvalidStac,
            StacInsteadOfPac,
            PacInsteadOfStac,
            InvalidZip,
            InvalidPostcode,
            UnknownCountry,
            UnknownState,
            NotApproved,
        ]
    }

    #[test]
    fn every_language_has_words_for_every_key_english_has() {
        for lang in LANGUAGES {
            let (catalog, words) = language(lang);
            let has = |key: &str| words.iter().any(|(k, _)| k == key);
            for (key, text) in &words {
                let braces = text.matches('{').count();
                assert_eq!(braces, text.matches('}').count(), "{lang}: {key}");
            }
            assert_eq!(catalog.lang, lang);
            for key in Messages::TEXT_KEYS {
                let (english, text) = (EN.text(key).unwrap(), catalog.text(key).unwrap());
                assert!(has(key) && !text.trim().is_empty(), "{lang}: {key} is missing");
                if !SAME_IN_EVERY_LANGUAGE.contains(key) {
                    assert_ne!(text, english, "{lang}: {key} is still English");
                }
            }
            for key in Messages::FORMAT_KEYS {
                assert!(has(key), "{lang}: {key} is missing");
            }
            for status in Status::KNOWN {
                assert_ne!(catalog.next_step(status), EN.next_step(status), "{lang}: {status:?}");
            }
            for code in DeclineCode::KNOWN {
                assert!(has(&format!("guidance.{}", code.as_str())), "{lang}: {code:?}");
            }
            assert!(has("guidance.other") && has("problem.other"), "{lang}");
            for field in Field::ALL {
                for problem in every_problem() {
                    let text = catalog.problem(field, &problem);
                    assert!(!text.contains('{'), "{lang}: {field:?} {problem:?}: {text}");
                    if problem == Problem::Required {
                        assert_ne!(text, EN.problem(field, &problem), "{lang}: {field:?}");
                    }
                }
            }
            for &(code, _) in porting_model::validate::PHONE_COUNTRIES {
                assert!(has(&format!("country.{code}")), "{lang}: {code}");
            }
            assert_ne!(catalog.moment_declined(2), EN.moment_declined(2));
            assert_ne!(catalog.retry_in(1), catalog.retry_in(2), "{lang}: one second is said apart");
            assert!(!catalog.retry_in(1).contains('{'));
            assert!(catalog.pin_hint(PinKind::Digits { min: 4, max: 4 }).starts_with('4'), "{lang}");
        }
    }

    #[test]
    fn a_languages_words_name_the_values_of_their_problem() {
        let (german, _) = language("de");
        let too_long = german.problem(Field::AccountNumber, &Problem::TooLong { max: 20 });
        assert_eq!(too_long, "Die Kundennummer darf höchstens 20 Zeichen haben");
        let mismatch = german.problem(Field::PhoneNumber, &Problem::CountryCodeMismatch { expected: "44" });
        assert!(mismatch.starts_with("Diese Nummer beginnt nicht mit +44."), "{mismatch}");
        // The field's own words, then the field's for any problem, then the problem's, then any.
        assert_eq!(german.problem(Field::Country, &Problem::UnknownCountry), "Wählen Sie das Land");
        assert_eq!(
            german.problem(Field::FirstName, &Problem::NoLetter),
            "Vorname muss einen Buchstaben enthalten"
        );
        assert_eq!(german.problem(Field::City, &Problem::UnknownValue), "Ort ist ungültig");
    }

    #[test]
    fn every_catalog_names_every_phone_country() {
        for catalog in [&EN, language("de").0, language("es").0] {
            for &(code, _) in porting_model::validate::PHONE_COUNTRIES {
                assert!(!catalog.country_name(code).is_empty(), "{}: {code}", catalog.lang);
            }
        }
    }

    #[test]
    fn the_language_is_the_first_wanted_that_has_words() {
        assert_eq!(language_for(["de"]), Some("de"));
        assert_eq!(language_for(["fr", "es-MX", "de"]), Some("es"));
        assert_eq!(language_for(["DE_at"]), Some("de"));
        assert_eq!(language_for(["en-GB", "de"]), None, "English is a language too");
        assert_eq!(language_for(["fr", "it"]), None);
        assert_eq!(language_for([]), None);
    }

    #[test]
    fn the_host_page_may_reword_formats_guidance_problems_and_countries_too() {
        let texts = [
            ("retry_in", "Again in {seconds}s"),
            ("retry_in.one", "Again in a second"),
            ("guidance.portingAccountPinRequiredOrInvalid", "Ask for a new PIN."),
            ("guidance.other", "Call us."),
            ("problem.accountPin.notDigits", "{label}: digits only"),
            ("problem.tooLong", "At most {max}"),
            ("country.DE", "Germany (DE)"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()));
        let worded = with_texts(&EN, &texts);
        assert_eq!(
            (worded.retry_in(7), worded.retry_in(1)),
            ("Again in 7s".into(), "Again in a second".into())
        );
        assert_eq!(worded.guidance(Some(&DeclineCode::AccountPinRequiredOrInvalid)), "Ask for a new PIN.");
        assert_eq!(worded.guidance(Some(&DeclineCode::from("portingSimSwapped"))), "Call us.");
        assert_eq!(
            worded.guidance(Some(&DeclineCode::Duplicated)),
            EN.guidance(Some(&DeclineCode::Duplicated))
        );
        assert_eq!(
            worded.problem(Field::AccountPin, &Problem::NotDigits),
            "Number transfer PIN: digits only"
        );
        assert_eq!(worded.problem(Field::City, &Problem::TooLong { max: 9 }), "At most 9");
        assert_eq!(
            worded.problem(Field::AccountPin, &Problem::Required),
            EN.problem(Field::AccountPin, &Problem::Required)
        );
        assert_eq!((worded.country_name("DE"), worded.country_name("ES")), ("Germany (DE)", "Spain"));
        let (german, _) = language("de");
        let labelled = with_texts(german, &[("label_first_name".to_owned(), "Rufname".to_owned())]);
        let too_long = labelled.problem(Field::FirstName, &Problem::TooLong { max: 50 });
        assert!(too_long.starts_with("Rufname"), "the host's label reaches the problem: {too_long}");
        let host = with_texts(german, &[("guidance.other".to_owned(), "Rufen Sie uns an.".to_owned())]);
        assert_eq!(host.guidance(None), "Rufen Sie uns an.", "the host's words come before the language's");
        let keys = texts.iter().map(|(k, _)| k.as_str());
        for key in keys.chain(["submit", "hint_pin", "problem.address.country", "problem.other"]) {
            assert!(Messages::is_key(key), "{key}");
        }
        for key in [
            "submitt",
            "guidance.portingNope",
            "problem.pin.required",
            "country.de",
            "problem.accountPin.",
            "submit.one",
        ] {
            assert!(!Messages::is_key(key), "{key}");
        }
    }

    #[test]
    fn the_host_page_may_reword_any_text_by_key() {
        let (german, _) = language("de");
        let texts = [("submit".to_owned(), "Port my number".to_owned())];
        let worded = with_texts(german, &texts);
        assert_eq!((worded.submit, worded.lang, worded.title), ("Port my number", "de", german.title));
        assert!(std::ptr::eq(with_texts(german, &[]), german), "no copy without overrides");
        assert!(Messages::TEXT_KEYS.contains(&"submit") && Messages::TEXT_KEYS.len() > 100);
        assert_eq!(language_from_json(r#"{"submit": "Senden"}"#).unwrap().submit, "Senden");
        assert!(language_from_json(r#"{"submitt": "x"}"#).err().is_some_and(|e| e.contains("submitt")));
        assert!(language_from_json(r#"{"submit": 3}"#).is_err() && language_from_json("[").is_err());
    }

    fn distinct(mut texts: Vec<String>) {
        let count = texts.len();
        texts.sort();
        texts.dedup();
        assert_eq!(texts.len(), count);
    }

    #[test]
    fn every_status_has_its_own_text() {
        let mut texts: Vec<_> = Status::KNOWN.iter().map(|s| EN.status(s).to_owned()).collect();
        texts.push(EN.status(&Status::Unknown("onHold".into())).to_owned());
        distinct(texts);
    }

    #[test]
    fn every_status_says_what_happens_next_and_every_code_what_to_do() {
        let mut next: Vec<_> = Status::KNOWN.iter().map(|s| EN.next_step(s).to_owned()).collect();
        next.push(EN.next_step(&Status::Unknown("onHold".into())).to_owned());
        distinct(next);
        let mut guidance: Vec<_> =
            DeclineCode::KNOWN.iter().map(|c| EN.guidance(Some(c)).to_owned()).collect();
        guidance.push(EN.guidance(None).to_owned());
        distinct(guidance);
        assert_eq!(EN.guidance(Some(&DeclineCode::from("portingSimSwapped"))), EN.guidance(None));
    }

    #[test]
    fn every_moment_has_its_own_text() {
        let moments = [
            Moment::Created,
            Moment::Requested,
            Moment::Declined { attempts: 1 },
            Moment::Declined { attempts: 2 },
            Moment::Completed,
            Moment::Canceled,
            Moment::Expired,
        ];
        distinct(moments.iter().map(|m| EN.moment(m)).collect());
        assert!(EN.moment(&Moment::Declined { attempts: 3 }).contains('3'));
        assert_eq!(EN.retry_in(12), "Try again in 12 seconds");
    }

    #[test]
    fn every_kind_of_configuration_error_has_its_own_text() {
        let invalid = ConfigError::Invalid { name: "data-proxy-base", reason: "is not a URL" };
        distinct(
            [ConfigError::Missing("data-session"), invalid]
                .iter()
                .map(|e| EN.config_error(e).into())
                .collect(),
        );
    }

    #[test]
    fn every_field_has_its_own_label() {
        distinct(Field::ALL.iter().map(|f| EN.label(*f).to_owned()).collect());
    }

    #[test]
    fn labels_follow_the_pin_kind_and_the_country() {
        assert_eq!(EN.pin_label(PinKind::Pac), EN.label_pac);
        assert_eq!(EN.pin_hint(PinKind::Digits { min: 6, max: 6 }), EN.hint_pin_exact(6));
        assert_eq!(EN.pin_hint(PinKind::Digits { min: 4, max: 8 }), EN.hint_pin(4, 8));
        assert_eq!(
            (EN.pin_label(PinKind::Text), EN.pin_hint(PinKind::Text)),
            (EN.label_pin, EN.hint_pin_other.into())
        );
        assert!(!EN.hint_pin_other.contains("digits"), "no shape is promised");
        assert_eq!(EN.postal_label("us"), EN.label_zip);
        assert_eq!(EN.postal_label("GB"), EN.label_postcode);
        assert_eq!(EN.state_label("CA"), EN.label_province);
        assert_eq!(EN.item_label(&FieldName::AccountPin, PinKind::Stac), EN.label_stac);
        assert_eq!(EN.item_label(&FieldName::FirstName, PinKind::DEFAULT), EN.label_first_name);
        assert_eq!(EN.item_label(&FieldName::Address, PinKind::DEFAULT), EN.label_address);
    }
}
