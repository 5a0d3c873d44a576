//! Per-client-IP and per-session request rate limits (GCRA, the token bucket as one timestamp
//! per key), answering 429 with `Retry-After`.
//!
//! Memory stays bounded: a key whose bucket is full again is indistinguishable from a new one,
//! so it is dropped on the next sweep, and the table never holds more than [`MAX_KEYS`].

use std::collections::HashMap;
use std::hash::Hash;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};

use crate::client_ip::TrustedProxies;
use crate::clock::Clock;
use crate::error::ApiError;
use crate::limits::Limits;

/// Keys tracked per table at most. Only keys still cooling down are kept, so reaching this takes
/// that many distinct clients inside one refill window; new keys are then refused until a sweep
/// frees room, rather than forgetting a client that is still being limited.
pub const MAX_KEYS: usize = 100_000;

/// A sustained rate with a burst allowance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    pub per_minute: u32,
    pub burst: u32,
}

impl Rate {
    /// Time between two requests at the sustained rate, in nanoseconds.
    fn interval(self) -> i128 {
        60_000_000_000 / i128::from(self.per_minute.max(1))
    }

    /// How far ahead of the sustained rate a client may run: `burst - 1` intervals.
    fn tolerance(self) -> i128 {
        self.interval() * i128::from(self.burst.max(1) - 1)
    }
}

/// One limit over many keys. Time comes from the proxy's [`Clock`] so tests can move it; a wall
/// clock stepping back only delays clients by the step.
pub struct Limiter<K> {
    rate: Rate,
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
        let (interval, tolerance) = (self.rate.interval(), self.rate.tolerance());
        // The table is only touched under this lock and never left half-updated.
        let mut table = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        // Sweeping once per full refill window evicts idle keys for an amortised O(1).
        let window = interval + tolerance;
        if now - table.last_sweep >= window || table.arrivals.len() >= MAX_KEYS {
            table.arrivals.retain(|_, arrival| *arrival > now);
            table.last_sweep = now;
        }
        let known = table.arrivals.len();
        let arrival = match table.arrivals.get(&key) {
            Some(arrival) => (*arrival).max(now),
            None if known >= MAX_KEYS => return Err(Duration::from_nanos(window as u64)),
            None => now,
        };
        let wait = arrival - tolerance - now;
        if wait > 0 {
            return Err(Duration::from_nanos(wait as u64));
        }
        table.arrivals.insert(key, arrival + interval);
        Ok(())
    }

    #[cfg(test)]
    fn keys(&self) -> usize {
        self.state.lock().unwrap().arrivals.len()
    }
}

/// The per-IP and per-session limiters of the widget API.
#[derive(Clone)]
pub struct RateLimits {
    by_ip: Arc<Limiter<IpAddr>>,
    by_session: Arc<Limiter<[u8; 16]>>,
    trusted_proxies: Arc<TrustedProxies>,
}

impl RateLimits {
    pub fn new(limits: &Limits, clock: Arc<dyn Clock>) -> Self {
        RateLimits {
            by_ip: Arc::new(Limiter::new(limits.ip, clock.clone())),
            by_session: Arc::new(Limiter::new(limits.session, clock)),
            trusted_proxies: Arc::new(limits.trusted_proxies.clone()),
        }
    }
}

/// Middleware: the client's IP first (so floods of made-up sessions are bounded too), then its
/// session. Requests served in-process without a peer address share one bucket.
pub async fn limit(State(limits): State<RateLimits>, request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
    let peer = peer.unwrap_or(IpAddr::from([0, 0, 0, 0]));
    let ip = client_key(limits.trusted_proxies.client(peer, request.headers()));
    let session = request.headers().get(header::AUTHORIZATION).map(|value| session_key(value.as_bytes()));
    let admitted =
        limits.by_ip.check(ip).and_then(|()| session.map_or(Ok(()), |key| limits.by_session.check(key)));
    match admitted {
        Ok(()) => next.run(request).await,
        Err(wait) => ApiError::rate_limited(wait),
    }
}

/// IPv6 clients are limited per /64, the block one subscriber usually holds.
fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => {
            let mut octets = v6.octets();
            octets[8..].fill(0);
            IpAddr::from(octets)
        }
    }
}

/// A digest of the `Authorization` value, so the table never holds a session token. The token is
/// not verified here (the route does that); an unverifiable one still costs its sender.
fn session_key(authorization: &[u8]) -> [u8; 16] {
    let digest = Sha256::digest(authorization);
    let mut key = [0u8; 16];
    key.copy_from_slice(&digest[..16]);
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::OffsetDateTime;

    /// A clock that moves only when told to.
    struct Frozen(Mutex<OffsetDateTime>);

    impl Clock for Frozen {
        fn now(&self) -> OffsetDateTime {
            *self.0.lock().unwrap()
        }
    }

    impl Frozen {
        fn advance(&self, by: Duration) {
            *self.0.lock().unwrap() += by;
        }
    }

    fn limiter(per_minute: u32, burst: u32) -> (Arc<Frozen>, Limiter<u32>) {
        let clock = Arc::new(Frozen(Mutex::new(OffsetDateTime::UNIX_EPOCH + Duration::from_secs(1_000_000))));
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
    fn ipv6_clients_share_their_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_key(a), client_key(b));
        assert_ne!(client_key(a), client_key(c));
        let v4: IpAddr = "192.0.2.7".parse().unwrap();
        assert_eq!(client_key(v4), v4);
    }
}
