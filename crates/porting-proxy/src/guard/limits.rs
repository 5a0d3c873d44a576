//! How much one client or the whole proxy may ask for: body size, request rates, requests in
//! flight and how long one may take. The defaults suit one merchant's checkout traffic.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{FromRequest, Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use tokio::sync::Semaphore;

use super::client_ip::Networks;
use super::rate::Rate;
use super::session::VerifiedSession;
use crate::error::ApiError;
use crate::metrics::{refusal, Refused};

pub const DEFAULT_BODY_BYTES: usize = 16 * 1024;
pub const DEFAULT_IP_RATE: Rate = Rate { per_minute: 600, burst: 120 };
pub const DEFAULT_SESSION_RATE: Rate = Rate { per_minute: 120, burst: 30 };
pub const DEFAULT_MAX_IN_FLIGHT: usize = 256;
pub const DEFAULT_REQUEST_TIMEOUT_MS: u64 = 15_000;
/// How long a client may take to send a request body: a widget body is a few kilobytes, and a
/// sender trickling one holds an in-flight place meanwhile.
pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Clone, Debug)]
pub struct Limits {
    /// The largest widget request body; a porting update is well under 2 KiB.
    pub body_bytes: usize,
    pub ip: Rate,
    /// Load balancers whose `X-Forwarded-For` names the client for the per-IP limits.
    pub trusted_proxies: Networks,
    pub session: Rate,
    /// Requests handled at once, across all clients; more get 503 at once instead of queueing.
    pub max_in_flight: usize,
    /// The longest a request may take until its response starts (streams then run on).
    pub request_timeout: Duration,
    /// The longest a request body may take to arrive; then 408.
    pub body_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body_bytes: DEFAULT_BODY_BYTES,
            ip: DEFAULT_IP_RATE,
            trusted_proxies: Networks::default(),
            session: DEFAULT_SESSION_RATE,
            max_in_flight: DEFAULT_MAX_IN_FLIGHT,
            request_timeout: Duration::from_millis(DEFAULT_REQUEST_TIMEOUT_MS),
            body_timeout: DEFAULT_BODY_TIMEOUT,
        }
    }
}

/// Middleware: sheds a request when `permits` are all taken. Refusing at once keeps latency
/// bounded for the requests already admitted; a queue would only hide the overload.
pub async fn in_flight(State(permits): State<Arc<Semaphore>>, request: Request, next: Next) -> Response {
    match permits.try_acquire() {
        Ok(_permit) => next.run(request).await,
        Err(_) => busy(),
    }
}

/// The 503 of a full pool, counted as a refusal.
pub fn busy() -> Response {
    let error = ApiError::overloaded("The service is busy. Try again shortly.");
    refusal(Refused::Concurrency, error.into_response())
}

/// Middleware for the API, behind the rate limits: [`read_body`] for a request that may carry a
/// body and has a verified session. Any other passes on unread, so one without a session is
/// refused 401 before its body is waited for, and a GET cannot be held open by one.
pub async fn read_session_body(State(timeout): State<Duration>, request: Request, next: Next) -> Response {
    let bodiless = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS | Method::DELETE);
    if bodiless || request.extensions().get::<VerifiedSession>().is_none() {
        return next.run(request).await;
    }
    read_body(State(timeout), request, next).await
}

/// Middleware: reads the whole request body within `timeout` before the handler runs, so a
/// client trickling one is answered 408 and gives its in-flight place back soon. It belongs
/// inside the body size limit, which then bounds what is read.
pub async fn read_body(State(timeout): State<Duration>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let read = tokio::time::timeout(timeout, Bytes::from_request(Request::new(body), &())).await;
    match read {
        Ok(Ok(bytes)) => next.run(Request::from_parts(parts, Body::from(bytes))).await,
        Ok(Err(rejection)) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::payload_too_large().into_response()
        }
        Ok(Err(_)) => {
            ApiError::bad_request("bodyUnreadable", "The request body could not be read.").into_response()
        }
        Err(_) => ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "apiError",
            "requestTimeout",
            "The request body took too long to arrive.",
        )
        .into_response(),
    }
}
