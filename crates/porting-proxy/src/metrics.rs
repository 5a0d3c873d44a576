//! What the proxy is doing, for Prometheus (`--metrics-listen`): requests, Gigs calls, open
//! streams, refusals and webhooks. Every label value comes from a closed set (route templates,
//! the enums below, status codes), so no porting id, session, user id or IP can become a label,
//! and the number of series stays bounded whatever clients send.

use std::fmt::{self, Write};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue, LabelValueEncoder};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use crate::logging::{self, Endpoint};

/// The path Prometheus scrapes on the metrics address.
pub const PATH: &str = "/metrics";
/// Every series' name starts so.
const PREFIX: &str = "porting_proxy";
/// Latency buckets in seconds: a proxied call takes milliseconds, a slow Gigs up to the timeout.
const SECONDS: [f64; 14] =
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];
const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Declares a label's closed set of values, each with its text.
macro_rules! label_values {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $text:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl EncodeLabelValue for $name {
            fn encode(&self, encoder: &mut LabelValueEncoder) -> fmt::Result {
                encoder.write_str(self.as_str())
            }
        }
    };
}

label_values! {
    /// A request's method; anything unusual is `other`.
    Method {
        Get => "GET", Head => "HEAD", Post => "POST", Put => "PUT", Patch => "PATCH",
        Delete => "DELETE", Options => "OPTIONS", Other => "other",
    }
}

label_values! {
    /// The Gigs API call made.
    Operation {
        GetPorting => "get_porting", CreatePorting => "create_porting",
        UpdatePorting => "update_porting", CancelPorting => "cancel_porting",
        GetServiceProvider => "get_service_provider", ListServiceProviders => "list_service_providers",
        Readiness => "readiness",
    }
}

label_values! {
    /// How a Gigs call ended.
    Outcome {
        Ok => "ok", ClientError => "client_error", RateLimited => "rate_limited",
        KeyRefused => "key_refused", ServerError => "server_error", Timeout => "timeout",
        Unreachable => "unreachable", BadAnswer => "bad_answer",
    }
}

label_values! {
    /// Why the proxy refused a request before doing its work.
    Refused {
        RateLimit => "rate_limit", BodySize => "body_size", Timeout => "timeout",
        Concurrency => "concurrency", Streams => "streams",
    }
}

label_values! {
    /// What became of a webhook delivery.
    Webhook {
        Accepted => "accepted", BadSignature => "bad_signature", Stale => "stale",
        Malformed => "malformed", Replayed => "replayed", Invalid => "invalid",
        Unavailable => "unavailable",
    }
}

impl Method {
    fn of(method: &axum::http::Method) -> Method {
        let known = [
            (axum::http::Method::GET, Method::Get),
            (axum::http::Method::HEAD, Method::Head),
            (axum::http::Method::POST, Method::Post),
            (axum::http::Method::PUT, Method::Put),
            (axum::http::Method::PATCH, Method::Patch),
            (axum::http::Method::DELETE, Method::Delete),
            (axum::http::Method::OPTIONS, Method::Options),
        ];
        known.into_iter().find(|(known, _)| known == method).map_or(Method::Other, |(_, label)| label)
    }
}

/// A request's route template, shared with the router rather than copied for each request.
#[derive(Clone, Debug)]
struct Route(Option<MatchedPath>);

impl Route {
    fn as_str(&self) -> &str {
        logging::route_name(self.0.as_ref())
    }
}

impl PartialEq for Route {
    fn eq(&self, other: &Route) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Route {}

impl std::hash::Hash for Route {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl EncodeLabelValue for Route {
    fn encode(&self, encoder: &mut LabelValueEncoder) -> fmt::Result {
        encoder.write_str(self.as_str())
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: Route,
    method: Method,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: Route,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct GigsLabels {
    operation: Operation,
    outcome: Outcome,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OperationLabels {
    operation: Operation,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RefusalLabels {
    kind: Refused,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct WebhookLabels {
    outcome: Webhook,
}

type Histograms<L> = Family<L, Histogram, fn() -> Histogram>;

fn latency() -> Histogram {
    Histogram::new(SECONDS)
}

struct Registered {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    request_seconds: Histograms<RouteLabels>,
    gigs_calls: Family<GigsLabels, Counter>,
    gigs_seconds: Histograms<OperationLabels>,
    streams_open: Gauge,
    refusals: Family<RefusalLabels, Counter>,
    webhooks: Family<WebhookLabels, Counter>,
    changes_dropped: Counter,
}

/// The proxy's metrics, or nothing when they are off (each record is then a no-op).
#[derive(Clone, Default)]
pub struct Metrics(Option<Arc<Registered>>);

impl Metrics {
    /// Metrics that are recorded, to be served by [`router`].
    pub fn on() -> Metrics {
        let mut r = Registered {
            registry: Registry::with_prefix(PREFIX),
            requests: Family::default(),
            request_seconds: Family::new_with_constructor(latency),
            gigs_calls: Family::default(),
            gigs_seconds: Family::new_with_constructor(latency),
            streams_open: Gauge::default(),
            refusals: Family::default(),
            webhooks: Family::default(),
            changes_dropped: Counter::default(),
        };
        let registry = &mut r.registry;
        let about = "Requests answered, by route template, method and status";
        registry.register("http_requests", about, r.requests.clone());
        let about = "Time until a request's answer started (a stream's first byte), by route template";
        registry.register("http_request_duration_seconds", about, r.request_seconds.clone());
        registry.register(
            "gigs_requests",
            "Calls to the Gigs API, by operation and outcome",
            r.gigs_calls.clone(),
        );
        let about = "Time a Gigs API call took, by operation";
        registry.register("gigs_request_duration_seconds", about, r.gigs_seconds.clone());
        registry.register("streams_open", "Live status streams open now", r.streams_open.clone());
        registry.register("refusals", "Requests refused before their work, by kind", r.refusals.clone());
        registry.register("webhooks", "Gigs webhook deliveries, by outcome", r.webhooks.clone());
        let about = "Porting changes not published to the other instances, Redis being too slow for them";
        registry.register("redis_changes_dropped", about, r.changes_dropped.clone());
        // Known from the start at zero, so rates and alerts work before the first refusal.
        for &kind in Refused::ALL {
            let _ = r.refusals.get_or_create(&RefusalLabels { kind });
        }
        for &outcome in Webhook::ALL {
            let _ = r.webhooks.get_or_create(&WebhookLabels { outcome });
        }
        Metrics(Some(Arc::new(r)))
    }

    pub fn is_on(&self) -> bool {
        self.0.is_some()
    }

    pub fn gigs_call(&self, operation: Operation, outcome: Outcome, took: Duration) {
        if let Some(r) = &self.0 {
            r.gigs_calls.get_or_create(&GigsLabels { operation, outcome }).inc();
            r.gigs_seconds.get_or_create(&OperationLabels { operation }).observe(took.as_secs_f64());
        }
    }

    pub fn stream_opened(&self) {
        if let Some(r) = &self.0 {
            r.streams_open.inc();
        }
    }

    pub fn stream_closed(&self) {
        if let Some(r) = &self.0 {
            r.streams_open.dec();
        }
    }

    pub fn webhook(&self, outcome: Webhook) {
        if let Some(r) = &self.0 {
            r.webhooks.get_or_create(&WebhookLabels { outcome }).inc();
        }
    }

    pub fn change_dropped(&self) {
        if let Some(r) = &self.0 {
            r.changes_dropped.inc();
        }
    }

    fn request(&self, endpoint: Endpoint, response: &Response, took: Duration) {
        let Some(r) = &self.0 else { return };
        let (route, method, status) =
            (Route(endpoint.route), Method::of(&endpoint.method), response.status().as_u16());
        r.request_seconds.get_or_create(&RouteLabels { route: route.clone() }).observe(took.as_secs_f64());
        r.requests.get_or_create(&RequestLabels { route, method, status }).inc();
        if let Some(kind) = refused(response) {
            r.refusals.get_or_create(&RefusalLabels { kind }).inc();
        }
    }

    /// Everything recorded, in the OpenMetrics text format Prometheus scrapes.
    pub fn render(&self) -> String {
        let mut text = String::new();
        if let Some(r) = &self.0 {
            // Writing into a String cannot fail.
            let _ = prometheus_client::encoding::text::encode(&mut text, &r.registry);
        }
        text
    }
}

/// `response`, marked as a refusal of `kind` for the metrics.
pub fn refusal(kind: Refused, mut response: Response) -> Response {
    response.extensions_mut().insert(kind);
    response
}

/// What refused `response`, if the proxy did: marked by [`refusal`], or the status only the
/// proxy's own body and time limits answer.
fn refused(response: &Response) -> Option<Refused> {
    match response.status() {
        StatusCode::PAYLOAD_TOO_LARGE => Some(Refused::BodySize),
        StatusCode::REQUEST_TIMEOUT => Some(Refused::Timeout),
        _ => response.extensions().get::<Refused>().copied(),
    }
}

/// Middleware: logs each request (as [`logging::log_requests`]) and counts it by route template,
/// method and status, with its latency and the refusals among them; one layer for both, as each
/// layer costs every request.
pub async fn track(State(metrics): State<Metrics>, request: Request, next: Next) -> Response {
    logging::observe_requests(request, next, |endpoint, response, took| {
        metrics.request(endpoint, response, took)
    })
    .await
}

/// The metrics address' service: `GET /metrics`, and 404 for anything else.
pub fn router(metrics: Metrics) -> Router {
    Router::new().route(PATH, get(scrape)).with_state(metrics)
}

async fn scrape(State(metrics): State<Metrics>) -> Response {
    let mut response = metrics.render().into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_outside_the_known_set_are_other() {
        assert_eq!(Method::of(&axum::http::Method::PATCH), Method::Patch);
        let made_up = axum::http::Method::from_bytes(b"PRT_SECRET").unwrap();
        assert_eq!(Method::of(&made_up), Method::Other);
    }

    #[test]
    fn refusal_kinds_and_webhook_outcomes_start_at_zero_and_records_show_up() {
        let metrics = Metrics::on();
        let text = metrics.render();
        assert!(text.contains("porting_proxy_refusals_total{kind=\"streams\"} 0"), "{text}");
        assert!(text.contains("porting_proxy_webhooks_total{outcome=\"replayed\"} 0"), "{text}");
        metrics.gigs_call(Operation::GetPorting, Outcome::Timeout, Duration::from_millis(3));
        metrics.stream_opened();
        let text = metrics.render();
        let line = "porting_proxy_gigs_requests_total{operation=\"get_porting\",outcome=\"timeout\"} 1";
        assert!(text.contains(line), "{text}");
        assert!(text.contains("porting_proxy_gigs_request_duration_seconds_bucket{le=\"0.005\",operation=\"get_porting\"} 1"), "{text}");
        assert!(text.contains("porting_proxy_streams_open 1"), "{text}");
    }

    #[test]
    fn off_records_nothing() {
        let metrics = Metrics::default();
        metrics.webhook(Webhook::Accepted);
        metrics.stream_opened();
        assert!(!metrics.is_on());
        assert_eq!(metrics.render(), "");
    }

    #[test]
    fn the_proxys_limits_are_refusals_and_upstream_statuses_are_not() {
        let with =
            |status: StatusCode| Response::builder().status(status).body(axum::body::Body::empty()).unwrap();
        assert_eq!(refused(&with(StatusCode::PAYLOAD_TOO_LARGE)), Some(Refused::BodySize));
        assert_eq!(refused(&with(StatusCode::REQUEST_TIMEOUT)), Some(Refused::Timeout));
        assert_eq!(refused(&with(StatusCode::TOO_MANY_REQUESTS)), None, "Gigs' own 429 passed on");
        let marked = refusal(Refused::RateLimit, with(StatusCode::TOO_MANY_REQUESTS));
        assert_eq!(refused(&marked), Some(Refused::RateLimit));
    }
}
