//! A request rate with a burst, and a limiter of many keys in this process (GCRA, the token
//! bucket as one timestamp per key).
//!
//! Memory stays bounded: a key whose bucket is full again is indistinguishable from a new one,
//! so it is dropped on the next sweep, and the table never holds more than [`MAX_KEYS`].

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::clock::Clock;

/// Keys tracked per table at most. Only keys still cooling down are kept, so reaching this takes
/// that many distinct clients inside one refill window; new keys are then refused until a sweep
/// frees room, rather than forgetting a client that is still being limited.
pub const MAX_KEYS: usize = 100_000;
/// A full table is swept at most this often, so a flood of new keys costs each request O(1).
const FULL_SWEEP_GAP_NANOS: i128 = 1_000_000_000;

/// A sustained rate with a burst allowance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    pub per_minute: u32,
    pub burst: u32,
}

impl Rate {
    /// Time between two requests at the sustained rate.
    pub fn interval(self) -> Duration {
        Duration::from_nanos(nanos(self.interval_nanos()))
    }

    /// How far ahead of the sustained rate a client may run: `burst - 1` intervals.
    pub fn tolerance(self) -> Duration {
        Duration::from_nanos(nanos(self.tolerance_nanos()))
    }

    fn interval_nanos(self) -> i128 {
        60_000_000_000 / i128::from(self.per_minute.max(1))
    }

    fn tolerance_nanos(self) -> i128 {
        self.interval_nanos() * i128::from(self.burst.max(1) - 1)
    }
}

/// A non-negative count of nanoseconds as `u64`, saturating.
fn nanos(value: i128) -> u64 {
    u64::try_from(value.max(0)).unwrap_or(u64::MAX)
}

/// One limit over many keys. Time comes from the proxy's [`Clock`] so tests can move it; a wall
/// clock stepping back only delays clients by the step.
pub struct Limiter<K> {
    pub rate: Rate,
    clock: Arc<dyn Clock>,
    state: Mutex<Table<K>>,
}

struct Table<K> {
    /// Each key's theoretical arrival time: when its bucket will be full again, in Unix nanos.
    arrivals: HashMap<K, i128>,
    last_sweep: i128,
}

impl<K: Hash + Eq> Limiter<K> {
    pub fn new(rate: Rate, clock: Arc<dyn Clock>) -> Self {
        Limiter { rate, clock, state: Mutex::new(Table { arrivals: HashMap::new(), last_sweep: 0 }) }
    }

    /// Admits one request for `key`, or says how long until it would be admitted.
    pub fn check(&self, key: K) -> Result<(), Duration> {
        let now = self.clock.now().unix_timestamp_nanos();
        let (interval, tolerance) = (self.rate.interval_nanos(), self.rate.tolerance_nanos());
        // The table is only touched under this lock and never left half-updated.
        let mut table = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        // Sweeping once per full refill window evicts idle keys for an amortised O(1).
        let window = interval + tolerance;
        let since = now - table.last_sweep;
        if since >= window || (table.arrivals.len() >= MAX_KEYS && since >= FULL_SWEEP_GAP_NANOS) {
            table.arrivals.retain(|_, arrival| *arrival > now);
            table.last_sweep = now;
        }
        let known = table.arrivals.len();
        let arrival = match table.arrivals.get(&key) {
            Some(arrival) => (*arrival).max(now),
            None if known >= MAX_KEYS => return Err(Duration::from_nanos(nanos(window))),
            None => now,
        };
        let wait = arrival - tolerance - now;
        if wait > 0 {
            return Err(Duration::from_nanos(nanos(wait)));
        }
        table.arrivals.insert(key, arrival + interval);
        Ok(())
    }

    #[cfg(test)]
    pub(crate) fn keys(&self) -> usize {
        self.state.lock().unwrap().arrivals.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use time::OffsetDateTime;

    fn limiter(per_minute: u32, burst: u32) -> (Arc<ManualClock>, Limiter<u32>) {
        let clock = Arc::new(ManualClock::new(OffsetDateTime::UNIX_EPOCH + Duration::from_secs(1_000_000)));
        (clock.clone(), Limiter::new(Rate { per_minute, burst }, clock))
    }

    #[test]
    fn a_burst_is_admitted_then_refused_until_the_rate_refills() {
        let (clock, limiter) = limiter(60, 5);
        for _ in 0..5 {
            assert_eq!(limiter.check(1), Ok(()));
        }
        assert_eq!(limiter.check(1), Err(Duration::from_secs(1)));
        assert_eq!(limiter.check(2), Ok(()), "other keys are unaffected");
        clock.advance(Duration::from_millis(500));
        assert_eq!(limiter.check(1), Err(Duration::from_millis(500)));
        clock.advance(Duration::from_millis(500));
        assert_eq!(limiter.check(1), Ok(()));
        assert!(limiter.check(1).is_err());
    }

    #[test]
    fn a_full_table_is_swept_at_most_once_a_second() {
        let (clock, limiter) = limiter(1, 1);
        for key in 0..MAX_KEYS as u32 {
            limiter.check(key).unwrap();
        }
        let swept = |limiter: &Limiter<u32>| limiter.state.lock().unwrap().last_sweep;
        let filled = swept(&limiter);
        clock.advance(Duration::from_millis(10));
        // Full and still cooling down: refused, without scanning the table each time.
        for key in 0..1_000 {
            assert!(limiter.check(MAX_KEYS as u32 + key).is_err());
        }
        assert_eq!(swept(&limiter), filled);
        clock.advance(Duration::from_secs(1));
        assert!(limiter.check(u32::MAX).is_err(), "every key is still cooling down");
        assert!(swept(&limiter) > filled, "a second later the full table is swept again");
        assert_eq!(limiter.keys(), MAX_KEYS);
    }

    #[test]
    fn idle_keys_are_evicted() {
        let (clock, limiter) = limiter(60, 2);
        for key in 0..100 {
            limiter.check(key).unwrap();
        }
        assert_eq!(limiter.keys(), 100);
        clock.advance(Duration::from_secs(2));
        limiter.check(1000).unwrap();
        assert_eq!(limiter.keys(), 1);
    }

    #[test]
    fn the_shared_limit_gets_the_same_interval_and_tolerance() {
        let rate = Rate { per_minute: 120, burst: 30 };
        assert_eq!(
            (rate.interval(), rate.tolerance()),
            (Duration::from_millis(500), Duration::from_millis(14_500))
        );
    }
}
