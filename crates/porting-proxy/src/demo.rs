//! The standalone page's demo: a dev-only route, mounted only in simulator mode, that creates a
//! demo buyer with a porting waiting for information and hands out a session for it.

use std::sync::Arc;

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use porting_model::{CreatePorting, NewPorting, PortingFields};
use serde::Serialize;

use crate::error::ApiError;
use crate::ids::new_id;
use crate::session::Claims;
use crate::simulator::Simulator;
use crate::widget_api::ProxyState;

/// How long a demo session lasts.
const DEMO_SESSION_SECS: i64 = 3600;
/// The demo buyer's number: a fictional North American number (555-01XX is reserved for fiction).
pub const DEMO_PHONE_NUMBER: &str = "+12015550123";
/// The recipient network the demo porting is created for.
const DEMO_PROVIDER: &str = "p9";

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoSession {
    pub session: String,
    pub porting_id: String,
}

pub fn router(state: ProxyState, sim: Arc<Simulator>) -> Router {
    Router::new().route("/dev/demo", post(create_demo)).with_state((state, sim))
}

async fn create_demo(
    State((state, sim)): State<(ProxyState, Arc<Simulator>)>,
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
    let now = state.clock.now().unix_timestamp();
    let claims = Claims {
        sub: user,
        portings: vec![porting.id.clone()],
        provider: DEMO_PROVIDER.into(),
        exp: now + DEMO_SESSION_SECS,
        iat: Some(now),
        nbf: None,
    };
    Ok(Json(DemoSession { session: state.sessions.mint(&claims), porting_id: porting.id }))
}
