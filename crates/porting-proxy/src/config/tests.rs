use super::*;

fn args(extra: &[&str]) -> Args {
    Args::try_parse_from([&["porting-proxy"], extra].concat()).unwrap()
}

fn no_env(_: &str) -> Option<String> {
    None
}

/// Why `extra` with the environment `env` cannot start: clap's message for one flag's value
/// ("invalid value … for '--flag <NAME>': …"), or `resolve`'s for a rule over several.
fn error_with(extra: &[&str], env: impl Fn(&str) -> Option<String>) -> String {
    match Args::try_parse_from([&["porting-proxy"], extra].concat()) {
        Err(error) => error.to_string(),
        Ok(args) => args.resolve(env).err().expect("refused"),
    }
}

fn error_of(extra: &[&str]) -> String {
    error_with(extra, no_env)
}

#[test]
fn defaults_run_the_simulator() {
    let (serving, settings) = args(&[]).resolve(no_env).unwrap();
    assert_eq!(serving.listen.to_string(), "127.0.0.1:8787");
    assert!(matches!(settings.backend, Backend::Simulator));
    assert_eq!((serving.metrics_listen, serving.drain), (None, Duration::from_secs(5)));
    assert!(!settings.metrics.is_on(), "off unless they have an address");
}

#[test]
fn metrics_are_on_with_an_address_of_their_own() {
    let (serving, settings) = args(&["--metrics-listen", "127.0.0.1:9187"]).resolve(no_env).unwrap();
    assert_eq!(serving.metrics_listen.unwrap().to_string(), "127.0.0.1:9187");
    assert!(settings.metrics.is_on());
    let error = error_of(&["--listen", "127.0.0.1:9000", "--metrics-listen", "127.0.0.1:9000"]);
    assert!(error.contains("--metrics-listen must differ from --listen"), "{error}");
    let error = error_of(&["--drain-secs", "301"]);
    assert!(error.contains("'--drain-secs <DRAIN_SECS>': must be between 0 and 300"), "{error}");
    let (serving, _) = args(&["--drain-secs", "0"]).resolve(no_env).unwrap();
    assert_eq!(serving.drain, Duration::ZERO);
}

#[test]
fn an_audience_and_issuer_given_are_required_of_sessions() {
    let (_, settings) =
        args(&["--session-audience", "porting-widget", "--session-issuer", "https://shop.example"])
            .resolve(no_env)
            .unwrap();
    let claims = crate::guard::session::Claims {
        sub: "usr_1".into(),
        portings: vec![],
        provider: "p9".into(),
        exp: 2_000_000_000,
        iat: None,
        nbf: None,
        aud: None,
        iss: None,
    };
    let now = 2_000_000_000 - 60;
    let token = settings.sessions.mint(&claims);
    assert_eq!(settings.sessions.verify(&token, now), Err(crate::guard::session::SessionError::Audience));
    let error = error_of(&["--session-audience", " "]);
    assert!(
        error.contains("'--session-audience <SESSION_AUDIENCE>': must be 1 to 256 characters"),
        "{error}"
    );
}

#[test]
fn upstream_mode_needs_project_api_key_and_a_long_session_key() {
    let upstream = ["--gigs-base-url", "https://api.gigs.com"];
    let error = args(&upstream).resolve(no_env).err().unwrap();
    assert!(error.contains("--gigs-project"), "{error}");
    let with_project = [&upstream[..], &["--gigs-project", "acme"]].concat();
    let error = args(&with_project).resolve(no_env).err().unwrap();
    assert!(error.contains(API_KEY_ENV), "{error}");
    let short_key = |name: &str| Some(if name == API_KEY_ENV { "sk".into() } else { "short".into() });
    let error = args(&with_project).resolve(short_key).err().unwrap();
    assert!(error.contains("at least 32 bytes"), "{error}");
    let good = |name: &str| Some(if name == API_KEY_ENV { "sk".into() } else { "k".repeat(32) });
    assert!(args(&with_project).resolve(good).is_ok());
    let from_gigs = [&with_project[..], &["--webhook-source", "192.0.2.0/24"]].concat();
    let (_, settings) = args(&from_gigs).resolve(good).unwrap();
    assert_eq!(settings.webhook_sources, Networks::new(vec!["192.0.2.0/24".parse().unwrap()]));
    let pasted = |name: &str| Some(if name == API_KEY_ENV { "sk_live\n".into() } else { "k".repeat(32) });
    let error = args(&with_project).resolve(pasted).err().unwrap();
    assert!(error.contains("printable ASCII"), "{error}");
    assert!(!error.contains("sk_live"), "the key is never echoed: {error}");
}

#[test]
fn every_knob_is_checked_with_a_message_naming_it() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--upstream-connect-timeout-ms", "20000"],
            "--upstream-connect-timeout-ms (20000) must be at most --upstream-timeout-ms (10000)",
        ),
        (&["--request-timeout-ms", "5000"], "must exceed --upstream-timeout-ms"),
        (&["--request-timeout-ms", "0"], "'--request-timeout-ms <REQUEST_TIMEOUT_MS>': must be between 1 and 300000"),
        (&["--body-limit-bytes", "10"], "'--body-limit-bytes <BODY_LIMIT_BYTES>': must be between 1024 and 1048576"),
        (
            &["--ip-rate-per-minute", "0"],
            "'--ip-rate-per-minute <IP_RATE_PER_MINUTE>': must be between 1 and 1000000",
        ),
        (&["--ip-burst", "0"], "'--ip-burst <IP_BURST>': must be between 1 and 100000"),
        (
            &["--session-rate-per-minute", "0"],
            "'--session-rate-per-minute <SESSION_RATE_PER_MINUTE>': must be between 1 and 1000000",
        ),
        (&["--session-burst", "1000000"], "'--session-burst <SESSION_BURST>': must be between 1 and 100000"),
        (&["--max-in-flight", "0"], "'--max-in-flight <MAX_IN_FLIGHT>': must be between 1 and 100000"),
        (&["--sse-heartbeat-secs", "0"], "'--sse-heartbeat-secs <SSE_HEARTBEAT_SECS>': must be between 1 and 300"),
        (
            &["--poll-interval-secs", "7200"],
            "'--poll-interval-secs <POLL_INTERVAL_SECS>': must be between 1 and 3600",
        ),
        (
            &["--streams-per-session", "0"],
            "'--streams-per-session <STREAMS_PER_SESSION>': must be between 1 and 100",
        ),
        (&["--max-streams", "0"], "'--max-streams <MAX_STREAMS>': must be between 1 and 100000"),
        (&["--webhook-path", "hooks"], "'--webhook-path <WEBHOOK_PATH>': must start with /"),
        (&["--webhook-path", "/api/hooks"], "must be outside the API prefix"),
        (
            &["--allowed-origin", "https://shop.example/"],
            "'--allowed-origin <ALLOWED_ORIGINS>': must be scheme://host[:port] with no path",
        ),
        (&["--allowed-origin", "*"], "'--allowed-origin <ALLOWED_ORIGINS>': is not an http(s) origin"),
        (
            &["--frame-ancestor", "*.example"],
            "'--frame-ancestor <FRAME_ANCESTORS>': is not an http(s) origin like https://shop.example (or 'self')",
        ),
        (
            &["--trusted-proxy", "10.0.0.0/8,lb.internal"],
            "'--trusted-proxy <TRUSTED_PROXIES>': \"lb.internal\" is not an IP",
        ),
        (&["--gigs-project", "acme"], "--gigs-project (GIGS_PROJECT) given without --gigs-base-url"),
        (&["--webhook-source", "192.0.2.0/24"], "--webhook-source given without --gigs-base-url"),
        (&["--webhook-source", "gigs.example"], "'--webhook-source <WEBHOOK_SOURCES>': \"gigs.example\" is not an IP"),
        (
            &["--gigs-base-url", "http://api.gigs.com", "--gigs-project", "acme"],
            "'--gigs-base-url <GIGS_BASE_URL>': must use https://",
        ),
        (
            &["--gigs-base-url", "https://api.gigs.com", "--gigs-project", "a/b"],
            "'--gigs-project <GIGS_PROJECT>': must be 1 to 100 letters",
        ),
        (
            &["--gigs-base-url", "https://api.gigs.com", "--gigs-project", ""],
            "'--gigs-project <GIGS_PROJECT>': must be 1 to 100 letters",
        ),
        (
            &["--gigs-base-url", "not a url", "--gigs-project", "acme"],
            "'--gigs-base-url <GIGS_BASE_URL>': must be an http(s) URL",
        ),
    ];
    for (flags, expected) in cases {
        let error = error_of(flags);
        assert!(error.contains(expected), "{flags:?}: {error}");
    }
}

#[test]
fn plain_http_origins_are_for_this_machine_unless_allowed() {
    for origin in
        ["https://shop.example", "http://127.0.0.1:8081", "http://localhost:3000", "http://[::1]:8080"]
    {
        let (_, settings) = args(&["--allowed-origin", origin]).resolve(no_env).unwrap();
        assert_eq!(settings.allowed_origins, [origin], "{origin}");
    }
    let error = error_of(&["--allowed-origin", "https://a.example,http://shop.example"]);
    assert!(error.starts_with("--allowed-origin http://shop.example is plain http"), "{error}");
    assert!(error.contains("--allow-plain-http-origins"), "{error}");
    let allowed = args(&["--allowed-origin", "http://shop.example", "--allow-plain-http-origins"]);
    assert_eq!(allowed.resolve(no_env).unwrap().1.allowed_origins, ["http://shop.example"]);
}

#[test]
fn knobs_reach_the_settings() {
    let (_, settings) = args(&[
        "--allowed-origin",
        "https://a.example",
        "--allowed-origin",
        "https://b.example",
        "--frame-ancestor",
        "'self'",
        "--session-burst",
        "5",
        "--sse-heartbeat-secs",
        "2",
        "--trusted-proxy",
        "10.0.0.0/8",
    ])
    .resolve(no_env)
    .unwrap();
    assert_eq!(settings.allowed_origins, ["https://a.example", "https://b.example"]);
    assert_eq!(settings.frame_ancestors, ["'self'"]);
    assert_eq!(settings.limits.session.burst, 5);
    assert_eq!(settings.live.heartbeat, Duration::from_secs(2));
    assert_eq!(settings.limits.trusted_proxies, Networks::new(vec!["10.0.0.0/8".parse().unwrap()]));
}

#[test]
fn help_documents_every_knob_and_takes_secrets_from_the_environment_only() {
    let help = <Args as clap::CommandFactory>::command().render_long_help().to_string();
    for documented in [
        API_KEY_ENV,
        SESSION_KEY_ENV,
        WEBHOOK_SECRET_ENV,
        "--allowed-origin",
        "PORTING_ALLOWED_ORIGINS",
        "--frame-ancestor",
        "--body-limit-bytes",
        "--ip-rate-per-minute",
        "--ip-burst",
        "--trusted-proxy",
        "PORTING_TRUSTED_PROXIES",
        "--session-rate-per-minute",
        "--session-burst",
        "--max-in-flight",
        "--request-timeout-ms",
        "--upstream-timeout-ms",
        "--upstream-connect-timeout-ms",
        "--sse-heartbeat-secs",
        "--poll-interval-secs",
        "--streams-per-session",
        "--max-streams",
        "--webhook-path",
        "--log-json",
    ] {
        assert!(help.contains(documented), "--help lacks {documented}");
    }
    for secret_flag in ["--api-key", "--session-key", "--webhook-secret"] {
        assert!(!help.contains(secret_flag), "{secret_flag} would show a secret in the process list");
    }
}

#[test]
fn no_flag_shows_its_environment_value_in_help() {
    let command = <Args as clap::CommandFactory>::command();
    let shown: Vec<_> = command
        .get_arguments()
        .filter(|arg| arg.get_env().is_some() && !arg.is_hide_env_values_set())
        .map(|arg| arg.get_id().to_string())
        .collect();
    assert!(shown.is_empty(), "--help would show the environment value of {shown:?}");
}

#[test]
fn upstream_only_settings_without_a_base_url_refuse_to_start() {
    for name in [API_KEY_ENV, SESSION_KEY_ENV, WEBHOOK_SECRET_ENV] {
        let one = |asked: &str| (asked == name).then(|| "a value that would be ignored".to_owned());
        let error = args(&[]).resolve(one).err().expect("refused");
        assert!(error.starts_with(&format!("{name} given without --gigs-base-url")), "{error}");
    }
    let all = |_: &str| Some("x".to_owned());
    let error = args(&["--gigs-project", "acme"]).resolve(all).err().unwrap();
    assert!(
        error.starts_with(&format!(
            "{API_KEY_ENV}, {SESSION_KEY_ENV}, {WEBHOOK_SECRET_ENV}, --gigs-project (GIGS_PROJECT) given"
        )),
        "{error}"
    );
}

#[test]
fn plain_http_reaches_loopback_gigs_only() {
    let good = |name: &str| Some(if name == API_KEY_ENV { "sk".into() } else { "k".repeat(32) });
    let env = |name: &str| (name != WEBHOOK_SECRET_ENV).then(|| good(name)).flatten();
    for url in ["https://api.gigs.com", "http://127.0.0.1:8788", "http://localhost:9", "http://[::1]:80"] {
        let resolved = args(&["--gigs-base-url", url, "--gigs-project", "acme"]).resolve(env);
        assert!(resolved.is_ok(), "{url}: {:?}", resolved.err());
    }
    for url in ["http://api.gigs.com", "http://10.0.0.1", "http://127.0.0.1.example.com", "http://[::2]"] {
        let error = error_with(&["--gigs-base-url", url, "--gigs-project", "acme"], env);
        assert!(error.contains("'--gigs-base-url <GIGS_BASE_URL>': must use https://"), "{url}: {error}");
    }
}

#[test]
fn a_short_webhook_secret_stops_the_start() {
    let env = |name: &str| match name {
        API_KEY_ENV => Some("sk".into()),
        SESSION_KEY_ENV => Some("k".repeat(32)),
        _ => Some("short".into()),
    };
    let upstream = ["--gigs-base-url", "https://api.gigs.com", "--gigs-project", "acme"];
    let error = args(&upstream).resolve(env).err().unwrap();
    assert!(error.starts_with(WEBHOOK_SECRET_ENV), "{error}");
}

#[tokio::test]
async fn paths_are_literal_segments_axum_can_route() {
    for (flag, name, path) in [
        ("--api-prefix", "API_PREFIX", "/v1/:shop"),
        ("--webhook-path", "WEBHOOK_PATH", "/hooks/{"),
        ("--api-prefix", "API_PREFIX", "/{shop}"),
        ("--api-prefix", "API_PREFIX", "/api/*rest"),
        ("--webhook-path", "WEBHOOK_PATH", "/hooks//gigs"),
        ("--api-prefix", "API_PREFIX", "/api/.."),
        ("--api-prefix", "API_PREFIX", "/"),
        ("--webhook-path", "WEBHOOK_PATH", "/hooks/gigs/"),
        ("--api-prefix", "API_PREFIX", "/api?x=1"),
    ] {
        let error = error_of(&[flag, path]);
        assert!(error.contains(&format!("'{flag} <{name}>': must start with /")), "{path}: {error}");
        assert!(error.contains(&format!("{path:?}")), "{error}");
    }
    let (_, settings) = args(&["--api-prefix", "/shop-1/api.v2", "--webhook-path", "/hooks/gigs_~x"])
        .resolve(no_env)
        .unwrap();
    let api: axum::Router = axum::Router::new().route("/x", axum::routing::get(|| async {}));
    let router = axum::Router::new()
        .nest(&settings.api_prefix, api)
        .route(&settings.webhook_path, axum::routing::post(|| async {}));
    for (method, uri) in [("GET", "/shop-1/api.v2/x"), ("POST", "/hooks/gigs_~x")] {
        let request = axum::http::Request::builder().method(method).uri(uri).body(axum::body::Body::empty());
        let response = tower::ServiceExt::oneshot(router.clone(), request.unwrap()).await.unwrap();
        assert_eq!(response.status(), axum::http::StatusCode::OK, "{uri} routes as itself");
    }
}

#[test]
fn a_redis_ca_file_goes_with_a_tls_url_and_holds_a_certificate() {
    let dir = std::env::temp_dir().join(format!("porting-proxy-ca-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = rcgen::KeyPair::generate().unwrap();
    let ca = rcgen::CertificateParams::new(vec!["redis.internal".into()]).unwrap().self_signed(&key).unwrap();
    let (good, bad) = (dir.join("ca.pem"), dir.join("key.pem"));
    std::fs::write(&good, ca.pem()).unwrap();
    std::fs::write(&bad, key.serialize_pem()).unwrap();
    let (good, bad) = (good.to_str().unwrap(), bad.to_str().unwrap());
    let tls = "rediss://redis.internal:6380/0";
    let (_, settings) = args(&["--redis-url", tls, "--redis-ca-file", good]).resolve(no_env).unwrap();
    assert!(settings.redis.is_some());
    for (flags, expected) in [
        (
            &["--redis-url", "redis://redis.internal:6379/0", "--redis-ca-file", good][..],
            "is for a TLS Redis",
        ),
        (&["--redis-ca-file", good], "is for a TLS Redis"),
        (&["--redis-url", tls, "--redis-ca-file", bad], "holds no PEM certificate"),
        (&["--redis-url", tls, "--redis-ca-file", "/nonexistent.pem"], "--redis-ca-file /nonexistent.pem: "),
    ] {
        let error = error_of(flags);
        assert!(error.contains(expected) && error.starts_with("--redis-ca-file"), "{flags:?}: {error}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn bad_values_get_specific_messages() {
    let error = error_of(&["--api-prefix", "api/"]);
    assert!(error.contains("--api-prefix"), "{error}");
    let error = error_of(&["--upstream-timeout-ms", "0"]);
    assert!(error.contains("between 1 and 120000"), "{error}");
    let error = error_of(&["--static-dir", "/nonexistent"]);
    assert!(error.contains("no index.html"), "{error}");
    let error = error_of(&["--gigs-base-url", "ftp://x", "--gigs-project", "p"]);
    assert!(error.contains("http(s) URL"), "{error}");
    assert!(Args::try_parse_from(["porting-proxy", "--listen", "nowhere"]).is_err());
}
