//! What each status lets the buyer do, what a decline asks of them, and the moments of a
//! porting's journey: pure decisions the status view renders.

use porting_model::validate::CalendarDate;
use porting_model::{DeclineCode, FieldName, Porting, Status};

/// What the buyer can do about the porting now, besides the form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Actions {
    /// Cancel, where Gigs allows it (see [`Porting::cancelable`]).
    pub cancel: bool,
    /// Ask again with nothing changed ("I've done this, try again"): an empty update, which
    /// retries a declined porting.
    pub retry: bool,
}

/// The actions `porting` allows on `today` (the buyer's date).
pub fn actions(porting: &Porting, today: CalendarDate) -> Actions {
    let retry = porting.status == Status::Declined
        && matches!(remedy(porting.declined_code.as_ref()), Remedy::AtProvider | Remedy::Unknown);
    Actions { cancel: porting.cancelable(today), retry }
}

/// How a decline can be overcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Remedy {
    /// The buyer corrects these answers; sending them retries the port.
    Correct(&'static [FieldName]),
    /// The buyer sorts it out with the old provider, then tries again.
    AtProvider,
    /// No answer can fix it: the buyer can only cancel (or contact the seller).
    Final,
    /// A code this version does not know, or none: tried again, with Gigs' own words shown.
    Unknown,
}

/// The holder's details a mismatch may be about.
const HOLDER: &[FieldName] =
    &[FieldName::FirstName, FieldName::LastName, FieldName::Birthday, FieldName::Address];

pub fn remedy(code: Option<&DeclineCode>) -> Remedy {
    let Some(code) = code else { return Remedy::Unknown };
    match code {
        DeclineCode::AccountNumberRequiredOrInvalid => Remedy::Correct(&[FieldName::AccountNumber]),
        DeclineCode::AccountPinRequiredOrInvalid => Remedy::Correct(&[FieldName::AccountPin]),
        DeclineCode::AddressRequiredOrInvalid | DeclineCode::ZipCodeRequiredOrInvalid => {
            Remedy::Correct(&[FieldName::Address])
        }
        DeclineCode::FirstNameRequiredOrInvalid => Remedy::Correct(&[FieldName::FirstName]),
        DeclineCode::LastNameRequiredOrInvalid => Remedy::Correct(&[FieldName::LastName]),
        DeclineCode::UserInformationMismatch => Remedy::Correct(HOLDER),
        DeclineCode::PhoneNumberPortProtected
        | DeclineCode::PhoneNumberAdministrative
        | DeclineCode::Declined => Remedy::AtProvider,
        DeclineCode::Duplicated
        | DeclineCode::PendingOtherProvider
        | DeclineCode::PhoneNumberNotActive
        | DeclineCode::PhoneNumberNotFound
        | DeclineCode::PhoneNumberPrepaid
        | DeclineCode::SameNewAndOldNetworkProvider => Remedy::Final,
        DeclineCode::Unknown(_) => Remedy::Unknown,
    }
}

/// The names a declined porting asks again, though `required` no longer lists them: those its
/// code is about. Of a holder mismatch, the names always, and the date of birth and address when
/// the porting holds them (the old provider may check them).
pub fn reopened(porting: &Porting) -> Vec<FieldName> {
    if porting.status != Status::Declined {
        return Vec::new();
    }
    let Remedy::Correct(names) = remedy(porting.declined_code.as_ref()) else { return Vec::new() };
    let held = |name: &FieldName| match name {
        FieldName::Birthday => porting.birthday.is_some(),
        FieldName::Address => porting.address.is_some(),
        _ => true,
    };
    let mismatch = names == HOLDER;
    names.iter().filter(|name| !mismatch || held(name)).cloned().collect()
}

/// A moment of the porting's journey.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Moment {
    Created,
    /// The details were sent to the old provider (the last time).
    Requested,
    /// The old provider declined, `attempts` times in all.
    Declined {
        attempts: u32,
    },
    Completed,
    Canceled,
    Expired,
}

/// The moments the porting has been through, each with its time as Gigs wrote it, oldest first.
/// A decline and a later request show both.
pub fn timeline(porting: &Porting) -> Vec<(Moment, String)> {
    let attempts = porting.declined_attempts.max(1);
    let mut moments: Vec<(Moment, String)> = Vec::new();
    for (moment, at) in [
        (Moment::Created, Some(&porting.created_at)),
        (Moment::Declined { attempts }, porting.last_declined_at.as_ref()),
        (Moment::Requested, porting.last_requested_at.as_ref()),
        (Moment::Completed, porting.completed_at.as_ref()),
        (Moment::Canceled, porting.canceled_at.as_ref()),
        (Moment::Expired, porting.expired_at.as_ref()),
    ] {
        // Each after those no later, which keeps the list's order for equal times (a sort of
        // six would bring 1.8 KB of wasm).
        if let Some(at) = at {
            let place = moments.partition_point(|(_, before)| instant(before) <= instant(at));
            moments.insert(place, (moment, at.clone()));
        }
    }
    moments
}

/// A UTC timestamp as Gigs writes it, in an order that sorts as time: its whole seconds, then
/// the fraction (`…:28Z` before `…:28.5Z`, which text alone would sort the other way).
fn instant(timestamp: &str) -> (&str, &str) {
    let (seconds, rest) = timestamp.split_at(timestamp.len().min(19));
    (seconds, rest.trim_start_matches('.').trim_end_matches('Z'))
}

/// Whether the change from `before` to `after` is news for the buyer: a new status, or a new
/// decline. Anything else (a heartbeat, the same porting again) is not announced.
pub fn is_news(before: &Porting, after: &Porting) -> bool {
    before.status != after.status || before.declined_attempts != after.declined_attempts
}

/// Whether `after` is older than `before`: Gigs never takes a porting out of an ended status, nor
/// takes back a decline it counted, so such a porting was read before `before` was.
pub fn is_behind(before: &Porting, after: &Porting) -> bool {
    (before.status.is_final() && !after.status.is_final())
        || after.declined_attempts < before.declined_attempts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::testing::bare_porting;

    fn porting(status: Status, code: Option<DeclineCode>) -> Porting {
        let mut porting = bare_porting(&[]);
        porting.status = status;
        porting.declined_code = code;
        porting
    }

    fn day(text: &str) -> CalendarDate {
        text.parse().unwrap()
    }

    #[test]
    fn each_status_allows_what_gigs_allows() {
        let today = day("2030-01-10");
        let allowed = |status: Status| actions(&porting(status, None), today);
        for status in [Status::Pending, Status::InformationRequired] {
            assert_eq!(allowed(status), Actions { cancel: true, retry: false });
        }
        // A declined porting without a code can be tried again and canceled.
        assert_eq!(allowed(Status::Declined), Actions { cancel: true, retry: true });
        for status in [Status::Draft, Status::Requested, Status::Completed, Status::Canceled, Status::Expired]
        {
            assert_eq!(allowed(status.clone()), Actions::default(), "{status}");
        }
        assert_eq!(allowed(Status::from("onHold")), Actions::default());
    }

    #[test]
    fn a_requested_porting_can_be_canceled_only_before_its_scheduled_day() {
        let today = day("2030-01-10");
        let mut scheduled = porting(Status::Requested, None);
        for (on, cancel) in [("2030-01-11", true), ("2030-01-10", false), ("2030-01-09", false)] {
            scheduled.scheduled_on = Some(on.into());
            assert_eq!(actions(&scheduled, today).cancel, cancel, "{on}");
        }
    }

    #[test]
    fn every_decline_code_has_its_remedy_and_actions() {
        let today = day("2030-01-10");
        let mut kinds = [0; 3];
        for code in DeclineCode::KNOWN {
            let declined = porting(Status::Declined, Some(code.clone()));
            let acts = actions(&declined, today);
            assert!(acts.cancel, "{code}: a declined porting can always be canceled");
            match remedy(Some(code)) {
                Remedy::Correct(names) => {
                    kinds[0] += 1;
                    assert!(!acts.retry && !names.is_empty(), "{code}: the form retries");
                }
                Remedy::AtProvider => {
                    kinds[1] += 1;
                    assert!(acts.retry, "{code}");
                }
                Remedy::Final => {
                    kinds[2] += 1;
                    assert!(!acts.retry, "{code}");
                }
                Remedy::Unknown => panic!("{code} is known"),
            }
        }
        assert_eq!(kinds, [7, 3, 6]);
        let unknown = DeclineCode::from("portingSimSwapped");
        assert_eq!(remedy(Some(&unknown)), Remedy::Unknown);
        assert!(actions(&porting(Status::Declined, Some(unknown)), today).retry);
    }

    #[test]
    fn the_codes_about_answers_reopen_just_those_fields() {
        let reopen = |code: DeclineCode| reopened(&porting(Status::Declined, Some(code)));
        assert_eq!(reopen(DeclineCode::AccountPinRequiredOrInvalid), [FieldName::AccountPin]);
        assert_eq!(reopen(DeclineCode::ZipCodeRequiredOrInvalid), [FieldName::Address]);
        assert_eq!(reopen(DeclineCode::AccountNumberRequiredOrInvalid), [FieldName::AccountNumber]);
        assert_eq!(reopen(DeclineCode::PhoneNumberPortProtected), []);
        assert_eq!(reopen(DeclineCode::PhoneNumberPrepaid), []);
        // A mismatch reopens the names, and what else the porting holds of the holder.
        assert_eq!(reopen(DeclineCode::UserInformationMismatch), [FieldName::FirstName, FieldName::LastName]);
        let mut held = porting(Status::Declined, Some(DeclineCode::UserInformationMismatch));
        held.birthday = Some("1980-07-21".into());
        assert_eq!(reopened(&held), [FieldName::FirstName, FieldName::LastName, FieldName::Birthday]);
        // Once retried, nothing is reopened.
        held.status = Status::Requested;
        assert_eq!(reopened(&held), []);
    }

    #[test]
    fn the_timeline_lists_what_happened_in_journey_order() {
        let mut journey = porting(Status::Completed, None);
        journey.created_at = "2030-01-01T10:00:00Z".into();
        assert_eq!(timeline(&journey), [(Moment::Created, "2030-01-01T10:00:00Z".to_owned())]);
        journey.last_declined_at = Some("2030-01-01T10:05:00Z".into());
        journey.declined_attempts = 2;
        journey.last_requested_at = Some("2030-01-01T10:07:00Z".into());
        journey.completed_at = Some("2030-01-01T10:09:00Z".into());
        let moments: Vec<Moment> = timeline(&journey).into_iter().map(|(m, _)| m).collect();
        assert_eq!(
            moments,
            [Moment::Created, Moment::Declined { attempts: 2 }, Moment::Requested, Moment::Completed]
        );
        // A fraction of a second later is later.
        journey.last_requested_at = Some("2030-01-01T10:05:00.5Z".into());
        let moments: Vec<Moment> = timeline(&journey).into_iter().map(|(m, _)| m).collect();
        assert_eq!(moments[1..3], [Moment::Declined { attempts: 2 }, Moment::Requested]);
        journey.last_requested_at = Some("2030-01-01T10:07:00Z".into());
        // Declined after the last request: the decline comes last.
        journey.last_declined_at = Some("2030-01-01T10:08:00Z".into());
        journey.completed_at = None;
        let moments: Vec<Moment> = timeline(&journey).into_iter().map(|(m, _)| m).collect();
        assert_eq!(moments, [Moment::Created, Moment::Requested, Moment::Declined { attempts: 2 }]);
    }

    #[test]
    fn only_a_new_status_or_a_new_decline_is_news() {
        let before = porting(Status::Requested, None);
        assert!(!is_news(&before, &before.clone()));
        let mut renamed = before.clone();
        renamed.first_name = Some("Elaine".into());
        assert!(!is_news(&before, &renamed));
        let mut declined = before.clone();
        declined.status = Status::Declined;
        assert!(is_news(&before, &declined));
        let mut again = declined.clone();
        again.declined_attempts += 1;
        assert!(is_news(&declined, &again));
    }

    #[test]
    fn a_porting_read_before_the_one_shown_is_behind() {
        let requested = porting(Status::Requested, None);
        let completed = porting(Status::Completed, None);
        assert!(is_behind(&completed, &requested), "an ended porting never starts again");
        assert!(!is_behind(&requested, &completed));
        assert!(!is_behind(&completed, &completed.clone()));
        let mut declined = porting(Status::Declined, Some(DeclineCode::Declined));
        declined.declined_attempts = 2;
        let mut earlier = declined.clone();
        earlier.declined_attempts = 1;
        assert!(is_behind(&declined, &earlier), "a counted decline is never taken back");
        let mut retried = declined.clone();
        retried.status = Status::Requested;
        assert!(!is_behind(&declined, &retried), "a retry keeps the count");
    }
}
