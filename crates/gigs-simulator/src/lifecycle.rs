//! The porting lifecycle: which status allows what (pure decisions), and what each transition
//! writes on the porting.
//!
//! ```text
//! draft ──subscribe──▶ pending ──▶ informationRequired ──(all required provided)──▶ requested
//!                         └───────────(nothing missing)─────────────────────────────▶ requested
//! requested ──donor answers──▶ completed | declined | expired | failed
//! declined ──PATCH (even empty)──▶ requested (or informationRequired)
//! pending | informationRequired | declined | requested scheduled for later ──cancel──▶ canceled
//! ```
//!
//! Completed, canceled, expired and failed are final: no update or cancel changes them.

use std::time::Duration;

use porting_model::{Behavior, DeclineCode, FieldName, Porting, ServiceProvider, Status};
use time::OffsetDateTime;

use super::store::{Due, Record};
use super::test_numbers::{decline_message, outcome, Answer, Outcome};
use gigs_http::clock::rfc3339;
use gigs_http::ids::new_id;

/// How long the donor takes to answer a port request, in simulated time: minutes, as for most
/// US wireless ports. A UK porting scheduled for a later day completes on that day.
pub const ANSWER_TIME: Duration = Duration::from_secs(120);

/// Properties that define the porting itself, which only a draft lets a PATCH change.
const DRAFT_ONLY: [&str; 3] = ["phoneNumber", "provider", "behavior"];

/// A new porting: a draft, as Gigs creates them, with nothing provided yet.
pub fn draft(
    user: String,
    phone_number: String,
    provider: String,
    recipient: ServiceProvider,
    now: OffsetDateTime,
) -> Porting {
    Porting {
        object: "porting".into(),
        id: new_id("prt"),
        account_number: None,
        account_pin_exists: false,
        account_type: None,
        billing_pin_exists: false,
        address: None,
        behavior: Behavior::default(),
        birthday: None,
        canceled_at: None,
        completed_at: None,
        created_at: rfc3339(now),
        declined_attempts: 0,
        declined_code: None,
        declined_message: None,
        donor_provider: None,
        donor_provider_approval: None,
        expired_at: None,
        failed_at: None,
        first_name: None,
        last_declined_at: None,
        last_name: None,
        last_requested_at: None,
        phone_number,
        provider,
        recipient_provider: recipient,
        required: Vec::new(),
        scheduled_on: None,
        status: Status::Draft,
        subscription: None,
        user,
    }
}

/// The fields of `needed` that `porting` does not provide yet: what its `required` lists. An
/// approval counts only when given; the PIN counts once it exists, as it cannot be read back.
pub fn missing(porting: &Porting, needed: Vec<FieldName>) -> Vec<FieldName> {
    let provided = |field: &FieldName| match field {
        FieldName::AccountNumber => porting.account_number.is_some(),
        FieldName::AccountPin => porting.account_pin_exists,
        FieldName::AccountType => porting.account_type.is_some(),
        FieldName::BillingPin => porting.billing_pin_exists,
        FieldName::Address => porting.address.is_some(),
        FieldName::Birthday => porting.birthday.is_some(),
        FieldName::DonorProvider => porting.donor_provider.is_some(),
        FieldName::DonorProviderApproval => porting.donor_provider_approval == Some(true),
        FieldName::FirstName => porting.first_name.is_some(),
        FieldName::LastName => porting.last_name.is_some(),
        FieldName::Unknown(_) => false,
    };
    needed.into_iter().filter(|field| !provided(field)).collect()
}

/// Whether a PATCH may set `property` in `status`: everything in a draft; in pending,
/// informationRequired and declined all but what defines the porting; nothing once requested
/// (the donor has it) or final.
pub fn updatable(status: &Status, property: &str) -> bool {
    match status {
        Status::Draft => true,
        Status::Pending | Status::InformationRequired | Status::Declined => !DRAFT_ONLY.contains(&property),
        _ => false,
    }
}

/// The status a porting moves to once its information changed. A pending, waiting or declined
/// porting is requested (declined: retried) when nothing required is missing, otherwise it
/// waits for information; `held` keeps a pending one pending (its subscription never
/// activates). Other statuses stay.
pub fn after_information(status: &Status, nothing_missing: bool, held: bool) -> Status {
    match status {
        Status::Pending if held => Status::Pending,
        Status::Pending | Status::InformationRequired | Status::Declined if nothing_missing => {
            Status::Requested
        }
        Status::Pending | Status::InformationRequired | Status::Declined => Status::InformationRequired,
        other => other.clone(),
    }
}

/// Moves `porting` to `status` at `at`, stamping the transition's timestamp. A porting requested
/// again is no longer declined, so the last decline's code and message go (its time and the
/// count of attempts stay).
pub fn enter(porting: &mut Porting, status: Status, at: OffsetDateTime) {
    let stamp = Some(rfc3339(at));
    match status {
        Status::Requested => {
            porting.last_requested_at = stamp;
            porting.declined_code = None;
            porting.declined_message = None;
        }
        Status::Completed => porting.completed_at = stamp,
        Status::Canceled => porting.canceled_at = stamp,
        Status::Expired => porting.expired_at = stamp,
        Status::Failed => porting.failed_at = stamp,
        _ => {}
    }
    porting.status = status;
}

/// The donor declines `porting` with `code` at `at`.
pub fn decline(porting: &mut Porting, code: DeclineCode, at: OffsetDateTime) {
    porting.declined_attempts += 1;
    porting.last_declined_at = Some(rfc3339(at));
    porting.declined_message = Some(decline_message(&code).to_owned());
    porting.declined_code = Some(code);
    porting.status = Status::Declined;
}

/// Applies the donor's `answer`, given at `at`.
pub fn apply(porting: &mut Porting, answer: Answer, at: OffsetDateTime) {
    match answer {
        Answer::Complete => enter(porting, Status::Completed, at),
        Answer::Decline(code) => decline(porting, code, at),
        Answer::Expire => enter(porting, Status::Expired, at),
        Answer::Fail => enter(porting, Status::Failed, at),
    }
}

/// When and how the donor answers `porting`, requested at `now`: after [`ANSWER_TIME`], and a
/// completion not before the start (UTC) of the day it is scheduled on. None: no answer ever.
pub fn due(porting: &Porting, now: OffsetDateTime) -> Option<Due> {
    let answer = outcome(&porting.phone_number).answer(porting.declined_attempts)?;
    let answered = now + ANSWER_TIME;
    let scheduled =
        porting.scheduled_on.as_deref().and_then(start_of_day).filter(|_| answer == Answer::Complete);
    Some(Due { at: scheduled.map_or(answered, |start| start.max(answered)), answer })
}

fn start_of_day(day: &str) -> Option<OffsetDateTime> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(day, format).ok().map(|day| day.midnight().assume_utc())
}

/// Moves `record` on after its information changed at `now` (see [`after_information`]),
/// scheduling the donor's answer when it is requested.
pub fn advance(record: &mut Record, now: OffsetDateTime) {
    let porting = &mut record.porting;
    let held = outcome(&porting.phone_number) == Outcome::StayPending;
    let next = after_information(&porting.status, porting.required.is_empty(), held);
    if next == porting.status {
        // Nothing moves: in particular a requested porting keeps its request and its answer.
        return;
    }
    if next == Status::Requested {
        enter(porting, next, now);
        record.due = due(porting, now);
    } else {
        porting.status = next;
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2030-01-01 12:00 UTC);

    /// A porting of `phone_number` to the US network, in `status`.
    pub(crate) fn porting(phone_number: &str, status: Status) -> Porting {
        let recipient = ServiceProvider {
            object: "serviceProvider".into(),
            id: "svp_p9".into(),
            name: "Gigs US".into(),
            recipient_providers: vec!["p9".into()],
        };
        Porting { status, ..draft("usr_1".into(), phone_number.into(), "p9".into(), recipient, NOW) }
    }

    #[test]
    fn a_draft_has_nothing_provided_and_its_networks_id() {
        let draft = porting("+12025550100", Status::Draft);
        assert_eq!((draft.provider.as_str(), draft.created_at.as_str()), ("p9", "2030-01-01T12:00:00Z"));
        assert!(draft.id.starts_with("prt_") && !draft.account_pin_exists);
    }

    #[test]
    fn required_shrinks_as_fields_arrive_and_the_pin_counts_once_it_exists() {
        let needed = || vec![FieldName::AccountPin, FieldName::DonorProviderApproval, FieldName::FirstName];
        let mut porting = porting("+12025550100", Status::Draft);
        assert_eq!(missing(&porting, needed()), needed());
        porting.account_pin_exists = true;
        porting.donor_provider_approval = Some(false);
        porting.first_name = Some("Ada".into());
        assert_eq!(missing(&porting, needed()), [FieldName::DonorProviderApproval]);
    }

    #[test]
    fn phone_number_provider_and_behavior_are_updatable_only_in_draft() {
        for property in DRAFT_ONLY {
            assert!(updatable(&Status::Draft, property));
            for status in &Status::KNOWN[1..] {
                assert!(!updatable(status, property), "{property} in {status}");
            }
        }
    }

    #[test]
    fn the_buyers_fields_are_updatable_until_the_port_is_requested() {
        for status in [Status::Draft, Status::Pending, Status::InformationRequired, Status::Declined] {
            assert!(updatable(&status, "accountPin"), "{status}");
        }
        for status in
            [Status::Requested, Status::Completed, Status::Canceled, Status::Expired, Status::Failed]
        {
            assert!(!updatable(&status, "accountPin"), "{status}");
        }
    }

    #[test]
    fn information_moves_a_porting_on_to_requested_or_to_waiting() {
        for status in [Status::Pending, Status::InformationRequired, Status::Declined] {
            assert_eq!(after_information(&status, true, false), Status::Requested, "{status}");
            assert_eq!(after_information(&status, false, false), Status::InformationRequired, "{status}");
        }
        assert_eq!(after_information(&Status::Pending, true, true), Status::Pending);
        for status in [Status::Draft, Status::Requested, Status::Completed] {
            assert_eq!(after_information(&status, true, false), status);
        }
    }

    #[test]
    fn each_transition_stamps_its_timestamp() {
        let at = datetime!(2030-01-01 12:34:56 UTC);
        let stamp = Some("2030-01-01T12:34:56Z".to_owned());
        let mut porting = porting("+12025550100", Status::Pending);
        enter(&mut porting, Status::Requested, at);
        assert_eq!(porting.last_requested_at, stamp);
        decline(&mut porting, DeclineCode::PhoneNumberPrepaid, at);
        assert_eq!((porting.status.clone(), porting.declined_attempts), (Status::Declined, 1));
        assert_eq!(porting.last_declined_at, stamp);
        assert_eq!(
            porting.declined_message.as_deref(),
            Some(decline_message(&DeclineCode::PhoneNumberPrepaid))
        );
        enter(&mut porting, Status::Requested, at);
        assert_eq!((porting.declined_code.clone(), porting.declined_attempts), (None, 1));
        for (status, field) in [
            (Status::Completed, (|p: &Porting| p.completed_at.clone()) as fn(&Porting) -> Option<String>),
            (Status::Canceled, |p: &Porting| p.canceled_at.clone()),
            (Status::Expired, |p: &Porting| p.expired_at.clone()),
            (Status::Failed, |p: &Porting| p.failed_at.clone()),
        ] {
            let mut porting = porting.clone();
            enter(&mut porting, status.clone(), at);
            assert_eq!((porting.status.clone(), field(&porting)), (status, stamp.clone()));
        }
    }

    #[test]
    fn each_answer_moves_the_porting_to_its_status() {
        let at = datetime!(2030-01-01 12:02 UTC);
        for (answer, status) in [
            (Answer::Complete, Status::Completed),
            (Answer::Decline(DeclineCode::Declined), Status::Declined),
            (Answer::Expire, Status::Expired),
            (Answer::Fail, Status::Failed),
        ] {
            let mut porting = porting("+12025550100", Status::Requested);
            apply(&mut porting, answer, at);
            assert_eq!(porting.status, status);
        }
        let mut failed = porting("+12025550121", Status::Requested);
        apply(&mut failed, Answer::Fail, at);
        assert_eq!((failed.failed_at.as_deref(), failed.completed_at), (Some("2030-01-01T12:02:00Z"), None));
    }

    #[test]
    fn the_donor_answers_after_the_answer_time_or_on_the_scheduled_day() {
        let asap = porting("+447700900050", Status::Requested);
        assert_eq!(due(&asap, NOW), Some(Due { at: NOW + ANSWER_TIME, answer: Answer::Complete }));
        let scheduled = Porting { scheduled_on: Some("2030-01-05".into()), ..asap.clone() };
        assert_eq!(due(&scheduled, NOW).unwrap().at, datetime!(2030-01-05 00:00 UTC));
        let declined = Porting {
            scheduled_on: Some("2030-01-05".into()),
            ..porting("+447700900012", Status::Requested)
        };
        assert_eq!(due(&declined, NOW).unwrap().at, NOW + ANSWER_TIME);
        assert_eq!(due(&porting("+12025550118", Status::Requested), NOW), None);
        let failing = Porting {
            scheduled_on: Some("2030-01-05".into()),
            ..porting("+447700900021", Status::Requested)
        };
        assert_eq!(due(&failing, NOW), Some(Due { at: NOW + ANSWER_TIME, answer: Answer::Fail }));
    }

    #[test]
    fn advancing_requests_and_schedules_only_when_nothing_is_missing() {
        let mut record = Record { porting: porting("+12025550100", Status::Pending), due: None };
        advance(&mut record, NOW);
        assert_eq!(record.porting.status, Status::Requested);
        assert_eq!(record.due.map(|d| d.at), Some(NOW + ANSWER_TIME));
        let mut waiting = Record { porting: porting("+12025550100", Status::Pending), due: None };
        waiting.porting.required = vec![FieldName::AccountPin];
        advance(&mut waiting, NOW);
        assert_eq!((waiting.porting.status, waiting.due), (Status::InformationRequired, None));
        let mut held = Record { porting: porting("+12025550119", Status::Pending), due: None };
        advance(&mut held, NOW);
        assert_eq!(held.porting.status, Status::Pending);
    }

    #[test]
    fn advancing_a_requested_porting_keeps_its_request_and_answer() {
        let mut record = Record { porting: porting("+12025550100", Status::Pending), due: None };
        advance(&mut record, NOW);
        let requested = record.clone();
        advance(&mut record, NOW + ANSWER_TIME / 2);
        assert_eq!(record.porting, requested.porting);
        assert_eq!(record.due, requested.due);
    }
}
