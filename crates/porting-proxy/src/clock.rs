//! Time as the simulator and the proxy see it, replaceable so tests never wait.

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

/// `2021-01-21T19:12:28Z`, as Gigs writes timestamps (whole seconds, UTC).
pub fn rfc3339(at: OffsetDateTime) -> String {
    at.replace_nanosecond(0).expect("zero is a valid nanosecond").format(&Rfc3339).expect("UTC formats")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_whole_seconds_in_utc() {
        let at = time::macros::datetime!(2021-01-21 19:12:28.75 UTC);
        assert_eq!(rfc3339(at), "2021-01-21T19:12:28Z");
    }
}
