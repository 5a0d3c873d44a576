//! `GET /serviceProviders`: the donors that port to the session's network.

use axum::extract::{Query, State};
use axum::Json;
use porting_model::{List, ServiceProvider};

use super::state::{ProxyState, Session};
use crate::error::ApiError;

/// Every service provider that ports to the session's provider, read across Gigs' pages. The
/// session decides the recipient: a `recipientProvider` naming another one is a 422 rather than
/// ignored, so a widget configured for the wrong network learns it.
pub async fn list(
    State(state): State<ProxyState>,
    Session(claims): Session,
    Query(query): Query<Vec<(String, String)>>,
) -> Result<Json<List<ServiceProvider>>, ApiError> {
    if query.iter().any(|(name, value)| name == "recipientProvider" && *value != claims.provider) {
        return Err(ApiError::invalid_field(
            "recipientProvider",
            "notSessionProvider",
            "Must be the session's provider, or left out.",
        ));
    }
    let providers = state.providers.of(&state.gigs, state.shared.as_ref(), &claims.provider).await?;
    Ok(Json(List::new(providers.as_ref().clone(), None, None)))
}
