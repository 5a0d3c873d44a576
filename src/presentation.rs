//! Pure decisions about what the buyer is shown, so components stay thin and this stays tested.

use porting_model::validate::PinKind;
use porting_model::{Porting, Status};

use crate::api::ApiError;
use crate::form::errors::Issue;
use crate::form::fields::Summary;
use crate::form::Field;
use crate::messages::Messages;
use crate::status::{remedy, Moment, Remedy};

/// How a status is presented: its colour and icon family in the stylesheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Nothing to do but wait.
    Waiting,
    /// The buyer must act.
    ActionNeeded,
    Success,
    /// Something went wrong that the buyer can fix.
    Problem,
    /// Over without success.
    Ended,
}

impl Tone {
    pub fn of(status: &Status) -> Tone {
        match status {
            Status::InformationRequired => Tone::ActionNeeded,
            Status::Completed => Tone::Success,
            Status::Declined => Tone::Problem,
            Status::Canceled | Status::Expired => Tone::Ended,
            Status::Draft | Status::Pending | Status::Requested | Status::Unknown(_) => Tone::Waiting,
        }
    }

    /// The CSS modifier class.
    pub fn class(self) -> &'static str {
        match self {
            Tone::Waiting => "pw-tone-waiting",
            Tone::ActionNeeded => "pw-tone-action",
            Tone::Success => "pw-tone-success",
            Tone::Problem => "pw-tone-problem",
            Tone::Ended => "pw-tone-ended",
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
/// transfer PIN of the donor's length, a UK PAC or STAC) and say that one on file is kept when
/// left blank.
pub fn field_words(
    field: Field,
    pin: PinKind,
    pin_on_file: bool,
    m: &Messages,
) -> (&'static str, Option<String>) {
    match field {
        Field::AccountPin => {
            let hint = m.pin_hint(pin);
            (m.pin_label(pin), Some(if pin_on_file { m.hint_pin_on_file(&hint) } else { hint }))
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

/// How long the proxy asked the buyer to wait before trying again, in seconds.
pub fn wait_of(error: &ApiError) -> Option<u32> {
    match error {
        ApiError::Busy { retry_after } => Some(*retry_after),
        _ => None,
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

/// The provider's own words about a decline, shown (as text) only for a code the widget cannot
/// explain itself.
pub fn provider_words(porting: &Porting) -> Option<String> {
    let unexplained =
        porting.status == Status::Declined && remedy(porting.declined_code.as_ref()) == Remedy::Unknown;
    porting.declined_message.clone().filter(|words| unexplained && !words.trim().is_empty())
}

/// Whether trying the same call again can help.
pub fn is_retryable(error: &ApiError) -> bool {
    match error {
        ApiError::Unreachable | ApiError::Unparseable | ApiError::Busy { .. } => true,
        ApiError::Status { status, .. } => *status >= 500,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::EN;
    use porting_model::GigsError;

    #[test]
    fn only_information_required_asks_the_buyer_to_act() {
        let acting: Vec<_> = Status::KNOWN.iter().filter(|s| Tone::of(s) == Tone::ActionNeeded).collect();
        assert_eq!(acting, [&Status::InformationRequired]);
        assert_eq!(Tone::of(&Status::Unknown("new".into())), Tone::Waiting);
        assert_eq!(Tone::of(&Status::Declined).class(), "pw-tone-problem");
    }

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
        let six = PinKind::Digits { min: 6, max: 6 };
        assert_eq!(
            field_words(Field::AccountPin, six, false, &EN),
            (EN.label_pin, Some(EN.hint_pin_exact(6)))
        );
        let (label, hint) = field_words(Field::AccountPin, PinKind::Pac, true, &EN);
        assert_eq!((label, hint), (EN.label_pac, Some(EN.hint_pin_on_file(EN.hint_pac))));
        assert_eq!(field_words(Field::FirstName, six, false, &EN), (EN.label_first_name, None));
        assert_eq!(
            field_words(Field::AccountNumber, six, false, &EN).1.as_deref(),
            Some(EN.hint_account_number)
        );
    }

    #[test]
    fn the_next_step_follows_status_code_and_schedule() {
        use crate::form::testing::bare_porting;
        use porting_model::DeclineCode;
        let mut porting = bare_porting(&[]);
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
        use crate::form::testing::bare_porting;
        let mut porting = bare_porting(&[]);
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

    #[test]
    fn server_and_network_failures_are_retryable_but_auth_is_not() {
        assert!(is_retryable(&ApiError::Unreachable));
        assert!(is_retryable(&ApiError::Status { status: 503, error: None }));
        assert!(!is_retryable(&ApiError::Status { status: 401, error: None }));
        assert!(!is_retryable(&ApiError::Status { status: 404, error: None }));
    }
}
