//! The catalog: every text the buyer sees, by key, written once in [`catalog!`]: plain texts (which
//! a host page can override by key), formats (texts with values in them, filled from templates)
//! and tables (words by code); and a catalog with a language's or a host page's words over
//! English ([`with_texts`]). The templates' values are filled by [`super::template`].

use porting_model::validate::Problem;
use porting_model::DeclineCode;

use super::places::Names;
use super::template::{fill, problem_value, Value};
use crate::form::Field;

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
            $( $(#[$format_doc])* pub(super) $format: fn($($ty),*) -> String, )*
            $( $(#[$table_doc])* pub(super) $table: $kind, )*
            /// Other words for formats and tables, by key (see [`with_texts`]).
            pub(super) overrides: &'static [(&'static str, &'static str)],
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
        status_failed,
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
        label_billing_pin,
        hint_billing_pin,
        /// The legend of the choice of the kind of account (Ireland), and each kind with its hint.
        label_account_type,
        account_type_postpaid_multi,
        account_type_postpaid_multi_hint,
        account_type_postpaid_single,
        account_type_postpaid_single_hint,
        account_type_prepaid_registered,
        account_type_prepaid_registered_hint,
        account_type_prepaid_unregistered,
        account_type_prepaid_unregistered_hint,
        /// The disclosure under the account number and PIN that tells where to find them.
        help_title,
        /// Said in the disclosure while its words are on their way, and if they cannot be had.
        help_loading,
        help_failed,
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
        next_failed,
        next_unknown,
        /// Introduces the provider's own words (`declinedMessage`) for a code the widget does not know.
        declined_message,
        history,
        moment_created,
        moment_requested,
        moment_completed,
        moment_canceled,
        moment_expired,
        moment_failed,
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
        // Before the wasm runs, on the server's rendering (the page's script shows them).
        /// The send button's words when it is pressed before the widget is ready.
        getting_ready,
        /// The widget's code never arrived: the form cannot be sent.
        code_missing,
        /// The browser cannot run the widget at all.
        unsupported_browser,
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

    /// The host page's words for the help key `key` (`help.<providerId>.<topic>`), if it gave some.
    pub fn host_help(&self, key: &str) -> Option<&'static str> {
        self.overridden("", key)
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
}
