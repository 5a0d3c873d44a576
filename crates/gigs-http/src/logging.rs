//! Structured logs. One line per request with method, route template, status, latency and a
//! request id, and never a header, a query or a body: those carry the session, the PIN and
//! porting ids. Lines logged while a request is handled carry its id through the span.

use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use axum::http::HeaderName;

use crate::ids::new_id;

/// The id each request gets, for support requests and log searches.
pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// Installs the process-wide subscriber: `RUST_LOG` filters (default `info`); `json` writes one
/// JSON object per line for log collectors. Colours only on a terminal: a file or a collector would
/// get their escape codes as text.
pub fn init(json: bool) {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    let ansi = colours(std::io::stdout().is_terminal(), std::env::var_os("NO_COLOR").as_deref());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_ansi(ansi);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

/// Whether the log lines get colours: on a terminal, unless `NO_COLOR` is set and not empty
/// (no-color.org).
fn colours(terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    terminal && no_color.is_none_or(|value| value.is_empty())
}

/// What stands for the route when none matched (a served page, or a 404).
pub const NO_ROUTE: &str = "fallback";

/// The endpoint a request was for, as logs and metrics name it: never its path, which carries ids.
#[derive(Clone, Debug)]
pub struct Endpoint {
    /// The route template that matched, if any.
    pub route: Option<MatchedPath>,
    pub method: Method,
}

impl Endpoint {
    pub fn route(&self) -> &str {
        route_name(self.route.as_ref())
    }
}

/// A matched route's template, or [`NO_ROUTE`].
pub fn route_name(route: Option<&MatchedPath>) -> &str {
    route.map_or(NO_ROUTE, MatchedPath::as_str)
}

/// Middleware: gives the request an id (answered in `x-request-id`) and logs its outcome. The id
/// is always the server's own, so a client cannot write into the logs through it.
pub async fn log_requests(request: Request, next: Next) -> Response {
    observe_requests(request, next, |_, _, _| {}).await
}

/// [`log_requests`], also handing each request, its response and its latency to `observe`: one
/// middleware for the log line and the metrics.
pub async fn observe_requests(
    request: Request,
    next: Next,
    observe: impl FnOnce(Endpoint, &Response, Duration),
) -> Response {
    let id = new_id("req");
    let endpoint = Endpoint {
        route: request.extensions().get::<MatchedPath>().cloned(),
        method: request.method().clone(),
    };
    let span = tracing::info_span!("request", request_id = %id, method = %endpoint.method, route = %endpoint.route());
    let started = Instant::now();
    let mut response = next.run(request).instrument(span.clone()).await;
    let took = started.elapsed();
    let status = response.status().as_u16();
    let latency_ms = took.as_micros() as f64 / 1000.0;
    span.in_scope(|| tracing::info!(status, latency_ms, "handled"));
    observe(endpoint, &response, took);
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_only_on_a_terminal_that_does_not_refuse_them() {
        assert!(colours(true, None));
        assert!(colours(true, Some("".as_ref())), "an empty NO_COLOR does not count");
        assert!(!colours(true, Some("1".as_ref())));
        assert!(!colours(false, None), "a file or a pipe gets no escape codes");
    }
}
