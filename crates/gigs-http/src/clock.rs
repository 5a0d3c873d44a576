//! Time as the simulator and the proxy see it, replaceable so tests never wait and demos need
//! not wait long.

use std::sync::{Arc, Mutex};

use porting_model::validate::CalendarDate;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> OffsetDateTime;
}

/// The machine's clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// A clock that stands still until told to move: tests advance it past a transition instead of
/// sleeping.
pub struct ManualClock(Mutex<OffsetDateTime>);

impl ManualClock {
    pub fn new(start: OffsetDateTime) -> Self {
        ManualClock(Mutex::new(start))
    }

    /// Moves the clock forward by `by`.
    pub fn advance(&self, by: std::time::Duration) {
        *self.lock() += by;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, OffsetDateTime> {
        // A time is written in one assignment, so a poisoned lock still holds a whole one.
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Clock for ManualClock {
    fn now(&self) -> OffsetDateTime {
        *self.lock()
    }
}

/// The highest speed-up a [`ScaledClock`] accepts: a simulated year in about half a minute.
pub const MAX_SPEED: f64 = 1_000_000.0;

/// Another clock sped up: from the moment it is made, `speed` simulated seconds pass for each
/// second of the base clock, so a port the simulator completes after minutes takes seconds.
pub struct ScaledClock {
    base: Arc<dyn Clock>,
    /// The base clock's time when this clock was made, which is also this clock's time then.
    origin: OffsetDateTime,
    speed: f64,
}

impl ScaledClock {
    /// `speed` must be a number from 1 to [`MAX_SPEED`] (slowing time down has no use here).
    pub fn new(base: Arc<dyn Clock>, speed: f64) -> Result<Self, String> {
        if !(1.0..=MAX_SPEED).contains(&speed) {
            return Err(format!("the speed must be a number from 1 to {MAX_SPEED} (got {speed})"));
        }
        Ok(ScaledClock { origin: base.now(), base, speed })
    }
}

impl Clock for ScaledClock {
    fn now(&self) -> OffsetDateTime {
        self.origin + (self.base.now() - self.origin) * self.speed
    }
}

/// `2021-01-21T19:12:28Z`, as Gigs writes timestamps (whole seconds, UTC).
pub fn rfc3339(at: OffsetDateTime) -> String {
    at.replace_nanosecond(0).expect("zero is a valid nanosecond").format(&Rfc3339).expect("UTC formats")
}

/// The calendar date (in UTC) of `at`, for the rules that compare dates with today.
pub fn today(at: OffsetDateTime) -> CalendarDate {
    let date = at.to_offset(time::UtcOffset::UTC).date();
    let year = u16::try_from(date.year()).expect("clocks here stay within years 1 to 9999");
    CalendarDate::new(year, date.month().into(), date.day()).expect("a real date is a calendar date")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use time::macros::datetime;

    #[test]
    fn timestamps_are_whole_seconds_in_utc() {
        let at = datetime!(2021-01-21 19:12:28.75 UTC);
        assert_eq!(rfc3339(at), "2021-01-21T19:12:28Z");
    }

    #[test]
    fn a_manual_clock_moves_only_when_advanced() {
        let clock = ManualClock::new(datetime!(2030-01-01 00:00 UTC));
        assert_eq!(clock.now(), datetime!(2030-01-01 00:00 UTC));
        clock.advance(Duration::from_secs(90));
        assert_eq!(clock.now(), datetime!(2030-01-01 00:01:30 UTC));
    }

    #[test]
    fn a_scaled_clock_runs_speed_times_faster_from_its_base_time() {
        let base = Arc::new(ManualClock::new(datetime!(2030-01-01 00:00 UTC)));
        let scaled = ScaledClock::new(base.clone(), 60.0).unwrap();
        assert_eq!(scaled.now(), datetime!(2030-01-01 00:00 UTC));
        base.advance(Duration::from_secs(2));
        assert_eq!(scaled.now(), datetime!(2030-01-01 00:02 UTC));
    }

    #[test]
    fn a_scaled_clock_refuses_speeds_out_of_range() {
        let base: Arc<dyn Clock> = Arc::new(SystemClock);
        for speed in [0.0, 0.5, -3.0, f64::NAN, f64::INFINITY, MAX_SPEED * 2.0] {
            assert!(ScaledClock::new(base.clone(), speed).is_err(), "{speed}");
        }
        assert!(ScaledClock::new(base, MAX_SPEED).is_ok());
    }

    #[test]
    fn today_is_the_utc_date() {
        let late = datetime!(2030-03-01 23:30 -05:00);
        assert_eq!(today(late), CalendarDate::new(2030, 3, 2).unwrap());
    }
}
