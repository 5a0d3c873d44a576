//! Per-client-IP and per-buyer request rate limits, answering 429 with `Retry-After`: in this
//! process, or across every instance through Redis. Only verified sessions become keys, so
//! made-up tokens cannot fill the buyer table.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::client_ip::{bucket, ClientIp, Networks};
use super::limits::Limits;
use super::rate::{Limiter, Rate};
use super::session::{Claims, SessionKey, VerifiedSession};
use crate::clock::Clock;
use crate::error::ApiError;
use crate::metrics::{refusal, Refused};
use crate::shared::{Bucket, Redis};

/// The per-IP and per-buyer limiters of the widget API, or the per-IP one alone of a path
/// that takes no session (the webhooks, the demo).
#[derive(Clone)]
pub struct RateLimits {
    /// Names these limits' keys in Redis, apart from the other limits'.
    name: &'static str,
    by_ip: Arc<Limiter<IpAddr>>,
    by_buyer: Option<(Arc<Limiter<[u8; 16]>>, SessionKey)>,
    trusted_proxies: Arc<Networks>,
    clock: Arc<dyn Clock>,
    /// With Redis the limits hold across every instance; this instance's own are the fallback.
    shared: Option<Arc<Redis>>,
}

impl RateLimits {
    pub fn new(limits: &Limits, clock: Arc<dyn Clock>, sessions: SessionKey) -> Self {
        RateLimits {
            by_buyer: Some((Arc::new(Limiter::new(limits.session, clock.clone())), sessions)),
            ..RateLimits::per_ip("api", limits.ip, &limits.trusted_proxies, clock)
        }
    }

    /// Per client IP only, at `rate`, under `name`.
    pub fn per_ip(name: &'static str, rate: Rate, trusted_proxies: &Networks, clock: Arc<dyn Clock>) -> Self {
        RateLimits {
            name,
            by_ip: Arc::new(Limiter::new(rate, clock.clone())),
            by_buyer: None,
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
    /// unverifiable session is refused by its route, and never enters the table). With Redis,
    /// both limits hold across every instance in one round trip; when Redis is down or slow,
    /// this instance's own limits apply. Answers with the session it verified, if any.
    pub async fn admit(&self, ip: IpAddr, authorization: Option<&str>) -> Result<Option<Claims>, Duration> {
        let ip = bucket(ip);
        let buyer = self.by_buyer.as_ref().and_then(|(by_buyer, sessions)| {
            let token = authorization?.strip_prefix("Bearer ")?;
            let claims = sessions.verify(token, self.clock.now().unix_timestamp()).ok()?;
            Some((by_buyer, buyer_key(claims.sub.as_bytes()), claims))
        });
        if let Some(redis) = &self.shared {
            let rate = self.by_ip.rate;
            let mut buckets = vec![shared_bucket(format!("{}:ip:{ip}", self.name), rate)];
            if let Some((by_buyer, key, _)) = &buyer {
                let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
                buckets.push(shared_bucket(format!("{}:buyer:{hex}", self.name), by_buyer.rate));
            }
            if let Ok(admitted) = redis.rate(&buckets).await {
                return admitted.map(|()| buyer.map(|(_, _, claims)| claims));
            }
        }
        self.by_ip.check(ip)?;
        match buyer {
            Some((by_buyer, key, claims)) => by_buyer.check(key).map(|()| Some(claims)),
            None => Ok(None),
        }
    }
}

fn shared_bucket(key: String, rate: Rate) -> Bucket {
    Bucket { key, interval: rate.interval(), tolerance: rate.tolerance() }
}

/// Middleware: see [`RateLimits::admit`]. Requests served in-process without a peer address
/// share one bucket. The client's address and the session it verified go on with the request
/// ([`ClientIp`], [`VerifiedSession`]), so the routes do not work them out again.
pub async fn limit(State(limits): State<Arc<RateLimits>>, mut request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
    let peer = peer.unwrap_or(IpAddr::from([0, 0, 0, 0]));
    let ip = limits.trusted_proxies.client(peer, request.headers());
    let authorization = request.headers().get(header::AUTHORIZATION).and_then(|value| value.to_str().ok());
    match limits.admit(ip, authorization).await {
        Ok(verified) => {
            request.extensions_mut().insert(ClientIp(ip));
            if let Some(claims) = verified {
                request.extensions_mut().insert(VerifiedSession(claims));
            }
            next.run(request).await
        }
        Err(wait) => refusal(Refused::RateLimit, ApiError::too_many_requests(wait).into_response()),
    }
}

/// A digest of the verified session's buyer (`sub`), so all their sessions share one bucket and
/// the table holds no user id.
fn buyer_key(subject: &[u8]) -> [u8; 16] {
    let digest = Sha256::digest(subject);
    let mut key = [0u8; 16];
    key.copy_from_slice(&digest[..16]);
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use time::OffsetDateTime;

    #[tokio::test]
    async fn only_verified_sessions_enter_the_buyer_table() {
        let clock =
            Arc::new(ManualClock::new(OffsetDateTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000)));
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
                Ok(None),
                "refused by its route, not here"
            );
        }
        let (by_buyer, _) = rates.by_buyer.as_ref().unwrap();
        assert_eq!(by_buyer.keys(), 0, "made-up tokens never enter the table");
        let claims = Claims {
            sub: "usr_1".into(),
            portings: vec![],
            provider: "p9".into(),
            exp: 1_800_000_600,
            iat: None,
            nbf: None,
            aud: None,
            iss: None,
        };
        let (one, other) = (sessions.mint(&claims), sessions.mint(&Claims { exp: 1_800_000_500, ..claims }));
        for token in [&one, &other, &one] {
            assert!(rates.admit(ip, Some(&format!("Bearer {token}"))).await.is_ok());
        }
        assert!(
            rates.admit(ip, Some(&format!("Bearer {other}"))).await.is_err(),
            "one buyer's sessions share a bucket"
        );
        assert_eq!(by_buyer.keys(), 1);
    }
}
