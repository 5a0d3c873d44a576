//! `POST /webhooks/gigs` (upstream mode): Gigs' porting events, verified against
//! `GIGS_WEBHOOK_SECRET`, feed the live status hub.
//!
//! Answers: 204 taken (or not a porting event), 400 malformed or stale, 401 bad signature, 403
//! from outside `--webhook-source`, 408 a body slower than a second, 409 a delivery id seen within
//! the tolerance (a replay has no effect, whoever sends it), 411 without `Content-Length`, 413
//! over 256 KiB, 429 when one IP sends too many or holds its share of the pool
//! ([`super::deliveries`]), 503 when the replay memory is full or `--max-in-flight` deliveries are
//! being handled (a pool apart from the API's).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{middleware, Router};
use bytes::Bytes;
use porting_model::Porting;
use serde::Deserialize;
use tower_http::limit::RequestBodyLimitLayer;

use super::deliveries::{self, Deliveries};
use crate::clock::Clock;
use crate::error::ApiError;
use crate::events::hub::Hub;
use crate::guard::limits;
use crate::guard::rate::Rate;
use crate::metrics::{Metrics, Webhook};
use crate::shared::{Redis, Unavailable};
use crate::webhook::{
    SignatureError, WebhookSecret, ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, TOLERANCE_SECS,
};

/// Deliveries one IP may send: Gigs' own volume with room, while a flood of forged ones is
/// refused before any signature is computed.
pub const RATE: Rate = Rate { per_minute: 6_000, burst: 600 };
/// An event is one porting and its envelope: a few kilobytes.
const MAX_BODY_BYTES: usize = 256 * 1024;
/// Delivery ids remembered at most; only verified deliveries are remembered, so only Gigs'
/// own volume can fill this.
const MAX_REMEMBERED: usize = 100_000;
/// Event types that carry a porting as `data`.
const PORTING_EVENTS: &str = "com.gigs.porting.";

#[derive(Clone)]
pub struct Intake {
    pub secret: WebhookSecret,
    pub hub: Arc<Hub>,
    pub clock: Arc<dyn Clock>,
    /// Delivery id → its timestamp, kept for the tolerance window.
    seen: Arc<Mutex<HashMap<String, i64>>>,
    /// With Redis, the ids every instance has seen.
    shared: Option<Arc<Redis>>,
    metrics: Metrics,
}

impl Intake {
    pub fn new(
        secret: WebhookSecret,
        hub: Arc<Hub>,
        clock: Arc<dyn Clock>,
        shared: Option<Arc<Redis>>,
        metrics: Metrics,
    ) -> Self {
        Intake { secret, hub, clock, seen: Arc::default(), shared, metrics }
    }

    /// Remembers delivery `id`, across every instance with Redis; false if it was seen already.
    /// Without an answer from Redis nothing is accepted: Gigs delivers again later.
    async fn first_delivery(&self, id: &str, now: i64) -> Result<bool, ApiError> {
        if let Some(redis) = &self.shared {
            let keep = Duration::from_secs(2 * TOLERANCE_SECS.unsigned_abs());
            return redis.first_delivery(id, keep).await.map_err(|Unavailable| backlog());
        }
        self.remember(id, now)
    }

    fn remember(&self, id: &str, now: i64) -> Result<bool, ApiError> {
        let mut seen = self.seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if seen.contains_key(id) {
            return Ok(false);
        }
        if seen.len() >= MAX_REMEMBERED {
            // Older than twice the tolerance can no longer pass the timestamp check.
            seen.retain(|_, at| now - *at <= 2 * TOLERANCE_SECS);
            if seen.len() >= MAX_REMEMBERED {
                return Err(backlog());
            }
        }
        seen.insert(id.to_owned(), now);
        Ok(true)
    }
}

/// The 503 that makes Gigs deliver again later.
fn backlog() -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "apiError",
        "webhookBacklog",
        "Cannot take deliveries now; retry later.",
    )
}

/// The endpoint at `path`, admitting deliveries through `deliveries`; a delivery's body must
/// arrive within `body_timeout` and [`deliveries::BODY_TIMEOUT`], whichever is shorter.
pub fn router(path: &str, intake: Intake, deliveries: Arc<Deliveries>, body_timeout: Duration) -> Router {
    let body_timeout = body_timeout.min(deliveries::BODY_TIMEOUT);
    Router::new()
        .route(path, post(receive))
        .layer(middleware::from_fn_with_state(body_timeout, limits::read_body))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(deliveries, deliveries::admit))
        .with_state(intake)
}

#[derive(Deserialize)]
struct Envelope {
    #[serde(rename = "type")]
    kind: String,
    data: serde_json::Value,
}

async fn receive(State(intake): State<Intake>, headers: HeaderMap, body: Bytes) -> Response {
    let (outcome, answer) = match take(&intake, &headers, &body).await {
        Ok(()) => (Webhook::Accepted, StatusCode::NO_CONTENT.into_response()),
        Err((outcome, error)) => (outcome, error.into_response()),
    };
    intake.metrics.webhook(outcome);
    answer
}

/// Verifies one delivery and publishes its porting; a refusal says what became of it.
async fn take(intake: &Intake, headers: &HeaderMap, body: &[u8]) -> Result<(), (Webhook, ApiError)> {
    let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok()).unwrap_or_default();
    let (id, timestamp) = (header(ID_HEADER), header(TIMESTAMP_HEADER));
    let now = intake.clock.now().unix_timestamp();
    intake.secret.verify(id, timestamp, header(SIGNATURE_HEADER), body, now).map_err(
        |error| match error {
            SignatureError::Mismatch => {
                (Webhook::BadSignature, ApiError::unauthorized("The webhook signature does not match."))
            }
            SignatureError::Stale => (
                Webhook::Stale,
                ApiError::bad_request("webhookStale", "The webhook timestamp is too old or new."),
            ),
            SignatureError::Malformed => (
                Webhook::Malformed,
                ApiError::bad_request("webhookMalformed", "A webhook header is missing."),
            ),
        },
    )?;
    let first = intake.first_delivery(id, now).await.map_err(|error| (Webhook::Unavailable, error))?;
    if !first {
        let replayed = ApiError::new(
            StatusCode::CONFLICT,
            "invalidRequestError",
            "webhookReplayed",
            "This delivery was received already.",
        );
        return Err((Webhook::Replayed, replayed));
    }
    let invalid = |message: &str| (Webhook::Invalid, ApiError::bad_request("webhookInvalid", message));
    let envelope: Envelope =
        serde_json::from_slice(body).map_err(|_| invalid("The webhook body is not an event."))?;
    if envelope.kind.starts_with(PORTING_EVENTS) {
        let porting: Porting = serde_json::from_value(envelope.data)
            .map_err(|_| invalid("The event's data is not a porting."))?;
        intake.hub.publish(porting);
    }
    Ok(())
}
