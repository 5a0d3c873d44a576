//! What every widget route shares: one state handle (cloned per request, so one `Arc`), and the
//! buyer's verified session.

use std::sync::Arc;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
use porting_model::Porting;

use crate::clock::Clock;
use crate::error::ApiError;
use crate::gigs::client::Gigs;
use crate::gigs::providers::ProviderLists;
use crate::guard::porting_cap::PortingCap;
use crate::guard::session::{Claims, SessionKey, VerifiedSession};
use crate::shared::Redis;

/// The most portings one buyer (session subject) may create while any session that created one
/// is still valid, and the most one session may list: each id lengthens the token, and a buyer
/// needs few. Counted by [`PortingCap`], so replaying an older session does not reset it.
pub const MAX_SESSION_PORTINGS: usize = 20;

#[derive(Clone)]
pub struct ProxyState(Arc<StateParts>);

pub struct StateParts {
    pub gigs: Gigs,
    pub sessions: SessionKey,
    pub clock: Arc<dyn Clock>,
    /// Portings created per buyer, for [`MAX_SESSION_PORTINGS`].
    pub created: Arc<PortingCap>,
    pub providers: Arc<ProviderLists>,
    /// With Redis: the cap and the lists across every instance.
    pub shared: Option<Arc<Redis>>,
}

impl ProxyState {
    /// `shared`: the Redis holding the cap and the lists for every instance, if any.
    pub fn new(gigs: Gigs, sessions: SessionKey, clock: Arc<dyn Clock>, shared: Option<Arc<Redis>>) -> Self {
        let created = PortingCap::new(MAX_SESSION_PORTINGS);
        ProxyState(Arc::new(StateParts { gigs, sessions, clock, created, providers: Arc::default(), shared }))
    }
}

impl std::ops::Deref for ProxyState {
    type Target = StateParts;

    fn deref(&self) -> &StateParts {
        &self.0
    }
}

/// The verified claims of the request's `Authorization: Bearer` session.
pub struct Session(pub Claims);

impl<S: Send + Sync> FromRequestParts<S> for Session
where
    ProxyState: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        if let Some(VerifiedSession(claims)) = parts.extensions.get::<VerifiedSession>() {
            return Ok(Session(claims.clone()));
        }
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
    pub async fn porting(&self, gigs: &Gigs, id: &str) -> Result<Porting, ApiError> {
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
