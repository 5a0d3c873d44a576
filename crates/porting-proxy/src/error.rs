//! Errors as HTTP responses in the Gigs error shape, for the simulator and the proxy alike.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use porting_model::{ErrorDetail, GigsError};

/// An HTTP status with the Gigs error object that explains it.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    /// Boxed: errors travel through every `Result` in the proxy, and a small `Err` keeps those cheap.
    pub body: Box<GigsError>,
}

impl ApiError {
    pub fn new(status: StatusCode, kind: &str, code: &str, message: impl Into<String>) -> Self {
        ApiError { status, body: Box::new(GigsError::new(kind, code, message)) }
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
        (self.status, Json(*self.body)).into_response()
    }
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
}
