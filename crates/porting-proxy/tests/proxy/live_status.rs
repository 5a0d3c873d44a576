//! `GET /portings/{id}/events`: the porting on connect and on every change, heartbeats, bounded
//! streams; fed by the simulator, by signed Gigs webhooks, or by polling.

use std::time::Duration;

use crate::support::{
    draft_of, manual_clock, simulated, simulator_settings, start, upstream, upstream_settings, wait_until,
    Events, Hooks, Proxy,
};
use porting_model::Status;
use porting_proxy::clock::Clock;
use porting_proxy::webhook::WebhookSecret;
use reqwest::StatusCode;

const WAIT: Duration = Duration::from_secs(5);
const WEBHOOK_SECRET: &str = "a webhook secret long enough";

async fn open(proxy: &Proxy, id: &str, session: &str) -> reqwest::Response {
    proxy.get(&format!("/portings/{id}/events"), Some(session)).send().await.unwrap()
}

#[tokio::test]
async fn a_stream_sends_the_porting_on_connect_and_after_each_change_with_heartbeats_between() {
    let clock = manual_clock();
    let mut settings = simulator_settings(&clock);
    settings.live.heartbeat = Duration::from_millis(100);
    let proxy = start(settings, clock).await;
    let sim = proxy.simulator.clone().unwrap();
    let draft = draft_of(&sim, "usr_a");
    let response = open(&proxy, &draft.id, &proxy.session("usr_a", &[&draft.id])).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let mut events = Events::new(response);

    assert_eq!(events.next_porting(WAIT).await.unwrap().status, Status::Draft);
    assert_eq!(events.next_block(WAIT).await.unwrap(), ": heartbeat");
    sim.activate(&draft.id).unwrap();
    let changed = events.next_porting(WAIT).await.unwrap();
    assert_eq!((changed.id, changed.status), (draft.id, Status::InformationRequired));
}

#[tokio::test]
async fn a_stream_ends_when_its_session_expires() {
    let (proxy, sim) = simulated().await;
    let draft = draft_of(&sim, "usr_a");
    // Expired a little less than the tolerated clock skew ago: one second left.
    let session =
        proxy.session_for("usr_a", &[&draft.id], 1 - porting_proxy::guard::session::MAX_CLOCK_SKEW_SECS);
    let mut events = Events::new(open(&proxy, &draft.id, &session).await);
    assert!(events.next_porting(WAIT).await.is_some());
    let started = std::time::Instant::now();
    assert_eq!(events.next_porting(WAIT).await, None, "the stream ended");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn streams_per_session_are_bounded_and_freed_when_closed() {
    let clock = manual_clock();
    let mut settings = simulator_settings(&clock);
    settings.live.streams_per_session = 2;
    settings.live.heartbeat = Duration::from_millis(50);
    let proxy = start(settings, clock).await;
    let sim = proxy.simulator.clone().unwrap();
    let draft = draft_of(&sim, "usr_a");
    let session = proxy.session("usr_a", &[&draft.id]);
    let first = open(&proxy, &draft.id, &session).await;
    let _second = open(&proxy, &draft.id, &session).await;
    let third = open(&proxy, &draft.id, &session).await;
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(third.headers()["retry-after"], "1", "a heartbeat, in whole seconds");
    let error: porting_model::GigsError = third.json().await.unwrap();
    assert_eq!(error.code.as_deref(), Some("tooManyStreams"));
    // Another buyer is not affected.
    let other = draft_of(&sim, "usr_b");
    assert_eq!(open(&proxy, &other.id, &proxy.session("usr_b", &[&other.id])).await.status(), StatusCode::OK);

    // The server notices the closed stream at its next heartbeat.
    drop(first);
    let freed = async || open(&proxy, &draft.id, &session).await.status() == StatusCode::OK;
    wait_until(Duration::from_secs(2), "the closed stream's slot to come back", freed).await;
}

#[tokio::test]
async fn signed_webhooks_feed_the_stream_and_bad_ones_are_refused() {
    let clock = manual_clock();
    let gigs = upstream(&clock).await;
    let proxy = start(upstream_settings(&clock, &gigs.url, Some(WEBHOOK_SECRET)), clock.clone()).await;
    let draft = draft_of(&gigs.sim, "usr_a");
    let mut events = Events::new(open(&proxy, &draft.id, &proxy.session("usr_a", &[&draft.id])).await);
    assert_eq!(events.next_porting(WAIT).await.unwrap().status, Status::Draft);

    let hooks = Hooks::new(&proxy, WEBHOOK_SECRET);
    let active = gigs.sim.activate(&draft.id).unwrap();
    assert_eq!(hooks.deliver("evt_1", &active).await, StatusCode::NO_CONTENT);
    assert_eq!(events.next_porting(WAIT).await.unwrap().status, Status::InformationRequired);

    let now = clock.now().unix_timestamp();
    let stale = now - porting_proxy::webhook::TOLERANCE_SECS - 1;
    assert_eq!(hooks.post("evt_2", &active, stale, &hooks.secret).await, StatusCode::BAD_REQUEST);
    let forged = WebhookSecret::new("somebody else's secret!!").unwrap();
    assert_eq!(hooks.post("evt_3", &active, now, &forged).await, StatusCode::UNAUTHORIZED);
    assert_eq!(hooks.deliver("evt_1", &active).await, StatusCode::CONFLICT, "a replay");
    let unsigned = hooks.client.post(&hooks.url).body("{}").send().await.unwrap();
    assert_eq!(unsigned.status(), StatusCode::BAD_REQUEST);
    let oversize = hooks.client.post(&hooks.url).body(vec![b'x'; 300 * 1024]).send().await.unwrap();
    assert_eq!(oversize.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let error: porting_model::GigsError = oversize.json().await.unwrap();
    assert_eq!(error.code.as_deref(), Some("bodyTooLarge"));
}

#[tokio::test]
async fn streams_are_bounded_per_client_ip_across_buyers() {
    let clock = manual_clock();
    let mut settings = simulator_settings(&clock);
    settings.live.streams_per_ip = 2;
    let proxy = start(settings, clock).await;
    let sim = proxy.simulator.clone().unwrap();
    let mut open_streams = Vec::new();
    for user in ["usr_a", "usr_b"] {
        let draft = draft_of(&sim, user);
        let stream = open(&proxy, &draft.id, &proxy.session(user, &[&draft.id])).await;
        assert_eq!(stream.status(), StatusCode::OK);
        open_streams.push(stream);
    }
    let third = draft_of(&sim, "usr_c");
    let refused = open(&proxy, &third.id, &proxy.session("usr_c", &[&third.id])).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS, "a third buyer from the same address");
}

#[tokio::test]
async fn a_flood_of_forged_deliveries_is_answered_at_once_then_refused_per_ip() {
    let clock = manual_clock();
    let gigs = upstream(&clock).await;
    let proxy = start(upstream_settings(&clock, &gigs.url, Some(WEBHOOK_SECRET)), clock.clone()).await;
    let hooks = Hooks::new(&proxy, WEBHOOK_SECRET);
    let now = clock.now().unix_timestamp().to_string();
    // The shape that kept a core busy for minutes: 250 KiB and 60,000 signatures.
    let flood = |id: &str| {
        hooks
            .client
            .post(&hooks.url)
            .header(porting_proxy::webhook::ID_HEADER, id)
            .header(porting_proxy::webhook::TIMESTAMP_HEADER, &now)
            .header(porting_proxy::webhook::SIGNATURE_HEADER, "v1,AAAA ".repeat(60_000).trim_end())
            .body(vec![b'{'; 250 * 1024])
            .send()
    };
    let answer = tokio::time::timeout(Duration::from_secs(5), flood("evt_flood")).await;
    assert_eq!(answer.expect("answered at once").unwrap().status(), StatusCode::BAD_REQUEST);
    let overflow = hooks
        .client
        .post(&hooks.url)
        .header(porting_proxy::webhook::ID_HEADER, "evt_min")
        .header(porting_proxy::webhook::TIMESTAMP_HEADER, i64::MIN.to_string())
        .header(porting_proxy::webhook::SIGNATURE_HEADER, "v1,AAAA")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(overflow.status(), StatusCode::BAD_REQUEST, "stale, not a panic");
    let mut statuses = Vec::new();
    for n in 0..porting_proxy::gigs::webhooks::RATE.burst + 1 {
        let forged = hooks
            .client
            .post(&hooks.url)
            .header(porting_proxy::webhook::ID_HEADER, format!("evt_{n}"))
            .body("{}");
        statuses.push(forged.send().await.unwrap().status());
    }
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS), "one IP's flood is refused");
}

#[tokio::test]
async fn without_webhooks_the_watched_porting_is_polled() {
    let clock = manual_clock();
    let gigs = upstream(&clock).await;
    let mut settings = upstream_settings(&clock, &gigs.url, None);
    settings.live.poll_interval = Duration::from_millis(100);
    let proxy = start(settings, clock).await;
    let draft = draft_of(&gigs.sim, "usr_a");
    let mut events = Events::new(open(&proxy, &draft.id, &proxy.session("usr_a", &[&draft.id])).await);
    assert_eq!(events.next_porting(WAIT).await.unwrap().status, Status::Draft);
    gigs.sim.activate(&draft.id).unwrap();
    assert_eq!(events.next_porting(WAIT).await.unwrap().status, Status::InformationRequired);
    // Without a webhook secret there is no webhook endpoint to probe.
    let hook = reqwest::Client::new().post(format!("{}/webhooks/gigs", proxy.origin)).send().await.unwrap();
    assert_eq!(hook.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_session_with_the_longest_allowed_lifetime_streams() {
    let (proxy, sim) = simulated().await;
    let draft = draft_of(&sim, "usr_a");
    let session =
        proxy.session_for("usr_a", &[&draft.id], porting_proxy::guard::session::MAX_SESSION_LIFETIME_SECS);
    let response = open(&proxy, &draft.id, &session).await;
    assert_eq!(response.status(), StatusCode::OK);
    let mut events = Events::new(response);
    assert_eq!(events.next_porting(WAIT).await.unwrap().status, Status::Draft);
    sim.activate(&draft.id).unwrap();
    assert_eq!(events.next_porting(WAIT).await.unwrap().status, Status::InformationRequired);
}
