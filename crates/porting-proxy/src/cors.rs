//! Cross-origin access to the widget API for the merchant's own sites only. With no origin
//! configured no CORS header is sent at all, so browsers keep the API same-origin.

use std::time::Duration;

use axum::http::{header, HeaderValue, Method};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::widget_api::PORTING_SESSION_HEADER;

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
            .expose_headers([PORTING_SESSION_HEADER, header::RETRY_AFTER, REQUEST_ID_HEADER])
            // Sessions travel in the Authorization header, never in cookies.
            .allow_credentials(false)
            .max_age(Duration::from_secs(600)),
    )
}

/// Checks an origin as a browser sends it: `scheme://host[:port]`, nothing after.
pub fn parse_origin(origin: &str) -> Result<HeaderValue, String> {
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .ok_or_else(|| format!("{origin:?} is not an http(s) origin like https://shop.example"))?;
    let valid_host = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']');
    if rest.is_empty() || !rest.chars().all(valid_host) {
        return Err(format!(
            "{origin:?} must be scheme://host[:port] with no path, wildcard or trailing slash"
        ));
    }
    HeaderValue::from_str(origin).map_err(|_| format!("{origin:?} is not a valid header value"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_exact_scheme_host_port() {
        assert!(parse_origin("https://shop.example").is_ok());
        assert!(parse_origin("http://127.0.0.1:8080").is_ok());
        assert!(parse_origin("http://[::1]:8080").is_ok());
        for bad in
            ["*", "null", "shop.example", "https://shop.example/", "https://*.shop.example", "https://"]
        {
            assert!(parse_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn no_origins_means_no_cors_layer() {
        assert!(layer(&[]).is_none());
    }
}
