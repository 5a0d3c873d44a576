//! An upstream Gigs that is down, slow or answers garbage: the widget gets a Gigs-shaped 502 or
//! 504 within the upstream timeout, never a hang.

use std::time::{Duration, Instant};

use crate::support::{
    answer, answer_with, closed_port, fake_upstream, manual_clock, porting_of, start, upstream_settings,
    Misbehaviour, UPSTREAM_API_KEY,
};
use porting_model::GigsError;
use porting_proxy::simulator::Simulator;
use reqwest::Method;
use serde_json::json;

const UPSTREAM_TIMEOUT: Duration = Duration::from_millis(400);

/// GET porting through a proxy in front of `upstream_url`: status, error, and how long it took.
async fn get_through(upstream_url: &str) -> (u16, GigsError, Duration) {
    let clock = manual_clock();
    let mut settings = upstream_settings(&clock, upstream_url, None);
    settings.upstream_timeout = UPSTREAM_TIMEOUT;
    settings.upstream_connect_timeout = UPSTREAM_TIMEOUT;
    let proxy = start(settings, clock).await;
    let session = proxy.session("usr_a", &["prt_1"]);
    let started = Instant::now();
    let response = proxy.get("/portings/prt_1", Some(&session)).send().await.unwrap();
    let status = response.status().as_u16();
    let error = response.json().await.expect("a Gigs-shaped error");
    (status, error, started.elapsed())
}

/// Well inside the test's patience, and so not a hang.
const PROMPTLY: Duration = Duration::from_secs(3);

#[tokio::test]
async fn upstream_down_is_502() {
    let (status, error, took) = get_through(&closed_port().await).await;
    assert_eq!((status, error.code.as_deref()), (502, Some("upstreamInvalid")));
    assert!(took < PROMPTLY, "{took:?}");
}

#[tokio::test]
async fn upstream_slower_than_the_timeout_is_504_at_the_timeout() {
    let (status, error, took) = get_through(&fake_upstream(Misbehaviour::Silent).await).await;
    assert_eq!((status, error.code.as_deref()), (504, Some("upstreamTimeout")));
    assert!(took >= UPSTREAM_TIMEOUT && took < UPSTREAM_TIMEOUT + Duration::from_secs(1), "{took:?}");
}

#[tokio::test]
async fn gigs_calls_that_add_up_past_the_timeout_are_504_at_the_timeout_not_408() {
    // Each of an update's two calls (read, then update) is in time; together they are not.
    let clock = manual_clock();
    let gigs = Simulator::new(porting_proxy::SIMULATOR_PROJECT, UPSTREAM_API_KEY, clock.clone());
    let porting = porting_of(&gigs, "usr_a");
    let owned = answer("200 OK", &serde_json::to_string(&porting).unwrap());
    let late = UPSTREAM_TIMEOUT * 3 / 4;
    let mut settings =
        upstream_settings(&clock, &fake_upstream(Misbehaviour::SaysLate(late, owned)).await, None);
    settings.upstream_timeout = UPSTREAM_TIMEOUT;
    settings.limits.request_timeout = UPSTREAM_TIMEOUT + late / 2;
    let proxy = start(settings, clock).await;
    let session = proxy.session("usr_a", &[&porting.id]);
    let started = Instant::now();
    let body = json!({"firstName": "Ada"});
    let (status, _, error) =
        proxy.call(Method::PATCH, &format!("/portings/{}", porting.id), &session, Some(body)).await;
    let took = started.elapsed();
    assert_eq!((status, error["code"].as_str()), (504, Some("upstreamTimeout")), "{error}");
    assert!(took >= UPSTREAM_TIMEOUT && took < UPSTREAM_TIMEOUT + late / 2, "{took:?}");
}

#[tokio::test]
async fn upstream_garbage_is_502() {
    let huge = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 50000000\r\n\r\n[[[";
    let cases = [
        ("not JSON", answer("200 OK", "<html>hello</html>")),
        ("the wrong shape", answer("200 OK", r#"{"object":"porting","id":7}"#)),
        ("a server error page", answer("500 Internal Server Error", "<h1>oops</h1>")),
        (
            "its own key refused",
            answer("401 Unauthorized", r#"{"object":"error","type":"authenticationError","message":"no"}"#),
        ),
        ("a redirect", "HTTP/1.1 302 Found\r\nlocation: http://127.0.0.1:1/\r\ncontent-length: 0\r\n\r\n"),
        ("a huge announced body", huge),
        ("not HTTP", "SSH-2.0-OpenSSH_9.6\r\n"),
    ];
    for (what, says) in cases {
        let (status, error, took) = get_through(&fake_upstream(Misbehaviour::Says(says)).await).await;
        assert_eq!(status, 502, "{what}: {error:?}");
        assert_eq!(error.object, "error", "{what}");
        assert!(took < PROMPTLY, "{what}: {took:?}");
    }
}

#[tokio::test]
async fn an_endless_upstream_body_is_cut_off() {
    let (status, error, took) = get_through(&fake_upstream(Misbehaviour::Endless).await).await;
    // The body bound (1 MiB) or the timeout, whichever comes first: never a hang.
    assert!(status == 502 || status == 504, "{status}: {error:?}");
    assert!(took < UPSTREAM_TIMEOUT + Duration::from_secs(1), "{took:?}");
}

#[tokio::test]
async fn upstream_client_errors_pass_through_in_the_gigs_shape() {
    let not_found = answer(
        "404 Not Found",
        r#"{"object":"error","type":"notFoundError","code":"portingNotFound","message":"The porting was not found."}"#,
    );
    let (status, error, _) = get_through(&fake_upstream(Misbehaviour::Says(not_found)).await).await;
    assert_eq!((status, error.code.as_deref()), (404, Some("portingNotFound")));
}

#[tokio::test]
async fn gigs_own_429_passes_through_with_its_retry_after_or_a_default_one() {
    let limited = r#"{"object":"error","type":"rateLimitError","code":"rateLimited","message":"Slow down."}"#;
    let with_header = answer_with("429 Too Many Requests", "retry-after: 7\r\n", limited);
    let default = porting_proxy::gigs::client::DEFAULT_UPSTREAM_RETRY_AFTER.as_secs().to_string();
    let cases = [
        ("Gigs' Retry-After", with_header, "7", Some("rateLimited")),
        ("none from Gigs", answer("429 Too Many Requests", limited), default.as_str(), Some("rateLimited")),
        (
            "not Gigs-shaped",
            answer("429 Too Many Requests", "<h1>slow</h1>"),
            default.as_str(),
            Some("rateLimited"),
        ),
    ];
    for (what, says, retry_after, code) in cases {
        let clock = manual_clock();
        let proxy =
            start(upstream_settings(&clock, &fake_upstream(Misbehaviour::Says(says)).await, None), clock)
                .await;
        let session = proxy.session("usr_a", &["prt_1"]);
        let response = proxy.get("/portings/prt_1", Some(&session)).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 429, "{what}");
        assert_eq!(response.headers()["retry-after"], retry_after, "{what}");
        let error: GigsError = response.json().await.expect("a Gigs-shaped error");
        assert_eq!(error.code.as_deref(), code, "{what}");
    }
}

/// Two creates through a proxy in front of `upstream_url`, by a buyer one porting short of the
/// cap, with `request_timeout`: both statuses.
async fn create_twice_through(upstream_url: &str, request_timeout: Duration) -> (u16, u16) {
    let clock = manual_clock();
    let mut settings = upstream_settings(&clock, upstream_url, None);
    settings.upstream_timeout = UPSTREAM_TIMEOUT;
    settings.limits.request_timeout = request_timeout;
    let proxy = start(settings, clock).await;
    let cap = porting_proxy::routes::state::MAX_SESSION_PORTINGS;
    let ids: Vec<String> = (1..cap).map(|n| format!("prt_{n}")).collect();
    let session = proxy.session("usr_a", &ids.iter().map(String::as_str).collect::<Vec<_>>());
    let body = json!({"phoneNumber": "+12025550150"});
    let (first, _, _) = proxy.call(Method::POST, "/portings", &session, Some(body.clone())).await;
    let (second, _, error) = proxy.call(Method::POST, "/portings", &session, Some(body)).await;
    if second == 409 {
        assert_eq!(error["code"].as_str(), Some("sessionPortingLimit"), "{error}");
    }
    (first, second)
}

#[tokio::test]
async fn a_create_gigs_may_have_made_counts_toward_the_cap_and_one_it_refused_does_not() {
    let roomy = Duration::from_secs(5);
    let refused =
        r#"{"object":"error","type":"invalidRequestError","code":"invalidPhoneNumber","message":"No."}"#;
    let cases = [
        ("Gigs timed out", fake_upstream(Misbehaviour::Silent).await, roomy, (504, 409)),
        (
            "the request was cut off",
            fake_upstream(Misbehaviour::Silent).await,
            UPSTREAM_TIMEOUT / 2,
            (408, 409),
        ),
        (
            "a server error",
            fake_upstream(Misbehaviour::Says(answer("500 Internal Server Error", "{}"))).await,
            roomy,
            (502, 409),
        ),
        (
            "an unreadable answer",
            fake_upstream(Misbehaviour::Says(answer("201 Created", "[["))).await,
            roomy,
            (502, 409),
        ),
        (
            "Gigs refused",
            fake_upstream(Misbehaviour::Says(answer("422 Unprocessable Entity", refused))).await,
            roomy,
            (422, 422),
        ),
    ];
    for (what, upstream_url, request_timeout, expected) in cases {
        assert_eq!(create_twice_through(&upstream_url, request_timeout).await, expected, "{what}");
    }
}
