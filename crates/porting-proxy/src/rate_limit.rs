//! Per-client-IP and per-session request rate limits (GCRA, the token bucket as one timestamp
//! per key), answering 429 with `Retry-After`.
//!
//! Memory stays bounded: a key whose bucket is full again is indistinguishable from a new one,
//! so it is dropped on the next sweep, and the table never holds more than [`MAX_KEYS`]. Only
//! verified sessions become keys, so made-up tokens cannot fill the session table.

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
use crate::metrics::{refusal, Refused};
use crate::session::{Claims, SessionKey};
use crate::shared::Redis;

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
    /// Time between two requests at the sustained rate, in nanoseconds.
    fn interval(self) -> i128 {
        60_000_000_000 / i128::from(self.per_minute.max(1))
    }

    /// How far ahead of the sustained rate a client may run: `burst - 1` intervals.
    fn tolerance(self) -> i128 {
        self.interval() * i128::from(self.burst.max(1) - 1)
    }

    /// [`Rate::interval`] in microseconds, as the shared limit counts.
    pub fn interval_micros(self) -> u64 {
        (self.interval() / 1_000) as u64
    }

    pub fn tolerance_micros(self) -> u64 {
        (self.tolerance() / 1_000) as u64
    }
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
        let (interval, tolerance) = (self.rate.interval(), self.rate.tolerance());
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

/// The per-IP and per-session limiters of the widget API, or the per-IP one alone of a path
/// that takes no session (the webhooks).
#[derive(Clone)]
pub struct RateLimits {
    /// Names these limits' keys in Redis, apart from the other limits'.
    name: &'static str,
    by_ip: Arc<Limiter<IpAddr>>,
    by_session: Option<(Arc<Limiter<[u8; 16]>>, SessionKey)>,
    trusted_proxies: Arc<TrustedProxies>,
    clock: Arc<dyn Clock>,
    /// With Redis the limits hold across every instance; this instance's own are the fallback.
    shared: Option<Arc<Redis>>,
}

impl RateLimits {
    pub fn new(limits: &Limits, clock: Arc<dyn Clock>, sessions: SessionKey) -> Self {
        RateLimits {
            name: "api",
            by_ip: Arc::new(Limiter::new(limits.ip, clock.clone())),
            by_session: Some((Arc::new(Limiter::new(limits.session, clock.clone())), sessions)),
            trusted_proxies: Arc::new(limits.trusted_proxies.clone()),
            clock,
            shared: None,
        }
    }

    /// Per client IP only, at `rate`, under `name`.
    pub fn per_ip(
        name: &'static str,
        rate: Rate,
        trusted_proxies: &TrustedProxies,
        clock: Arc<dyn Clock>,
    ) -> Self {
        RateLimits {
            name,
            by_ip: Arc::new(Limiter::new(rate, clock.clone())),
            by_session: None,
            trusted_proxies: Arc::new(trusted_proxies.clone()),
            clock,
            shared: None,
        }
    }

    /// These limits held across every instance sharing `redis`.
    pub fn shared(self, redis: Option<Arc<Redis>>) -> Self {
        RateLimits { shared: redis, ..self }
    }

    /// Admits a request from `ip` with the `Authorization` value `authorization`: the IP first, so
    /// floods of made-up sessions are bounded too; then the session's buyer, once verified (an
    /// unverifiable session is refused by its route, and never enters the table).
    /// With Redis, both limits hold across every instance in one round trip; when Redis is down
    /// or slow, this instance's own limits apply.
    pub async fn admit(&self, ip: IpAddr, authorization: Option<&str>) -> Result<(), Duration> {
        self.admit_session(ip, authorization).await.map(drop)
    }

    /// [`RateLimits::admit`], answering with the session it verified, if any.
    async fn admit_session(
        &self,
        ip: IpAddr,
        authorization: Option<&str>,
    ) -> Result<Option<Claims>, Duration> {
        let ip = client_key(ip);
        let buyer = self.by_session.as_ref().and_then(|(by_session, sessions)| {
            let token = authorization?.strip_prefix("Bearer ")?;
            let claims = sessions.verify(token, self.clock.now().unix_timestamp()).ok()?;
            Some((by_session, session_key(claims.sub.as_bytes()), claims))
        });
        if let Some(redis) = &self.shared {
            let mut buckets = vec![(format!("{}:ip:{ip}", self.name), self.by_ip.rate)];
            if let Some((by_session, key, _)) = &buyer {
                let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
                buckets.push((format!("{}:buyer:{hex}", self.name), by_session.rate));
            }
            if let Ok(admitted) = redis.rate(&buckets).await {
                return admitted.map(|()| buyer.map(|(_, _, claims)| claims));
            }
        }
        self.by_ip.check(ip)?;
        match buyer {
            Some((by_session, key, claims)) => by_session.check(key).map(|()| Some(claims)),
            None => Ok(None),
        }
    }
}

/// Middleware: see [`RateLimits::admit`]. Requests served in-process without a peer address
/// share one bucket. The session it verified goes on with the request, so the route does not
/// verify it again.
pub async fn limit(State(limits): State<Arc<RateLimits>>, mut request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
    let peer = peer.unwrap_or(IpAddr::from([0, 0, 0, 0]));
    let ip = limits.trusted_proxies.client(peer, request.headers());
    let authorization = request.headers().get(header::AUTHORIZATION).and_then(|value| value.to_str().ok());
    match limits.admit_session(ip, authorization).await {
        Ok(verified) => {
            request.extensions_mut().insert(ClientIp(client_key(ip)));
            if let Some(claims) = verified {
                request.extensions_mut().insert(VerifiedSession(claims));
            }
            next.run(request).await
        }
        Err(wait) => refusal(Refused::RateLimit, ApiError::rate_limited(wait)),
    }
}

/// The client a request is from, as the rate limits count it (IPv6 by /64): set by [`limit`]
/// for the routes behind it.
#[derive(Clone, Copy, Debug)]
pub struct ClientIp(pub IpAddr);

/// The claims of the request's session, verified by [`limit`] with the proxy's key and clock.
#[derive(Clone, Debug)]
pub struct VerifiedSession(pub Claims);

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

/// A digest of the verified session's buyer (`sub`), so all their sessions share one bucket and
/// the table holds no user id.
fn session_key(subject: &[u8]) -> [u8; 16] {
    let digest = Sha256::digest(subject);
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

    #[tokio::test]
    async fn only_verified_sessions_enter_the_session_table() {
        let clock =
            Arc::new(Frozen(Mutex::new(OffsetDateTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000))));
        let sessions = SessionKey::random();
        let limits = Limits {
            ip: Rate { per_minute: 60_000, burst: 10_000 },
            session: Rate { per_minute: 60, burst: 3 },
            ..Limits::default()
        };
        let rates = RateLimits::new(&limits, clock.clone(), sessions.clone());
        let ip = IpAddr::from([192, 0, 2, 1]);
        for n in 0..1_000 {
            assert_eq!(
                rates.admit(ip, Some(&format!("Bearer made.up.{n}"))).await,
                Ok(()),
                "refused by its route, not here"
            );
        }
        let (by_session, _) = rates.by_session.as_ref().unwrap();
        assert_eq!(by_session.keys(), 0, "made-up tokens never enter the table");
        let claims = crate::session::Claims {
            sub: "usr_1".into(),
            portings: vec![],
            provider: "p9".into(),
            exp: 1_800_000_600,
            iat: None,
            nbf: None,
            aud: None,
            iss: None,
        };
        let (one, other) =
            (sessions.mint(&claims), sessions.mint(&crate::session::Claims { exp: 1_800_000_500, ..claims }));
        for token in [&one, &other, &one] {
            assert_eq!(rates.admit(ip, Some(&format!("Bearer {token}"))).await, Ok(()));
        }
        assert!(
            rates.admit(ip, Some(&format!("Bearer {other}"))).await.is_err(),
            "one buyer's sessions share a bucket"
        );
        assert_eq!(by_session.keys(), 1);
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
