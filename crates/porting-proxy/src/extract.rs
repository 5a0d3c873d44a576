//! A JSON body extractor whose rejections are Gigs-shaped errors instead of axum's plain text.

use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use bytes::Bytes;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// Like `axum::Json`, but a bad body becomes a 400 (not JSON) or 422 (wrong shape) in the Gigs
/// error shape, naming the offending property where serde knows it.
pub struct GigsJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for GigsJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => ApiError::payload_too_large(),
            status => ApiError::new(status, "invalidRequestError", "bodyUnreadable", rejection.body_text()),
        })?;
        parse_json(&bytes).map(GigsJson)
    }
}

/// Parses a request body, mapping syntax errors to 400 and shape errors to 422.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let body = if bytes.iter().all(u8::is_ascii_whitespace) { b"{}".as_slice() } else { bytes };
    serde_json::from_slice(body).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalidRequestError",
            "bodyInvalid",
            format!("The request body has an invalid field: {e}."),
        ),
        _ => ApiError::bad_request("bodyNotJson", "The request body is not valid JSON."),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use porting_model::UpdatePorting;

    #[test]
    fn syntax_errors_are_400_and_shape_errors_422() {
        assert_eq!(parse_json::<UpdatePorting>(b"{").unwrap_err().status, StatusCode::BAD_REQUEST);
        let shape = parse_json::<UpdatePorting>(br#"{"firstName": 7}"#).unwrap_err();
        assert_eq!(shape.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(shape.body.message.contains("firstName") || shape.body.message.contains("string"));
    }

    #[test]
    fn an_empty_body_is_an_empty_object() {
        assert_eq!(parse_json::<UpdatePorting>(b"").unwrap(), UpdatePorting::default());
    }
}
