//! The proxy's client for the Gigs API: the embedded simulator (called in-process through its
//! HTTP router, so both modes exercise the same requests) or a real Gigs base URL.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use bytes::Bytes;
use porting_model::{CreatePorting, GigsError, List, Porting, ServiceProvider, UpdatePorting};
use serde::de::DeserializeOwned;
use tokio::time::Instant;
use tower::ServiceExt;

use crate::error::ApiError;
use crate::metrics::{Metrics, Operation, Outcome};

/// Where Gigs requests go.
#[derive(Clone)]
pub enum Transport {
    /// The embedded simulator's router.
    InProcess(Router),
    /// A Gigs API base URL such as `https://api.gigs.com`.
    Http { client: reqwest::Client, base_url: Arc<str> },
}

/// A Gigs project reached with an API key. The key never leaves this struct except in the
/// `Authorization` header of upstream requests; `Debug` does not show it.
#[derive(Clone)]
pub struct Gigs {
    transport: Transport,
    /// Shared, as every request's state holds a copy of this client.
    project: Arc<str>,
    /// `Bearer <API key>`, made once and marked sensitive so no debug output shows it.
    authorization: HeaderValue,
    timeout: Duration,
    metrics: Metrics,
}

impl std::fmt::Debug for Gigs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gigs").field("project", &self.project).finish_non_exhaustive()
    }
}

tokio::task_local! {
    /// When the request being served must have all its Gigs answers by.
    static DEADLINE: Instant;
}

/// Middleware: the Gigs calls made for one request share one deadline, the upstream timeout
/// from the request's start. An update makes up to three calls in a row, and a slow Gigs must
/// still get the buyer a 504 before the request timeout cuts it off.
pub async fn upstream_deadline(
    State(timeout): State<Duration>,
    request: axum::extract::Request,
    next: Next,
) -> Response {
    DEADLINE.scope(Instant::now() + timeout, next.run(request)).await
}

impl Gigs {
    pub fn new(transport: Transport, project: String, api_key: String, timeout: Duration) -> Self {
        let mut authorization = HeaderValue::try_from(format!("Bearer {api_key}"))
            .unwrap_or_else(|_| HeaderValue::from_static(""));
        authorization.set_sensitive(true);
        Gigs { transport, project: project.into(), authorization, timeout, metrics: Metrics::default() }
    }

    /// This client, counting its calls in `metrics`.
    pub fn with_metrics(self, metrics: Metrics) -> Self {
        Gigs { metrics, ..self }
    }

    /// Whether Gigs answers the proxy's key for its project, within `within`: an empty page of
    /// portings, which checks both and returns no buyer's data.
    pub async fn check_access(&self, within: Duration) -> Result<(), ApiError> {
        let path = format!("/projects/{}/portings?limit=0", self.project);
        let call = self.call::<List<Porting>>(Operation::Readiness, Method::GET, &path, None);
        DEADLINE.scope(Instant::now() + within, call).await.map(drop)
    }

    pub async fn get_porting(&self, id: &str) -> Result<Porting, ApiError> {
        self.call(Operation::GetPorting, Method::GET, &self.porting_path(id)?, None).await
    }

    pub async fn create_porting(&self, body: &CreatePorting) -> Result<Porting, ApiError> {
        let path = format!("/projects/{}/portings", self.project);
        self.call(Operation::CreatePorting, Method::POST, &path, Some(json(body))).await
    }

    pub async fn update_porting(&self, id: &str, body: &UpdatePorting) -> Result<Porting, ApiError> {
        self.call(Operation::UpdatePorting, Method::PATCH, &self.porting_path(id)?, Some(json(body))).await
    }

    pub async fn cancel_porting(&self, id: &str) -> Result<Porting, ApiError> {
        let path = format!("{}/cancel", self.porting_path(id)?);
        self.call(Operation::CancelPorting, Method::POST, &path, None).await
    }

    pub async fn get_service_provider(&self, id: &str) -> Result<ServiceProvider, ApiError> {
        let id = path_segment(id).ok_or_else(|| {
            ApiError::not_found("serviceProviderNotFound", "The service provider was not found.")
        })?;
        self.call(Operation::GetServiceProvider, Method::GET, &format!("/serviceProviders/{id}"), None).await
    }

    /// One page, as long as Gigs allows, of the service providers that port to `recipient`,
    /// after the one with id `after`.
    pub async fn list_service_providers(
        &self,
        recipient: &str,
        after: Option<&str>,
    ) -> Result<List<ServiceProvider>, ApiError> {
        let mut path = format!(
            "/serviceProviders?recipientProvider={}&limit={}",
            encode(recipient),
            List::<ServiceProvider>::MAX_LIMIT
        );
        if let Some(after) = after {
            path.push_str(&format!("&after={}", encode(after)));
        }
        self.call(Operation::ListServiceProviders, Method::GET, &path, None).await
    }

    /// The path of porting `id`; one no porting can have is not found, without asking Gigs.
    fn porting_path(&self, id: &str) -> Result<String, ApiError> {
        let id = path_segment(id).ok_or_else(ApiError::porting_not_found)?;
        Ok(format!("/projects/{}/portings/{id}", self.project))
    }

    /// Sends one request and decodes a 2xx answer as `T`, counting the call as `operation`.
    /// Gigs' own errors pass through with their status; anything else the upstream does wrong
    /// becomes a 502 or 504.
    async fn call<T: DeserializeOwned>(
        &self,
        operation: Operation,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> Result<T, ApiError> {
        let started = Instant::now();
        let result = self.exchange(method, path, body).await;
        let outcome = result.as_ref().map_or_else(|(outcome, _)| *outcome, |_| Outcome::Ok);
        self.metrics.gigs_call(operation, outcome, started.elapsed());
        result.map_err(|(_, error)| error)
    }

    async fn exchange<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> Result<T, (Outcome, ApiError)> {
        let own = Instant::now() + self.timeout;
        // Outside a request (the live status' polling) each call has its own timeout.
        let deadline = DEADLINE.try_with(|request| own.min(*request)).unwrap_or(own);
        let (status, retry_after, bytes) =
            tokio::time::timeout_at(deadline, self.send(method, path, body)).await.map_err(|_| {
                tracing::warn!("upstream timed out");
                (Outcome::Timeout, ApiError::gateway_timeout())
            })??;
        if status.is_success() {
            // Read plainly; only a failure is read again, tracking the path, to say where.
            return serde_json::from_slice(&bytes).map_err(|_| {
                let mut body = serde_json::Deserializer::from_slice(&bytes);
                let failed = serde_path_to_error::deserialize::<_, T>(&mut body).err();
                // Where and what kind, never serde's message: it quotes the value (a buyer's name).
                let path = failed.as_ref().map(|error| error.path().to_string()).unwrap_or_default();
                let category = failed.map(|error| error.inner().classify());
                tracing::warn!(%path, ?category, "upstream answered an unparseable success body");
                let error = ApiError::bad_gateway("The porting service answered something unexpected.");
                (Outcome::BadAnswer, error)
            });
        }
        let gigs_error = serde_json::from_slice::<GigsError>(&bytes);
        if status == StatusCode::TOO_MANY_REQUESTS {
            // Gigs is limiting the proxy: the widget should wait as long as Gigs asks, or a while.
            let wait = retry_after.unwrap_or(DEFAULT_UPSTREAM_RETRY_AFTER);
            let error = gigs_error.map_or_else(
                |_| ApiError::too_many_requests(wait),
                |error| ApiError::from_gigs(status, error).with_retry_after(wait),
            );
            return Err((Outcome::RateLimited, error));
        }
        let unavailable = || ApiError::bad_gateway("The porting service is not available.");
        match gigs_error {
            // Our own credentials being refused is our fault, not the buyer's.
            Ok(_) if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN => {
                tracing::error!(%status, "upstream refused the proxy's API key");
                Err((Outcome::KeyRefused, unavailable()))
            }
            Ok(error) if status.is_client_error() => {
                Err((Outcome::ClientError, ApiError::from_gigs(status, error)))
            }
            _ => {
                tracing::warn!(%status, "upstream failed");
                let outcome =
                    if status.is_server_error() { Outcome::ServerError } else { Outcome::BadAnswer };
                Err((outcome, unavailable()))
            }
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> Result<(StatusCode, Option<Duration>, Bytes), (Outcome, ApiError)> {
        let internal = || (Outcome::ServerError, ApiError::internal());
        match &self.transport {
            Transport::InProcess(router) => {
                let request = Request::builder()
                    .method(method)
                    .uri(path)
                    .header(header::AUTHORIZATION, self.authorization.clone())
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(body.map_or_else(Body::empty, Body::from))
                    .map_err(|_| internal())?;
                let response = router.clone().oneshot(request).await.map_err(|_| internal())?;
                let (status, retry_after) = (response.status(), retry_after(response.headers()));
                let bytes = axum::body::to_bytes(response.into_body(), MAX_UPSTREAM_BODY)
                    .await
                    .map_err(|_| (Outcome::BadAnswer, answer_too_large()))?;
                Ok((status, retry_after, bytes))
            }
            Transport::Http { client, base_url } => {
                let mut request = client
                    .request(method, format!("{base_url}{path}"))
                    .header(header::AUTHORIZATION, self.authorization.clone())
                    .header(header::ACCEPT, "application/json");
                if let Some(body) = body {
                    request = request.header(header::CONTENT_TYPE, "application/json").body(body);
                }
                let response = request.send().await.map_err(|error| {
                    let timed_out = error.is_timeout();
                    tracing::warn!(error = %error.without_url(), "upstream unreachable");
                    if timed_out {
                        (Outcome::Timeout, ApiError::gateway_timeout())
                    } else {
                        (Outcome::Unreachable, ApiError::bad_gateway("The porting service is not reachable."))
                    }
                })?;
                let (status, retry_after) = (response.status(), retry_after(response.headers()));
                let body = read_bounded(response).await.map_err(|error| (Outcome::BadAnswer, error))?;
                Ok((status, retry_after, body))
            }
        }
    }
}

/// How long to wait when Gigs answers 429 without a usable `Retry-After`.
pub const DEFAULT_UPSTREAM_RETRY_AFTER: Duration = Duration::from_secs(5);
/// The longest `Retry-After` of Gigs' passed on; a longer one is cut to this.
pub const MAX_UPSTREAM_RETRY_AFTER: Duration = Duration::from_secs(3600);

/// An upstream answer's `Retry-After` (delta-seconds or an HTTP date), at most
/// [`MAX_UPSTREAM_RETRY_AFTER`]; `None` when absent or unreadable.
fn retry_after(headers: &axum::http::HeaderMap) -> Option<Duration> {
    let value = headers.get(header::RETRY_AFTER)?.to_str().ok()?.trim();
    let seconds = match value.parse::<u64>() {
        Ok(seconds) => seconds,
        Err(_) => {
            let at =
                time::OffsetDateTime::parse(value, &time::format_description::well_known::Rfc2822).ok()?;
            u64::try_from((at - time::OffsetDateTime::now_utc()).whole_seconds()).unwrap_or(0)
        }
    };
    Some(Duration::from_secs(seconds).min(MAX_UPSTREAM_RETRY_AFTER))
}

/// A request body as JSON. It may carry the account or billing PIN: it goes upstream and nowhere
/// else.
fn json(body: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(body).expect("request bodies serialise")
}

impl Transport {
    /// An HTTP transport to `base_url` that gives up connecting after `connect_timeout`.
    pub fn http(base_url: &str, connect_timeout: Duration) -> Result<Transport, String> {
        let client = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            // A redirect would be a misconfiguration at best; never carry the key elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        Ok(Transport::Http { client, base_url: base_url.trim_end_matches('/').into() })
    }
}

/// Reads an upstream body of at most [`MAX_UPSTREAM_BODY`] bytes, whatever `Content-Length`
/// says or does not say: an endless body stops at the bound (or the caller's timeout).
async fn read_bounded(mut response: reqwest::Response) -> Result<Bytes, ApiError> {
    if response.content_length().is_some_and(|len| len > MAX_UPSTREAM_BODY as u64) {
        return Err(answer_too_large());
    }
    let mut next = async || {
        let chunk = response
            .chunk()
            .await
            .map_err(|_| ApiError::bad_gateway("The porting service's answer broke off."))?;
        match chunk {
            Some(chunk) if chunk.len() > MAX_UPSTREAM_BODY => Err(answer_too_large()),
            chunk => Ok(chunk),
        }
    };
    // A porting usually arrives in one chunk, which is then the body as it is, not a copy.
    let Some(first) = next().await? else { return Ok(Bytes::new()) };
    let Some(mut chunk) = next().await? else { return Ok(first) };
    let mut body = first.to_vec();
    loop {
        if body.len() + chunk.len() > MAX_UPSTREAM_BODY {
            return Err(answer_too_large());
        }
        body.extend_from_slice(&chunk);
        match next().await? {
            Some(more) => chunk = more,
            None => return Ok(Bytes::from(body)),
        }
    }
}

fn answer_too_large() -> ApiError {
    ApiError::bad_gateway("The porting service answered too much.")
}

/// The largest upstream answer read; a porting is a few kilobytes.
const MAX_UPSTREAM_BODY: usize = 1 << 20;

/// `id` as one path segment that cannot add segments or a query; `None` for an empty, `.` or
/// `..` id, which URL parsing would resolve (also percent-encoded) to another path.
fn path_segment(id: &str) -> Option<String> {
    (!matches!(id, "" | "." | "..")).then(|| encode(id))
}

/// Percent-encodes everything but unreserved characters, for a path segment or a query value.
fn encode(component: &str) -> String {
    component
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_read_as_seconds_or_a_date_and_bounded() {
        let headers = |value: &str| {
            let mut headers = axum::http::HeaderMap::new();
            headers.insert(header::RETRY_AFTER, value.parse().unwrap());
            headers
        };
        assert_eq!(retry_after(&headers("7")), Some(Duration::from_secs(7)));
        assert_eq!(retry_after(&headers("99999999")), Some(MAX_UPSTREAM_RETRY_AFTER));
        assert_eq!(retry_after(&headers("Sun, 06 Nov 1994 08:49:37 GMT")), Some(Duration::ZERO));
        let soon = time::OffsetDateTime::now_utc() + Duration::from_secs(120);
        let soon = soon.format(&time::format_description::well_known::Rfc2822).unwrap();
        let wait = retry_after(&headers(&soon)).unwrap();
        assert!((Duration::from_secs(115)..=Duration::from_secs(120)).contains(&wait), "{soon}: {wait:?}");
        assert_eq!(retry_after(&headers("soon")), None);
        assert_eq!(retry_after(&axum::http::HeaderMap::new()), None);
    }

    #[test]
    fn path_segments_cannot_escape() {
        assert_eq!(path_segment("prt_AZ09").as_deref(), Some("prt_AZ09"));
        assert_eq!(path_segment("../x?y=1").as_deref(), Some("..%2Fx%3Fy%3D1"));
        assert_eq!(path_segment("prt..1").as_deref(), Some("prt..1"));
        for climbing in ["", ".", ".."] {
            assert_eq!(path_segment(climbing), None, "{climbing:?}");
        }
    }

    #[tokio::test]
    async fn an_id_that_would_climb_a_level_is_not_found_without_asking_gigs() {
        let asked = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = asked.clone();
        let gigs = Router::new().fallback(move || {
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            async { StatusCode::OK }
        });
        let gigs = Gigs::new(Transport::InProcess(gigs), "proj".into(), "key".into(), Duration::from_secs(1));
        for id in [".", ".."] {
            let error = gigs.get_porting(id).await.unwrap_err();
            assert_eq!(error.body.code.as_deref(), Some("portingNotFound"), "{id}");
            let error = gigs.cancel_porting(id).await.unwrap_err();
            assert_eq!(error.status, StatusCode::NOT_FOUND, "{id}");
            let error = gigs.get_service_provider(id).await.unwrap_err();
            assert_eq!(error.status, StatusCode::NOT_FOUND, "{id}");
        }
        assert_eq!(asked.load(std::sync::atomic::Ordering::SeqCst), 0);
    }
}
