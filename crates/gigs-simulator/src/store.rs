//! The simulator's portings in memory, in creation order, each with the transition the donor
//! will make next and when.

use std::collections::{HashMap, VecDeque};

use porting_model::Porting;
use time::OffsetDateTime;

use super::test_numbers::Answer;
use gigs_http::error::ApiError;

/// The donor's next answer to a requested porting, at a simulated time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    pub at: OffsetDateTime,
    pub answer: Answer,
}

/// A porting as the simulator keeps it. Neither PIN is here: only `accountPinExists` and
/// `billingPinExists`.
#[derive(Clone, Debug)]
pub struct Record {
    pub porting: Porting,
    pub due: Option<Due>,
}

/// Portings kept at most. A simulator runs for days in a demo or QA, with anyone able to create
/// portings, so past this the oldest are forgotten (Gigs answers 404 for them, as for any id it
/// doesn't know) rather than memory growing without end.
pub const MAX_PORTINGS: usize = 50_000;

#[derive(Default)]
pub struct Store {
    /// Oldest first.
    records: VecDeque<Record>,
    /// Each id's insertion number; the record is at `number - forgotten`.
    index: HashMap<String, usize>,
    /// How many of the oldest records have been dropped.
    forgotten: usize,
}

impl Store {
    pub fn insert(&mut self, porting: Porting) {
        if self.records.len() == MAX_PORTINGS {
            if let Some(oldest) = self.records.pop_front() {
                self.index.remove(&oldest.porting.id);
                self.forgotten += 1;
            }
        }
        self.index.insert(porting.id.clone(), self.forgotten + self.records.len());
        self.records.push_back(Record { porting, due: None });
    }

    fn position(&self, id: &str) -> Result<usize, ApiError> {
        self.index.get(id).map(|number| number - self.forgotten).ok_or_else(ApiError::porting_not_found)
    }

    pub fn get(&self, id: &str) -> Result<&Record, ApiError> {
        Ok(&self.records[self.position(id)?])
    }

    pub fn get_mut(&mut self, id: &str) -> Result<&mut Record, ApiError> {
        let position = self.position(id)?;
        Ok(&mut self.records[position])
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
    use crate::lifecycle;
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
    fn past_the_bound_the_oldest_are_forgotten() {
        let mut store = Store::default();
        for n in 0..MAX_PORTINGS + 2 {
            store.insert(porting(&format!("prt_{n}")));
        }
        assert_eq!(store.newest_first().len(), MAX_PORTINGS);
        for forgotten in ["prt_0", "prt_1"] {
            assert_eq!(store.get(forgotten).unwrap_err().body.code.as_deref(), Some("portingNotFound"));
        }
        for kept in ["prt_2", "prt_3", &format!("prt_{}", MAX_PORTINGS + 1)] {
            assert_eq!(store.get(kept).unwrap().porting.id, kept);
        }
        store.get_mut("prt_2").unwrap().porting.first_name = Some("Ada".into());
        assert_eq!(store.get("prt_2").unwrap().porting.first_name.as_deref(), Some("Ada"));
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
