//! Command-line flags and environment, checked once at start-up so a wrong value stops the
//! proxy with a specific message instead of failing on the first request.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;

use crate::clock::SystemClock;
use crate::server::{Backend, Settings};
use crate::session::SessionKey;

/// Secrets come from the environment only, never from flags, which other users can see in the
/// process list.
pub const API_KEY_ENV: &str = "GIGS_API_KEY";
pub const SESSION_KEY_ENV: &str = "PORTING_SESSION_KEY";

#[derive(Debug, Parser)]
#[command(
    name = "porting-proxy",
    version,
    about = "Merchant proxy for the porting widget. Without --gigs-base-url it runs the embedded Gigs simulator.",
    after_help = "Environment (secrets are read from the environment only):\n  \
        GIGS_API_KEY         Gigs API key (required with --gigs-base-url)\n  \
        PORTING_SESSION_KEY  HS256 key, at least 32 bytes, shared with the backend that mints porting\n                       \
        sessions (required with --gigs-base-url; random per start with the simulator)"
)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, env = "PORTING_LISTEN", default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,
    /// Path prefix of the widget API.
    #[arg(long, env = "PORTING_API_PREFIX", default_value = "/api")]
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
    /// How long to wait for Gigs, in milliseconds (1 to 120000).
    #[arg(long, env = "PORTING_UPSTREAM_TIMEOUT_MS", default_value_t = 10_000)]
    pub upstream_timeout_ms: u64,
}

impl Args {
    /// Checks every value; `env` reads the secret variables.
    pub fn resolve(self, env: impl Fn(&str) -> Option<String>) -> Result<(SocketAddr, Settings), String> {
        if !self.api_prefix.starts_with('/') || self.api_prefix.len() < 2 || self.api_prefix.ends_with('/') {
            return Err(format!(
                "--api-prefix must start with / and not end with one, like /api (got {:?})",
                self.api_prefix
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
        if !(1..=120_000).contains(&self.upstream_timeout_ms) {
            return Err(format!(
                "--upstream-timeout-ms must be between 1 and 120000 (got {})",
                self.upstream_timeout_ms
            ));
        }
        let (backend, sessions) = match self.gigs_base_url {
            None => (Backend::Simulator, SessionKey::random()),
            Some(base_url) => {
                if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
                    return Err(format!("--gigs-base-url must be an http(s) URL (got {base_url:?})"));
                }
                let project = self
                    .gigs_project
                    .filter(|p| !p.trim().is_empty())
                    .ok_or("--gigs-project (or GIGS_PROJECT) is required with --gigs-base-url")?;
                let api_key = env(API_KEY_ENV)
                    .filter(|k| !k.trim().is_empty())
                    .ok_or_else(|| format!("{API_KEY_ENV} must be set with --gigs-base-url"))?;
                let session_key = env(SESSION_KEY_ENV)
                    .ok_or_else(|| format!("{SESSION_KEY_ENV} must be set with --gigs-base-url"))?;
                let sessions = SessionKey::new(session_key).map_err(|e| format!("{SESSION_KEY_ENV}: {e}"))?;
                (Backend::Upstream { base_url, project, api_key }, sessions)
            }
        };
        let settings = Settings {
            backend,
            sessions,
            clock: Arc::new(SystemClock),
            api_prefix: self.api_prefix,
            static_dir: self.static_dir,
            upstream_timeout: Duration::from_millis(self.upstream_timeout_ms),
        };
        Ok((self.listen, settings))
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
        let (listen, settings) = args(&[]).resolve(no_env).unwrap();
        assert_eq!(listen.to_string(), "127.0.0.1:8787");
        assert!(matches!(settings.backend, Backend::Simulator));
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
