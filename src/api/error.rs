//! Why a call to the proxy failed, read from its answer, and what that means for a retry.

use porting_model::GigsError;
use serde::de::DeserializeOwned;

/// Why a call to the proxy failed.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// No HTTP answer at all: offline, proxy down, CORS refused.
    Unreachable,
    /// An HTTP error status, with the Gigs-shaped error when the body was one.
    Status { status: u16, error: Option<GigsError> },
    /// A success status whose body is not what the contract promises.
    Unparseable,
    /// Too many requests (429), with how many seconds the proxy asked the widget to wait (0 when
    /// it did not say).
    Busy { retry_after: u32 },
}

/// Turns an HTTP answer into the value it should carry or the failure it reports.
pub fn interpret<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ApiError> {
    if (200..300).contains(&status) {
        super::json::parse(body).ok_or(ApiError::Unparseable)
    } else {
        Err(ApiError::Status { status, error: super::json::parse(body) })
    }
}

/// A `Retry-After` in seconds (the proxy sends delta-seconds), at most an hour; a date or
/// anything else is ignored.
pub fn retry_after(header: &str) -> Option<u32> {
    header.trim().parse::<u32>().ok().map(|seconds| seconds.min(3_600))
}

/// How long the proxy asked the buyer to wait before trying again, in seconds.
pub fn wait_of(error: &ApiError) -> Option<u32> {
    match error {
        ApiError::Busy { retry_after } => Some(*retry_after),
        _ => None,
    }
}

/// Whether trying the same call again can help.
pub fn is_retryable(error: &ApiError) -> bool {
    match error {
        ApiError::Unreachable | ApiError::Unparseable | ApiError::Busy { .. } => true,
        ApiError::Status { status, .. } => *status >= 500,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use porting_model::contract::DemoSession;
    use porting_model::Porting;

    #[test]
    fn success_bodies_parse_or_are_unparseable() {
        let demo: DemoSession = interpret(200, r#"{"session":"s","portingId":"p"}"#).unwrap();
        assert_eq!(demo.porting_id, "p");
        assert_eq!(interpret::<DemoSession>(200, "<html>"), Err(ApiError::Unparseable));
        assert_eq!(interpret::<Porting>(200, r#"{"id":"x"}"#), Err(ApiError::Unparseable));
    }

    #[test]
    fn error_statuses_keep_the_gigs_error_when_there_is_one() {
        let body = r#"{"object":"error","type":"notFoundError","code":"portingNotFound","message":"Nope"}"#;
        match interpret::<Porting>(404, body) {
            Err(ApiError::Status { status: 404, error: Some(error) }) => assert_eq!(error.message, "Nope"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            interpret::<Porting>(502, "Bad Gateway"),
            Err(ApiError::Status { status: 502, error: None })
        );
    }

    #[test]
    fn retry_after_takes_bounded_seconds_only() {
        assert_eq!(retry_after("12"), Some(12));
        assert_eq!(retry_after(" 7 "), Some(7));
        assert_eq!(retry_after("86400"), Some(3_600));
        for other in ["", "-1", "1.5", "Wed, 21 Oct 2015 07:28:00 GMT"] {
            assert_eq!(retry_after(other), None, "{other}");
        }
    }

    #[test]
    fn server_and_network_failures_are_retryable_but_auth_is_not() {
        assert!(is_retryable(&ApiError::Unreachable));
        assert!(is_retryable(&ApiError::Status { status: 503, error: None }));
        assert!(!is_retryable(&ApiError::Status { status: 401, error: None }));
        assert!(!is_retryable(&ApiError::Status { status: 404, error: None }));
    }
}
