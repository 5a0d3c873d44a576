//! Assembles the proxy's HTTP service and runs it.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderValue, Request, StatusCode};
use axum::{middleware, Router};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tower::Service;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::clock::{Clock, ScaledClock};
use crate::error::{gigs_shaped, ApiError};
use crate::events;
use crate::events::feed::follow_simulator;
use crate::events::hub::{Hub, Poll};
use crate::events::slots::StreamSlots;
use crate::events::stream::{self, LiveState};
use crate::gigs::client::{self, Gigs, Transport};
use crate::gigs::deliveries::Deliveries;
use crate::gigs::webhooks::{self, Intake};
use crate::guard::client_ip::Networks;
use crate::guard::limits::{self, Limits};
use crate::guard::rate_limit::{self, RateLimits};
use crate::guard::session::SessionKey;
use crate::guard::{cors, headers};
use crate::metrics::{self, Metrics};
use crate::routes::probes::{self, Readiness};
use crate::routes::state::ProxyState;
use crate::routes::{self, demo, static_files};
use crate::shared::Redis;
use crate::simulator::{self, Simulator};
use crate::webhook::WebhookSecret;
use crate::{logging, SIMULATOR_API_KEY, SIMULATOR_PROJECT};

pub const DEFAULT_API_PREFIX: &str = "/api";
pub const DEFAULT_WEBHOOK_PATH: &str = "/webhooks/gigs";
pub const DEFAULT_UPSTREAM_TIMEOUT_MS: u64 = 10_000;
pub const DEFAULT_UPSTREAM_CONNECT_TIMEOUT_MS: u64 = 3_000;
/// How long a client may take to send a request's headers (slow-loris connections).
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// How long shutdown waits for open requests and streams before dropping them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Where the proxy sends Gigs calls.
pub enum Backend {
    /// The embedded simulator (the default): demos, QA and tests, fully offline.
    Simulator,
    /// A real Gigs API. Without a webhook secret, live status relies on polling alone.
    Upstream { base_url: String, project: String, api_key: String, webhook_secret: Option<WebhookSecret> },
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
    /// The longest one Gigs call may take, connection, answer and body included.
    pub upstream_timeout: Duration,
    pub upstream_connect_timeout: Duration,
    pub limits: Limits,
    /// Origins whose pages may call the widget API (CORS); none means same-origin only.
    pub allowed_origins: Vec<HeaderValue>,
    /// Who may frame the served pages (CSP `frame-ancestors` sources); none means no one.
    pub frame_ancestors: Vec<String>,
    pub live: events::Settings,
    /// Where Gigs posts webhooks (upstream mode with a webhook secret).
    pub webhook_path: String,
    /// The networks webhooks may come from; none: anywhere.
    pub webhook_sources: Networks,
    /// The state shared with the other instances; none keeps it in this process.
    pub redis: Option<Arc<Redis>>,
    /// Recorded when on, for [`metrics::router`] on the metrics address.
    pub metrics: Metrics,
    /// How long one round of `/readyz` checks (Gigs, Redis) stands.
    pub ready_check_every: Duration,
}

impl Settings {
    /// The defaults, as the command line has them, for `backend`.
    pub fn new(backend: Backend, sessions: SessionKey, clock: Arc<dyn Clock>) -> Settings {
        Settings {
            backend,
            sessions,
            clock,
            api_prefix: DEFAULT_API_PREFIX.into(),
            static_dir: None,
            upstream_timeout: Duration::from_millis(DEFAULT_UPSTREAM_TIMEOUT_MS),
            upstream_connect_timeout: Duration::from_millis(DEFAULT_UPSTREAM_CONNECT_TIMEOUT_MS),
            limits: Limits::default(),
            allowed_origins: Vec::new(),
            frame_ancestors: Vec::new(),
            live: events::Settings::default(),
            webhook_path: DEFAULT_WEBHOOK_PATH.into(),
            webhook_sources: Networks::default(),
            redis: None,
            metrics: Metrics::default(),
            ready_check_every: probes::DEFAULT_CHECK_EVERY,
        }
    }
}

/// The built service, and the simulator behind it when there is one (tests drive its clock).
pub struct App {
    pub router: Router,
    pub simulator: Option<Arc<Simulator>>,
    /// Turned not ready when shutdown begins ([`probes::drain_after`]).
    pub readiness: Arc<Readiness>,
    /// What [`metrics::router`] serves.
    pub metrics: Metrics,
}

/// Builds the service; it must be called inside a Tokio runtime, which runs the simulator's ticker
/// and the live status feeds.
pub fn build(settings: Settings) -> Result<App, String> {
    tokio::runtime::Handle::try_current().map_err(|_| "the proxy must be built inside a Tokio runtime")?;
    if matches!(settings.backend, Backend::Upstream { .. }) && !settings.sessions.expects_audience_or_issuer()
    {
        tracing::warn!(
            "no --session-audience or --session-issuer: any session signed with PORTING_SESSION_KEY is \
             accepted, whichever product minted it; name this proxy's so a key shared with another \
             product cannot mint sessions here"
        );
    }
    let (transport, project, api_key, simulator, webhook_secret) = match settings.backend {
        Backend::Simulator => {
            // Sped up for demos; `settings.clock` stays the proxy's own (expiry, today's date).
            let clock = ScaledClock::new(settings.clock.clone(), simulator::EMBEDDED_SPEED)?;
            let sim = Arc::new(Simulator::new(SIMULATOR_PROJECT, SIMULATOR_API_KEY, Arc::new(clock)));
            sim.spawn_ticker(simulator::TICK_EVERY);
            let transport = Transport::InProcess(simulator::router(sim.clone()));
            (transport, SIMULATOR_PROJECT.to_owned(), SIMULATOR_API_KEY.to_owned(), Some(sim), None)
        }
        Backend::Upstream { base_url, project, api_key, webhook_secret } => {
            let transport = Transport::http(&base_url, settings.upstream_connect_timeout)?;
            (transport, project, api_key, None, webhook_secret)
        }
    };
    let metrics = settings.metrics;
    let gigs =
        Gigs::new(transport, project, api_key, settings.upstream_timeout).with_metrics(metrics.clone());
    let readiness = Readiness::new(gigs.clone(), settings.redis.clone(), settings.ready_check_every);
    let state = ProxyState::new(
        gigs.clone(),
        settings.sessions.clone(),
        settings.clock.clone(),
        settings.redis.clone(),
    );

    // Live status: the simulator reports its own changes; a real Gigs is polled between webhooks.
    let poll = simulator.is_none().then(|| Poll { gigs, interval: settings.live.poll_interval });
    let hub = Hub::new(poll);
    if let Some(redis) = &settings.redis {
        let counted = metrics.clone();
        redis.on_dropped_change(move || counted.change_dropped());
        hub.relay_through(redis.clone());
    }
    if let Some(sim) = &simulator {
        follow_simulator(sim, hub.clone());
    }
    let live = LiveState {
        proxy: state.clone(),
        hub: hub.clone(),
        slots: StreamSlots::new(
            settings.live.streams_per_session,
            settings.live.streams_per_ip,
            settings.live.max_streams,
            metrics.clone(),
        ),
        heartbeat: settings.live.heartbeat,
    };

    let limits = &settings.limits;
    let mut api = routes::widget_api(state.clone()).merge(stream::router(live));
    if let Some(sim) = &simulator {
        let demo_rate =
            RateLimits::per_ip("demo", demo::RATE, &limits.trusted_proxies, settings.clock.clone())
                .shared(settings.redis.clone());
        api = api.merge(demo::router(state, sim.clone(), demo_rate));
    }
    let rates =
        RateLimits::new(limits, settings.clock.clone(), settings.sessions).shared(settings.redis.clone());
    let api = api
        .fallback(|| async { ApiError::not_found("routeNotFound", "No such endpoint.") })
        .layer(middleware::from_fn_with_state(settings.upstream_timeout, client::upstream_deadline))
        .layer(middleware::from_fn_with_state(limits.body_timeout, limits::read_session_body))
        .layer(middleware::from_fn_with_state(Arc::new(rates), rate_limit::limit))
        .layer(RequestBodyLimitLayer::new(limits.body_bytes));
    let api = api_layers(api, limits.request_timeout);
    // CORS outermost, so preflights and refusals alike carry its headers for allowed origins.
    let api = match cors::layer(&settings.allowed_origins) {
        Some(cors) => api.layer(cors),
        None => api,
    };
    let mut router = Router::new().nest(&settings.api_prefix, api);
    if let Some(dir) = settings.static_dir {
        router = router.fallback_service(static_files::router(&dir, &settings.frame_ancestors)?);
    }
    let pool = Arc::new(Semaphore::new(limits.max_in_flight));
    let mut router = router.layer(middleware::from_fn_with_state(pool, limits::in_flight));

    // Merged after the API's in-flight limit: deliveries must not take the API's places.
    if let Some(secret) = webhook_secret {
        let intake =
            Intake::new(secret, hub, settings.clock.clone(), settings.redis.clone(), metrics.clone());
        let rates = RateLimits::per_ip("webhooks", webhooks::RATE, &limits.trusted_proxies, settings.clock)
            .shared(settings.redis.clone());
        let deliveries = Deliveries::new(limits.max_in_flight, settings.webhook_sources);
        let webhooks = webhooks::router(&settings.webhook_path, intake, deliveries, limits.body_timeout)
            .layer(middleware::from_fn_with_state(Arc::new(rates), rate_limit::limit));
        router = router.merge(api_layers(webhooks, limits.request_timeout));
    }
    let mut router = router.layer(middleware::map_response_with_state(headers::baseline(), headers::apply));
    router = if metrics.is_on() {
        router.layer(middleware::from_fn_with_state(metrics.clone(), metrics::track))
    } else {
        router.layer(middleware::from_fn(logging::log_requests))
    };
    // Probes are merged after the layers, so they are neither logged, limited nor counted.
    let probes = probes::router(readiness.clone())
        .layer(middleware::map_response_with_state(headers::api(), headers::apply))
        .layer(middleware::map_response_with_state(headers::baseline(), headers::apply));
    let router = router.merge(probes);
    Ok(App { router, simulator, readiness, metrics })
}

/// What API and webhook answers share: a time limit, the Gigs error shape for refusals made by
/// layers, and headers that keep them out of caches and frames.
fn api_layers(router: Router, timeout: Duration) -> Router {
    router
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, timeout))
        .layer(middleware::map_response(gigs_shaped))
        .layer(middleware::map_response_with_state(headers::api(), headers::apply))
}

/// Serves `router` on `listener` until `shutdown` resolves, then lets open requests finish for a
/// while. Each connection must send its request headers within [`HEADER_READ_TIMEOUT`]. The
/// connections belong to this future: when it ends or is dropped, the ones still open close.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let connections = GracefulShutdown::new();
    let mut tasks = JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        // Reaps the connections that ended, so the set holds only open ones.
        while tasks.try_join_next().is_some() {}
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: back off instead of spinning.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            router.clone().call(request.map(Body::new))
        });
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_READ_TIMEOUT)
            .serve_connection(TokioIo::new(stream), service);
        let connection = connections.watch(connection);
        tasks.spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended with an error");
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, connections.shutdown()).await.is_err() {
        tracing::info!("closed the connections still open after the grace period");
    }
    Ok(())
}
