//! The widget API over real HTTP on loopback, with the embedded simulator behind it.

use std::sync::Arc;

use porting_model::{GigsError, Porting, Status};
use porting_proxy::clock::SystemClock;
use porting_proxy::demo::DEMO_PHONE_NUMBER;
use porting_proxy::server::{self, Backend, Settings};
use porting_proxy::session::{Claims, SessionKey};
use serde_json::Value;

struct Proxy {
    base: String,
    sessions: SessionKey,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

async fn start() -> Proxy {
    let sessions = SessionKey::random();
    let app =
        server::build(Settings::new(Backend::Simulator, sessions.clone(), Arc::new(SystemClock))).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/api", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server::serve(listener, app.router, async {
        let _ = rx.await;
    }));
    Proxy { base, sessions, _shutdown: tx }
}

/// Creates a demo buyer through the dev route: (session, porting id).
async fn demo(proxy: &Proxy) -> (String, String) {
    let demo: Value = reqwest::Client::new()
        .post(format!("{}/dev/demo", proxy.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (demo["session"].as_str().unwrap().into(), demo["portingId"].as_str().unwrap().into())
}

async fn get(proxy: &Proxy, path: &str, session: Option<&str>) -> (u16, Value) {
    let mut request = reqwest::Client::new().get(format!("{}{path}", proxy.base));
    if let Some(session) = session {
        request = request.bearer_auth(session);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn the_demo_session_reads_its_porting() {
    let proxy = start().await;
    let (session, id) = demo(&proxy).await;
    let (status, body) = get(&proxy, &format!("/portings/{id}"), Some(&session)).await;
    assert_eq!(status, 200);
    let porting: Porting = serde_json::from_value(body).unwrap();
    assert_eq!(porting.phone_number, DEMO_PHONE_NUMBER);
    assert_eq!(porting.status, Status::InformationRequired);
}

#[tokio::test]
async fn no_session_is_401_in_the_gigs_shape() {
    let proxy = start().await;
    let (_, id) = demo(&proxy).await;
    for session in [None, Some("not-a-jwt")] {
        let (status, body) = get(&proxy, &format!("/portings/{id}"), session).await;
        assert_eq!(status, 401);
        let error: GigsError = serde_json::from_value(body).unwrap();
        assert_eq!(error.kind, "authenticationError");
    }
}

#[tokio::test]
async fn another_sessions_porting_is_404() {
    let proxy = start().await;
    let (session_a, _) = demo(&proxy).await;
    let (_, porting_b) = demo(&proxy).await;
    let (status, body) = get(&proxy, &format!("/portings/{porting_b}"), Some(&session_a)).await;
    assert_eq!(status, 404);
    assert_eq!(body["code"], "portingNotFound");
}

#[tokio::test]
async fn a_session_naming_a_porting_of_another_user_is_404() {
    let proxy = start().await;
    let (_, porting_b) = demo(&proxy).await;
    // Correctly signed, lists the porting, but is for a different user.
    let forged = proxy.sessions.mint(&Claims {
        sub: "usr_someone_else".into(),
        portings: vec![porting_b.clone()],
        provider: "p9".into(),
        exp: time::OffsetDateTime::now_utc().unix_timestamp() + 60,
        iat: None,
        nbf: None,
    });
    let (status, _) = get(&proxy, &format!("/portings/{porting_b}"), Some(&forged)).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn unknown_paths_are_404_in_the_gigs_shape() {
    let proxy = start().await;
    let (status, body) = get(&proxy, "/nothing-here", None).await;
    assert_eq!(status, 404);
    assert_eq!(body["object"], "error");
}
