//! Assembles the proxy's HTTP service and runs it.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use tokio::net::TcpListener;
use tower_http::services::{ServeDir, ServeFile};

use crate::clock::{Clock, ScaledClock};
use crate::error::ApiError;
use crate::session::SessionKey;
use crate::simulator::{self, Simulator};
use crate::upstream::{Gigs, Transport};
use crate::widget_api::{self, ProxyState};
use crate::{demo, SIMULATOR_API_KEY, SIMULATOR_PROJECT};

/// Where the proxy sends Gigs calls.
pub enum Backend {
    /// The embedded simulator (the default): demos, QA and tests, fully offline.
    Simulator,
    /// A real Gigs API.
    Upstream { base_url: String, project: String, api_key: String },
}

/// Everything needed to build the service.
pub struct Settings {
    pub backend: Backend,
    pub sessions: SessionKey,
    pub clock: Arc<dyn Clock>,
    /// Path prefix of the widget API, e.g. `/api`.
    pub api_prefix: String,
    /// A built widget (trunk's `dist/`) to serve at `/`.
    pub static_dir: Option<PathBuf>,
    pub upstream_timeout: Duration,
}

/// The built service, and the simulator behind it when there is one (tests drive its clock).
pub struct App {
    pub router: Router,
    pub simulator: Option<Arc<Simulator>>,
}

/// Builds the service. With the simulator this starts its ticker, so it must run inside a Tokio
/// runtime.
pub fn build(settings: Settings) -> Result<App, String> {
    let (transport, project, api_key, simulator) = match settings.backend {
        Backend::Simulator => {
            // Sped up so a demo port is answered in seconds; `settings.clock` stays the proxy's
            // own time (session expiry, today's date for validation).
            let clock = ScaledClock::new(settings.clock.clone(), simulator::EMBEDDED_SPEED)?;
            let sim = Arc::new(Simulator::new(SIMULATOR_PROJECT, SIMULATOR_API_KEY, Arc::new(clock)));
            sim.spawn_ticker(simulator::TICK_EVERY);
            let transport = Transport::InProcess(simulator::router(sim.clone()));
            (transport, SIMULATOR_PROJECT.to_owned(), SIMULATOR_API_KEY.to_owned(), Some(sim))
        }
        Backend::Upstream { base_url, project, api_key } => {
            let client = reqwest::Client::builder()
                .connect_timeout(settings.upstream_timeout)
                .build()
                .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
            let base_url = base_url.trim_end_matches('/').to_owned();
            (Transport::Http { client, base_url }, project, api_key, None)
        }
    };
    let state = ProxyState {
        gigs: Gigs::new(transport, project, api_key, settings.upstream_timeout),
        sessions: settings.sessions,
        clock: settings.clock,
    };
    let mut api = widget_api::router(state.clone());
    if let Some(sim) = &simulator {
        api = api.merge(demo::router(state, sim.clone()));
    }
    let api = api.fallback(|| async { ApiError::not_found("routeNotFound", "No such endpoint.") });
    let mut router = Router::new().nest(&settings.api_prefix, api);
    if let Some(dir) = settings.static_dir {
        let index = dir.join("index.html");
        router = router.fallback_service(ServeDir::new(dir).fallback(ServeFile::new(index)));
    }
    // Method, path and status only: headers (the session) and bodies (the PIN) are never logged.
    let router = router.layer(tower_http::trace::TraceLayer::new_for_http());
    Ok(App { router, simulator })
}

/// Serves `router` on `listener` until `shutdown` resolves, then lets open requests finish.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}
