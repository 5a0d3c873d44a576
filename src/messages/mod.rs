//! Every text the buyer sees, in one catalog per language (English for now). Components take
//! their words from here, never from literals, so a translation is one more catalog. Texts with
//! values in them are functions, so each language can put the values where its grammar wants.

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

pub struct Messages {
    /// The catalog's language (a BCP 47 tag), declared on the widget so screen readers speak it
    /// right on a host page in another language.
    pub lang: &'static str,
    pub title: &'static str,
    pub loading: &'static str,
    pub number_label: &'static str,
    pub status_label: &'static str,
    pub retry: &'static str,
    pub status_draft: &'static str,
    pub status_pending: &'static str,
    pub status_information_required: &'static str,
    pub status_requested: &'static str,
    pub status_declined: &'static str,
    pub status_completed: &'static str,
    pub status_canceled: &'static str,
    pub status_expired: &'static str,
    pub status_unknown: &'static str,
    pub error_unreachable: &'static str,
    pub error_session: &'static str,
    pub error_not_found: &'static str,
    pub error_server: &'static str,
    pub error_unparseable: &'static str,
    pub error_request: &'static str,
    /// The host page left out an attribute the widget needs (see [`Messages::config_error`]).
    pub error_config_missing: &'static str,
    /// The host page gave an attribute a value the widget cannot use.
    pub error_config_invalid: &'static str,
    pub error_conflict: &'static str,
    pub error_rate_limited: &'static str,

    // The create step.
    pub create_intro: &'static str,
    pub create_submit: &'static str,
    pub creating: &'static str,
    /// A country of the number, e.g. "United States (+1)", from its name and calling code.
    pub phone_country: fn(&str, &str) -> String,

    // The form.
    pub form_intro: &'static str,
    pub submit: &'static str,
    pub submitting: &'static str,
    pub saved: &'static str,
    /// An update refused because the porting moved on meanwhile; its status follows.
    pub moved_on: &'static str,
    /// Said after a failed submit, so the buyer knows nothing they typed is gone.
    pub answers_kept: &'static str,
    pub error_summary_title: &'static str,
    /// Read before an inline error message, which is otherwise told apart only by its colour.
    pub error_prefix: &'static str,
    pub change: &'static str,
    /// The accessible name of a "Change" button, from the label of what it changes: it starts
    /// with the visible word, as speech users say what they see.
    pub change_label: fn(&str) -> String,
    pub show: &'static str,
    /// The accessible name of the "Show" toggle of a masked field, from the field's label.
    pub show_label: fn(&str) -> String,
    /// The toggle's word once the field is shown.
    pub hide: &'static str,
    pub hide_label: fn(&str) -> String,
    pub choose: &'static str,
    /// Names the `required` list holds that this form cannot ask for.
    pub unknown_required: fn(&[String]) -> String,
    pub section_carrier: &'static str,
    pub section_holder: &'static str,
    pub section_address: &'static str,
    pub section_approval: &'static str,
    pub holder_hint: &'static str,

    // Labels and hints.
    pub label_phone_country: &'static str,
    pub label_phone_number: &'static str,
    pub hint_phone_number: &'static str,
    pub label_donor: &'static str,
    pub hint_donor: &'static str,
    pub label_account_number: &'static str,
    pub hint_account_number: &'static str,
    pub label_pin: &'static str,
    /// The PIN's length, from its fewest and most digits.
    pub hint_pin: fn(usize, usize) -> String,
    pub label_pac: &'static str,
    pub hint_pac: &'static str,
    pub label_stac: &'static str,
    pub hint_stac: &'static str,
    /// The PIN's hint when one is already on file, from its usual hint.
    pub hint_pin_on_file: fn(&str) -> String,
    pub label_first_name: &'static str,
    pub label_last_name: &'static str,
    pub label_birthday: &'static str,
    pub hint_birthday: &'static str,
    pub label_day: &'static str,
    pub label_month: &'static str,
    pub label_year: &'static str,
    pub label_country: &'static str,
    pub label_line1: &'static str,
    pub label_line2: &'static str,
    pub label_city: &'static str,
    pub label_state: &'static str,
    pub label_province: &'static str,
    pub label_zip: &'static str,
    pub label_postcode: &'static str,
    pub label_address: &'static str,
    pub label_approval: &'static str,
    /// The legend of the choice between moving the number and only ending the old contract.
    pub label_behavior: &'static str,
    pub behavior_port_in: &'static str,
    pub behavior_port_in_hint: &'static str,
    pub behavior_cancel_only: &'static str,
    pub behavior_cancel_only_hint: &'static str,
    pub label_scheduled_on: &'static str,
    pub hint_scheduled_on: &'static str,
    /// The schedule's first option: no day chosen.
    pub scheduled_asap: &'static str,

    // Summaries of what the porting already holds.
    pub pin_provided: &'static str,
    pub approved: &'static str,
    /// The last characters of the account number on file.
    pub account_ending: fn(&str) -> String,

    // The provider picker.
    pub providers_loading: &'static str,
    pub providers_failed: &'static str,
    pub providers_none: &'static str,
    pub no_provider_match: fn(&str) -> String,
    /// How many options the open list shows.
    pub provider_results: fn(usize) -> String,

    // What happens next, by status (see [`Messages::next_step`]).
    pub next_draft: &'static str,
    pub next_pending: &'static str,
    pub next_information_required: &'static str,
    pub next_requested: &'static str,
    /// A requested porting's scheduled day, written for the buyer's locale.
    pub next_scheduled: fn(&str) -> String,
    pub next_completed: &'static str,
    pub next_canceled: &'static str,
    pub next_expired: &'static str,
    pub next_unknown: &'static str,
    /// What a decline means and what to do, by its code; `None` for no code or an unknown one.
    pub guidance: fn(Option<&DeclineCode>) -> &'static str,
    /// Introduces the provider's own words (`declinedMessage`) for a code the widget does not know.
    pub declined_message: &'static str,
    pub history: &'static str,
    pub moment_created: &'static str,
    pub moment_requested: &'static str,
    /// Declined, from the number of declines so far.
    pub moment_declined: fn(u32) -> String,
    pub moment_completed: &'static str,
    pub moment_canceled: &'static str,
    pub moment_expired: &'static str,
    /// The form's introduction when it reopens answers a decline was about.
    pub fix_intro: &'static str,
    pub try_again_done: &'static str,
    pub trying_again: &'static str,
    pub tried_again: &'static str,
    pub cancel: &'static str,
    pub cancel_title: &'static str,
    pub cancel_explain: &'static str,
    pub cancel_confirm: &'static str,
    pub cancel_keep: &'static str,
    pub canceling: &'static str,
    /// The live region's words for a new status, from the status's text.
    pub announce: fn(&str) -> String,
    /// The session ended while the widget followed the porting.
    pub live_ended: &'static str,
    /// A retry button while the proxy asks the widget to wait, from the seconds left.
    pub retry_in: fn(u32) -> String,

    /// The message for a problem with a field's answer.
    pub problem: fn(Field, &Problem) -> String,
    /// A country's name, from its ISO 3166-1 alpha-2 code (the countries of `PHONE_COUNTRIES`).
    pub country_name: fn(&str) -> &'static str,
    /// A country's states or provinces as (code, name) in the order to offer them, where the
    /// address rules know them.
    pub subdivisions: fn(&str) -> Option<Names>,
}

impl Messages {
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
            Status::Declined => (self.guidance)(None),
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
            Moment::Declined { attempts } => (self.moment_declined)(*attempts),
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
            PinKind::Digits { .. } => self.label_pin,
            PinKind::Pac => self.label_pac,
            PinKind::Stac => self.label_stac,
        }
    }

    pub fn pin_hint(&self, kind: PinKind) -> String {
        match kind {
            PinKind::Digits { min, max } => (self.hint_pin)(min, max),
            PinKind::Pac => self.hint_pac.to_owned(),
            PinKind::Stac => self.hint_stac.to_owned(),
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

#[cfg(test)]
mod tests {
    use super::*;

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
            DeclineCode::KNOWN.iter().map(|c| (EN.guidance)(Some(c)).to_owned()).collect();
        guidance.push((EN.guidance)(None).to_owned());
        distinct(guidance);
        assert_eq!((EN.guidance)(Some(&DeclineCode::from("portingSimSwapped"))), (EN.guidance)(None));
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
        assert_eq!((EN.retry_in)(12), "Try again in 12 seconds");
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
        assert_eq!(EN.pin_hint(PinKind::Digits { min: 6, max: 6 }), (EN.hint_pin)(6, 6));
        assert_eq!(EN.postal_label("us"), EN.label_zip);
        assert_eq!(EN.postal_label("GB"), EN.label_postcode);
        assert_eq!(EN.state_label("CA"), EN.label_province);
        assert_eq!(EN.item_label(&FieldName::AccountPin, PinKind::Stac), EN.label_stac);
        assert_eq!(EN.item_label(&FieldName::FirstName, PinKind::DEFAULT), EN.label_first_name);
        assert_eq!(EN.item_label(&FieldName::Address, PinKind::DEFAULT), EN.label_address);
    }
}
