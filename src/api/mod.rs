//! The client for the merchant proxy's widget API: typed answers ([`Api`]) and typed failures
//! ([`error`]), over the browser's `fetch` (`transport`; on the server, nothing is sent), with
//! JSON read by [`json`].

mod error;
pub mod json;
mod reply;
#[cfg(not(target_arch = "wasm32"))]
#[path = "no_transport.rs"]
mod transport;
#[cfg(target_arch = "wasm32")]
mod transport;

pub use error::{interpret, is_retryable, retry_after, wait_of, ApiError};
#[cfg(target_arch = "wasm32")]
pub use transport::retry_after_of;

use std::sync::{Arc, Mutex};

use porting_model::contract::{self, DemoSession};
use porting_model::{List, NewPorting, Porting, ServiceProvider, UpdatePorting};
use serde::Serialize;

use reply::Reply;
use transport::send;

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
    #[cfg(target_arch = "wasm32")]
    pub async fn events(
        &self,
        id: &str,
        signal: &web_sys::AbortSignal,
    ) -> Result<web_sys::Response, ApiError> {
        let url = self.url(contract::EVENTS, id);
        let session = self.session.get();
        transport::fetch("GET", &url, Some(&session), None, "text/event-stream", Some(signal)).await
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
        format!("{}{}", self.base, contract::for_porting(path, &encode_component(id)))
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

/// `text` as `encodeURIComponent` writes it: every byte but letters, digits and `-_.!~*'()`
/// percent-encoded, so an id cannot leave its path segment.
fn encode_component(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::encode_component;

    #[test]
    fn a_path_segment_is_encoded_as_encode_uri_component_does() {
        assert_eq!(encode_component("prt_0SNl-urA.049~"), "prt_0SNl-urA.049~");
        assert_eq!(encode_component("../x?y#z/ü"), "..%2Fx%3Fy%23z%2F%C3%BC");
        assert_eq!(encode_component("a b&c=d"), "a%20b%26c%3Dd");
    }
}
