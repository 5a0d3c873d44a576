//! Command-line flags and environment, checked once at start-up so a wrong value stops the
//! proxy with a specific message instead of failing on the first request. Each flag's range or
//! form is checked by its value parser ([`parse`]); [`Args::resolve`] keeps the rules that span
//! several flags, and reads the secrets from the environment.

pub mod parse;
#[cfg(test)]
mod tests;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use ipnet::IpNet;

use crate::cli::{API_KEY_ENV, WEBHOOK_SECRET_ENV};
use crate::clock::SystemClock;
use crate::events::{
    self, DEFAULT_HEARTBEAT_SECS, DEFAULT_MAX_STREAMS, DEFAULT_POLL_INTERVAL_SECS, DEFAULT_STREAMS_PER_IP,
    DEFAULT_STREAMS_PER_SESSION,
};
use crate::guard::client_ip::Networks;
use crate::guard::limits::{
    Limits, DEFAULT_BODY_BYTES, DEFAULT_IP_RATE, DEFAULT_MAX_IN_FLIGHT, DEFAULT_REQUEST_TIMEOUT_MS,
    DEFAULT_SESSION_RATE,
};
use crate::guard::rate::Rate;
use crate::guard::session::SessionKey;
use crate::metrics::Metrics;
use crate::server::{
    Backend, Settings, DEFAULT_API_PREFIX, DEFAULT_UPSTREAM_CONNECT_TIMEOUT_MS, DEFAULT_UPSTREAM_TIMEOUT_MS,
    DEFAULT_WEBHOOK_PATH,
};
use crate::shared::Redis;
use crate::webhook::WebhookSecret;
use parse::{between, Origin};

/// Secrets come from the environment only, never from flags, which other users can see in the
/// process list.
pub const SESSION_KEY_ENV: &str = "PORTING_SESSION_KEY";

#[derive(Debug, Parser)]
#[command(
    name = "porting-proxy",
    version,
    // A URL in the environment may carry a password: --help shows no environment value.
    mut_args = |arg: clap::Arg| arg.hide_env_values(true),
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
    #[arg(long, env = "PORTING_DRAIN_SECS", default_value_t = DEFAULT_DRAIN_SECS, value_parser = between::<u64>(0, 300))]
    pub drain_secs: u64,
    /// Path prefix of the widget API.
    #[arg(long, env = "PORTING_API_PREFIX", default_value = DEFAULT_API_PREFIX, value_parser = parse::literal_path)]
    pub api_prefix: String,
    /// Directory of a built widget (trunk's dist/) to serve at /.
    #[arg(long, env = "PORTING_STATIC_DIR", value_parser = parse::built_widget)]
    pub static_dir: Option<PathBuf>,
    /// Gigs API base URL, e.g. https://api.gigs.com. Without it the embedded simulator is used.
    #[arg(long, env = "GIGS_BASE_URL", value_parser = parse::gigs_base_url)]
    pub gigs_base_url: Option<String>,
    /// Gigs project id (required with --gigs-base-url).
    #[arg(long, env = "GIGS_PROJECT", value_parser = parse::project)]
    pub gigs_project: Option<String>,
    /// Redis shared by every instance behind one load balancer: rediss://redis.internal:6380/0
    /// over TLS, redis://… without. Give a password in PORTING_REDIS_URL, never on the command
    /// line, which others see in the process list. Without it the state stays in this process.
    #[arg(long, env = "PORTING_REDIS_URL")]
    pub redis_url: Option<String>,
    /// PEM file of the certificate authority that signed the rediss:// server's certificate, when
    /// it is a private one; otherwise the system's certificate authorities are trusted.
    #[arg(long, env = "PORTING_REDIS_CA_FILE")]
    pub redis_ca_file: Option<PathBuf>,
    /// When set, a session must name this in its `aud` claim, else it is refused (401).
    #[arg(long, env = "PORTING_SESSION_AUDIENCE", value_parser = parse::claim)]
    pub session_audience: Option<String>,
    /// When set, a session's `iss` claim must be exactly this, else it is refused (401).
    #[arg(long, env = "PORTING_SESSION_ISSUER", value_parser = parse::claim)]
    pub session_issuer: Option<String>,
    /// How long the Gigs calls for one request may take together, in milliseconds (1 to 120000);
    /// then 504.
    #[arg(long, env = "PORTING_UPSTREAM_TIMEOUT_MS", default_value_t = DEFAULT_UPSTREAM_TIMEOUT_MS, value_parser = between::<u64>(1, 120_000))]
    pub upstream_timeout_ms: u64,
    /// How long connecting to Gigs may take, in milliseconds (1 to the upstream timeout).
    #[arg(long, env = "PORTING_UPSTREAM_CONNECT_TIMEOUT_MS", default_value_t = DEFAULT_UPSTREAM_CONNECT_TIMEOUT_MS, value_parser = between::<u64>(1, 120_000))]
    pub upstream_connect_timeout_ms: u64,
    /// Origin allowed to call the widget API from a browser (CORS), like https://shop.example.
    /// Repeat for several (comma-separated in the environment). None: same-origin only.
    #[arg(long = "allowed-origin", env = "PORTING_ALLOWED_ORIGINS", value_delimiter = ',', value_parser = parse::origin)]
    pub allowed_origins: Vec<Origin>,
    /// Accept --allowed-origin http:// origins on hosts other than this machine (a test network);
    /// otherwise those must be https://, as pages served in plain text can be changed on the way.
    #[arg(long, env = "PORTING_ALLOW_PLAIN_HTTP_ORIGINS")]
    pub allow_plain_http_origins: bool,
    /// Origin allowed to frame the served pages, or 'self'. Repeatable. None: no framing.
    #[arg(long = "frame-ancestor", env = "PORTING_FRAME_ANCESTORS", value_delimiter = ',', value_parser = parse::frame_ancestor)]
    pub frame_ancestors: Vec<String>,
    /// Largest widget API request body in bytes (1024 to 1048576); larger gets 413.
    #[arg(long, env = "PORTING_BODY_LIMIT_BYTES", default_value_t = DEFAULT_BODY_BYTES, value_parser = between::<usize>(1024, 1 << 20))]
    pub body_limit_bytes: usize,
    /// Widget API requests per minute per client IP (IPv6: per /64), sustained (1 to 1000000).
    #[arg(long, env = "PORTING_IP_RATE_PER_MINUTE", default_value_t = DEFAULT_IP_RATE.per_minute, value_parser = between::<u32>(1, 1_000_000))]
    pub ip_rate_per_minute: u32,
    /// Requests one client IP may send at once above the sustained rate (1 to 100000); then 429.
    #[arg(long, env = "PORTING_IP_BURST", default_value_t = DEFAULT_IP_RATE.burst, value_parser = between::<u32>(1, 100_000))]
    pub ip_burst: u32,
    /// Address or CIDR block of a load balancer in front of the proxy, like 10.0.0.0/8, whose
    /// X-Forwarded-For then names the client for the per-IP rate. Repeatable (comma-separated in
    /// the environment). None: the header is ignored, as any client could forge it.
    #[arg(long = "trusted-proxy", env = "PORTING_TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse::network)]
    pub trusted_proxies: Vec<IpNet>,
    /// Widget API requests per minute per session, sustained (1 to 1000000).
    #[arg(long, env = "PORTING_SESSION_RATE_PER_MINUTE", default_value_t = DEFAULT_SESSION_RATE.per_minute, value_parser = between::<u32>(1, 1_000_000))]
    pub session_rate_per_minute: u32,
    /// Requests one session may send at once above the sustained rate (1 to 100000); then 429.
    #[arg(long, env = "PORTING_SESSION_BURST", default_value_t = DEFAULT_SESSION_RATE.burst, value_parser = between::<u32>(1, 100_000))]
    pub session_burst: u32,
    /// Requests handled at once across all clients (1 to 100000); more get 503 immediately.
    /// Webhook deliveries have a pool of their own, as large, of which one IP holds an eighth.
    #[arg(long, env = "PORTING_MAX_IN_FLIGHT", default_value_t = DEFAULT_MAX_IN_FLIGHT, value_parser = between::<usize>(1, 100_000))]
    pub max_in_flight: usize,
    /// How long a request may take until its answer starts, in milliseconds (1 to 300000); must
    /// exceed the upstream timeout.
    #[arg(long, env = "PORTING_REQUEST_TIMEOUT_MS", default_value_t = DEFAULT_REQUEST_TIMEOUT_MS, value_parser = between::<u64>(1, 300_000))]
    pub request_timeout_ms: u64,
    /// Seconds between heartbeat comments on live status streams (1 to 300).
    #[arg(long, env = "PORTING_SSE_HEARTBEAT_SECS", default_value_t = DEFAULT_HEARTBEAT_SECS, value_parser = between::<u64>(1, 300))]
    pub sse_heartbeat_secs: u64,
    /// Upstream mode: seconds between polls of a watched porting that no webhook updated (1 to 3600).
    #[arg(long, env = "PORTING_POLL_INTERVAL_SECS", default_value_t = DEFAULT_POLL_INTERVAL_SECS, value_parser = between::<u64>(1, 3600))]
    pub poll_interval_secs: u64,
    /// Live status streams one session may hold open (1 to 100).
    #[arg(long, env = "PORTING_STREAMS_PER_SESSION", default_value_t = DEFAULT_STREAMS_PER_SESSION, value_parser = between::<usize>(1, 100))]
    pub streams_per_session: usize,
    /// Live status streams one client IP may hold open (1 to 100000).
    #[arg(long, env = "PORTING_STREAMS_PER_IP", default_value_t = DEFAULT_STREAMS_PER_IP, value_parser = between::<usize>(1, 100_000))]
    pub streams_per_ip: usize,
    /// Live status streams open at once in all (1 to 100000).
    #[arg(long, env = "PORTING_MAX_STREAMS", default_value_t = DEFAULT_MAX_STREAMS, value_parser = between::<usize>(1, 100_000))]
    pub max_streams: usize,
    /// Network Gigs' webhooks come from, like 192.0.2.0/24 (the client as --trusted-proxy finds
    /// it): deliveries from elsewhere get 403 before their body is read. Repeatable
    /// (comma-separated in the environment). None: any address.
    #[arg(long = "webhook-source", env = "PORTING_WEBHOOK_SOURCES", value_delimiter = ',', value_parser = parse::network)]
    pub webhook_sources: Vec<IpNet>,
    /// Path of the Gigs webhook endpoint (upstream mode with GIGS_WEBHOOK_SECRET); outside the API prefix.
    #[arg(long, env = "PORTING_WEBHOOK_PATH", default_value = DEFAULT_WEBHOOK_PATH, value_parser = parse::literal_path)]
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
    /// See [`crate::routes::probes::drain_after`].
    pub drain: Duration,
}

impl Args {
    /// Checks the rules that span several flags, and reads the secrets through `env`.
    pub fn resolve(self, env: impl Fn(&str) -> Option<String>) -> Result<(Serving, Settings), String> {
        if self.metrics_listen == Some(self.listen) {
            return Err(format!(
                "--metrics-listen must differ from --listen ({}): metrics are never served to buyers",
                self.listen
            ));
        }
        if self.webhook_path == self.api_prefix
            || self.webhook_path.starts_with(&format!("{}/", self.api_prefix))
        {
            return Err(format!(
                "--webhook-path {} must be outside the API prefix {}",
                self.webhook_path, self.api_prefix
            ));
        }
        if self.upstream_connect_timeout_ms > self.upstream_timeout_ms {
            return Err(format!(
                "--upstream-connect-timeout-ms ({}) must be at most --upstream-timeout-ms ({})",
                self.upstream_connect_timeout_ms, self.upstream_timeout_ms
            ));
        }
        if self.request_timeout_ms <= self.upstream_timeout_ms {
            return Err(format!(
                "--request-timeout-ms ({}) must exceed --upstream-timeout-ms ({}), so a slow Gigs is \
                 answered 504 rather than cut off",
                self.request_timeout_ms, self.upstream_timeout_ms
            ));
        }
        let plain = self.allowed_origins.iter().find(|origin| origin.plain_http_remote);
        if let Some(origin) = plain.filter(|_| !self.allow_plain_http_origins) {
            return Err(format!(
                "--allowed-origin {} is plain http to another host than this one, whose pages anyone on \
                 the way can change: use https://, or pass --allow-plain-http-origins",
                origin.value.to_str().unwrap_or_default()
            ));
        }
        let (backend, sessions) = match self.gigs_base_url {
            None => {
                // Fail closed: a forgotten URL must not serve fake data and ignore real settings.
                let given: Vec<&str> = [API_KEY_ENV, SESSION_KEY_ENV, WEBHOOK_SECRET_ENV]
                    .into_iter()
                    .filter(|name| env(name).is_some())
                    .chain(self.gigs_project.is_some().then_some("--gigs-project (GIGS_PROJECT)"))
                    .chain((!self.webhook_sources.is_empty()).then_some("--webhook-source"))
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
                let project = self
                    .gigs_project
                    .ok_or("--gigs-project (or GIGS_PROJECT) is required with --gigs-base-url")?;
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
        let sessions = sessions.expecting(self.session_audience, self.session_issuer);
        let redis = redis(self.redis_url.as_deref(), self.redis_ca_file.as_deref())?;
        let limits = Limits {
            body_bytes: self.body_limit_bytes,
            ip: Rate { per_minute: self.ip_rate_per_minute, burst: self.ip_burst },
            trusted_proxies: Networks::new(self.trusted_proxies),
            session: Rate { per_minute: self.session_rate_per_minute, burst: self.session_burst },
            max_in_flight: self.max_in_flight,
            request_timeout: Duration::from_millis(self.request_timeout_ms),
            ..Limits::default()
        };
        let live = events::Settings {
            heartbeat: Duration::from_secs(self.sse_heartbeat_secs),
            poll_interval: Duration::from_secs(self.poll_interval_secs),
            streams_per_session: self.streams_per_session,
            streams_per_ip: self.streams_per_ip,
            max_streams: self.max_streams,
        };
        let settings = Settings {
            api_prefix: self.api_prefix,
            static_dir: self.static_dir,
            upstream_timeout: Duration::from_millis(self.upstream_timeout_ms),
            upstream_connect_timeout: Duration::from_millis(self.upstream_connect_timeout_ms),
            limits,
            allowed_origins: self.allowed_origins.into_iter().map(|origin| origin.value).collect(),
            frame_ancestors: self.frame_ancestors,
            live,
            webhook_path: self.webhook_path,
            webhook_sources: Networks::new(self.webhook_sources),
            redis,
            metrics: if self.metrics_listen.is_some() { Metrics::on() } else { Metrics::default() },
            ..Settings::new(backend, sessions, Arc::new(SystemClock))
        };
        let drain = Duration::from_secs(self.drain_secs);
        Ok((Serving { listen: self.listen, metrics_listen: self.metrics_listen, drain }, settings))
    }
}

/// What starts each certificate in a PEM file.
const CERTIFICATE: &[u8] = b"-----BEGIN CERTIFICATE-----";

/// The Redis at `url`, over TLS checked against the certificate authority in `ca_file` if given.
/// No message quotes the URL, which may hold the password.
fn redis(url: Option<&str>, ca_file: Option<&Path>) -> Result<Option<Arc<Redis>>, String> {
    let root_certificates = match (url, ca_file) {
        (_, None) => None,
        (Some(url), Some(path)) if url.starts_with("rediss://") => {
            let pem = std::fs::read(path).map_err(|e| format!("--redis-ca-file {}: {e}", path.display()))?;
            if !pem.windows(CERTIFICATE.len()).any(|window| window == CERTIFICATE) {
                return Err(format!("--redis-ca-file {} holds no PEM certificate", path.display()));
            }
            Some(pem)
        }
        _ => return Err("--redis-ca-file is for a TLS Redis: give --redis-url rediss://…".into()),
    };
    let flags = if root_certificates.is_some() { "--redis-url with --redis-ca-file" } else { "--redis-url" };
    url.map(|url| Redis::new(url, root_certificates).map_err(|e| format!("{flags}: {e}"))).transpose()
}
