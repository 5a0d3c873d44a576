//! Secrets never leave the proxy: not in an answer, an event, Redis or a log line at any level
//! (read from the process-wide subscriber, [`captured_logs`]).

use std::time::Duration;

use futures_util::StreamExt;

use crate::support::{
    answer, captured_logs, draft_of, fake_upstream, manual_clock, porting_of, simulated, start, upstream,
    upstream_settings, Events, Misbehaviour, RedisServer, UPSTREAM_API_KEY,
};
use porting_proxy::clock::Clock;
use porting_proxy::webhook::{Event, WebhookSecret, ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER};

/// What the test sends Redis last, so everything before it has been seen.
const REDIS_SENTINEL: &str = "redaction-test-done";

/// Upstream mode end to end, on Redis, while every log line at every level and every command
/// Redis receives are captured: both PINs in a body (and echoed back in a webhook's porting), the
/// session on every request, the API key on every upstream call, webhooks with their secret.
/// None of them may show up in an answer, an event, Redis or a log line.
#[tokio::test]
async fn the_api_key_session_and_pins_never_appear_in_responses_events_redis_or_logs() {
    const PIN: &str = "948372615";
    const BILLING_PIN: &str = "615948372";
    const WEBHOOK_SECRET: &str = "webhook secret never shown anywhere";
    let logs = captured_logs();

    let clock = manual_clock();
    let gigs = upstream(&clock).await;
    let redis = RedisServer::start().await;
    let redis_client = redis::Client::open(redis.url()).unwrap();
    let mut redis_commands = redis_client.get_async_monitor().await.unwrap().into_on_message::<String>();
    let mut settings = upstream_settings(&clock, &gigs.url, Some(WEBHOOK_SECRET));
    settings.redis = Some(redis.client());
    let proxy = start(settings, clock.clone()).await;
    let porting = porting_of(&gigs.sim, "usr_a");
    let session = proxy.session("usr_a", &[&porting.id]);
    let client = reqwest::Client::new();

    let mut answers = Vec::new();
    let record = |response: reqwest::Response| {
        let head = format!("{:?}", response.headers());
        async move { format!("{head}{}", response.text().await.unwrap()) }
    };
    let path = format!("{}/portings/{}", proxy.base, porting.id);
    answers.push(record(client.get(&path).bearer_auth(&session).send().await.unwrap()).await);
    let pin_body = format!(r#"{{"accountPin":"{PIN}","billingPin":"{BILLING_PIN}","firstName":"Ada"}}"#);
    let mut statuses = Vec::new();
    for request in [client.patch(&path), client.post(format!("{}/portings", proxy.base)), client.post(&path)]
    {
        let response = request.bearer_auth(&session).body(pin_body.clone()).send().await.unwrap();
        statuses.push(response.status().as_u16());
        answers.push(record(response).await);
    }
    // Every path that might log the PIN: to Gigs (200), refused by validation (422) and by method (405).
    assert_eq!(statuses, [200, 422, 405]);
    // A bad session and a PIN in a body that is too large and not JSON.
    let oversize = format!("{PIN}{}", " ".repeat(20_000));
    let response =
        client.patch(&path).bearer_auth(format!("{session}x")).body(oversize).send().await.unwrap();
    answers.push(record(response).await);

    let mut stream =
        Events::new(client.get(format!("{path}/events")).bearer_auth(&session).send().await.unwrap());
    let first = stream.next_block(Duration::from_secs(5)).await.expect("the porting on connect");
    assert!(first.contains("\"billingPinExists\":true"), "the PATCH reached Gigs: {first}");
    answers.push(first);
    // A Gigs that echoed the PINs back in a webhook's porting: they go no further.
    let secret = WebhookSecret::new(WEBHOOK_SECRET).unwrap();
    let current = gigs.sim.get(&porting.id).unwrap();
    let event = Event::porting_updated("evt_1".into(), "2026-01-01T00:00:00Z".into(), current);
    let mut event = serde_json::to_value(&event).unwrap();
    event["data"]["accountPin"] = PIN.into();
    event["data"]["billingPin"] = BILLING_PIN.into();
    event["data"]["lastName"] = "Lovelace".into();
    let body = serde_json::to_vec(&event).unwrap();
    let now = clock.now().unix_timestamp();
    let webhook = client
        .post(format!("{}/webhooks/gigs", proxy.origin))
        .header(ID_HEADER, "evt_1")
        .header(TIMESTAMP_HEADER, now.to_string())
        .header(SIGNATURE_HEADER, secret.sign("evt_1", now, &body))
        .body(body)
        .send()
        .await
        .unwrap();
    answers.push(record(webhook).await);
    answers.push(stream.next_block(Duration::from_secs(5)).await.expect("the webhook's change"));
    drop(stream);
    let in_redis = redis_commands_until_published(&redis_client, &mut redis_commands).await;
    assert!(in_redis.contains("billingPinExists"), "the change was relayed: {in_redis}");

    let logs = logs.text();
    assert!(logs.contains("handled"), "the request lines were captured:\n{logs}");
    assert!(logs.contains("route=/api/portings/{porting}"), "{logs}");
    let signature = session.rsplit('.').next().unwrap();
    for (name, secret) in [
        ("API key", UPSTREAM_API_KEY),
        ("session", session.as_str()),
        ("session signature", signature),
        ("PIN", PIN),
        ("billing PIN", BILLING_PIN),
        ("webhook secret", WEBHOOK_SECRET),
    ] {
        assert!(!logs.contains(secret), "the {name} is in the logs:\n{logs}");
        assert!(!in_redis.contains(secret), "the {name} reached Redis:\n{in_redis}");
        for answer in &answers {
            assert!(!answer.contains(secret), "the {name} is in an answer: {answer}");
        }
    }
}

/// Every command Redis received from the start of `commands` (its MONITOR lines) until the
/// proxy published the webhook's change (the one with `Lovelace`), and a sentinel sent after it.
async fn redis_commands_until_published(
    client: &redis::Client,
    commands: &mut (impl futures_util::Stream<Item = String> + Unpin),
) -> String {
    let mut seen = String::new();
    let read = async {
        while let Some(line) = commands.next().await {
            seen.push_str(&line);
            seen.push('\n');
            if line.contains(REDIS_SENTINEL) {
                return;
            }
            if line.contains("\"PUBLISH\"") && line.contains("Lovelace") {
                let mut connection = client.get_multiplexed_async_connection().await.unwrap();
                let mut echo = redis::cmd("ECHO");
                echo.arg(REDIS_SENTINEL).query_async::<String>(&mut connection).await.unwrap();
            }
        }
    };
    let waited = tokio::time::timeout(Duration::from_secs(10), read).await;
    assert!(waited.is_ok(), "the change was never published to Redis:\n{seen}");
    seen
}

/// A value of the wrong type (a PIN as a number, a name as a list, a body that is no object) is
/// a 422 naming the property and the type it should have, never quoting the value.
#[tokio::test]
async fn a_mistyped_pin_or_name_is_never_quoted_in_the_422_or_the_logs() {
    const PIN: &str = "948372615";
    const NAME: &str = "Ada Secretname";
    let logs = captured_logs();
    let (proxy, sim) = simulated().await;
    let draft = draft_of(&sim, "usr_a");
    let session = proxy.session("usr_a", &[&draft.id]);
    let client = reqwest::Client::new();
    let cases = [
        (
            format!(r#"{{"phoneNumber": "+12015550123", "accountPin": {PIN}}}"#),
            Some("accountPin"),
            "Must be a string.",
        ),
        (
            format!(r#"{{"phoneNumber": "+12015550123", "billingPin": [{PIN}]}}"#),
            Some("billingPin"),
            "Must be a string.",
        ),
        (
            format!(r#"{{"phoneNumber": "+12015550123", "firstName": ["{NAME}"]}}"#),
            Some("firstName"),
            "Must be a string.",
        ),
        (
            format!(r#"{{"phoneNumber": "+12015550123", "address": {{"line1": {PIN}}}}}"#),
            Some("address.line1"),
            "Must be a string.",
        ),
        (PIN.to_owned(), None, "Must be a JSON object."),
        (format!(r#""{NAME}""#), None, "Must be a JSON object."),
    ];
    for (body, property, message) in cases {
        for request in [
            client.patch(format!("{}/portings/{}", proxy.base, draft.id)),
            client.post(format!("{}/portings", proxy.base)),
        ] {
            let response = request.bearer_auth(&session).body(body.clone()).send().await.unwrap();
            assert_eq!(response.status(), 422, "{body}");
            let text = response.text().await.unwrap();
            assert!(!text.contains(PIN) && !text.contains(NAME), "{text}");
            let error: porting_model::GigsError = serde_json::from_str(&text).unwrap();
            assert_eq!(error.details[0].property.as_deref(), property, "{text}");
            assert_eq!(error.details[0].message, message, "{text}");
        }
    }
    let logs = logs.text();
    assert!(logs.contains("/api/portings/{porting}"), "the requests are logged: {logs}");
    assert!(!logs.contains(PIN) && !logs.contains(NAME), "a value is in the logs:\n{logs}");
}

/// An upstream answer of the wrong shape is a 502, logged by where it went wrong, not by value.
#[tokio::test]
async fn an_upstream_answer_of_the_wrong_shape_is_logged_without_its_values() {
    const NAME: &str = "Grace Secretname";
    let logs = captured_logs();
    let wrong =
        answer("200 OK", &format!(r#"{{"object":"porting","id":"prt_1","declinedAttempts":"{NAME}"}}"#));
    let clock = manual_clock();
    let proxy =
        start(upstream_settings(&clock, &fake_upstream(Misbehaviour::Says(wrong)).await, None), clock).await;
    let session = proxy.session("usr_a", &["prt_1"]);
    let response = proxy.get("/portings/prt_1", Some(&session)).send().await.unwrap();
    assert_eq!(response.status(), 502);
    assert!(!response.text().await.unwrap().contains(NAME));
    let logs = logs.text();
    assert!(logs.contains("unparseable success body"), "the failure is logged: {logs}");
    assert!(!logs.contains(NAME), "the value is in the logs:\n{logs}");
}

/// Secret-looking values in the environment, as an operator sets them.
const SECRETS: [(&str, &str); 4] = [
    ("PORTING_REDIS_URL", "redis://:s3cr3t-redis@10.0.0.5:6379/0"),
    ("GIGS_API_KEY", "sk_live_s3cr3t_api_key"),
    ("PORTING_SESSION_KEY", "s3cr3t session key of at least 32 bytes"),
    ("GIGS_WEBHOOK_SECRET", "s3cr3t webhook secret, long enough"),
];

/// The built binary's exit and its stdout and stderr, with `args` and [`SECRETS`] (then
/// `more`) in its environment.
fn run_with_secrets(args: &[&str], more: &[(&str, &str)]) -> (std::process::ExitStatus, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_porting-proxy"))
        .args(args)
        .envs(SECRETS)
        .envs(more.iter().copied())
        .output()
        .unwrap();
    let text =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status, text)
}

#[test]
fn help_and_start_up_errors_never_show_a_secret_from_the_environment() {
    let (status, help) = run_with_secrets(&["--help"], &[]);
    assert!(status.success(), "{help}");
    assert!(help.contains("[env: PORTING_REDIS_URL]"), "the variable is still named: {help}");
    // Refused before serving: the secrets without a base URL, and a Redis URL it cannot use.
    let (status, refused) = run_with_secrets(&["--listen", "127.0.0.1:1"], &[]);
    assert_eq!(status.code(), Some(2), "{refused}");
    let upstream = ["--gigs-base-url", "https://gigs.example", "--gigs-project", "acme"];
    let unusable = [("PORTING_REDIS_URL", "redis://:s3cr3t-redis@10.0.0.5:6379/not-a-database")];
    let (status, bad_url) = run_with_secrets(&upstream, &unusable);
    assert_eq!(status.code(), Some(2), "{bad_url}");
    assert!(bad_url.contains("--redis-url"), "{bad_url}");
    for (name, secret) in SECRETS {
        for shown in [&help, &refused, &bad_url] {
            assert!(!shown.contains(secret) && !shown.contains("s3cr3t"), "{name} is shown:\n{shown}");
        }
    }
}
