//! The API the widget calls: Gigs' porting paths minus `/projects/{project}`, each checked
//! against the buyer's porting session.

use std::sync::Arc;

use axum::extract::{FromRef, FromRequestParts, Path, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::routing::get;
use axum::{Json, Router};
use porting_model::Porting;

use crate::clock::Clock;
use crate::error::ApiError;
use crate::session::{Claims, SessionKey};
use crate::upstream::Gigs;

/// What every widget route needs.
#[derive(Clone)]
pub struct ProxyState {
    pub gigs: Gigs,
    pub sessions: SessionKey,
    pub clock: Arc<dyn Clock>,
}

pub fn router(state: ProxyState) -> Router {
    Router::new().route("/portings/{porting}", get(retrieve)).with_state(state)
}

/// The verified claims of the request's `Authorization: Bearer` session.
pub struct Session(pub Claims);

impl<S: Send + Sync> FromRequestParts<S> for Session
where
    ProxyState: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let state = ProxyState::from_ref(state);
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .ok_or_else(|| ApiError::unauthorized("A porting session is required."))?;
        let now = state.clock.now().unix_timestamp();
        let claims = state.sessions.verify(token, now).map_err(|e| ApiError::unauthorized(e.to_string()))?;
        Ok(Session(claims))
    }
}

impl Session {
    /// Fetches a porting this session owns; anything else is "not found", so ids cannot be probed.
    pub(crate) async fn porting(&self, gigs: &Gigs, id: &str) -> Result<Porting, ApiError> {
        if !self.0.allows(id) {
            return Err(ApiError::porting_not_found());
        }
        let porting = gigs.get_porting(id).await?;
        if porting.user != self.0.sub {
            return Err(ApiError::porting_not_found());
        }
        Ok(porting)
    }
}

async fn retrieve(
    State(state): State<ProxyState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Json<Porting>, ApiError> {
    Ok(Json(session.porting(&state.gigs, &id).await?))
}
