//! Errors as HTTP responses in the Gigs error shape, for the simulator and the proxy alike.

use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use porting_model::{ErrorDetail, GigsError};

/// An HTTP status with the Gigs error object that explains it.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    /// Boxed: errors travel through every `Result` in the proxy, and a small `Err` keeps those cheap.
    pub body: Box<GigsError>,
    /// Sent as `Retry-After` (whole seconds, rounded up) when set.
    pub retry_after: Option<Duration>,
}

impl ApiError {
    pub fn new(status: StatusCode, kind: &str, code: &str, message: impl Into<String>) -> Self {
        Self::from_gigs(status, GigsError::new(kind, code, message))
    }

    /// `status` with an error object as Gigs wrote it.
    pub fn from_gigs(status: StatusCode, body: GigsError) -> Self {
        ApiError { status, body: Box::new(body), retry_after: None }
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "authenticationError", "unauthorized", message)
    }

    /// The one answer for "does not exist" and "not yours", so ids cannot be probed.
    pub fn porting_not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "notFoundError", "portingNotFound", "The porting was not found.")
    }

    pub fn not_found(code: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "notFoundError", code, message)
    }

    pub fn bad_request(code: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalidRequestError", code, message)
    }

    /// 422: the request is well-formed but these properties are not acceptable.
    pub fn invalid_fields(details: Vec<ErrorDetail>) -> Self {
        let mut error = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalidRequestError",
            "validationFailed",
            "Some properties are invalid; see details.",
        );
        error.body.details = details;
        error
    }

    /// 422 about one property.
    pub fn invalid_field(property: &str, code: &str, message: impl Into<String>) -> Self {
        Self::invalid_fields(vec![ErrorDetail {
            property: Some(property.into()),
            code: Some(code.into()),
            message: message.into(),
        }])
    }

    /// 409: the request is valid in itself, but the resource's current state forbids it.
    pub fn conflict(code: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "conflictError", code, message)
    }

    pub fn bad_gateway(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_GATEWAY, "apiError", "upstreamInvalid", message)
    }

    pub fn gateway_timeout() -> Self {
        Self::new(
            StatusCode::GATEWAY_TIMEOUT,
            "apiError",
            "upstreamTimeout",
            "The porting service did not answer in time.",
        )
    }

    pub fn payload_too_large() -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "invalidRequestError",
            "bodyTooLarge",
            "The request body is too large.",
        )
    }

    /// 429, to be tried again after `retry_after`.
    pub fn too_many_requests(retry_after: Duration) -> Self {
        let error = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rateLimitError",
            "rateLimited",
            "Too many requests. Try again later.",
        );
        error.with_retry_after(retry_after)
    }

    /// This error, answered with `Retry-After: wait`.
    pub fn with_retry_after(self, wait: Duration) -> Self {
        ApiError { retry_after: Some(wait), ..self }
    }

    /// The session, or the proxy in all, has as many event streams open as allowed. A stream
    /// whose client left is noticed at its next heartbeat, so one may be free `heartbeat` later.
    pub fn too_many_streams(heartbeat: Duration) -> Self {
        let error = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rateLimitError",
            "tooManyStreams",
            "Too many live status streams are open for this session.",
        );
        error.with_retry_after(heartbeat)
    }

    /// The proxy is at its limit of requests in flight.
    pub fn overloaded(message: impl Into<String>) -> Self {
        let error = Self::new(StatusCode::SERVICE_UNAVAILABLE, "apiError", "overloaded", message);
        error.with_retry_after(Duration::from_secs(1))
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "apiError",
            "internal",
            "Something went wrong on our side.",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(*self.body)).into_response();
        if let Some(wait) = self.retry_after {
            // Whole seconds, rounded up so a client that waits that long is let in.
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
        }
        response
    }
}

/// Middleware for answers made by layers rather than handlers (a body over the limit, a request
/// timeout, a method the route lacks): any error that is not JSON already gets the Gigs shape, so
/// the widget parses one shape whatever went wrong. Headers such as `Allow` are kept.
pub async fn gigs_shaped(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let error = match status {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::payload_too_large(),
        StatusCode::REQUEST_TIMEOUT => {
            ApiError::new(status, "apiError", "requestTimeout", "The request took too long to complete.")
        }
        StatusCode::METHOD_NOT_ALLOWED => ApiError::new(
            status,
            "invalidRequestError",
            "methodNotAllowed",
            "The endpoint does not support this method.",
        ),
        _ if status.is_client_error() => ApiError::new(
            status,
            "invalidRequestError",
            "requestInvalid",
            status.canonical_reason().unwrap_or("The request is invalid."),
        ),
        _ => ApiError::internal(),
    };
    let (mut parts, _) = response.into_parts();
    // The old body's length and encoding (a compressed route's) are not the new body's.
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_ENCODING);
    let shaped = error.into_response();
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Response::from_parts(parts, shaped.into_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_found_and_unauthorized_use_their_statuses_and_the_gigs_shape() {
        let not_found = ApiError::porting_not_found();
        assert_eq!(not_found.status, StatusCode::NOT_FOUND);
        assert_eq!(not_found.body.object, "error");
        assert_eq!(not_found.body.code.as_deref(), Some("portingNotFound"));
        assert_eq!(ApiError::unauthorized("x").status, StatusCode::UNAUTHORIZED);
    }

    #[tokio::test]
    async fn plain_error_answers_get_the_gigs_shape_and_keep_their_headers() {
        let plain = Response::builder()
            .status(StatusCode::METHOD_NOT_ALLOWED)
            .header(header::ALLOW, "GET")
            .body(axum::body::Body::from("method not allowed"))
            .unwrap();
        let shaped = gigs_shaped(plain).await;
        assert_eq!(shaped.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(shaped.headers()[header::ALLOW], "GET");
        let body = axum::body::to_bytes(shaped.into_body(), 4096).await.unwrap();
        let error: GigsError = serde_json::from_slice(&body).unwrap();
        assert_eq!(error.code.as_deref(), Some("methodNotAllowed"));
    }

    #[tokio::test]
    async fn a_compressed_refusal_is_shaped_as_plain_json() {
        let compressed = Response::builder()
            .status(StatusCode::BAD_REQUEST)
            .header(header::CONTENT_ENCODING, "gzip")
            .header(header::VARY, "accept-encoding")
            .body(axum::body::Body::from(vec![0x1f, 0x8b, 0x08, 0x00]))
            .unwrap();
        let shaped = gigs_shaped(compressed).await;
        assert_eq!(shaped.headers().get(header::CONTENT_ENCODING), None, "the new body is not gzip");
        assert_eq!(shaped.headers()[header::VARY], "accept-encoding");
        let body = axum::body::to_bytes(shaped.into_body(), 4096).await.unwrap();
        let error: GigsError = serde_json::from_slice(&body).unwrap();
        assert_eq!(error.code.as_deref(), Some("requestInvalid"));
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        let response = ApiError::too_many_requests(Duration::from_millis(1500)).into_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::RETRY_AFTER], "2");
    }
}
