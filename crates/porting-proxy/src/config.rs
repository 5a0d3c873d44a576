//! Command-line flags and environment, checked once at start-up so a wrong value stops the
//! proxy with a specific message instead of failing on the first request.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use reqwest::Url;
use url::Host;

use crate::client_ip::TrustedProxies;
use crate::clock::SystemClock;
use crate::cors::parse_origin;
use crate::events::{
    DEFAULT_HEARTBEAT_SECS, DEFAULT_MAX_STREAMS, DEFAULT_POLL_INTERVAL_SECS, DEFAULT_STREAMS_PER_IP,
    DEFAULT_STREAMS_PER_SESSION,
};
use crate::limits::{
    Limits, DEFAULT_BODY_BYTES, DEFAULT_IP_RATE, DEFAULT_MAX_IN_FLIGHT, DEFAULT_REQUEST_TIMEOUT_MS,
    DEFAULT_SESSION_RATE,
};
use crate::metrics::Metrics;
use crate::rate_limit::Rate;
use crate::server::{
    Backend, Settings, DEFAULT_API_PREFIX, DEFAULT_UPSTREAM_CONNECT_TIMEOUT_MS, DEFAULT_UPSTREAM_TIMEOUT_MS,
    DEFAULT_WEBHOOK_PATH,
};
use crate::session::SessionKey;
use crate::webhook::WebhookSecret;

use crate::cli::{API_KEY_ENV, WEBHOOK_SECRET_ENV};

/// Secrets come from the environment only, never from flags, which other users can see in the
/// process list.
pub const SESSION_KEY_ENV: &str = "PORTING_SESSION_KEY";

#[derive(Debug, Parser)]
#[command(
    name = "porting-proxy",
    version,
    about = "Merchant proxy for the porting widget. Without --gigs-base-url it runs the embedded Gigs simulator.",
    after_help = "Environment (secrets are read from the environment only):\n  \
        GIGS_API_KEY         Gigs API key (required with --gigs-base-url)\n  \
        PORTING_SESSION_KEY  HS256 key, at least 32 bytes, shared with the backend that mints porting\n                       \
        sessions (required with --gigs-base-url; random per start with the simulator)\n  \
        GIGS_WEBHOOK_SECRET  Gigs webhook signing secret (whsec_<base64> or text, at least 24 bytes);\n                       \
        with --gigs-base-url it enables POST <webhook path>, otherwise live status polls\n  \
        RUST_LOG             log filter (default info)"
)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, env = "PORTING_LISTEN", default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,
    /// Address to serve Prometheus metrics on (GET /metrics), apart from buyers' traffic, like
    /// 10.0.0.7:9187. None: metrics are off.
    #[arg(long, env = "PORTING_METRICS_LISTEN")]
    pub metrics_listen: Option<SocketAddr>,
    /// Seconds between the shutdown signal and closing the listener (0 to 300): /readyz answers
    /// 503 meanwhile so load balancers drain this instance. A second signal ends it early.
    #[arg(long, env = "PORTING_DRAIN_SECS", default_value_t = DEFAULT_DRAIN_SECS)]
    pub drain_secs: u64,
    /// Path prefix of the widget API.
    #[arg(long, env = "PORTING_API_PREFIX", default_value = DEFAULT_API_PREFIX)]
    pub api_prefix: String,
    /// Directory of a built widget (trunk's dist/) to serve at /.
    #[arg(long, env = "PORTING_STATIC_DIR")]
    pub static_dir: Option<PathBuf>,
    /// Gigs API base URL, e.g. https://api.gigs.com. Without it the embedded simulator is used.
    #[arg(long, env = "GIGS_BASE_URL")]
    pub gigs_base_url: Option<String>,
    /// Gigs project id (required with --gigs-base-url).
    #[arg(long, env = "GIGS_PROJECT")]
    pub gigs_project: Option<String>,
    /// Redis shared by every instance behind one load balancer, e.g. redis://10.0.0.5:6379/0 (give
    /// a password through the environment). Without it the state stays in this process.
    #[arg(long, env = "PORTING_REDIS_URL")]
    pub redis_url: Option<String>,
    /// When set, a session must name this in its `aud` claim, else it is refused (401).
    #[arg(long, env = "PORTING_SESSION_AUDIENCE")]
    pub session_audience: Option<String>,
    /// When set, a session's `iss` claim must be exactly this, else it is refused (401).
    #[arg(long, env = "PORTING_SESSION_ISSUER")]
    pub session_issuer: Option<String>,
    /// How long the Gigs calls for one request may take together, in milliseconds (1 to 120000);
    /// then 504.
    #[arg(long, env = "PORTING_UPSTREAM_TIMEOUT_MS", default_value_t = DEFAULT_UPSTREAM_TIMEOUT_MS)]
    pub upstream_timeout_ms: u64,
    /// How long connecting to Gigs may take, in milliseconds (1 to the upstream timeout).
    #[arg(long, env = "PORTING_UPSTREAM_CONNECT_TIMEOUT_MS", default_value_t = DEFAULT_UPSTREAM_CONNECT_TIMEOUT_MS)]
    pub upstream_connect_timeout_ms: u64,
    /// Origin allowed to call the widget API from a browser (CORS), like https://shop.example.
    /// Repeat for several (comma-separated in the environment). None: same-origin only.
    #[arg(long = "allowed-origin", env = "PORTING_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,
    /// Origin allowed to frame the served pages, or 'self'. Repeatable. None: no framing.
    #[arg(long = "frame-ancestor", env = "PORTING_FRAME_ANCESTORS", value_delimiter = ',')]
    pub frame_ancestors: Vec<String>,
    /// Largest widget API request body in bytes (1024 to 1048576); larger gets 413.
    #[arg(long, env = "PORTING_BODY_LIMIT_BYTES", default_value_t = DEFAULT_BODY_BYTES)]
    pub body_limit_bytes: usize,
    /// Widget API requests per minute per client IP (IPv6: per /64), sustained.
    #[arg(long, env = "PORTING_IP_RATE_PER_MINUTE", default_value_t = DEFAULT_IP_RATE.per_minute)]
    pub ip_rate_per_minute: u32,
    /// Requests one client IP may send at once above the sustained rate; then 429.
    #[arg(long, env = "PORTING_IP_BURST", default_value_t = DEFAULT_IP_RATE.burst)]
    pub ip_burst: u32,
    /// Address or CIDR block of a load balancer in front of the proxy, like 10.0.0.0/8, whose
    /// X-Forwarded-For then names the client for the per-IP rate. Repeatable (comma-separated in
    /// the environment). None: the header is ignored, as any client could forge it.
    #[arg(long = "trusted-proxy", env = "PORTING_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<String>,
    /// Widget API requests per minute per session, sustained.
    #[arg(long, env = "PORTING_SESSION_RATE_PER_MINUTE", default_value_t = DEFAULT_SESSION_RATE.per_minute)]
    pub session_rate_per_minute: u32,
    /// Requests one session may send at once above the sustained rate; then 429.
    #[arg(long, env = "PORTING_SESSION_BURST", default_value_t = DEFAULT_SESSION_RATE.burst)]
    pub session_burst: u32,
    /// Requests handled at once across all clients (1 to 100000); more get 503 immediately.
    /// Webhook deliveries have a pool of their own, as large.
    #[arg(long, env = "PORTING_MAX_IN_FLIGHT", default_value_t = DEFAULT_MAX_IN_FLIGHT)]
    pub max_in_flight: usize,
    /// How long a request may take until its answer starts, in milliseconds; must exceed the
    /// upstream timeout (at most 300000).
    #[arg(long, env = "PORTING_REQUEST_TIMEOUT_MS", default_value_t = DEFAULT_REQUEST_TIMEOUT_MS)]
    pub request_timeout_ms: u64,
    /// Seconds between heartbeat comments on live status streams (1 to 300).
    #[arg(long, env = "PORTING_SSE_HEARTBEAT_SECS", default_value_t = DEFAULT_HEARTBEAT_SECS)]
    pub sse_heartbeat_secs: u64,
    /// Upstream mode: seconds between polls of a watched porting that no webhook updated (1 to 3600).
    #[arg(long, env = "PORTING_POLL_INTERVAL_SECS", default_value_t = DEFAULT_POLL_INTERVAL_SECS)]
    pub poll_interval_secs: u64,
    /// Live status streams one session may hold open (1 to 100).
    #[arg(long, env = "PORTING_STREAMS_PER_SESSION", default_value_t = DEFAULT_STREAMS_PER_SESSION)]
    pub streams_per_session: usize,
    /// Live status streams one client IP may hold open (1 to 100000).
    #[arg(long, env = "PORTING_STREAMS_PER_IP", default_value_t = DEFAULT_STREAMS_PER_IP)]
    pub streams_per_ip: usize,
    /// Live status streams open at once in all (1 to 100000).
    #[arg(long, env = "PORTING_MAX_STREAMS", default_value_t = DEFAULT_MAX_STREAMS)]
    pub max_streams: usize,
    /// Path of the Gigs webhook endpoint (upstream mode with GIGS_WEBHOOK_SECRET); outside the API prefix.
    #[arg(long, env = "PORTING_WEBHOOK_PATH", default_value = DEFAULT_WEBHOOK_PATH)]
    pub webhook_path: String,
    /// Write logs as JSON lines.
    #[arg(long, env = "PORTING_LOG_JSON")]
    pub log_json: bool,
}

/// How long a stopping proxy stays up, not ready: a balancer probing every 2 s that needs two
/// failures has moved buyers away by then.
pub const DEFAULT_DRAIN_SECS: u64 = 5;

/// Where and how the proxy serves, apart from what it serves.
#[derive(Debug)]
pub struct Serving {
    pub listen: SocketAddr,
    pub metrics_listen: Option<SocketAddr>,
    /// See [`crate::probes::drain_after`].
    pub drain: Duration,
}

/// `value` if it lies in `range`, else a message naming `flag`.
fn within<T: PartialOrd + std::fmt::Display>(
    flag: &str,
    value: T,
    range: std::ops::RangeInclusive<T>,
) -> Result<T, String> {
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(format!("{flag} must be between {} and {} (got {value})", range.start(), range.end()))
    }
}

/// A path like `/api` or `/shop/api`: segments of letters, digits and `._~-`, which axum routes
/// literally (`{`, `}`, `:` and `*` would make a route parameter or stop the start with a panic).
fn check_path(flag: &str, path: &str) -> Result<(), String> {
    let literal = |segment: &str| {
        // `.` and `..` would be resolved away by clients before reaching the proxy.
        !matches!(segment, "" | "." | "..")
            && segment.bytes().all(|b| b.is_ascii_alphanumeric() || b"._~-".contains(&b))
    };
    match path.strip_prefix('/') {
        Some(segments) if segments.split('/').all(literal) => Ok(()),
        _ => Err(format!(
            "{flag} must start with / and not end with one, its segments only letters, digits and . _ ~ - \
             (like /api; got {path:?})"
        )),
    }
}

/// A Gigs base URL: `https://`, or `http://` to a loopback host only (a local simulator), so the
/// API key never crosses a network in the clear.
fn check_base_url(base_url: &str) -> Result<(), String> {
    let url = Url::parse(base_url)
        .map_err(|e| format!("--gigs-base-url must be an http(s) URL (got {base_url:?}: {e})"))?;
    let loopback = match url.host() {
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        "http" => Err(format!(
            "--gigs-base-url must use https:// (http:// only to a loopback host such as 127.0.0.1; got {base_url:?})"
        )),
        _ => Err(format!("--gigs-base-url must be an http(s) URL (got {base_url:?})")),
    }
}

impl Args {
    /// Checks every value; `env` reads the secret variables.
    pub fn resolve(self, env: impl Fn(&str) -> Option<String>) -> Result<(Serving, Settings), String> {
        if self.metrics_listen == Some(self.listen) {
            return Err(format!(
                "--metrics-listen must differ from --listen ({}): metrics are never served to buyers",
                self.listen
            ));
        }
        let drain = Duration::from_secs(within("--drain-secs", self.drain_secs, 0..=300)?);
        check_path("--api-prefix", &self.api_prefix)?;
        check_path("--webhook-path", &self.webhook_path)?;
        if self.webhook_path == self.api_prefix
            || self.webhook_path.starts_with(&format!("{}/", self.api_prefix))
        {
            return Err(format!(
                "--webhook-path {} must be outside the API prefix {}",
                self.webhook_path, self.api_prefix
            ));
        }
        if let Some(dir) = &self.static_dir {
            if !dir.join("index.html").is_file() {
                return Err(format!(
                    "--static-dir {} has no index.html: build the widget first (cargo xtask build)",
                    dir.display()
                ));
            }
        }
        let upstream_timeout = within("--upstream-timeout-ms", self.upstream_timeout_ms, 1..=120_000)?;
        let connect_timeout =
            within("--upstream-connect-timeout-ms", self.upstream_connect_timeout_ms, 1..=upstream_timeout)?;
        let request_timeout = within("--request-timeout-ms", self.request_timeout_ms, 1..=300_000)?;
        if request_timeout <= upstream_timeout {
            return Err(format!(
                "--request-timeout-ms ({request_timeout}) must exceed --upstream-timeout-ms ({upstream_timeout}), \
                 so a slow Gigs is answered 504 rather than cut off"
            ));
        }
        let rate = |flag_rate: &str, per_minute, flag_burst: &str, burst| -> Result<Rate, String> {
            Ok(Rate {
                per_minute: within(flag_rate, per_minute, 1..=1_000_000)?,
                burst: within(flag_burst, burst, 1..=100_000)?,
            })
        };
        let limits = Limits {
            body_bytes: within("--body-limit-bytes", self.body_limit_bytes, 1024..=1 << 20)?,
            ip: rate("--ip-rate-per-minute", self.ip_rate_per_minute, "--ip-burst", self.ip_burst)?,
            trusted_proxies: TrustedProxies::parse(&self.trusted_proxies)
                .map_err(|e| format!("--trusted-proxy: {e}"))?,
            session: rate(
                "--session-rate-per-minute",
                self.session_rate_per_minute,
                "--session-burst",
                self.session_burst,
            )?,
            max_in_flight: within("--max-in-flight", self.max_in_flight, 1..=100_000)?,
            request_timeout: Duration::from_millis(request_timeout),
            ..Limits::default()
        };
        let live = crate::events::Settings {
            heartbeat: Duration::from_secs(within("--sse-heartbeat-secs", self.sse_heartbeat_secs, 1..=300)?),
            poll_interval: Duration::from_secs(within(
                "--poll-interval-secs",
                self.poll_interval_secs,
                1..=3600,
            )?),
            streams_per_session: within("--streams-per-session", self.streams_per_session, 1..=100)?,
            streams_per_ip: within("--streams-per-ip", self.streams_per_ip, 1..=100_000)?,
            max_streams: within("--max-streams", self.max_streams, 1..=100_000)?,
        };
        let allowed_origins = self
            .allowed_origins
            .iter()
            .map(|origin| parse_origin(origin).map_err(|e| format!("--allowed-origin: {e}")))
            .collect::<Result<_, _>>()?;
        for ancestor in &self.frame_ancestors {
            if ancestor != "'self'" {
                parse_origin(ancestor).map_err(|e| format!("--frame-ancestor: {e} (or 'self')"))?;
            }
        }

        let (backend, sessions) = match self.gigs_base_url {
            None => {
                // Fail closed: a deployment that forgot the URL must not serve the simulator's
                // fake data while its real settings are silently ignored.
                let given: Vec<&str> = [API_KEY_ENV, SESSION_KEY_ENV, WEBHOOK_SECRET_ENV]
                    .into_iter()
                    .filter(|name| env(name).is_some())
                    .chain(self.gigs_project.is_some().then_some("--gigs-project (GIGS_PROJECT)"))
                    .collect();
                if !given.is_empty() {
                    return Err(format!(
                        "{} given without --gigs-base-url (GIGS_BASE_URL): set the Gigs base URL, or unset \
                         them to run the embedded simulator",
                        given.join(", ")
                    ));
                }
                (Backend::Simulator, SessionKey::random())
            }
            Some(base_url) => {
                check_base_url(&base_url)?;
                let project = self
                    .gigs_project
                    .ok_or("--gigs-project (or GIGS_PROJECT) is required with --gigs-base-url")?;
                crate::ids::check_project("--gigs-project", &project)?;
                let api_key = env(API_KEY_ENV)
                    .filter(|k| !k.trim().is_empty())
                    .ok_or_else(|| format!("{API_KEY_ENV} must be set with --gigs-base-url"))?;
                // It travels in a header: a stray newline or space would make every call fail.
                if !api_key.bytes().all(|b| b.is_ascii_graphic()) {
                    return Err(format!(
                        "{API_KEY_ENV} must be printable ASCII without spaces or line breaks"
                    ));
                }
                let session_key = env(SESSION_KEY_ENV)
                    .ok_or_else(|| format!("{SESSION_KEY_ENV} must be set with --gigs-base-url"))?;
                let sessions = SessionKey::new(session_key).map_err(|e| format!("{SESSION_KEY_ENV}: {e}"))?;
                let webhook_secret = env(WEBHOOK_SECRET_ENV)
                    .map(|secret| {
                        WebhookSecret::new(&secret).map_err(|e| format!("{WEBHOOK_SECRET_ENV}: {e}"))
                    })
                    .transpose()?;
                (Backend::Upstream { base_url, project, api_key, webhook_secret }, sessions)
            }
        };
        let claim = |flag: &str, value: Option<String>| match value.map(|v| v.trim().to_owned()) {
            Some(v) if v.is_empty() || v.len() > 256 => Err(format!("{flag} must be 1 to 256 characters")),
            other => Ok(other),
        };
        let audience = claim("--session-audience", self.session_audience)?;
        let issuer = claim("--session-issuer", self.session_issuer)?;
        let sessions = sessions.expecting(audience, issuer);
        let redis = self.redis_url.as_deref().map(crate::shared::Redis::new).transpose()?;
        let settings = Settings {
            api_prefix: self.api_prefix,
            static_dir: self.static_dir,
            upstream_timeout: Duration::from_millis(upstream_timeout),
            upstream_connect_timeout: Duration::from_millis(connect_timeout),
            limits,
            allowed_origins,
            frame_ancestors: self.frame_ancestors,
            live,
            webhook_path: self.webhook_path,
            redis,
            metrics: if self.metrics_listen.is_some() { Metrics::on() } else { Metrics::default() },
            ..Settings::new(backend, sessions, Arc::new(SystemClock))
        };
        Ok((Serving { listen: self.listen, metrics_listen: self.metrics_listen, drain }, settings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(extra: &[&str]) -> Args {
        Args::try_parse_from([&["porting-proxy"], extra].concat()).unwrap()
    }

    fn no_env(_: &str) -> Option<String> {
        None
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
        assert!(error.contains("--drain-secs must be between 0 and 300"), "{error}");
        let (serving, _) = args(&["--drain-secs", "0"]).resolve(no_env).unwrap();
        assert_eq!(serving.drain, Duration::ZERO);
    }

    #[test]
    fn an_audience_and_issuer_given_are_required_of_sessions() {
        let (_, settings) =
            args(&["--session-audience", "porting-widget", "--session-issuer", "https://shop.example"])
                .resolve(no_env)
                .unwrap();
        let claims = crate::session::Claims {
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
        assert_eq!(settings.sessions.verify(&token, now), Err(crate::session::SessionError::Audience));
        assert!(error_of(&["--session-audience", " "]).contains("--session-audience"));
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
        let pasted = |name: &str| Some(if name == API_KEY_ENV { "sk_live\n".into() } else { "k".repeat(32) });
        let error = args(&with_project).resolve(pasted).err().unwrap();
        assert!(error.contains("printable ASCII"), "{error}");
        assert!(!error.contains("sk_live"), "the key is never echoed: {error}");
    }

    fn error_of(extra: &[&str]) -> String {
        args(extra).resolve(no_env).err().unwrap()
    }

    #[test]
    fn every_knob_is_checked_with_a_message_naming_it() {
        let cases: &[(&[&str], &str)] = &[
            (
                &["--upstream-connect-timeout-ms", "20000"],
                "--upstream-connect-timeout-ms must be between 1 and 10000",
            ),
            (&["--request-timeout-ms", "5000"], "must exceed --upstream-timeout-ms"),
            (&["--request-timeout-ms", "0"], "--request-timeout-ms must be between"),
            (&["--body-limit-bytes", "10"], "--body-limit-bytes must be between 1024 and 1048576"),
            (&["--ip-rate-per-minute", "0"], "--ip-rate-per-minute must be between"),
            (&["--ip-burst", "0"], "--ip-burst must be between"),
            (&["--session-rate-per-minute", "0"], "--session-rate-per-minute must be between"),
            (&["--session-burst", "1000000"], "--session-burst must be between"),
            (&["--max-in-flight", "0"], "--max-in-flight must be between"),
            (&["--sse-heartbeat-secs", "0"], "--sse-heartbeat-secs must be between 1 and 300"),
            (&["--poll-interval-secs", "7200"], "--poll-interval-secs must be between 1 and 3600"),
            (&["--streams-per-session", "0"], "--streams-per-session must be between"),
            (&["--max-streams", "0"], "--max-streams must be between"),
            (&["--webhook-path", "hooks"], "--webhook-path must start with /"),
            (&["--webhook-path", "/api/hooks"], "must be outside the API prefix"),
            (&["--allowed-origin", "https://shop.example/"], "--allowed-origin"),
            (&["--allowed-origin", "*"], "--allowed-origin"),
            (&["--frame-ancestor", "*.example"], "--frame-ancestor"),
            (&["--trusted-proxy", "10.0.0.0/8,lb.internal"], "--trusted-proxy: \"lb.internal\" is not an IP"),
            (&["--gigs-project", "acme"], "--gigs-project (GIGS_PROJECT) given without --gigs-base-url"),
            (
                &["--gigs-base-url", "http://api.gigs.com", "--gigs-project", "acme"],
                "--gigs-base-url must use https://",
            ),
            (&["--gigs-base-url", "https://api.gigs.com", "--gigs-project", "a/b"], "--gigs-project must be"),
            (&["--gigs-base-url", "https://api.gigs.com", "--gigs-project", ""], "--gigs-project must be"),
            (
                &["--gigs-base-url", "not a url", "--gigs-project", "acme"],
                "--gigs-base-url must be an http(s) URL",
            ),
        ];
        for (flags, expected) in cases {
            let error = error_of(flags);
            assert!(error.contains(expected), "{flags:?}: {error}");
        }
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
        assert_eq!(settings.limits.trusted_proxies, TrustedProxies::parse(&["10.0.0.0/8"]).unwrap());
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
        for url in ["https://api.gigs.com", "http://127.0.0.1:8788", "http://localhost:9", "http://[::1]:80"]
        {
            let resolved = args(&["--gigs-base-url", url, "--gigs-project", "acme"]).resolve(env);
            assert!(resolved.is_ok(), "{url}: {:?}", resolved.err());
        }
        for url in ["http://api.gigs.com", "http://10.0.0.1", "http://127.0.0.1.example.com", "http://[::2]"]
        {
            let error = args(&["--gigs-base-url", url, "--gigs-project", "acme"]).resolve(env).err().unwrap();
            assert!(error.contains("must use https://"), "{url}: {error}");
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
        for (flag, path) in [
            ("--api-prefix", "/v1/:shop"),
            ("--webhook-path", "/hooks/{"),
            ("--api-prefix", "/{shop}"),
            ("--api-prefix", "/api/*rest"),
            ("--webhook-path", "/hooks//gigs"),
            ("--api-prefix", "/api/.."),
            ("--api-prefix", "/"),
            ("--webhook-path", "/hooks/gigs/"),
            ("--api-prefix", "/api?x=1"),
        ] {
            let error = error_of(&[flag, path]);
            assert!(error.starts_with(&format!("{flag} must start with /")), "{path}: {error}");
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
            let request =
                axum::http::Request::builder().method(method).uri(uri).body(axum::body::Body::empty());
            let response = tower::ServiceExt::oneshot(router.clone(), request.unwrap()).await.unwrap();
            assert_eq!(response.status(), axum::http::StatusCode::OK, "{uri} routes as itself");
        }
    }

    #[test]
    fn bad_values_get_specific_messages() {
        let error = args(&["--api-prefix", "api/"]).resolve(no_env).err().unwrap();
        assert!(error.contains("--api-prefix"), "{error}");
        let error = args(&["--upstream-timeout-ms", "0"]).resolve(no_env).err().unwrap();
        assert!(error.contains("between 1 and 120000"), "{error}");
        let error = args(&["--static-dir", "/nonexistent"]).resolve(no_env).err().unwrap();
        assert!(error.contains("no index.html"), "{error}");
        let error =
            args(&["--gigs-base-url", "ftp://x", "--gigs-project", "p"]).resolve(no_env).err().unwrap();
        assert!(error.contains("http(s) URL"), "{error}");
        assert!(Args::try_parse_from(["porting-proxy", "--listen", "nowhere"]).is_err());
    }
}
