//! Which new reading of a porting is news for the buyer, and which is older than the one shown.
use porting_model::Porting;

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
    use crate::journey::testing::porting;
    use porting_model::{DeclineCode, Status};

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
