//! The proxy's security rules, each tested over real HTTP on loopback.

use std::net::IpAddr;
use std::time::{Duration, Instant};

use crate::support::{
    manual_clock, porting_of, simulated, simulator_settings, start, start_at, upstream, upstream_settings,
    wait_until, Hooks,
};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use porting_model::GigsError;
use porting_proxy::clock::Clock;
use porting_proxy::guard::client_ip::Networks;
use porting_proxy::guard::rate::Rate;
use porting_proxy::guard::session::{Claims, SessionKey};
use porting_proxy::webhook::{Event, ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

async fn error_of(response: reqwest::Response) -> GigsError {
    response.json().await.expect("a Gigs-shaped error")
}

#[tokio::test]
async fn session_a_cannot_read_or_stream_session_bs_porting() {
    let (proxy, sim) = simulated().await;
    let (a, b) = (porting_of(&sim, "usr_a"), porting_of(&sim, "usr_b"));
    let session_a = proxy.session("usr_a", &[&a.id]);
    // Listing B's porting in A's (validly signed) session does not help either: it is not A's.
    let greedy_a = proxy.session("usr_a", &[&a.id, &b.id]);
    for session in [&session_a, &greedy_a] {
        for path in [format!("/portings/{}", b.id), format!("/portings/{}/events", b.id)] {
            let response = proxy.get(&path, Some(session)).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
            assert_eq!(error_of(response).await.code.as_deref(), Some("portingNotFound"));
        }
    }
    let own = proxy.get(&format!("/portings/{}", a.id), Some(&session_a)).send().await.unwrap();
    assert_eq!(own.status(), StatusCode::OK);
}

#[tokio::test]
async fn tampered_expired_alg_none_and_wrong_key_sessions_are_401() {
    let (proxy, sim) = simulated().await;
    let porting = porting_of(&sim, "usr_a");
    let good = proxy.session("usr_a", &[&porting.id]);
    let parts: Vec<&str> = good.split('.').collect();

    let mut widened: Claims = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    widened.sub = "usr_b".into();
    let widened = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&widened).unwrap());
    let tampered = format!("{}.{widened}.{}", parts[0], parts[2]);
    let alg_none = format!("{}.{}.", URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#), parts[1]);
    let wrong_key = SessionKey::random()
        .mint(&serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap());
    let path = format!("/portings/{}", porting.id);
    for (name, token) in [("tampered", tampered), ("alg none", alg_none), ("wrong key", wrong_key)] {
        for route in [path.clone(), format!("{path}/events")] {
            let response = proxy.get(&route, Some(&token)).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{name} on {route}");
            assert_eq!(error_of(response).await.kind, "authenticationError");
        }
    }
    proxy.clock.advance(Duration::from_secs(2 * 3600));
    let expired = proxy.get(&path, Some(&good)).send().await.unwrap();
    assert_eq!(expired.status(), StatusCode::UNAUTHORIZED);
    assert!(error_of(expired).await.message.contains("expired"));
}

#[tokio::test]
async fn a_session_expiring_beyond_the_maximum_lifetime_is_401_without_a_panic() {
    let (proxy, sim) = simulated().await;
    let porting = porting_of(&sim, "usr_a");
    let now = proxy.clock.now().unix_timestamp();
    let longest = porting_proxy::guard::session::MAX_SESSION_LIFETIME_SECS
        + porting_proxy::guard::session::MAX_CLOCK_SKEW_SECS;
    let path = format!("/portings/{}", porting.id);
    for exp in [i64::MAX, now + longest + 1] {
        let token = proxy.sessions.mint(&Claims {
            sub: "usr_a".into(),
            portings: vec![porting.id.clone()],
            provider: "p9".into(),
            exp,
            iat: Some(now),
            nbf: None,
            aud: None,
            iss: None,
        });
        for route in [path.clone(), format!("{path}/events")] {
            let response = proxy.get(&route, Some(&token)).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "exp {exp} on {route}");
            assert!(error_of(response).await.message.contains("too far in the future"));
        }
    }
    // The proxy is still up.
    let good = proxy.session("usr_a", &[&porting.id]);
    assert_eq!(proxy.get(&path, Some(&good)).send().await.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn an_oversize_body_is_413_in_the_gigs_shape() {
    let clock = manual_clock();
    // Upstream mode; Gigs itself is never called.
    let proxy =
        start(upstream_settings(&clock, "http://127.0.0.1:9", Some("a webhook secret long enough")), clock)
            .await;
    let client = reqwest::Client::new();
    let session = proxy.session("usr_a", &["prt_x"]);
    // Announced (refused before reading), and streamed (refused when the bound is crossed).
    let announced = client
        .post(format!("{}/portings/prt_x", proxy.base))
        .body(vec![b' '; 17 * 1024])
        .send()
        .await
        .unwrap();
    let huge = vec![b' '; 300 * 1024];
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = huge.chunks(4096).map(|c| Ok(c.to_vec())).collect();
    let streamed = client
        .patch(format!("{}/portings/prt_x", proxy.base))
        .bearer_auth(&session)
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(chunks)))
        .send()
        .await
        .unwrap();
    for response in [announced, streamed] {
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
        let error = error_of(response).await;
        assert_eq!(
            (error.kind.as_str(), error.code.as_deref()),
            ("invalidRequestError", Some("bodyTooLarge"))
        );
    }
}

#[tokio::test]
async fn a_burst_of_1000_gets_429_with_retry_after_then_recovers() {
    let (proxy, sim) = simulated().await;
    let porting = porting_of(&sim, "usr_a");
    let session = proxy.session("usr_a", &[&porting.id]);
    let path = format!("/portings/{}", porting.id);
    let client = reqwest::Client::new();
    let (mut ok, mut limited, mut retry_after) = (0, 0, 0u64);
    for _ in 0..1000 {
        let response =
            client.get(format!("{}{path}", proxy.base)).bearer_auth(&session).send().await.unwrap();
        match response.status() {
            StatusCode::OK => ok += 1,
            StatusCode::TOO_MANY_REQUESTS => {
                limited += 1;
                retry_after = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
                assert_eq!(error_of(response).await.code.as_deref(), Some("rateLimited"));
            }
            other => panic!("unexpected {other}"),
        }
    }
    // The clock stands still, so exactly the session's burst gets through.
    let burst = porting_proxy::guard::limits::DEFAULT_SESSION_RATE.burst;
    assert_eq!((ok, limited), (burst, 1000 - burst));
    assert!(retry_after >= 1);
    proxy.clock.advance(Duration::from_secs(retry_after));
    let recovered = client.get(format!("{}{path}", proxy.base)).bearer_auth(&session).send().await.unwrap();
    assert_eq!(recovered.status(), StatusCode::OK);

    // Requests without a session are held by the per-IP limit.
    let mut anonymous_limited = 0;
    for _ in 0..300 {
        let response = client.get(format!("{}{path}", proxy.base)).send().await.unwrap();
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(response.headers().contains_key("retry-after"));
            anonymous_limited += 1;
        }
    }
    assert!(anonymous_limited >= 280, "{anonymous_limited} of 300 limited");
}

/// How many of `count` anonymous requests from `forwarded_for` the per-IP limit lets through.
async fn admitted(proxy: &crate::support::Proxy, forwarded_for: &str, count: u32) -> u32 {
    let mut admitted = 0;
    for _ in 0..count {
        let response =
            proxy.get("/portings/prt_1", None).header("x-forwarded-for", forwarded_for).send().await.unwrap();
        admitted += u32::from(response.status() != StatusCode::TOO_MANY_REQUESTS);
    }
    admitted
}

#[tokio::test]
async fn behind_a_trusted_balancer_each_forwarded_client_has_its_own_ip_limit() {
    let burst = porting_proxy::guard::limits::DEFAULT_IP_RATE.burst;
    // The tests' client connects from loopback: here loopback is the balancer.
    let clock = manual_clock();
    let mut settings = simulator_settings(&clock);
    settings.limits.trusted_proxies = Networks::new(vec!["127.0.0.0/8".parse().unwrap()]);
    let proxy = start(settings, clock).await;
    assert_eq!(admitted(&proxy, "198.51.100.1", burst + 20).await, burst);
    assert_eq!(admitted(&proxy, "198.51.100.2", burst).await, burst, "another client is not held");
    // A client cannot escape its limit by writing another address in front of the balancer's.
    assert_eq!(admitted(&proxy, "203.0.113.9, 198.51.100.1", 5).await, 0);

    // Without trusted proxies the header is the client's word, and ignored: one limit for all.
    let (proxy, _) = simulated().await;
    assert_eq!(admitted(&proxy, "198.51.100.1", burst).await, burst);
    assert_eq!(admitted(&proxy, "198.51.100.2", 5).await, 0);
}

/// A client bound to `local`, a loopback address of its own.
fn client_from(local: [u8; 4]) -> reqwest::Client {
    reqwest::Client::builder().local_address(IpAddr::from(local)).build().unwrap()
}

/// The statuses of `count` anonymous requests to `proxy` from a client bound to `local`.
async fn statuses_from(local: [u8; 4], proxy: &crate::support::Proxy, count: usize) -> Vec<u16> {
    let client = client_from(local);
    let mut statuses = Vec::new();
    for _ in 0..count {
        let response = client.get(format!("{}/portings/prt_1", proxy.base)).send().await.unwrap();
        statuses.push(response.status().as_u16());
    }
    statuses
}

#[tokio::test]
async fn on_a_dual_stack_listener_each_ipv4_client_has_its_own_bucket() {
    let clock = manual_clock();
    let mut settings = simulator_settings(&clock);
    settings.limits.ip = Rate { per_minute: 60, burst: 3 };
    // IPv4 clients arrive on `[::]` as ::ffff:a.b.c.d, which is no IPv6 /64.
    let proxy = start_at("[::]:0", settings, clock).await;
    assert_eq!(statuses_from([127, 0, 0, 1], &proxy, 5).await, [401, 401, 401, 429, 429]);
    assert_eq!(statuses_from([127, 0, 0, 2], &proxy, 1).await, [401], "another client is not held");
}

#[tokio::test]
async fn on_a_dual_stack_listener_an_ipv4_trusted_proxy_is_trusted() {
    let burst = 3;
    let clock = manual_clock();
    let mut settings = simulator_settings(&clock);
    settings.limits.ip = Rate { per_minute: 60, burst };
    settings.limits.trusted_proxies = Networks::new(vec![Networks::parse_one("127.0.0.1").unwrap()]);
    let proxy = start_at("[::]:0", settings, clock).await;
    assert_eq!(admitted(&proxy, "198.51.100.1", burst + 2).await, burst);
    assert_eq!(admitted(&proxy, "198.51.100.2", burst).await, burst, "another forwarded client is not held");
    assert_eq!(admitted(&proxy, "::ffff:198.51.100.1", 1).await, 0, "a mapped hop is its IPv4 client");
}

#[tokio::test]
async fn cors_answers_only_configured_origins_and_exposes_the_session_header() {
    let clock = manual_clock();
    let mut settings = simulator_settings(&clock);
    settings.allowed_origins = vec!["https://shop.example".parse().unwrap()];
    let proxy = start(settings, clock.clone()).await;
    let preflight = |origin: &str| {
        reqwest::Client::new()
            .request(reqwest::Method::OPTIONS, format!("{}/portings/prt_1", proxy.base))
            .header("origin", origin)
            .header("access-control-request-method", "PATCH")
            .header("access-control-request-headers", "authorization,content-type")
            .send()
    };
    let allowed = preflight("https://shop.example").await.unwrap();
    let headers = allowed.headers();
    assert_eq!(headers["access-control-allow-origin"], "https://shop.example");
    let allow_headers = headers["access-control-allow-headers"].to_str().unwrap();
    assert!(allow_headers.contains("authorization") && allow_headers.contains("content-type"));
    let refused = preflight("https://evil.example").await.unwrap();
    assert!(!refused.headers().contains_key("access-control-allow-origin"));
    let get =
        proxy.get("/portings/prt_1", None).header("origin", "https://shop.example").send().await.unwrap();
    let exposed = get.headers()["access-control-expose-headers"].to_str().unwrap();
    assert!(exposed.contains("porting-session"), "{exposed}");

    // Without configured origins there are no CORS headers at all.
    let same_origin_only = start(simulator_settings(&clock), clock).await;
    let get =
        same_origin_only.get("/portings/prt_1", None).header("origin", "https://shop.example").send().await;
    assert!(!get.unwrap().headers().contains_key("access-control-allow-origin"));
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let clock = manual_clock();
    let site = std::env::temp_dir().join(format!("porting-proxy-site-{}", std::process::id()));
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("index.html"), "<body><script type=\"module\">start()</script></body>").unwrap();
    let mut settings = simulator_settings(&clock);
    settings.static_dir = Some(site.clone());
    settings.frame_ancestors = vec!["https://shop.example".into()];
    let proxy = start(settings, clock).await;

    let api = proxy.get("/portings/prt_1", None).send().await.unwrap();
    let page = reqwest::get(format!("{}/", proxy.origin)).await.unwrap();
    for response in [&api, &page] {
        assert_eq!(response.headers()["x-content-type-options"], "nosniff");
        assert_eq!(response.headers()["referrer-policy"], "no-referrer");
        assert!(response.headers()["x-request-id"].to_str().unwrap().starts_with("req_"));
    }
    assert_eq!(api.headers()["cache-control"], "no-store");
    assert_eq!(api.headers()["content-security-policy"], "default-src 'none'; frame-ancestors 'none'");
    assert_eq!(page.headers()["access-control-allow-origin"], "*", "the widget's files load on any page");
    assert!(
        !api.headers().contains_key("access-control-allow-origin"),
        "the API answers only listed origins"
    );
    let csp = page.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "{csp}");
    assert!(
        csp.contains("default-src 'none'") && csp.ends_with("frame-ancestors https://shop.example"),
        "{csp}"
    );
    assert!(
        !page.headers().contains_key("x-frame-options"),
        "a list of ancestors has no X-Frame-Options form"
    );
    std::fs::remove_dir_all(site).unwrap();
}

/// A `method` to `url` announcing a 100-byte body of which it sends one byte: the open connection.
async fn trickle(method: &str, url: &str, session: Option<&str>) -> TcpStream {
    trickle_from(LOOPBACK, method, url, session).await
}

const LOOPBACK: [u8; 4] = [127, 0, 0, 1];

/// [`trickle`] from a client bound to `local`, a loopback address of its own.
async fn trickle_from(local: [u8; 4], method: &str, url: &str, session: Option<&str>) -> TcpStream {
    let url = reqwest::Url::parse(url).unwrap();
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind((IpAddr::from(local), 0).into()).unwrap();
    let proxy = format!("{}:{}", url.host_str().unwrap(), url.port().unwrap()).parse().unwrap();
    let mut stream = socket.connect(proxy).await.unwrap();
    let authorization = session.map(|s| format!("authorization: Bearer {s}\r\n")).unwrap_or_default();
    let head = format!(
        "{method} {} HTTP/1.1\r\nhost: proxy\r\n{authorization}content-type: application/json\r\ncontent-length: 100\r\n\r\n{{",
        url.path()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream
}

/// The status line and body of the answer on `stream`, read as it comes.
async fn answer_on(stream: &mut TcpStream) -> (String, String) {
    let mut text = String::new();
    let mut buffer = [0u8; 4096];
    while !text.ends_with('}') {
        let read = tokio::time::timeout(Duration::from_secs(20), stream.read(&mut buffer)).await;
        let read = read.expect("an answer").unwrap();
        assert!(read > 0, "closed without an answer: {text}");
        text.push_str(std::str::from_utf8(&buffer[..read]).unwrap());
    }
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    (head.lines().next().unwrap().to_owned(), body.to_owned())
}

#[tokio::test]
async fn trickled_bodies_are_408_at_the_body_deadline_and_webhooks_have_a_pool_as_large_as_the_apis() {
    let clock = manual_clock();
    let gigs = upstream(&clock).await;
    let porting = porting_of(&gigs.sim, "usr_a");
    let mut settings = upstream_settings(&clock, &gigs.url, Some("a webhook secret long enough"));
    settings.limits.max_in_flight = 2;
    settings.limits.body_timeout = Duration::from_secs(1);
    let proxy = start(settings, clock).await;
    let session = proxy.session("usr_a", &[&porting.id]);
    let path = format!("/portings/{}", porting.id);
    let started = Instant::now();
    // As many trickling deliveries as the API has places (one per address, each address's
    // share), and one trickling API body.
    let webhook = format!("{}/webhooks/gigs", proxy.origin);
    let mut slow = Vec::new();
    for local in [[127, 0, 0, 1], [127, 0, 0, 2]] {
        slow.push(trickle_from(local, "POST", &webhook, None).await);
    }
    slow.push(trickle("PATCH", &format!("{}{path}", proxy.base), Some(&session)).await);
    // Answered after the trickles' connections were accepted, and without a delivery's place.
    let read = proxy.get(&path, Some(&session)).send().await.unwrap();
    assert_eq!(read.status(), StatusCode::OK, "the API still has a place");
    let client = client_from([127, 0, 0, 3]);
    let deliver = async || client.post(&webhook).body("{}").send().await.unwrap().status();
    let full = async || deliver().await == StatusCode::SERVICE_UNAVAILABLE;
    wait_until(Duration::from_secs(2), "the trickled deliveries to fill their pool", full).await;
    assert_eq!(deliver().await, StatusCode::SERVICE_UNAVAILABLE, "the deliveries' pool is full");
    for stream in &mut slow {
        let (status, body) = answer_on(stream).await;
        assert!(status.starts_with("HTTP/1.1 408"), "{status}");
        let error: GigsError = serde_json::from_str(&body).expect("a Gigs-shaped error");
        assert_eq!(error.code.as_deref(), Some("requestTimeout"));
    }
    // The body deadline, not the request timeout (15 s), ended them.
    assert!(started.elapsed() < Duration::from_secs(4), "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_trickled_body_without_a_session_is_401_at_once_and_holds_no_place() {
    let clock = manual_clock();
    let gigs = upstream(&clock).await;
    let porting = porting_of(&gigs.sim, "usr_a");
    let mut settings = upstream_settings(&clock, &gigs.url, None);
    settings.limits.max_in_flight = 1;
    let deadline = settings.limits.body_timeout;
    let proxy = start(settings, clock).await;
    let session = proxy.session("usr_a", &[&porting.id]);
    let path = format!("/portings/{}", porting.id);
    for (method, trickled) in [("POST", "/portings".to_owned()), ("GET", format!("{path}/events"))] {
        let started = Instant::now();
        let mut stream = trickle(method, &format!("{}{trickled}", proxy.base), None).await;
        // Answered while its body is still on the way, so it never waited for it with a place.
        let (status, body) = answer_on(&mut stream).await;
        assert!(status.starts_with("HTTP/1.1 401"), "{method} {trickled}: {status}");
        let error: GigsError = serde_json::from_str(&body).expect("a Gigs-shaped error");
        assert_eq!(error.code.as_deref(), Some("unauthorized"), "{body}");
        assert!(started.elapsed() < deadline / 2, "{method} {trickled}: {:?}", started.elapsed());
        let read = proxy.get(&path, Some(&session)).send().await.unwrap();
        assert_eq!(read.status(), StatusCode::OK, "{method} {trickled} holds no place");
    }
}

const WEBHOOK_SECRET: &str = "a webhook secret long enough";

#[tokio::test]
async fn one_address_holding_slow_deliveries_cannot_keep_gigs_out() {
    let clock = manual_clock();
    let gigs = upstream(&clock).await;
    let porting = porting_of(&gigs.sim, "usr_a");
    let mut settings = upstream_settings(&clock, &gigs.url, Some(WEBHOOK_SECRET));
    settings.limits.max_in_flight = 8;
    let proxy = start(settings, clock).await;
    let webhook = format!("{}/webhooks/gigs", proxy.origin);
    let mut slow = Vec::new();
    for _ in 0..8 {
        slow.push(trickle_from([127, 0, 0, 2], "POST", &webhook, None).await);
    }
    let attacker = client_from([127, 0, 0, 2]);
    let held = async || {
        let status = attacker.post(&webhook).body("{}").send().await.unwrap().status();
        [StatusCode::TOO_MANY_REQUESTS, StatusCode::SERVICE_UNAVAILABLE].contains(&status)
    };
    wait_until(Duration::from_secs(2), "the slow deliveries to hold their places", held).await;
    let gigs_delivery = Hooks::new(&proxy, WEBHOOK_SECRET).deliver("evt_1", &porting).await;
    assert_eq!(gigs_delivery, StatusCode::NO_CONTENT, "Gigs, from another address, is taken");
    let mut statuses = Vec::new();
    for stream in &mut slow {
        statuses.push(answer_on(stream).await.0);
    }
    statuses.sort();
    assert_eq!(statuses[0], "HTTP/1.1 408 Request Timeout", "one address holds one place of eight");
    assert!(statuses[1..].iter().all(|status| status == "HTTP/1.1 429 Too Many Requests"), "{statuses:?}");
}

#[tokio::test]
async fn a_delivery_without_a_length_or_slower_than_a_second_is_dropped_early() {
    let clock = manual_clock();
    let gigs = upstream(&clock).await;
    let porting = porting_of(&gigs.sim, "usr_a");
    let proxy = start(upstream_settings(&clock, &gigs.url, Some(WEBHOOK_SECRET)), clock.clone()).await;
    let hooks = Hooks::new(&proxy, WEBHOOK_SECRET);
    // Correctly signed, but of a length not known ahead: it could trickle on.
    let event = Event::porting_updated("evt_1".into(), "2026-01-01T00:00:00Z".into(), porting);
    let body = serde_json::to_vec(&event).unwrap();
    let now = clock.now().unix_timestamp();
    let chunked = hooks
        .client
        .post(&hooks.url)
        .header(ID_HEADER, "evt_1")
        .header(TIMESTAMP_HEADER, now.to_string())
        .header(SIGNATURE_HEADER, hooks.secret.sign("evt_1", now, &body))
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter([Ok::<_, std::io::Error>(body)])))
        .send()
        .await
        .unwrap();
    assert_eq!(chunked.status(), StatusCode::LENGTH_REQUIRED);
    assert_eq!(error_of(chunked).await.code.as_deref(), Some("lengthRequired"));
    let started = Instant::now();
    let mut slow = trickle("POST", &format!("{}/webhooks/gigs", proxy.origin), None).await;
    assert!(answer_on(&mut slow).await.0.starts_with("HTTP/1.1 408"));
    let deadline = porting_proxy::guard::limits::DEFAULT_BODY_TIMEOUT;
    assert!(
        started.elapsed() < deadline / 2,
        "a second, not the API's {deadline:?}: {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn with_webhook_sources_only_their_deliveries_are_read() {
    let clock = manual_clock();
    let gigs = upstream(&clock).await;
    let porting = porting_of(&gigs.sim, "usr_a");
    for (source, expected) in [("10.0.0.0/8", StatusCode::FORBIDDEN), ("127.0.0.0/8", StatusCode::NO_CONTENT)]
    {
        let mut settings = upstream_settings(&clock, &gigs.url, Some(WEBHOOK_SECRET));
        settings.webhook_sources = Networks::new(vec![source.parse().unwrap()]);
        let proxy = start(settings, clock.clone()).await;
        let delivered = Hooks::new(&proxy, WEBHOOK_SECRET).deliver("evt_1", &porting).await;
        assert_eq!(delivered, expected, "from 127.0.0.1 with --webhook-source {source}");
    }
}
