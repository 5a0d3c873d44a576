//! Who may hand the webhook endpoint a delivery, and how many at once, before its body is read:
//! a delivery holds a place in the webhooks' pool while its body arrives, and its signature can
//! only be checked once it has, so one address must not be able to fill the pool Gigs needs.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

use crate::error::ApiError;
use crate::guard::client_ip::{bucket, ClientIp, Networks};
use crate::guard::limits;
use crate::metrics::{refusal, Refused};

/// The longest a delivery's body may take to arrive: Gigs sends a few kilobytes at once.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(1);
/// One client IP may hold at most this share of the pool (an eighth), so it cannot fill it.
const SHARE_PER_IP: usize = 8;

/// The webhooks' pool of places, the places each client IP holds, and the allowed sources.
pub struct Deliveries {
    pool: Semaphore,
    per_ip: Mutex<HashMap<IpAddr, usize>>,
    per_ip_max: usize,
    /// Where deliveries may come from; empty: anywhere.
    sources: Networks,
}

impl Deliveries {
    /// A pool of `places` deliveries at once, from `sources` (empty: any address).
    pub fn new(places: usize, sources: Networks) -> Arc<Deliveries> {
        Arc::new(Deliveries {
            pool: Semaphore::new(places),
            per_ip: Mutex::default(),
            per_ip_max: (places / SHARE_PER_IP).max(1),
            sources,
        })
    }

    /// One more place for `ip`'s bucket, unless it holds its share already.
    fn hold(self: &Arc<Self>, ip: IpAddr) -> Option<Held> {
        let key = bucket(ip);
        let mut per_ip = self.per_ip.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let held = per_ip.entry(key).or_default();
        if *held >= self.per_ip_max {
            return None;
        }
        *held += 1;
        Some(Held { deliveries: self.clone(), key })
    }
}

/// A place one client IP holds; dropping it gives it back.
struct Held {
    deliveries: Arc<Deliveries>,
    key: IpAddr,
}

impl Drop for Held {
    fn drop(&mut self) {
        let mut per_ip = self.deliveries.per_ip.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(held) = per_ip.get_mut(&self.key) {
            *held -= 1;
            if *held == 0 {
                per_ip.remove(&self.key);
            }
        }
    }
}

/// Middleware, behind the per-IP rate limit: refuses a delivery from outside the sources (403),
/// one without `Content-Length` (411: a length unknown ahead could trickle on), one from an IP
/// already holding its share (429), or one the full pool has no place for (503), before its
/// body is read.
pub async fn admit(State(deliveries): State<Arc<Deliveries>>, request: Request, next: Next) -> Response {
    let ip = request.extensions().get::<ClientIp>().map_or(IpAddr::from([0, 0, 0, 0]), |ClientIp(ip)| *ip);
    if !deliveries.sources.is_empty() && !deliveries.sources.contains(ip) {
        let message = "Deliveries are taken from Gigs' networks only.";
        return ApiError::new(StatusCode::FORBIDDEN, "authenticationError", "webhookSourceRefused", message)
            .into_response();
    }
    if !request.headers().contains_key(header::CONTENT_LENGTH) {
        let message = "A delivery must announce its length (Content-Length).";
        return ApiError::new(StatusCode::LENGTH_REQUIRED, "invalidRequestError", "lengthRequired", message)
            .into_response();
    }
    let Some(_held) = deliveries.hold(ip) else {
        let error = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rateLimitError",
            "tooManyDeliveries",
            "Too many deliveries from this address at once.",
        );
        return refusal(Refused::Concurrency, error.with_retry_after(Duration::from_secs(1)).into_response());
    };
    let Ok(_place) = deliveries.pool.try_acquire() else { return limits::busy() };
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_address_holds_at_most_an_eighth_and_gives_its_places_back() {
        let deliveries = Deliveries::new(16, Networks::default());
        let ip = IpAddr::from([192, 0, 2, 1]);
        let held: Vec<_> = (0..2).map(|_| deliveries.hold(ip).expect("within its share")).collect();
        assert!(deliveries.hold(ip).is_none(), "its share is two of sixteen");
        assert!(deliveries.hold(IpAddr::from([192, 0, 2, 2])).is_some(), "another address is not held");
        drop(held);
        assert!(deliveries.per_ip.lock().unwrap().is_empty(), "an address holding nothing is forgotten");
        assert!(deliveries.hold(ip).is_some());
        assert_eq!(Deliveries::new(3, Networks::default()).per_ip_max, 1, "at least one");
    }
}
