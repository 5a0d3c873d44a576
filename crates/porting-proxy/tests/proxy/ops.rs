//! What a platform team asks of the proxy: `/metrics` counts exactly what happened, with no
//! personal data in its labels; `/readyz` follows Gigs, Redis and shutdown; `/healthz` answers
//! outside the limits and the logs.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::support::{
    captured_logs, closed_port, fake_upstream, manual_clock, porting_of, simulator_settings, start, upstream,
    upstream_settings, wait_until, Hooks, Misbehaviour, Proxy, RedisServer,
};
use porting_proxy::clock::Clock;
use porting_proxy::guard::rate::Rate;
use porting_proxy::routes::probes;
use porting_proxy::server::{self, App};
use porting_proxy::{metrics::Metrics, simulator};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const WEBHOOK_SECRET: &str = "the webhook secret of the ops tests";
const ROUTE: &str = "/api/portings/{porting}";

/// The scraped metrics, checked for their content type.
async fn scrape(proxy: &Proxy) -> String {
    let url = format!("{}/metrics", proxy.metrics_origin.as_ref().expect("metrics are on"));
    let response = reqwest::get(url).await.unwrap();
    assert_eq!(response.status(), 200);
    let kind = response.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(kind.starts_with("application/openmetrics-text"), "{kind}");
    response.text().await.unwrap()
}

/// Each sample of `text`: its name, its labels, its value.
fn samples(text: &str) -> Vec<(String, BTreeMap<String, String>, f64)> {
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| {
            let (series, value) = line.rsplit_once(' ').unwrap();
            let (name, labels) = match series.split_once('{') {
                Some((name, labels)) => (name, labels.trim_end_matches('}')),
                None => (series, ""),
            };
            let labels = labels
                .split("\",")
                .filter(|pair| !pair.is_empty())
                .map(|pair| {
                    let (key, value) = pair.split_once('=').unwrap();
                    (key.to_owned(), value.trim_matches('"').to_owned())
                })
                .collect();
            (name.to_owned(), labels, value.parse().unwrap())
        })
        .collect()
}

/// The value of series `name` with exactly `labels`, 0 when absent (a count never made).
fn value(text: &str, name: &str, labels: &[(&str, &str)]) -> f64 {
    let wanted: BTreeMap<String, String> =
        labels.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let found: Vec<f64> = samples(text)
        .into_iter()
        .filter(|(series, labels, _)| series == name && *labels == wanted)
        .map(|(_, _, value)| value)
        .collect();
    assert!(found.len() <= 1, "{name} {labels:?} is one series");
    found.first().copied().unwrap_or(0.0)
}

fn requests(text: &str, method: &str, route: &str, status: &str) -> f64 {
    value(
        text,
        "porting_proxy_http_requests_total",
        &[("method", method), ("route", route), ("status", status)],
    )
}

fn refusals(text: &str, kind: &str) -> f64 {
    value(text, "porting_proxy_refusals_total", &[("kind", kind)])
}

#[tokio::test]
async fn each_answer_is_counted_once_by_route_method_and_status_with_its_gigs_calls() {
    let clock = manual_clock();
    let mut settings = simulator_settings(&clock);
    settings.metrics = Metrics::on();
    // Three requests of the session pass; the clock stands still, so the fourth is refused.
    settings.limits.session = Rate { per_minute: 1, burst: 3 };
    let proxy = start(settings, clock).await;
    let sim = proxy.simulator.clone().unwrap();
    let porting = porting_of(&sim, "usr_metrics");
    let session = proxy.session("usr_metrics", &[&porting.id]);
    let path = format!("/portings/{}", porting.id);
    let before = scrape(&proxy).await;
    assert_eq!(refusals(&before, "rate_limit"), 0.0, "known at zero from the start");

    let client = reqwest::Client::new();
    let status = |response: reqwest::Response| response.status().as_u16();
    assert_eq!(status(proxy.get(&path, Some(&session)).send().await.unwrap()), 200);
    assert_eq!(status(proxy.get(&path, None).send().await.unwrap()), 401);
    assert_eq!(status(proxy.get("/portings/prt_someone_elses", Some(&session)).send().await.unwrap()), 404);
    let bad = json!({ "birthday": "31.12.1990" });
    assert_eq!(proxy.call(Method::PATCH, &path, &session, Some(bad)).await.0, 422);
    let huge =
        client.patch(format!("{}{path}", proxy.base)).bearer_auth(&session).body(vec![b' '; 64 * 1024]);
    assert_eq!(status(huge.send().await.unwrap()), 413);
    assert_eq!(status(proxy.get(&path, Some(&session)).send().await.unwrap()), 429);
    let unknown = client.get(format!("{}/api/nothing/{}", proxy.origin, porting.id)).send().await.unwrap();
    assert_eq!(status(unknown), 404);

    let text = scrape(&proxy).await;
    for (method, status) in
        [("GET", "200"), ("GET", "401"), ("GET", "404"), ("PATCH", "422"), ("PATCH", "413")]
    {
        assert_eq!(requests(&text, method, ROUTE, status), 1.0, "{method} {status}\n{text}");
    }
    assert_eq!(requests(&text, "GET", ROUTE, "429"), 1.0);
    assert_eq!(requests(&text, "GET", "fallback", "404"), 1.0, "no route: the path is never a label");
    let latencies = value(&text, "porting_proxy_http_request_duration_seconds_count", &[("route", ROUTE)]);
    assert_eq!(latencies, 6.0);
    // The 200 and the 422's look-up of the current porting; the rest never reached Gigs.
    let get_porting = [("operation", "get_porting"), ("outcome", "ok")];
    assert_eq!(value(&text, "porting_proxy_gigs_requests_total", &get_porting), 2.0);
    let gigs_latencies = [("operation", "get_porting")];
    assert_eq!(value(&text, "porting_proxy_gigs_request_duration_seconds_count", &gigs_latencies), 2.0);
    assert_eq!(refusals(&text, "rate_limit"), 1.0);
    assert_eq!(refusals(&text, "body_size"), 1.0);
    assert_eq!((refusals(&text, "timeout"), refusals(&text, "concurrency")), (0.0, 0.0));

    // No label carries a porting id, a session, a user id or an address.
    let secrets = [porting.id.as_str(), "prt_someone_elses", &session, "usr_metrics", "127.0.0.1"];
    for (name, labels, _) in samples(&text) {
        for value in labels.values() {
            assert!(!secrets.iter().any(|secret| value.contains(secret)), "{name}: {value}");
            assert!(!value.contains("prt_") && !value.contains("usr_"), "{name}: {value}");
        }
    }
}

#[tokio::test]
async fn an_upstream_failure_is_a_502_and_a_gigs_server_error() {
    let failing =
        fake_upstream(Misbehaviour::Says(crate::support::answer("500 Internal Server Error", "{}"))).await;
    let clock = manual_clock();
    let mut settings = upstream_settings(&clock, &failing, None);
    settings.metrics = Metrics::on();
    let proxy = start(settings, clock).await;
    let session = proxy.session("usr_1", &["prt_1"]);
    assert_eq!(proxy.get("/portings/prt_1", Some(&session)).send().await.unwrap().status(), 502);

    let text = scrape(&proxy).await;
    assert_eq!(requests(&text, "GET", ROUTE, "502"), 1.0, "{text}");
    let failed = [("operation", "get_porting"), ("outcome", "server_error")];
    assert_eq!(value(&text, "porting_proxy_gigs_requests_total", &failed), 1.0);
    assert_eq!(
        value(&text, "porting_proxy_gigs_requests_total", &[("operation", "get_porting"), ("outcome", "ok")]),
        0.0
    );
}

#[tokio::test]
async fn webhook_outcomes_and_open_streams_are_counted() {
    let clock = manual_clock();
    let gigs = upstream(&clock).await;
    let mut settings = upstream_settings(&clock, &gigs.url, Some(WEBHOOK_SECRET));
    settings.metrics = Metrics::on();
    settings.live.heartbeat = Duration::from_millis(200);
    let proxy = start(settings, clock).await;
    let porting = porting_of(&gigs.sim, "usr_hooks");
    let right = Hooks::new(&proxy, WEBHOOK_SECRET);
    let forged = Hooks::new(&proxy, "not the secret Gigs signs with");
    let now = proxy.clock.now().unix_timestamp();
    assert_eq!(right.deliver("evt_1", &porting).await, StatusCode::NO_CONTENT);
    assert_eq!(right.deliver("evt_1", &porting).await, StatusCode::CONFLICT);
    assert_eq!(forged.deliver("evt_2", &porting).await, StatusCode::UNAUTHORIZED);
    assert_eq!(right.post("evt_3", &porting, now - 3600, &right.secret).await, StatusCode::BAD_REQUEST);
    let unsigned = right.client.post(&right.url).body("{}").send().await.unwrap();
    assert_eq!(unsigned.status(), StatusCode::BAD_REQUEST);

    let session = proxy.session("usr_hooks", &[&porting.id]);
    let stream = proxy.get(&format!("/portings/{}/events", porting.id), Some(&session)).send().await.unwrap();
    assert_eq!(stream.status(), 200);
    let text = scrape(&proxy).await;
    let webhooks = |outcome| value(&text, "porting_proxy_webhooks_total", &[("outcome", outcome)]);
    for (outcome, count) in
        [("accepted", 1.0), ("replayed", 1.0), ("bad_signature", 1.0), ("stale", 1.0), ("malformed", 1.0)]
    {
        assert_eq!(webhooks(outcome), count, "{outcome}\n{text}");
    }
    assert_eq!(webhooks("invalid"), 0.0);
    assert_eq!(value(&text, "porting_proxy_streams_open", &[]), 1.0);

    drop(stream);
    let closed = async || value(&scrape(&proxy).await, "porting_proxy_streams_open", &[]) == 0.0;
    wait_until(Duration::from_secs(5), "the closed stream to be noticed at its next heartbeat", closed).await;
}

/// Asks `/readyz` until its status is `expected` (each round of checks stands 100 ms here).
async fn ready_becomes(proxy: &Proxy, expected: u16) -> Value {
    let mut body = Value::Null;
    let answers = async || {
        let response = reqwest::get(format!("{}/readyz", proxy.origin)).await.unwrap();
        let status = response.status().as_u16();
        body = response.json().await.unwrap();
        status == expected
    };
    wait_until(Duration::from_secs(6), &format!("/readyz to answer {expected}"), answers).await;
    body
}

#[tokio::test]
async fn readiness_follows_gigs_going_away_and_coming_back() {
    let clock = manual_clock();
    let gigs = upstream(&clock).await;
    let address = gigs.url.trim_start_matches("http://").to_owned();
    let mut settings = upstream_settings(&clock, &gigs.url, None);
    settings.ready_check_every = Duration::from_millis(100);
    settings.metrics = Metrics::on();
    let proxy = start(settings, clock.clone()).await;
    assert_eq!(
        ready_becomes(&proxy, 200).await,
        json!({ "ready": true, "draining": false, "checks": { "gigs": "ok" } })
    );

    drop(gigs);
    let body = ready_becomes(&proxy, 503).await;
    assert_eq!(body, json!({ "ready": false, "draining": false, "checks": { "gigs": "failing" } }));

    // The same address again, as a restarted Gigs would be.
    let sim =
        simulator::Simulator::new(porting_proxy::SIMULATOR_PROJECT, crate::support::UPSTREAM_API_KEY, clock);
    let listener = tokio::net::TcpListener::bind(&address).await.unwrap();
    let (_back, stop) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server::serve(listener, simulator::router(std::sync::Arc::new(sim)), async {
        let _ = stop.await;
    }));
    ready_becomes(&proxy, 200).await;
    let checks = value(
        &scrape(&proxy).await,
        "porting_proxy_gigs_requests_total",
        &[("operation", "readiness"), ("outcome", "ok")],
    );
    assert!(checks >= 2.0, "each check is a counted Gigs call: {checks}");
}

#[tokio::test]
async fn readiness_follows_redis_going_away_and_coming_back() {
    let mut redis = RedisServer::start().await;
    let clock = manual_clock();
    let mut settings = simulator_settings(&clock);
    settings.redis = Some(redis.client());
    settings.ready_check_every = Duration::from_millis(100);
    let proxy = start(settings, clock).await;
    let both = json!({ "ready": true, "draining": false, "checks": { "gigs": "ok", "redis": "ok" } });
    assert_eq!(ready_becomes(&proxy, 200).await, both);

    redis.stop();
    let body = ready_becomes(&proxy, 503).await;
    assert_eq!(body["checks"], json!({ "gigs": "ok", "redis": "failing" }));

    let _redis = RedisServer::start_on(redis.port).await;
    assert_eq!(ready_becomes(&proxy, 200).await, both);
}

#[tokio::test]
async fn an_unreachable_gigs_is_not_ready_and_probes_share_one_check() {
    let clock = manual_clock();
    let mut settings = upstream_settings(&clock, &closed_port().await, None);
    settings.metrics = Metrics::on();
    let proxy = start(settings, clock).await;
    let probes: Vec<_> = (0..20).map(|_| reqwest::get(format!("{}/readyz", proxy.origin))).collect();
    for probe in futures_util::future::join_all(probes).await {
        assert_eq!(probe.unwrap().status(), 503);
    }
    let text = scrape(&proxy).await;
    let unreachable = [("operation", "readiness"), ("outcome", "unreachable")];
    assert_eq!(
        value(&text, "porting_proxy_gigs_requests_total", &unreachable),
        1.0,
        "one Gigs call for 20 probes"
    );
}

#[tokio::test]
async fn draining_turns_readiness_off_at_once_while_everything_is_still_served() {
    let clock = manual_clock();
    let App { router, readiness, .. } = server::build(simulator_settings(&clock)).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let (signal, signalled) = tokio::sync::oneshot::channel::<()>();
    let shutdown = probes::drain_after(
        async {
            let _ = signalled.await;
        },
        readiness.clone(),
        Duration::from_secs(2),
        std::future::pending(),
    );
    let served = tokio::spawn(server::serve(listener, router, shutdown));
    assert_eq!(reqwest::get(format!("{origin}/readyz")).await.unwrap().status(), 200);

    let signalled_at = std::time::Instant::now();
    signal.send(()).unwrap();
    let mut draining = Value::Null;
    let not_ready = async || {
        let answer = reqwest::get(format!("{origin}/readyz")).await.unwrap();
        let status = answer.status();
        draining = answer.json().await.unwrap();
        status == 503
    };
    wait_until(Duration::from_secs(1), "/readyz to answer 503", not_ready).await;
    assert_eq!(draining, json!({ "ready": false, "draining": true, "checks": {} }));
    assert_eq!(reqwest::get(format!("{origin}/healthz")).await.unwrap().status(), 200, "still alive");
    let api = reqwest::get(format!("{origin}/api/serviceProviders")).await.unwrap();
    assert_eq!(api.status(), 401, "buyers already connected are still answered");
    served.await.unwrap().unwrap();
    assert!(signalled_at.elapsed() >= Duration::from_secs(2), "the listener stayed open for the drain");
    assert!(reqwest::get(format!("{origin}/healthz")).await.is_err(), "then it closed");
}

#[tokio::test]
async fn health_is_never_limited_logged_or_counted() {
    let logs = captured_logs();
    let clock = manual_clock();
    let mut settings = simulator_settings(&clock);
    settings.metrics = Metrics::on();
    settings.limits.ip = Rate { per_minute: 1, burst: 2 };
    let proxy = start(settings, clock).await;
    for _ in 0..10 {
        let health = reqwest::get(format!("{}/healthz", proxy.origin)).await.unwrap();
        assert_eq!(health.status(), 200);
        assert_eq!(health.headers()["cache-control"], "no-store");
        assert_eq!(health.json::<Value>().await.unwrap(), json!({ "status": "ok" }));
        assert_eq!(reqwest::get(format!("{}/readyz", proxy.origin)).await.unwrap().status(), 200);
    }
    // The probes took nothing from the IP's burst of two.
    let session = proxy.session("usr_probe", &[]);
    for _ in 0..2 {
        assert_eq!(proxy.get("/serviceProviders", Some(&session)).send().await.unwrap().status(), 200);
    }
    let text = scrape(&proxy).await;
    assert!(!text.contains("healthz") && !text.contains("readyz"), "{text}");
    assert_eq!(requests(&text, "GET", "/api/serviceProviders", "200"), 2.0);
    let logged = logs.text();
    assert!(logged.contains("route=/api/serviceProviders"), "the API is logged");
    assert!(!logged.contains("healthz") && !logged.contains("readyz"), "{logged}");
}
