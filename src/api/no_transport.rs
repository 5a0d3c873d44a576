//! The server renders the first state with the widget's components and never calls the proxy
//! from them: their requests, built for event handlers the server never runs, go nowhere.

use super::error::ApiError;
use super::reply::Reply;

/// Sends nothing: on the server every call is unreachable.
pub(super) async fn send(
    _method: &str,
    _url: &str,
    _session: Option<&str>,
    _json: Option<String>,
) -> Result<Reply, ApiError> {
    Err(ApiError::Unreachable)
}
