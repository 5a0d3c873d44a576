//! The browser's `fetch`, as the client uses it: the session in the `Authorization` header, JSON
//! bodies, and the answer read whole (or, for the event stream, handed over as it arrives).

use porting_model::contract;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestInit, Response};

use super::error::{retry_after, ApiError};
use super::reply::Reply;

/// The `Retry-After` of an answer, in seconds.
pub fn retry_after_of(response: &Response) -> Option<u32> {
    response.headers().get("Retry-After").ok().flatten().as_deref().and_then(retry_after)
}

pub(super) async fn send(
    method: &str,
    url: &str,
    session: Option<&str>,
    json: Option<String>,
) -> Result<Reply, ApiError> {
    let response = fetch(method, url, session, json.as_deref(), "application/json", None).await?;
    let session =
        response.headers().get(contract::PORTING_SESSION_HEADER).ok().flatten().filter(|s| !s.is_empty());
    let retry_after = retry_after_of(&response);
    let text = response.text().map_err(|_| ApiError::Unreachable)?;
    // A body that breaks off mid-way is as good as no answer.
    let body = JsFuture::from(text).await.map_err(|_| ApiError::Unreachable)?;
    Ok(Reply { status: response.status(), body: body.as_string().unwrap_or_default(), session, retry_after })
}

/// Sends a request; `signal` aborts it and the reading of its body.
pub(super) async fn fetch(
    method: &str,
    url: &str,
    session: Option<&str>,
    json: Option<&str>,
    accept: &str,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<Response, ApiError> {
    let headers = Headers::new().map_err(|_| ApiError::Unreachable)?;
    headers.set("Accept", accept).map_err(|_| ApiError::Unreachable)?;
    if json.is_some() {
        headers.set("Content-Type", "application/json").map_err(|_| ApiError::Unreachable)?;
    }
    if let Some(session) = session {
        headers.set("Authorization", &format!("Bearer {session}")).map_err(|_| ApiError::Unreachable)?;
    }
    let init = RequestInit::new();
    init.set_method(method);
    init.set_headers_headers(&headers);
    if let Some(json) = json {
        init.set_body(&JsValue::from_str(json));
    }
    init.set_signal(signal);
    let window = web_sys::window().ok_or(ApiError::Unreachable)?;
    // The signal goes to fetch itself, with no Request between: WebKit can collect a Request
    // nothing refers to, and its signal with it, so an abort never reached the stream.
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| ApiError::Unreachable)?;
    Ok(response.unchecked_into())
}
