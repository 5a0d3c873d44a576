//! The client for the merchant proxy: typed answers and typed failures.

use porting_model::{GigsError, Porting};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use wasm_bindgen::JsCast;
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
}

/// A session for the standalone demo, from the simulator's dev route.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoSession {
    pub session: String,
    pub porting_id: String,
}

/// Turns an HTTP answer into the value it should carry or the failure it reports.
pub fn interpret<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ApiError> {
    if (200..300).contains(&status) {
        serde_json::from_str(body).map_err(|_| ApiError::Unparseable)
    } else {
        Err(ApiError::Status { status, error: serde_json::from_str(body).ok() })
    }
}

/// The widget API of one proxy, called with one buyer's session.
#[derive(Clone, Debug)]
pub struct Api {
    base: String,
    session: String,
}

impl Api {
    pub fn new(base: impl Into<String>, session: impl Into<String>) -> Self {
        Api { base: base.into(), session: session.into() }
    }

    pub async fn porting(&self, id: &str) -> Result<Porting, ApiError> {
        let url = format!("{}/portings/{}", self.base, js_sys::encode_uri_component(id));
        let (status, body) = send("GET", &url, Some(&self.session)).await?;
        interpret(status, &body)
    }
}

/// Asks the simulator's dev route for a demo buyer.
pub async fn demo_session(base: &str) -> Result<DemoSession, ApiError> {
    let (status, body) = send("POST", &format!("{base}/dev/demo"), None).await?;
    interpret(status, &body)
}

async fn send(method: &str, url: &str, session: Option<&str>) -> Result<(u16, String), ApiError> {
    let init = RequestInit::new();
    init.set_method(method);
    let request = Request::new_with_str_and_init(url, &init).map_err(|_| ApiError::Unreachable)?;
    let headers = request.headers();
    headers.set("Accept", "application/json").map_err(|_| ApiError::Unreachable)?;
    if let Some(session) = session {
        headers.set("Authorization", &format!("Bearer {session}")).map_err(|_| ApiError::Unreachable)?;
    }
    let window = web_sys::window().ok_or(ApiError::Unreachable)?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| ApiError::Unreachable)?
        .unchecked_into();
    let text = response.text().map_err(|_| ApiError::Unreachable)?;
    // A body that breaks off mid-way is as good as no answer.
    let body = JsFuture::from(text).await.map_err(|_| ApiError::Unreachable)?;
    Ok((response.status(), body.as_string().unwrap_or_default()))
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
}
