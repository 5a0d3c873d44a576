//! The per-buyer cap on portings created, counted here by session subject (`sub`) rather than
//! read from the presented token: every session the proxy hands out after a create is a widened
//! copy, and the original stays valid until it expires, so a count taken from the token could be
//! reset by replaying an older one.
//!
//! Memory stays bounded: a subject is forgotten once every session that created a porting for it
//! has expired (each is accepted for at most a day), and the table holds at most [`MAX_SUBJECTS`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::session::Claims;
use crate::shared::{Redis, Unavailable};

/// Subjects tracked at most. Reaching this takes that many buyers creating portings within one
/// session lifetime; further buyers' creates are then refused until expired entries make room,
/// rather than forgetting a count that still matters.
pub const MAX_SUBJECTS: usize = 100_000;

/// Portings created per subject, shared by every request.
pub struct PortingCap {
    limit: usize,
    max_subjects: usize,
    table: Mutex<HashMap<String, Entry>>,
}

struct Entry {
    /// Creates that succeeded or are in flight.
    created: usize,
    /// When the last session that created one here stops being accepted (Unix seconds).
    forget_after: i64,
}

/// Why a create was not admitted.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The subject has reached the cap.
    Full,
    /// The table is full of subjects still counted.
    Busy,
}

/// One admitted create, counted in this process or in Redis for every instance. Unless
/// [`Place::commit`] is called (the create may have reached Gigs), dropping it gives it back.
pub struct Place {
    counted: Counted,
    subject: String,
    committed: bool,
}

/// Where a [`Place`] is counted.
enum Counted {
    Here(Arc<PortingCap>),
    Shared(Arc<Redis>),
}

impl PortingCap {
    pub fn new(limit: usize) -> Arc<Self> {
        Self::with_capacity(limit, MAX_SUBJECTS)
    }

    fn with_capacity(limit: usize, max_subjects: usize) -> Arc<Self> {
        Arc::new(PortingCap { limit, max_subjects, table: Mutex::new(HashMap::new()) })
    }

    /// Admits one more create for the session `claims` at `now` (Unix seconds). The count starts
    /// at the portings the session lists, as the merchant's backend may mint a session holding
    /// portings made before.
    pub fn reserve(self: &Arc<Self>, claims: &Claims, now: i64) -> Result<Place, Refusal> {
        // Entries are only changed under this lock and never left half-updated.
        let mut table = self.table.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if table.len() >= self.max_subjects && !table.contains_key(&claims.sub) {
            table.retain(|_, entry| entry.forget_after >= now);
            if table.len() >= self.max_subjects {
                return Err(Refusal::Busy);
            }
        }
        let entry = table.entry(claims.sub.clone()).or_insert(Entry { created: 0, forget_after: now });
        if entry.forget_after < now {
            // Every session that created one here has expired, as has the count.
            entry.created = 0;
        }
        let created = entry.created.max(claims.portings.len());
        if created >= self.limit {
            return Err(Refusal::Full);
        }
        entry.created = created + 1;
        entry.forget_after = entry.forget_after.max(claims.accepted_until());
        Ok(Place { counted: Counted::Here(self.clone()), subject: claims.sub.clone(), committed: false })
    }

    #[cfg(test)]
    fn subjects(&self) -> usize {
        self.table.lock().unwrap().len()
    }
}

impl Place {
    /// Admits one more create for the session `claims` at `now`, under `cap`, or under the shared
    /// cap when there is Redis; without an answer from Redis none is (503), as the cap could not
    /// be kept.
    pub async fn reserve(
        cap: &Arc<PortingCap>,
        redis: Option<&Arc<Redis>>,
        claims: &Claims,
        now: i64,
    ) -> Result<Place, Refusal> {
        let Some(redis) = redis else { return cap.reserve(claims, now) };
        let listed = claims.portings.len();
        match redis.reserve(&claims.sub, listed, cap.limit, claims.accepted_until()).await {
            Ok(true) => Ok(Place {
                counted: Counted::Shared(redis.clone()),
                subject: claims.sub.clone(),
                committed: false,
            }),
            Ok(false) => Err(Refusal::Full),
            Err(Unavailable) => Err(Refusal::Busy),
        }
    }

    /// The create may reach Gigs: it counts from now on, even if this is dropped mid-call.
    pub fn commit(&mut self) {
        self.committed = true;
    }

    /// Gigs refused the create: the place is free again.
    pub fn release(mut self) {
        self.committed = false;
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        match &self.counted {
            Counted::Here(cap) => {
                let mut table = cap.table.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                if let Some(entry) = table.get_mut(&self.subject) {
                    entry.created = entry.created.saturating_sub(1);
                }
            }
            Counted::Shared(redis) => {
                let (redis, subject) = (redis.clone(), std::mem::take(&mut self.subject));
                tokio::spawn(async move { redis.give_back(&subject).await });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn session(sub: &str, portings: usize, exp: i64) -> Claims {
        Claims {
            sub: sub.into(),
            portings: (0..portings).map(|i| format!("prt_{i}")).collect(),
            provider: "p9".into(),
            exp,
            iat: None,
            nbf: None,
            aud: None,
            iss: None,
        }
    }

    #[test]
    fn the_cap_holds_per_subject_whatever_session_is_presented() {
        let cap = PortingCap::new(3);
        let original = session("usr_a", 0, NOW + 600);
        for _ in 0..3 {
            cap.reserve(&original, NOW).unwrap().commit();
        }
        assert!(matches!(cap.reserve(&original, NOW), Err(Refusal::Full)));
        assert!(cap.reserve(&session("usr_b", 0, NOW + 600), NOW).is_ok(), "other buyers are unaffected");
    }

    #[test]
    fn a_failed_create_gives_its_place_back() {
        let cap = PortingCap::new(1);
        let original = session("usr_a", 0, NOW + 600);
        drop(cap.reserve(&original, NOW).unwrap());
        cap.reserve(&original, NOW).unwrap().commit();
        assert!(cap.reserve(&original, NOW).is_err());
    }

    #[test]
    fn a_committed_place_counts_until_released() {
        let cap = PortingCap::new(1);
        let original = session("usr_a", 0, NOW + 600);
        let mut place = cap.reserve(&original, NOW).unwrap();
        place.commit();
        assert_eq!(cap.reserve(&original, NOW).err(), Some(Refusal::Full), "counted while in flight");
        place.release();
        cap.reserve(&original, NOW).unwrap().commit();
        assert_eq!(cap.reserve(&original, NOW).err(), Some(Refusal::Full));
    }

    #[test]
    fn a_session_listing_portings_counts_them() {
        let cap = PortingCap::new(3);
        assert!(matches!(cap.reserve(&session("usr_a", 3, NOW + 600), NOW), Err(Refusal::Full)));
        cap.reserve(&session("usr_b", 2, NOW + 600), NOW).unwrap().commit();
        assert!(cap.reserve(&session("usr_b", 0, NOW + 600), NOW).is_err());
    }

    #[test]
    fn a_subject_is_forgotten_once_its_sessions_have_expired_and_the_table_is_bounded() {
        let cap = PortingCap::with_capacity(1, 2);
        cap.reserve(&session("usr_a", 0, NOW + 600), NOW).unwrap().commit();
        cap.reserve(&session("usr_b", 0, NOW + 6000), NOW).unwrap().commit();
        assert_eq!(cap.reserve(&session("usr_c", 0, NOW + 600), NOW).err(), Some(Refusal::Busy));
        let later = NOW + 600 + crate::guard::session::MAX_CLOCK_SKEW_SECS + 1;
        cap.reserve(&session("usr_c", 0, later + 600), later).unwrap().commit();
        assert_eq!(cap.subjects(), 2, "usr_a was forgotten, usr_b is still counted");
        assert!(cap.reserve(&session("usr_b", 0, later + 600), later).is_err());
    }
}
