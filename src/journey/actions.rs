//! What the buyer can do about the porting besides the form: cancel, and try again.
use porting_model::validate::CalendarDate;
use porting_model::{Porting, Status};

use super::decline::{remedy, Remedy};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journey::testing::{day, porting};
    use porting_model::DeclineCode;

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
}
