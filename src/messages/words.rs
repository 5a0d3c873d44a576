//! The words for the widget's domain: a status, a step, a moment, a field's label and hint, a
//! failure, a summary, an announcement. Matches over the form's and the journey's types, so the
//! dependencies run from the words to what they name, never back.

use porting_model::validate::PinKind;
use porting_model::{AccountType, FieldName, Porting, Status};

use super::Messages;
use crate::api::ApiError;
use crate::config::ConfigError;
use crate::form::checks::Rules;
use crate::form::errors::Issue;
use crate::form::table::{Section, Summary};
use crate::form::Field;
use crate::journey::timeline::Moment;

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
            Status::Failed => self.status_failed,
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
            Status::Failed => self.next_failed,
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
            Moment::Failed => self.moment_failed.into(),
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
        match field {
            Field::PhoneCountry => self.label_phone_country,
            Field::PhoneNumber => self.label_phone_number,
            Field::Behavior => self.label_behavior,
            Field::DonorProvider => self.label_donor,
            Field::AccountNumber => self.label_account_number,
            Field::AccountType => self.label_account_type,
            Field::AccountPin => self.label_pin,
            Field::BillingPin => self.label_billing_pin,
            Field::FirstName => self.label_first_name,
            Field::LastName => self.label_last_name,
            Field::Birthday => self.label_birthday,
            Field::Country => self.label_country,
            Field::Line1 => self.label_line1,
            Field::Line2 => self.label_line2,
            Field::City => self.label_city,
            Field::State => self.label_state,
            Field::PostalCode => self.label_postcode,
            Field::Approval => self.label_approval,
            Field::ScheduledOn => self.label_scheduled_on,
        }
    }

    /// The label of a summarised item.
    pub fn item_label(&self, name: &FieldName, pin: PinKind) -> &'static str {
        match name {
            FieldName::AccountPin => self.pin_label(pin),
            FieldName::Address => self.label_address,
            FieldName::DonorProviderApproval => self.section_approval,
            other => crate::form::plan::fields_of(other).first().map_or("", |field| self.label(*field)),
        }
    }

    /// The label and explanation of a kind of account; none for one this version does not know.
    pub fn account_type(&self, kind: &AccountType) -> Option<(&'static str, &'static str)> {
        Some(match kind {
            AccountType::PostpaidMulti => {
                (self.account_type_postpaid_multi, self.account_type_postpaid_multi_hint)
            }
            AccountType::PostpaidSingle => {
                (self.account_type_postpaid_single, self.account_type_postpaid_single_hint)
            }
            AccountType::PrepaidRegistered => {
                (self.account_type_prepaid_registered, self.account_type_prepaid_registered_hint)
            }
            AccountType::PrepaidUnregistered => {
                (self.account_type_prepaid_unregistered, self.account_type_prepaid_unregistered_hint)
            }
            AccountType::Unknown(_) => return None,
        })
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

/// The sentence explaining a failed call. Server text is included only as plain text.
pub fn error_text(error: &ApiError, m: &Messages) -> String {
    match error {
        ApiError::Unreachable => m.error_unreachable.into(),
        ApiError::Unparseable => m.error_unparseable.into(),
        ApiError::Status { status: 401, .. } => m.error_session.into(),
        ApiError::Status { status: 404, .. } => m.error_not_found.into(),
        ApiError::Status { status: 409, .. } => m.error_conflict.into(),
        ApiError::Busy { .. } => m.error_rate_limited.into(),
        ApiError::Status { status, .. } if *status >= 500 => m.error_server.into(),
        ApiError::Status { error: Some(error), .. } => format!("{} {}", m.error_request, error.message),
        ApiError::Status { .. } => m.error_server.into(),
    }
}

/// The message for a field's problem: the catalog's, or the server's words as they came.
pub fn issue_text(field: Field, issue: &Issue, m: &Messages) -> String {
    match issue {
        Issue::Rule(problem) => m.problem(field, problem),
        Issue::Server(text) => text.clone(),
    }
}

/// The label and hint of a text field of the porting form. The PIN's follow its kind (a US
/// transfer PIN of the donor's length, a UK PAC or STAC); the PINs' say that one on file is kept
/// when left blank.
pub fn field_words(field: Field, rules: &Rules, m: &Messages) -> (&'static str, Option<String>) {
    let kept = |hint: String, on_file: bool| Some(if on_file { m.hint_pin_on_file(&hint) } else { hint });
    match field {
        Field::AccountPin => {
            (m.pin_label(rules.ctx.pin), kept(m.pin_hint(rules.ctx.pin), rules.pin_optional))
        }
        Field::BillingPin => {
            (m.label_billing_pin, kept(m.hint_billing_pin.to_owned(), rules.billing_pin_optional))
        }
        Field::AccountNumber => (m.label_account_number, Some(m.hint_account_number.to_owned())),
        other => (m.label(other), None),
    }
}

/// How a value the porting already holds is shown.
pub fn summary_text(summary: &Summary, m: &Messages) -> String {
    match summary {
        Summary::Text(text) => text.clone(),
        Summary::AccountEnding(last) => m.account_ending(last),
        Summary::PinProvided => m.pin_provided.into(),
        Summary::Approved => m.approved.into(),
        Summary::AccountType(kind) => {
            m.account_type(kind).map_or_else(|| kind.to_string(), |(label, _)| label.into())
        }
    }
}

/// What the live region says of a porting that is news: its status, or for a decline after the
/// first, how many there were (the same words again would not be read out).
pub fn announcement_of(porting: &Porting, m: &Messages) -> String {
    match (&porting.status, porting.declined_attempts) {
        (Status::Declined, attempts @ 2..) => m.announce(&m.moment(&Moment::Declined { attempts })),
        (status, _) => m.announce(m.status(status)),
    }
}

/// What happens next for `porting`: a declined one's guidance by its code, a requested one's
/// scheduled day (written by `day`) where it has one, else the status's sentence.
pub fn next_text(porting: &Porting, m: &Messages, day: impl Fn(&str) -> String) -> String {
    match (&porting.status, porting.scheduled_on.as_deref()) {
        (Status::Declined, _) => m.guidance(porting.declined_code.as_ref()).into(),
        (Status::Requested, Some(on)) => m.next_scheduled(&day(on)),
        (status, _) => m.next_step(status).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{is_retryable, wait_of};
    use crate::journey::decline::provider_words;
    use crate::messages::EN;
    use porting_model::GigsError;

    #[test]
    fn each_failure_gets_its_own_sentence() {
        let status = |status| ApiError::Status { status, error: None };
        let texts = [
            error_text(&ApiError::Unreachable, &EN),
            error_text(&ApiError::Unparseable, &EN),
            error_text(&status(401), &EN),
            error_text(&status(404), &EN),
            error_text(&status(502), &EN),
            error_text(&status(409), &EN),
            error_text(&ApiError::Busy { retry_after: 0 }, &EN),
        ];
        for (i, a) in texts.iter().enumerate() {
            assert!(texts[i + 1..].iter().all(|b| a != b), "{a}");
        }
        let refused = ApiError::Status {
            status: 413,
            error: Some(GigsError::new("invalidRequestError", "x", "<b>Not now</b>")),
        };
        assert_eq!(error_text(&refused, &EN), format!("{} <b>Not now</b>", EN.error_request));
    }

    #[test]
    fn issues_and_summaries_read_as_the_catalog_says() {
        use porting_model::validate::Problem;
        let rule = Issue::Rule(Problem::InvalidZip);
        assert_eq!(
            issue_text(Field::PostalCode, &rule, &EN),
            EN.problem(Field::PostalCode, &Problem::InvalidZip)
        );
        let server = Issue::Server("<i>No</i>".into());
        assert_eq!(issue_text(Field::FirstName, &server, &EN), "<i>No</i>");
        assert_eq!(summary_text(&Summary::AccountEnding("6789".into()), &EN), EN.account_ending("6789"));
        assert_eq!(summary_text(&Summary::PinProvided, &EN), EN.pin_provided);
        assert_eq!(summary_text(&Summary::Text("Jerry".into()), &EN), "Jerry");
    }

    #[test]
    fn the_pin_is_named_and_explained_by_its_kind() {
        let today = "2030-01-10".parse().unwrap();
        let mut rules = Rules::for_create(today, false);
        rules.ctx.pin = PinKind::Digits { min: 6, max: 6 };
        assert_eq!(field_words(Field::AccountPin, &rules, &EN), (EN.label_pin, Some(EN.hint_pin_exact(6))));
        assert_eq!(field_words(Field::FirstName, &rules, &EN), (EN.label_first_name, None));
        assert_eq!(field_words(Field::AccountNumber, &rules, &EN).1.as_deref(), Some(EN.hint_account_number));
        assert_eq!(
            field_words(Field::BillingPin, &rules, &EN),
            (EN.label_billing_pin, Some(EN.hint_billing_pin.to_owned()))
        );
        rules.ctx.pin = PinKind::Pac;
        rules.pin_optional = true;
        let (label, hint) = field_words(Field::AccountPin, &rules, &EN);
        assert_eq!((label, hint), (EN.label_pac, Some(EN.hint_pin_on_file(EN.hint_pac))));
        assert_eq!(
            field_words(Field::BillingPin, &rules, &EN).1,
            Some(EN.hint_billing_pin.to_owned()),
            "only the billing PIN's own on-file flag says it is kept"
        );
    }

    #[test]
    fn each_kind_of_account_has_its_words_and_a_newer_one_shows_as_gigs_names_it() {
        let kinds: Vec<_> = AccountType::KNOWN.iter().map(|kind| EN.account_type(kind).unwrap().0).collect();
        assert_eq!(
            kinds,
            [
                "Bill pay, several lines",
                "Bill pay, one line",
                "Prepaid, registered",
                "Prepaid, not registered"
            ]
        );
        assert_eq!(EN.account_type(&AccountType::from("business")), None);
        let shown = |kind: &str| summary_text(&Summary::AccountType(AccountType::from(kind)), &EN);
        assert_eq!(
            (shown("postpaidSingle"), shown("business")),
            ("Bill pay, one line".into(), "business".into())
        );
    }

    #[test]
    fn the_next_step_follows_status_code_and_schedule() {
        use porting_model::testing::PortingBuilder;
        use porting_model::DeclineCode;
        let mut porting = PortingBuilder::new().build();
        porting.status = Status::Requested;
        let day = |on: &str| format!("<{on}>");
        assert_eq!(next_text(&porting, &EN, day), EN.next_requested);
        porting.scheduled_on = Some("2030-01-11".into());
        assert_eq!(next_text(&porting, &EN, day), EN.next_scheduled("<2030-01-11>"));
        porting.status = Status::Declined;
        porting.declined_code = Some(DeclineCode::PhoneNumberPortProtected);
        porting.declined_message = Some("Locked <b>here</b>".into());
        assert_eq!(next_text(&porting, &EN, day), EN.guidance(porting.declined_code.as_ref()));
        assert_eq!(provider_words(&porting), None, "a known code is explained by the catalog");
        porting.declined_code = Some(DeclineCode::from("portingSimSwapped"));
        assert_eq!(next_text(&porting, &EN, day), EN.guidance(None));
        assert_eq!(provider_words(&porting).as_deref(), Some("Locked <b>here</b>"));
        porting.status = Status::Completed;
        assert_eq!(next_text(&porting, &EN, day), EN.next_completed);
        assert_eq!(provider_words(&porting), None);
    }

    #[test]
    fn a_new_decline_is_announced_in_new_words() {
        use porting_model::testing::PortingBuilder;
        let mut porting = PortingBuilder::new().build();
        porting.status = Status::Declined;
        porting.declined_attempts = 1;
        let first = announcement_of(&porting, &EN);
        assert_eq!(first, EN.announce(EN.status_declined));
        porting.declined_attempts = 2;
        let second = announcement_of(&porting, &EN);
        assert_ne!(second, first);
        assert!(second.contains('2'), "{second}");
        porting.status = Status::Completed;
        assert_eq!(announcement_of(&porting, &EN), EN.announce(EN.status_completed));
    }

    #[test]
    fn a_429_with_retry_after_says_how_long_to_wait() {
        let busy = ApiError::Busy { retry_after: 12 };
        assert_eq!((wait_of(&busy), is_retryable(&busy)), (Some(12), true));
        assert_eq!(error_text(&busy, &EN), EN.error_rate_limited);
        assert_eq!(wait_of(&ApiError::Unreachable), None);
    }
}
