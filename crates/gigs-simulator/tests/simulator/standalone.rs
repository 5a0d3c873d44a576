//! The standalone server: its run loop with a checked configuration, and its webhooks.

use std::time::Duration;

use axum::http::HeaderMap;
use axum::routing::post;
use axum::Router;
use bytes::Bytes;
use clap::Parser;
use gigs_http::webhook::{Event, WebhookSecret, PORTING_UPDATED};
use gigs_simulator::spawn_webhooks;
use gigs_simulator::standalone::{self, Args};
use porting_model::Status;
use tokio::sync::mpsc;

use crate::{let_donor_answer, requested, simulator, API_KEY};

const SECRET: &str = "a webhook secret that is long";

/// A webhook receiver on loopback: its URL, and each delivery's headers and body.
async fn receiver() -> (String, mpsc::UnboundedReceiver<(HeaderMap, Bytes)>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let app = Router::new().route(
        "/hooks",
        post(move |headers: HeaderMap, body: Bytes| {
            let _ = tx.send((headers, body));
            async {}
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, rx)
}

/// The next delivery, which must come soon (a guard against hanging, not a wait for time).
async fn next(deliveries: &mut mpsc::UnboundedReceiver<(HeaderMap, Bytes)>) -> (HeaderMap, Bytes) {
    tokio::time::timeout(Duration::from_secs(10), deliveries.recv()).await.expect("a delivery").unwrap()
}

#[tokio::test]
async fn every_change_is_posted_as_a_signed_porting_updated_event() {
    let (sim, _) = simulator();
    let (url, mut deliveries) = receiver().await;
    spawn_webhooks(&sim, url, WebhookSecret::new(SECRET).unwrap());
    let porting = requested(&sim, "+12025550150");
    let secret = WebhookSecret::new(SECRET).unwrap();
    for expected in [Status::Draft, Status::Requested] {
        let (headers, body) = next(&mut deliveries).await;
        let header = |name: &str| headers[name].to_str().unwrap().to_owned();
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let verified = secret.verify(
            &header("webhook-id"),
            &header("webhook-timestamp"),
            &header("webhook-signature"),
            &body,
            now,
        );
        assert_eq!(verified, Ok(()));
        let event: Event = serde_json::from_slice(&body).unwrap();
        assert_eq!((event.kind.as_str(), event.id), (PORTING_UPDATED, header("webhook-id")));
        assert_eq!((event.data.id.as_str(), event.data.status), (porting.id.as_str(), expected));
        assert!(!String::from_utf8_lossy(&body).contains("8642"), "the PIN is never sent");
    }
}

#[tokio::test]
async fn a_failure_is_posted_with_when_it_failed() {
    let (sim, clock) = simulator();
    let (url, mut deliveries) = receiver().await;
    spawn_webhooks(&sim, url, WebhookSecret::new(SECRET).unwrap());
    requested(&sim, "+12025550121");
    let_donor_answer(&sim, &clock);
    let mut events = Vec::new();
    for _ in 0..3 {
        let (_, body) = next(&mut deliveries).await;
        events.push(serde_json::from_slice::<Event>(&body).unwrap().data);
    }
    let statuses: Vec<&Status> = events.iter().map(|porting| &porting.status).collect();
    assert_eq!(statuses, [&Status::Draft, &Status::Requested, &Status::Failed]);
    assert_eq!(events[2].failed_at.as_deref(), Some("2030-01-01T12:02:00Z"));
}

#[tokio::test]
async fn the_standalone_server_answers_with_its_api_key() {
    let env = |name: &str| (name == "GIGS_API_KEY").then(|| API_KEY.to_owned());
    let config = Args::try_parse_from(["gigs-simulator", "--project", "acme", "--speed", "3600"])
        .unwrap()
        .resolve(env)
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(standalone::run(config, listener, async {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::new();
    let response =
        client.get(format!("{base}/projects/acme/portings")).bearer_auth(API_KEY).send().await.unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    let response = client.get(format!("{base}/projects/acme/portings")).send().await.unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::UNAUTHORIZED);
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}
