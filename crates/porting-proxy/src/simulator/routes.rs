//! The simulator's HTTP API, shaped like Gigs: `/projects/{project}/portings…`, bearer API key.

use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use porting_model::{CreatePorting, Porting};

use super::Simulator;
use crate::error::ApiError;
use crate::extract::GigsJson;

/// The Gigs API of `sim`, answering only requests that carry its API key.
pub fn router(sim: Arc<Simulator>) -> Router {
    Router::new()
        .route("/projects/{project}/portings", axum::routing::post(create))
        .route("/projects/{project}/portings/{porting}", get(retrieve))
        .route_layer(middleware::from_fn_with_state(sim.clone(), require_api_key))
        .fallback(|| async { ApiError::not_found("routeNotFound", "No such endpoint.") })
        .with_state(sim)
}

async fn require_api_key(State(sim): State<Arc<Simulator>>, request: Request, next: Next) -> Response {
    let presented = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    if presented != Some(sim.api_key.as_str()) {
        return axum::response::IntoResponse::into_response(ApiError::unauthorized(
            "A valid API key is required.",
        ));
    }
    next.run(request).await
}

fn check_project(sim: &Simulator, project: &str) -> Result<(), ApiError> {
    if project == sim.project {
        Ok(())
    } else {
        Err(ApiError::not_found("projectNotFound", "The project was not found."))
    }
}

async fn create(
    State(sim): State<Arc<Simulator>>,
    Path(project): Path<String>,
    GigsJson(body): GigsJson<CreatePorting>,
) -> Result<(StatusCode, Json<Porting>), ApiError> {
    check_project(&sim, &project)?;
    Ok((StatusCode::CREATED, Json(sim.create(body)?)))
}

async fn retrieve(
    State(sim): State<Arc<Simulator>>,
    Path((project, id)): Path<(String, String)>,
) -> Result<Json<Porting>, ApiError> {
    check_project(&sim, &project)?;
    Ok(Json(sim.get(&id)?))
}
