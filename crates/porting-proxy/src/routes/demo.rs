//! Dev-only routes, mounted only in simulator mode: the standalone page's demo, which creates a
//! demo buyer with a porting waiting for information and hands out a session for it; what a
//! merchant's checkout does with Gigs when it creates the subscription for a porting; and the
//! fresh session a merchant's backend mints for its buyer's porting (the link in a confirmation
//! email).

use std::sync::Arc;

use axum::extract::{FromRef, Path, State};
use axum::middleware;
use axum::routing::post;
use axum::{Json, Router};
use porting_model::contract::DemoSession;
use porting_model::{CreatePorting, NewPorting, Porting, PortingFields};

use super::state::{ProxyState, Session};
use crate::error::ApiError;
use crate::guard::rate::Rate;
use crate::guard::rate_limit::{self, RateLimits};
use crate::guard::session::Claims;
use crate::ids::new_id;
use crate::simulator::Simulator;
use porting_model::contract as paths;

/// How long a demo session lasts.
const DEMO_SESSION_SECS: i64 = 3600;
/// Demo buyers one client IP may ask for: one per page load, with room for a developer's reloads.
pub const RATE: Rate = Rate { per_minute: 30, burst: 10 };
/// The demo buyer's number: a fictional North American number (555-01XX is reserved for fiction).
pub const DEMO_PHONE_NUMBER: &str = "+12015550123";
/// The recipient network the demo porting is created for.
const DEMO_PROVIDER: &str = "p9";

#[derive(Clone)]
struct DevState {
    proxy: ProxyState,
    sim: Arc<Simulator>,
}

impl FromRef<DevState> for ProxyState {
    fn from_ref(state: &DevState) -> ProxyState {
        state.proxy.clone()
    }
}

/// The dev routes; `demo_rate` limits the demo buyers one client may ask for, as each is a new
/// user and porting in the simulator's memory.
pub fn router(proxy: ProxyState, sim: Arc<Simulator>, demo_rate: RateLimits) -> Router {
    let limited = middleware::from_fn_with_state(Arc::new(demo_rate), rate_limit::limit);
    Router::new()
        .route(paths::DEV_DEMO, post(create_demo).layer(limited.clone()))
        .route(paths::DEV_SESSION, post(fresh_session).layer(limited))
        .route(paths::DEV_SUBSCRIBE, post(subscribe))
        .with_state(DevState { proxy, sim })
}

async fn create_demo(
    State(DevState { proxy: state, sim }): State<DevState>,
) -> Result<Json<DemoSession>, ApiError> {
    let user = new_id("usr");
    let porting = sim.create(CreatePorting {
        user: user.clone(),
        provider: DEMO_PROVIDER.into(),
        porting: NewPorting {
            phone_number: DEMO_PHONE_NUMBER.into(),
            fields: PortingFields { donor_provider: Some("svp_us_att".into()), ..Default::default() },
        },
    })?;
    sim.activate(&porting.id)?;
    Ok(Json(session_for(&state, user, DEMO_PROVIDER.into(), porting.id)))
}

/// A fresh session for the buyer of the porting `id`, allowing it alone: what the merchant's
/// backend mints, with `PORTING_SESSION_KEY`, once it knows the buyer (signed in, or a signed link
/// in the confirmation email). Simulator only, where every buyer is a demo one.
async fn fresh_session(
    State(DevState { proxy: state, sim }): State<DevState>,
    Path(id): Path<String>,
) -> Result<Json<DemoSession>, ApiError> {
    let porting = sim.get(&id)?;
    Ok(Json(session_for(&state, porting.user, porting.provider, porting.id)))
}

/// A session of [`DEMO_SESSION_SECS`] for `user` on `provider`'s network allowing `porting_id`.
fn session_for(state: &ProxyState, user: String, provider: String, porting_id: String) -> DemoSession {
    let now = state.clock.now().unix_timestamp();
    let claims = Claims {
        sub: user,
        portings: vec![porting_id.clone()],
        provider,
        exp: now + DEMO_SESSION_SECS,
        iat: Some(now),
        nbf: None,
        aud: None,
        iss: None,
    };
    let claims = state.sessions.as_expected(claims);
    DemoSession { session: state.sessions.mint(&claims), porting_id }
}

/// Uses a draft porting the session owns for a new subscription, as the merchant's checkout
/// would through Gigs' subscription API: the porting leaves `draft`.
async fn subscribe(
    State(DevState { proxy, sim }): State<DevState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Json<Porting>, ApiError> {
    session.porting(&proxy.gigs, &id).await?;
    Ok(Json(sim.activate(&id)?))
}
