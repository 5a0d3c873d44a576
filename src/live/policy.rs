//! When to reconnect, when to fall back to polling and when to stop: the decisions of following
//! a porting live, as plain functions of what happened.

use crate::api::ApiError;

/// The first wait before reconnecting a stream, unless the server's `retry:` says otherwise.
pub const STREAM_RETRY_MS: u32 = 1_000;
/// The longest wait between two stream attempts.
pub const STREAM_RETRY_CAP_MS: u32 = 30_000;
/// Stream attempts that fail one after another before the widget polls instead.
pub const STREAM_FAILURES_BEFORE_POLLING: u32 = 3;
/// The first wait between two polls, doubled while nothing changes, up to the cap.
pub const POLL_MS: u32 = 5_000;
pub const POLL_CAP_MS: u32 = 60_000;
/// A stream that lived this long was healthy, however it ended: failures count afresh.
pub const HEALTHY_STREAM_MS: u32 = 60_000;
/// Polls after which the stream is tried again (some 7 minutes), in case it is back.
pub const POLLS_BEFORE_STREAM_AGAIN: u32 = 10;
/// A stream that sends nothing for this long (the proxy's heartbeat comes every 15 s) is dead,
/// as after a network switch or a laptop's sleep: it is dropped and counted as a failure.
pub const STREAM_SILENCE_MS: u32 = 40_000;

/// How a stream attempt ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamEnd {
    /// The server closed a stream that had opened after `lasted_ms`; `changed` if it brought a
    /// new porting.
    Closed { changed: bool, lasted_ms: u32 },
    /// No stream: no answer, a server error, or a stream that broke. `retry_after` in seconds.
    Failed { retry_after: Option<u32> },
    /// The proxy holds as many streams as it allows (429 `tooManyStreams`).
    TooMany { retry_after: Option<u32> },
    /// The merchant's proxy has no stream route (404, 405, 501).
    NoRoute,
    /// The session expired or was revoked (401).
    SessionEnded,
}

/// How a poll ended; `SessionEnded` when the session no longer reaches the porting: expired or
/// revoked (401), or refreshed without it (404, where the porting was read before).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PollEnd {
    Answered { changed: bool },
    Failed { retry_after: Option<u32> },
    SessionEnded,
}

/// What to do next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    Stream {
        after_ms: u32,
    },
    Poll {
        after_ms: u32,
    },
    /// Stop following: the session no longer lets the widget read the porting.
    SessionEnded,
}

/// How the widget follows one porting: by stream while it works, else by polling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    failures: u32,
    polls_unchanged: u32,
    polls: u32,
    /// The server's `retry:`, in milliseconds.
    retry_ms: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy { failures: 0, polls_unchanged: 0, polls: 0, retry_ms: STREAM_RETRY_MS }
    }
}

impl Policy {
    /// What to do first, and again after the page was hidden: try the stream.
    pub fn start(&mut self) -> Next {
        *self = Policy { retry_ms: self.retry_ms, ..Policy::default() };
        Next::Stream { after_ms: 0 }
    }

    /// The stream's `retry:` field, bounded by the cap.
    pub fn server_retry(&mut self, ms: u32) {
        self.retry_ms = ms.min(STREAM_RETRY_CAP_MS);
    }

    /// `jitter` is a random number in `[0, 1)`: waits are spread so widgets do not come back
    /// to a restarted proxy all at once.
    pub fn after_stream(&mut self, end: StreamEnd, jitter: f64) -> Next {
        let retry_after = match end {
            StreamEnd::SessionEnded => return Next::SessionEnded,
            StreamEnd::NoRoute => return self.poll(0),
            StreamEnd::TooMany { retry_after } => return self.poll(seconds(retry_after)),
            StreamEnd::Closed { changed, lasted_ms } => {
                if changed || lasted_ms >= HEALTHY_STREAM_MS {
                    self.failures = 0;
                }
                None
            }
            StreamEnd::Failed { retry_after } => retry_after,
        };
        self.failures += 1;
        if self.failures >= STREAM_FAILURES_BEFORE_POLLING {
            return self.poll(seconds(retry_after));
        }
        let wait = backoff(self.retry_ms, self.failures - 1, STREAM_RETRY_CAP_MS, jitter);
        Next::Stream { after_ms: wait.max(seconds(retry_after)) }
    }

    pub fn after_poll(&mut self, end: PollEnd, jitter: f64) -> Next {
        let (retry_after, changed) = match end {
            PollEnd::SessionEnded => return Next::SessionEnded,
            PollEnd::Answered { changed } => (None, changed),
            PollEnd::Failed { retry_after } => (retry_after, false),
        };
        let attempt = if changed { 0 } else { self.polls_unchanged };
        self.polls_unchanged = attempt + 1;
        self.polls += 1;
        let after_ms = backoff(POLL_MS, attempt, POLL_CAP_MS, jitter).max(seconds(retry_after));
        if self.polls >= POLLS_BEFORE_STREAM_AGAIN {
            // One more try of the stream: a single failure returns to polling.
            self.polls = 0;
            self.failures = STREAM_FAILURES_BEFORE_POLLING - 1;
            return Next::Stream { after_ms };
        }
        Next::Poll { after_ms }
    }

    /// Falls back to polling; the first poll comes at once (changes may have been missed),
    /// unless the server asked for a wait.
    fn poll(&mut self, after_ms: u32) -> Next {
        self.polls_unchanged = 0;
        self.polls = 0;
        Next::Poll { after_ms }
    }
}

/// `base` doubled `attempt` times, at most `cap`, then spread down by up to half at random.
pub fn backoff(base: u32, attempt: u32, cap: u32, jitter: f64) -> u32 {
    let full = base.saturating_mul(1u32.checked_shl(attempt).unwrap_or(u32::MAX)).min(cap);
    let spread = f64::from(full) * jitter.clamp(0.0, 1.0) / 2.0;
    full - spread as u32
}

/// A `Retry-After` (already bounded, see [`crate::api::retry_after`]) in milliseconds.
fn seconds(retry_after: Option<u32>) -> u32 {
    retry_after.map_or(0, |s| s.saturating_mul(1_000))
}

/// How an attempt to open the stream ended when its answer was not `200`.
pub fn refused_stream(status: u16, retry_after: Option<u32>) -> StreamEnd {
    match status {
        401 => StreamEnd::SessionEnded,
        404 | 405 | 501 => StreamEnd::NoRoute,
        429 => StreamEnd::TooMany { retry_after },
        _ => StreamEnd::Failed { retry_after },
    }
}

/// How a poll that failed ended. Unlike the stream's, the porting's own route exists (the widget
/// read it), so its 404 is the session's answer, not a missing route.
pub fn failed_poll(error: &ApiError) -> PollEnd {
    match error {
        ApiError::Status { status: 401 | 404, .. } => PollEnd::SessionEnded,
        ApiError::Busy { retry_after } => PollEnd::Failed { retry_after: Some(*retry_after) },
        _ => PollEnd::Failed { retry_after: None },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAILED: StreamEnd = StreamEnd::Failed { retry_after: None };

    #[test]
    fn backoff_doubles_to_its_cap_and_jitter_only_shortens_by_half() {
        assert_eq!(
            [0, 1, 2, 3, 10, 40].map(|n| backoff(1_000, n, 30_000, 0.0)),
            [1_000, 2_000, 4_000, 8_000, 30_000, 30_000]
        );
        assert_eq!(backoff(5_000, 0, 60_000, 0.999_999), 2_501);
        assert_eq!(backoff(5_000, 0, 60_000, 0.5), 3_750);
        assert_eq!(backoff(u32::MAX, 31, u32::MAX, 0.0), u32::MAX);
    }

    #[test]
    fn a_failing_stream_is_retried_with_backoff_then_polled() {
        let mut policy = Policy::default();
        assert_eq!(policy.start(), Next::Stream { after_ms: 0 });
        assert_eq!(policy.after_stream(FAILED, 0.0), Next::Stream { after_ms: 1_000 });
        assert_eq!(policy.after_stream(FAILED, 0.0), Next::Stream { after_ms: 2_000 });
        assert_eq!(policy.after_stream(FAILED, 0.0), Next::Poll { after_ms: 0 });
        // Shown again after a while hidden: the stream is tried afresh.
        assert_eq!(policy.start(), Next::Stream { after_ms: 0 });
        assert_eq!(policy.after_stream(FAILED, 0.0), Next::Stream { after_ms: 1_000 });
    }

    #[test]
    fn retry_and_retry_after_are_honoured() {
        let mut policy = Policy::default();
        policy.server_retry(4_000);
        assert_eq!(policy.after_stream(FAILED, 0.0), Next::Stream { after_ms: 4_000 });
        let busy = StreamEnd::Failed { retry_after: Some(20) };
        assert_eq!(policy.after_stream(busy, 0.0), Next::Stream { after_ms: 20_000 });
        policy.server_retry(u32::MAX);
        assert_eq!(policy.start(), Next::Stream { after_ms: 0 });
        assert_eq!(policy.after_stream(FAILED, 0.0), Next::Stream { after_ms: STREAM_RETRY_CAP_MS });
    }

    #[test]
    fn a_stream_that_brought_a_change_starts_counting_again() {
        let mut policy = Policy::default();
        policy.after_stream(FAILED, 0.0);
        policy.after_stream(FAILED, 0.0);
        let next = policy.after_stream(StreamEnd::Closed { changed: true, lasted_ms: 10 }, 0.0);
        assert_eq!(next, Next::Stream { after_ms: 1_000 });
        // A server that closes every stream at once, with nothing new, gets polled.
        policy.after_stream(StreamEnd::Closed { changed: false, lasted_ms: 10 }, 0.0);
        let next = policy.after_stream(StreamEnd::Closed { changed: false, lasted_ms: 10 }, 0.0);
        assert_eq!(next, Next::Poll { after_ms: 0 });
    }

    #[test]
    fn a_long_healthy_stream_that_ends_is_not_a_failure() {
        let mut policy = Policy::default();
        let healthy = StreamEnd::Closed { changed: false, lasted_ms: HEALTHY_STREAM_MS };
        // A balancer's idle timeout, again and again: always a quick reconnect, never polling.
        for _ in 0..10 {
            assert_eq!(policy.after_stream(healthy, 0.0), Next::Stream { after_ms: 1_000 });
        }
    }

    #[test]
    fn polling_tries_the_stream_again_now_and_then() {
        let mut policy = Policy::default();
        assert_eq!(policy.after_stream(StreamEnd::NoRoute, 0.0), Next::Poll { after_ms: 0 });
        let same = PollEnd::Answered { changed: false };
        let nexts: Vec<Next> = (0..POLLS_BEFORE_STREAM_AGAIN).map(|_| policy.after_poll(same, 0.0)).collect();
        assert!(nexts[..nexts.len() - 1].iter().all(|n| matches!(n, Next::Poll { .. })));
        assert_eq!(nexts.last(), Some(&Next::Stream { after_ms: POLL_CAP_MS }));
        // It failed again: back to polling at once.
        assert_eq!(policy.after_stream(FAILED, 0.0), Next::Poll { after_ms: 0 });
    }

    #[test]
    fn answers_are_read_as_the_policy_needs_them() {
        assert_eq!(refused_stream(401, None), StreamEnd::SessionEnded);
        for status in [404, 405, 501] {
            assert_eq!(refused_stream(status, None), StreamEnd::NoRoute);
        }
        assert_eq!(refused_stream(429, Some(3)), StreamEnd::TooMany { retry_after: Some(3) });
        assert_eq!(refused_stream(503, Some(9)), StreamEnd::Failed { retry_after: Some(9) });
        let expired = ApiError::Status { status: 401, error: None };
        assert_eq!(failed_poll(&expired), PollEnd::SessionEnded);
        assert_eq!(failed_poll(&ApiError::Busy { retry_after: 7 }), PollEnd::Failed { retry_after: Some(7) });
        assert_eq!(failed_poll(&ApiError::Unreachable), PollEnd::Failed { retry_after: None });
    }

    #[test]
    fn a_porting_the_session_no_longer_reaches_ends_polling_but_a_missing_stream_route_does_not() {
        let not_found = ApiError::Status { status: 404, error: None };
        let mut policy = Policy::default();
        assert_eq!(policy.after_stream(refused_stream(404, None), 0.0), Next::Poll { after_ms: 0 });
        assert_eq!(policy.after_poll(failed_poll(&not_found), 0.0), Next::SessionEnded);
        let broken = ApiError::Status { status: 500, error: None };
        assert_eq!(
            failed_poll(&broken),
            PollEnd::Failed { retry_after: None },
            "a server error is tried again"
        );
    }

    #[test]
    fn too_many_streams_or_no_route_polls_at_once_or_when_asked() {
        let mut policy = Policy::default();
        assert_eq!(policy.after_stream(StreamEnd::NoRoute, 0.0), Next::Poll { after_ms: 0 });
        let too_many = StreamEnd::TooMany { retry_after: Some(15) };
        assert_eq!(Policy::default().after_stream(too_many, 0.0), Next::Poll { after_ms: 15_000 });
    }

    #[test]
    fn polling_backs_off_from_5_to_60_seconds_while_nothing_changes() {
        let mut policy = Policy::default();
        let same = PollEnd::Answered { changed: false };
        let waits: Vec<Next> = (0..6).map(|_| policy.after_poll(same, 0.0)).collect();
        let expected = [5_000, 10_000, 20_000, 40_000, 60_000, 60_000].map(|ms| Next::Poll { after_ms: ms });
        assert_eq!(waits, expected);
        assert_eq!(
            policy.after_poll(PollEnd::Answered { changed: true }, 0.0),
            Next::Poll { after_ms: POLL_MS }
        );
        let limited = PollEnd::Failed { retry_after: Some(90) };
        assert_eq!(policy.after_poll(limited, 0.0), Next::Poll { after_ms: 90_000 });
        assert_eq!(policy.after_poll(same, 0.0), Next::Poll { after_ms: 20_000 });
    }

    #[test]
    fn an_ended_session_stops_everything() {
        let mut policy = Policy::default();
        assert_eq!(policy.after_stream(StreamEnd::SessionEnded, 0.5), Next::SessionEnded);
        assert_eq!(policy.after_poll(PollEnd::SessionEnded, 0.5), Next::SessionEnded);
    }
}
