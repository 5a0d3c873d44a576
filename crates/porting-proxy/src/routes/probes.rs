//! The probes a load balancer or orchestrator calls on the proxy's own address: `/healthz` (the
//! process answers) and `/readyz` (it can serve: Gigs answers its key, Redis answers when
//! configured, and it is not shutting down). Neither is logged, limited or counted, as probes
//! come every few seconds from every balancer.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use crate::gigs::client::Gigs;
use crate::shared::Redis;

pub const HEALTH: &str = "/healthz";
pub const READY: &str = "/readyz";
/// Every probe path, for the ops contract.
pub const PATHS: [&str; 2] = [HEALTH, READY];
/// How long one round of checks stands for readiness.
pub const DEFAULT_CHECK_EVERY: Duration = Duration::from_secs(5);
/// The longest the Gigs check may take; orchestrators' probe timeouts are a few seconds.
const GIGS_CHECK_TIMEOUT: Duration = Duration::from_secs(2);

/// What `/readyz` checks, and whether shutdown has begun.
pub struct Readiness {
    gigs: Gigs,
    redis: Option<Arc<Redis>>,
    draining: AtomicBool,
    /// The last round of checks and when it ran; one round at a time, and probes arriving
    /// meanwhile wait for it and share its answer.
    checked: tokio::sync::Mutex<Option<(Instant, Checks)>>,
    check_every: Duration,
}

/// Whether each dependency answered.
#[derive(Clone, Copy)]
struct Checks {
    gigs: bool,
    /// `None` without Redis.
    redis: Option<bool>,
}

/// The answer of `/readyz`.
#[derive(Debug, Serialize)]
pub struct Report {
    pub ready: bool,
    /// Shutdown has begun: not ready, whatever the checks say.
    pub draining: bool,
    /// Each dependency: `ok` or `failing`. Not checked while draining.
    pub checks: BTreeMap<&'static str, &'static str>,
}

impl Readiness {
    /// Checks Gigs, and `redis` when given, at most once per `check_every`, so probes, which
    /// anyone can send, add no load of note to either.
    pub fn new(gigs: Gigs, redis: Option<Arc<Redis>>, check_every: Duration) -> Arc<Readiness> {
        Arc::new(Readiness {
            gigs,
            redis,
            draining: AtomicBool::new(false),
            checked: tokio::sync::Mutex::default(),
            check_every,
        })
    }

    /// From now on the proxy is not ready, so balancers send buyers elsewhere.
    pub fn drain(&self) {
        self.draining.store(true, Ordering::Relaxed);
    }

    pub async fn report(&self) -> Report {
        if self.draining.load(Ordering::Relaxed) {
            return Report { ready: false, draining: true, checks: BTreeMap::new() };
        }
        let Checks { gigs, redis } = self.checks().await;
        let results = [("gigs", Some(gigs)), ("redis", redis)];
        let checks: BTreeMap<_, _> = results
            .into_iter()
            .filter_map(|(name, ok)| Some((name, if ok? { "ok" } else { "failing" })))
            .collect();
        let ready = checks.values().all(|state| *state == "ok");
        Report { ready, draining: false, checks }
    }

    async fn checks(&self) -> Checks {
        let mut last = self.checked.lock().await;
        if let Some((at, checks)) = *last {
            if at.elapsed() < self.check_every {
                return checks;
            }
        }
        let redis = async {
            match &self.redis {
                Some(redis) => Some(redis.ping().await.is_ok()),
                None => None,
            }
        };
        let (gigs, redis) = tokio::join!(self.gigs.check_access(GIGS_CHECK_TIMEOUT), redis);
        let checks = Checks { gigs: gigs.is_ok(), redis };
        if !checks.gigs && last.is_none_or(|(_, was)| was.gigs) {
            tracing::warn!("not ready: Gigs does not answer the proxy's key for its project");
        }
        *last = Some((Instant::now(), checks));
        checks
    }
}

/// The probe routes, to be served outside the logs, limits and metrics.
pub fn router(readiness: Arc<Readiness>) -> Router {
    Router::new().route(HEALTH, get(health)).route(READY, get(ready)).with_state(readiness)
}

async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

async fn ready(State(readiness): State<Arc<Readiness>>) -> Response {
    let report = readiness.report().await;
    let status = if report.ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, Json(report)).into_response()
}

/// Once `shutdown` resolves: marks the proxy not ready, then keeps serving for `period` so
/// balancers see `/readyz` fail and stop sending buyers before the listener closes. `cut_short`
/// (a second signal, say) ends the wait early.
pub async fn drain_after(
    shutdown: impl Future<Output = ()>,
    readiness: Arc<Readiness>,
    period: Duration,
    cut_short: impl Future<Output = ()>,
) {
    shutdown.await;
    readiness.drain();
    tracing::info!(seconds = period.as_secs_f64(), "draining: not ready until the listener closes");
    tokio::select! {
        () = tokio::time::sleep(period) => {}
        () = cut_short => tracing::info!("draining cut short"),
    }
}
