//! Cross-origin access to the widget API for the merchant's own sites only. With no origin
//! configured no CORS header is sent at all, so browsers keep the API same-origin.

use std::time::Duration;

use axum::http::{header, HeaderName, HeaderValue, Method};
use porting_model::contract::PORTING_SESSION_HEADER;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::logging::REQUEST_ID_HEADER;

/// The CORS layer for `origins`, or none when the API is same-origin only.
pub fn layer(origins: &[HeaderValue]) -> Option<CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins.iter().cloned()))
            .allow_methods([Method::GET, Method::POST, Method::PATCH])
            .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
            .expose_headers([
                HeaderName::from_static(PORTING_SESSION_HEADER),
                header::RETRY_AFTER,
                REQUEST_ID_HEADER,
            ])
            // Sessions travel in the Authorization header, never in cookies.
            .allow_credentials(false)
            .max_age(Duration::from_secs(600)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_origins_means_no_cors_layer() {
        assert!(layer(&[]).is_none());
    }
}
