//! The standalone `gigs-simulator` server: its command line, checked once at start-up so a bad
//! value stops it with a specific message, and its run loop.

use std::net::SocketAddr;
use std::sync::Arc;

use clap::Parser;
use tokio::net::TcpListener;

use crate::{router, spawn_webhooks, Simulator, EMBEDDED_SPEED, TICK_EVERY};
use gigs_http::cli::{API_KEY_ENV, WEBHOOK_SECRET_ENV};
use gigs_http::clock::{Clock, ScaledClock, SystemClock};
use gigs_http::webhook::WebhookSecret;

#[derive(Debug, Parser)]
#[command(
    name = "gigs-simulator",
    version,
    about = "An offline Gigs: the porting API with test numbers, a sped-up clock and optional signed webhooks.",
    after_help = "Environment (secrets are read from the environment only):\n  \
        GIGS_API_KEY         the API key clients must send as `Authorization: Bearer …` (required)\n  \
        GIGS_WEBHOOK_SECRET  signing secret for --webhook-url, `whsec_<base64>` or at least 24 bytes of text"
)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8788")]
    pub listen: SocketAddr,
    /// The project id of the paths, /projects/{project}/portings.
    #[arg(long, default_value = crate::SIMULATOR_PROJECT)]
    pub project: String,
    /// Simulated seconds per real second, 1 to 1000000. At 60 the donor answers in 2 s.
    #[arg(long, default_value_t = EMBEDDED_SPEED)]
    pub speed: f64,
    /// POST a signed com.gigs.porting.updated event here on every change (needs GIGS_WEBHOOK_SECRET).
    #[arg(long)]
    pub webhook_url: Option<String>,
}

/// A checked configuration.
pub struct Config {
    pub listen: SocketAddr,
    pub project: String,
    pub api_key: String,
    pub clock: Arc<dyn Clock>,
    pub webhook: Option<(String, WebhookSecret)>,
}

impl Args {
    /// Checks every value; `env` reads the secrets.
    pub fn resolve(self, env: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        gigs_http::ids::check_project(&self.project).map_err(|e| format!("--project {e}"))?;
        let api_key = env(API_KEY_ENV)
            .filter(|key| !key.trim().is_empty())
            .ok_or_else(|| format!("{API_KEY_ENV} must be set: clients send it as their API key"))?;
        let clock =
            ScaledClock::new(Arc::new(SystemClock), self.speed).map_err(|e| format!("--speed: {e}"))?;
        let webhook = match self.webhook_url {
            None => None,
            Some(url) if !(url.starts_with("http://") || url.starts_with("https://")) => {
                return Err(format!("--webhook-url must be an http(s) URL (got {url:?})"));
            }
            Some(url) => {
                let secret = env(WEBHOOK_SECRET_ENV)
                    .ok_or_else(|| format!("{WEBHOOK_SECRET_ENV} must be set with --webhook-url"))?;
                let secret = WebhookSecret::new(&secret).map_err(|e| format!("{WEBHOOK_SECRET_ENV}: {e}"))?;
                Some((url, secret))
            }
        };
        Ok(Config { listen: self.listen, project: self.project, api_key, clock: Arc::new(clock), webhook })
    }
}

/// Serves the simulator on `listener` until `shutdown` resolves, applying the donor's answers as
/// they fall due and sending webhooks meanwhile.
pub async fn run(
    config: Config,
    listener: TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let sim = Arc::new(Simulator::new(config.project, config.api_key, config.clock));
    sim.spawn_ticker(TICK_EVERY);
    if let Some((url, secret)) = config.webhook {
        spawn_webhooks(&sim, url, secret);
    }
    // Method, path and status only: bodies (the PIN) are never logged.
    let app = router(sim).layer(axum::middleware::from_fn(gigs_http::logging::log_requests));
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(extra: &[&str]) -> Args {
        Args::try_parse_from([&["gigs-simulator"], extra].concat()).unwrap()
    }

    fn env(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        |name| vars.iter().find(|(key, _)| *key == name).map(|(_, value)| value.to_string())
    }

    const KEY: &[(&str, &str)] = &[("GIGS_API_KEY", "sk_test")];

    fn error(extra: &[&str], vars: &'static [(&'static str, &'static str)]) -> String {
        args(extra).resolve(env(vars)).err().expect("the configuration is refused")
    }

    #[test]
    fn defaults_need_only_an_api_key() {
        let config = args(&[]).resolve(env(KEY)).unwrap();
        assert_eq!((config.listen.to_string(), config.project.as_str()), ("127.0.0.1:8788".into(), "sim"));
        assert!(config.webhook.is_none());
        assert!(error(&[], &[]).contains("GIGS_API_KEY must be set"));
        assert!(error(&[], &[("GIGS_API_KEY", "  ")]).contains("GIGS_API_KEY must be set"));
    }

    #[test]
    fn bad_values_get_specific_messages() {
        assert!(error(&["--speed", "0"], KEY).contains("--speed"));
        assert!(error(&["--speed", "NaN"], KEY).contains("--speed"));
        assert!(error(&["--project", "a/b"], KEY).contains("--project"));
        assert!(error(&["--webhook-url", "ftp://x"], KEY).contains("http(s) URL"));
        assert!(Args::try_parse_from(["gigs-simulator", "--listen", "nowhere"]).is_err());
    }

    #[test]
    fn a_webhook_url_needs_a_good_secret() {
        let url = ["--webhook-url", "http://127.0.0.1:9/hooks"];
        assert!(error(&url, KEY).contains("GIGS_WEBHOOK_SECRET must be set"));
        let short = &[("GIGS_API_KEY", "sk_test"), ("GIGS_WEBHOOK_SECRET", "short")];
        assert!(
            error(&url, short).contains("GIGS_WEBHOOK_SECRET: the webhook secret must be at least 24 bytes")
        );
        let good = &[("GIGS_API_KEY", "sk_test"), ("GIGS_WEBHOOK_SECRET", "a webhook secret that is long")];
        let config = args(&url).resolve(env(good)).unwrap();
        assert_eq!(config.webhook.map(|(url, _)| url).as_deref(), Some("http://127.0.0.1:9/hooks"));
    }
}
