//! The client for the merchant proxy: typed answers and typed failures.

use porting_model::contract::{self, DemoSession};
use porting_model::{GigsError, List, NewPorting, Porting, ServiceProvider, UpdatePorting};
use std::sync::{Arc, Mutex};

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

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
        crate::json::parse(body).ok_or(ApiError::Unparseable)
    } else {
        Err(ApiError::Status { status, error: crate::json::parse(body) })
    }
}

/// A `Retry-After` in seconds (the proxy sends delta-seconds), at most an hour; a date or
/// anything else is ignored.
pub fn retry_after(header: &str) -> Option<u32> {
    header.trim().parse::<u32>().ok().map(|seconds| seconds.min(3_600))
}

/// The buyer's session, one for every clone of a client: a session refreshed by the host page
/// (`update`) or by a create is used by every request from then on.
#[derive(Clone, Default)]
pub struct Session(Arc<Mutex<String>>);

impl Session {
    pub fn get(&self) -> String {
        self.0.lock().map(|token| token.clone()).unwrap_or_default()
    }

    pub fn set(&self, token: String) {
        if let Ok(mut held) = self.0.lock() {
            *held = token;
        }
    }
}

impl From<String> for Session {
    fn from(token: String) -> Self {
        Session(Arc::new(Mutex::new(token)))
    }
}

impl From<&str> for Session {
    fn from(token: &str) -> Self {
        Session::from(token.to_owned())
    }
}

impl PartialEq for Session {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl Eq for Session {}

/// Redacted: a session is a bearer credential.
impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Session(..)")
    }
}

/// The widget API of one proxy, called with one buyer's session.
#[derive(Clone, Debug)]
pub struct Api {
    base: String,
    session: Session,
}

impl Api {
    pub fn new(base: impl Into<String>, session: impl Into<Session>) -> Self {
        Api { base: base.into(), session: session.into() }
    }

    pub async fn porting(&self, id: &str) -> Result<Porting, ApiError> {
        self.send("GET", &self.url(contract::PORTING, id), None::<&()>).await?.value()
    }

    /// Creates a porting for the session's buyer. The answer carries a refreshed session that
    /// also allows the new porting, which the client uses from then on.
    pub async fn create(&self, body: &NewPorting) -> Result<Porting, ApiError> {
        let reply = self.send("POST", &self.url(contract::PORTINGS, ""), Some(body)).await?;
        if let Some(session) = reply.session.clone() {
            self.session.set(session);
        }
        reply.value()
    }

    /// Sends the buyer's answers. The body (which may hold the PIN) is serialised only for this
    /// request and dropped with it.
    pub async fn update(&self, id: &str, body: &UpdatePorting) -> Result<Porting, ApiError> {
        self.send("PATCH", &self.url(contract::PORTING, id), Some(body)).await?.value()
    }

    /// The answer to a change of porting `id`, or where the porting stands when the change was
    /// refused because it moved on meanwhile (409), then with `true`: no retry can help there.
    pub async fn or_where_it_stands(
        &self,
        id: &str,
        sent: Result<Porting, ApiError>,
    ) -> Result<(Porting, bool), ApiError> {
        match sent {
            Err(ApiError::Status { status: 409, .. }) => Ok((self.porting(id).await?, true)),
            other => other.map(|porting| (porting, false)),
        }
    }

    /// Asks again with nothing changed, which retries a declined porting.
    pub async fn retry(&self, id: &str) -> Result<Porting, ApiError> {
        self.update(id, &UpdatePorting::default()).await
    }

    pub async fn cancel(&self, id: &str) -> Result<Porting, ApiError> {
        self.send("POST", &self.url(contract::CANCEL, id), None::<&()>).await?.value()
    }

    /// Opens the porting's event stream; the answer's body is read as it arrives. `signal`
    /// aborts the request and the reading of its body.
    pub async fn events(&self, id: &str, signal: &web_sys::AbortSignal) -> Result<Response, ApiError> {
        let url = self.url(contract::EVENTS, id);
        let request =
            request("GET", &url, Some(&self.session.get()), None, "text/event-stream", Some(signal))?;
        fetch(&request).await
    }

    /// The providers a number can come from: the proxy reads every page of Gigs' list and
    /// answers with all of them at once.
    pub async fn service_providers(&self) -> Result<Vec<ServiceProvider>, ApiError> {
        let url = self.url(contract::SERVICE_PROVIDERS, "");
        let list: List<ServiceProvider> = self.send("GET", &url, None::<&()>).await?.value()?;
        Ok(list.items)
    }

    /// The URL of the contract's `path` (for porting `id`, where it names one).
    fn url(&self, path: &str, id: &str) -> String {
        let id = String::from(js_sys::encode_uri_component(id));
        format!("{}{}", self.base, contract::for_porting(path, &id))
    }

    async fn send(&self, method: &str, url: &str, body: Option<&impl Serialize>) -> Result<Reply, ApiError> {
        let json =
            body.map(|body| serde_json::to_string(body).map_err(|_| ApiError::Unparseable)).transpose()?;
        send(method, url, Some(&self.session.get()), json).await
    }
}

/// Asks the simulator's dev route for a demo buyer.
pub async fn demo_session(base: &str) -> Result<DemoSession, ApiError> {
    send("POST", &format!("{base}{}", contract::DEV_DEMO), None, None).await?.value()
}

/// An HTTP answer.
struct Reply {
    status: u16,
    body: String,
    session: Option<String>,
    retry_after: Option<u32>,
}

impl Reply {
    /// The value the answer carries, or the failure it reports.
    fn value<T: DeserializeOwned>(self) -> Result<T, ApiError> {
        match self.status {
            429 => Err(ApiError::Busy { retry_after: self.retry_after.unwrap_or(0) }),
            _ => interpret(self.status, &self.body),
        }
    }
}

/// The `Retry-After` of an answer, in seconds.
pub fn retry_after_of(response: &Response) -> Option<u32> {
    response.headers().get("Retry-After").ok().flatten().as_deref().and_then(retry_after)
}

async fn send(
    method: &str,
    url: &str,
    session: Option<&str>,
    json: Option<String>,
) -> Result<Reply, ApiError> {
    let request = request(method, url, session, json.as_deref(), "application/json", None)?;
    let response = fetch(&request).await?;
    let session =
        response.headers().get(contract::PORTING_SESSION_HEADER).ok().flatten().filter(|s| !s.is_empty());
    let retry_after = retry_after_of(&response);
    let text = response.text().map_err(|_| ApiError::Unreachable)?;
    // A body that breaks off mid-way is as good as no answer.
    let body = JsFuture::from(text).await.map_err(|_| ApiError::Unreachable)?;
    Ok(Reply { status: response.status(), body: body.as_string().unwrap_or_default(), session, retry_after })
}

fn request(
    method: &str,
    url: &str,
    session: Option<&str>,
    json: Option<&str>,
    accept: &str,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<Request, ApiError> {
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(json) = json {
        init.set_body(&JsValue::from_str(json));
    }
    init.set_signal(signal);
    let request = Request::new_with_str_and_init(url, &init).map_err(|_| ApiError::Unreachable)?;
    let headers = request.headers();
    headers.set("Accept", accept).map_err(|_| ApiError::Unreachable)?;
    if json.is_some() {
        headers.set("Content-Type", "application/json").map_err(|_| ApiError::Unreachable)?;
    }
    if let Some(session) = session {
        headers.set("Authorization", &format!("Bearer {session}")).map_err(|_| ApiError::Unreachable)?;
    }
    Ok(request)
}

async fn fetch(request: &Request) -> Result<Response, ApiError> {
    let window = web_sys::window().ok_or(ApiError::Unreachable)?;
    let response =
        JsFuture::from(window.fetch_with_request(request)).await.map_err(|_| ApiError::Unreachable)?;
    Ok(response.unchecked_into())
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
