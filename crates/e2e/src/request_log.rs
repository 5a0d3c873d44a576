//! Which requests reached the proxy: a middleware layer the harness wraps around the real proxy's
//! router, so a journey can assert exactly which calls the widget made (and that nothing was
//! sent when the widget refused the answers itself).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tokio::sync::Notify;

/// One request the proxy answered. Only what identifies the call is kept: never a header (the
/// session) or the body (it may hold the PIN).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    pub method: String,
    pub path: String,
    pub status: u16,
    /// Whether the request carried a body.
    pub body: bool,
}

impl Call {
    pub fn new(method: &str, path: &str, status: u16, body: bool) -> Call {
        Call { method: method.into(), path: path.into(), status, body }
    }

    /// Whether the call asks the proxy to change something.
    pub fn writes(&self) -> bool {
        !matches!(self.method.as_str(), "GET" | "HEAD" | "OPTIONS")
    }
}

/// The calls answered so far, in the order their answers were ready, and the method whose
/// requests are held unanswered (to catch one in flight). Clones share both.
#[derive(Clone, Default)]
pub struct RequestLog {
    calls: Arc<Mutex<Vec<Call>>>,
    held: Arc<Mutex<Option<String>>>,
    /// Paths ending so are answered with this status instead of reaching the proxy.
    refused: Arc<Mutex<Option<(String, u16)>>>,
    /// Paths ending so wait, unanswered, until released (the widget's code held back).
    delayed: Arc<Mutex<Option<String>>>,
    released: Arc<Notify>,
    arrived: Arc<Notify>,
}

impl RequestLog {
    /// `router` with every request it answers recorded here.
    pub fn around(&self, router: Router) -> Router {
        router.layer(middleware::from_fn_with_state(self.clone(), record))
    }

    /// The widget API's calls (under `/api/`), leaving out the page and its files.
    pub fn api_calls(&self) -> Vec<Call> {
        self.calls().into_iter().filter(|call| call.path.starts_with("/api/")).collect()
    }

    /// Every call answered so far, the page and its files included.
    pub fn calls(&self) -> Vec<Call> {
        self.calls.lock().unwrap().clone()
    }

    /// From now on, requests with `method` get no answer (and are not logged) until the
    /// connection closes; [`RequestLog::answer_all`] ends that for later requests.
    pub fn hold(&self, method: &str) {
        *self.held.lock().unwrap() = Some(method.into());
    }

    pub fn answer_all(&self) {
        *self.held.lock().unwrap() = None;
    }

    /// From now on, requests whose path ends with `suffix` are answered `status` (with a
    /// Gigs-shaped body) by the harness, as a failing route would; they are logged.
    pub fn refuse(&self, suffix: &str, status: u16) {
        *self.refused.lock().unwrap() = Some((suffix.into(), status));
    }

    /// From now on, requests whose path ends with `suffix` wait unanswered until
    /// [`RequestLog::release`]; then they are answered as usual.
    pub fn delay(&self, suffix: &str) {
        *self.delayed.lock().unwrap() = Some(suffix.into());
    }

    /// Lets the delayed requests through, and later ones at once.
    pub fn release(&self) {
        *self.delayed.lock().unwrap() = None;
        self.released.notify_waiters();
    }

    /// Waits until the widget API's calls so far satisfy `done`, for up to 10 s; `what` names the
    /// wait in a failure.
    pub async fn wait_for(&self, what: &str, done: impl Fn(&[Call]) -> bool) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while !done(&self.api_calls()) {
            assert!(
                tokio::time::Instant::now() < deadline,
                "never within 10 s: {what}; calls: {:?}",
                self.api_calls()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits until a request is being held (after [`RequestLog::hold`]).
    pub async fn wait_for_held(&self) {
        let arrived = tokio::time::timeout(Duration::from_secs(10), self.arrived.notified()).await;
        arrived.expect("a request to hold arrived within 10 s");
    }
}

async fn record(State(log): State<RequestLog>, request: Request, next: Next) -> Response {
    let method = request.method().to_string();
    if log.held.lock().unwrap().as_deref() == Some(method.as_str()) {
        // Stored for a waiter that is not waiting yet, too.
        log.arrived.notify_one();
        return std::future::pending().await;
    }
    let path = request.uri().path().to_owned();
    loop {
        // Listening before looking, so a release in between is not missed.
        let released = log.released.notified();
        tokio::pin!(released);
        released.as_mut().enable();
        if !log.delayed.lock().unwrap().as_ref().is_some_and(|suffix| path.ends_with(suffix.as_str())) {
            break;
        }
        released.await;
    }
    let body = has_body(request.headers());
    let refused = log.refused.lock().unwrap().clone().filter(|(suffix, _)| path.ends_with(suffix.as_str()));
    let response = match refused {
        Some((_, status)) => refusal(status),
        None => next.run(request).await,
    };
    let call = Call { method, path, status: response.status().as_u16(), body };
    log.calls.lock().unwrap().push(call);
    response
}

fn refusal(status: u16) -> Response {
    let body =
        r#"{"object":"error","type":"apiError","code":"unavailable","message":"Refused by the test."}"#;
    let mut response = Response::new(axum::body::Body::from(body));
    *response.status_mut() = axum::http::StatusCode::from_u16(status).expect("a valid status");
    response.headers_mut().insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
    response
}

/// A body is on the wire when its length is announced and not zero, or it comes in chunks.
fn has_body(headers: &HeaderMap) -> bool {
    let length = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    length.is_some_and(|n| n > 0) || headers.contains_key(header::TRANSFER_ENCODING)
}
