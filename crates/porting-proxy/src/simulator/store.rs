//! The simulator's portings in memory, in creation order, each with the transition the donor
//! will make next and when.

use porting_model::Porting;
use time::OffsetDateTime;

use super::test_numbers::Answer;
use crate::error::ApiError;

/// The donor's next answer to a requested porting, at a simulated time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    pub at: OffsetDateTime,
    pub answer: Answer,
}

/// A porting as the simulator keeps it. The account PIN is not here: only `accountPinExists`.
#[derive(Clone, Debug)]
pub struct Record {
    pub porting: Porting,
    pub due: Option<Due>,
}

#[derive(Default)]
pub struct Store {
    /// Oldest first.
    records: Vec<Record>,
}

impl Store {
    pub fn insert(&mut self, porting: Porting) {
        self.records.push(Record { porting, due: None });
    }

    pub fn get(&self, id: &str) -> Result<&Record, ApiError> {
        self.records.iter().find(|r| r.porting.id == id).ok_or_else(ApiError::porting_not_found)
    }

    pub fn get_mut(&mut self, id: &str) -> Result<&mut Record, ApiError> {
        self.records.iter_mut().find(|r| r.porting.id == id).ok_or_else(ApiError::porting_not_found)
    }

    /// Every porting, most recently created first (the order Gigs lists them in).
    pub fn newest_first(&self) -> Vec<&Porting> {
        self.records.iter().rev().map(|r| &r.porting).collect()
    }

    /// The records whose next answer is due at `now`, earliest due first (creation order
    /// between equals), so changes are applied and reported in the order they happened.
    pub fn due_at(&mut self, now: OffsetDateTime) -> Vec<&mut Record> {
        let mut due: Vec<&mut Record> =
            self.records.iter_mut().filter(|r| r.due.as_ref().is_some_and(|d| d.at <= now)).collect();
        due.sort_by_key(|r| r.due.as_ref().map(|d| d.at));
        due
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulator::lifecycle;
    use porting_model::Status;
    use time::macros::datetime;

    fn porting(id: &str) -> Porting {
        Porting { id: id.into(), ..lifecycle::tests::porting("+12025550100", Status::Requested) }
    }

    #[test]
    fn lists_newest_first_and_finds_by_id() {
        let mut store = Store::default();
        store.insert(porting("prt_a"));
        store.insert(porting("prt_b"));
        let ids: Vec<&str> = store.newest_first().iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["prt_b", "prt_a"]);
        assert_eq!(store.get("prt_a").unwrap().porting.id, "prt_a");
        assert_eq!(store.get_mut("prt_x").unwrap_err().body.code.as_deref(), Some("portingNotFound"));
    }

    #[test]
    fn due_records_come_earliest_first_and_later_ones_wait() {
        let mut store = Store::default();
        for (id, at) in [
            ("prt_late", datetime!(2030-01-01 00:03 UTC)),
            ("prt_early", datetime!(2030-01-01 00:01 UTC)),
            ("prt_future", datetime!(2030-01-01 00:09 UTC)),
        ] {
            store.insert(porting(id));
            store.get_mut(id).unwrap().due = Some(Due { at, answer: Answer::Complete });
        }
        let due: Vec<String> =
            store.due_at(datetime!(2030-01-01 00:05 UTC)).iter().map(|r| r.porting.id.clone()).collect();
        assert_eq!(due, ["prt_early", "prt_late"]);
    }
}
