//! The simulator's HTTP API, shaped like Gigs: a bearer API key, `/projects/{project}/portings…`
//! and `/serviceProviders…`, errors in the Gigs shape. One endpoint is the simulator's own:
//! `POST …/portings/{porting}/simulate/subscribe` stands for the merchant creating a subscription
//! with the porting, which moves it out of `draft`.

use std::sync::Arc;

use axum::extract::{Path, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use porting_model::{List, Porting, ServiceProvider, Status};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::pagination::{query_value, Page};
use super::{PortingFilter, Simulator};
use gigs_http::error::{gigs_shaped, ApiError};
use gigs_http::extract::{BodyShape, GigsJson};
use gigs_http::webhook::secrets_match;

/// Gigs' create body: the buyer's fields, the number, and whose porting it is for which network.
const CREATE: BodyShape = BodyShape { required: &["user", "provider", "phoneNumber"], optional: &[] };
const UPDATE: BodyShape = BodyShape { required: &[], optional: &["phoneNumber", "provider"] };

/// The Gigs API of `sim`, answering only requests that carry its API key.
pub fn router(sim: Arc<Simulator>) -> Router {
    let project = Router::new()
        .route("/projects/{project}/portings", get(list).post(create))
        .route("/projects/{project}/portings/{porting}", get(retrieve).patch(update))
        .route("/projects/{project}/portings/{porting}/cancel", post(cancel))
        .route("/projects/{project}/portings/{porting}/simulate/subscribe", post(subscribe))
        .route_layer(middleware::from_fn_with_state(sim.clone(), known_project));
    Router::new()
        .merge(project)
        .route("/serviceProviders", get(service_providers))
        .route("/serviceProviders/{service_provider}", get(service_provider))
        .route_layer(middleware::from_fn_with_state(sim.clone(), require_api_key))
        .fallback(|| async { ApiError::not_found("routeNotFound", "No such endpoint.") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "invalidRequestError",
                "methodNotAllowed",
                "The endpoint does not support this method.",
            )
        })
        .with_state(sim)
        // Rejections made by extractors (a path segment that is not UTF-8, say) in the Gigs shape too.
        .layer(middleware::map_response(gigs_shaped))
}

async fn require_api_key(State(sim): State<Arc<Simulator>>, request: Request, next: Next) -> Response {
    let presented = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    if !presented.is_some_and(|key| secrets_match(key.as_bytes(), sim.api_key.as_bytes())) {
        return ApiError::unauthorized("A valid API key is required.").into_response();
    }
    next.run(request).await
}

async fn known_project(
    State(sim): State<Arc<Simulator>>,
    Path(params): Path<Vec<(String, String)>>,
    request: Request,
    next: Next,
) -> Response {
    if !params.iter().any(|(name, value)| name == "project" && *value == sim.project) {
        return ApiError::not_found("projectNotFound", "The project was not found.").into_response();
    }
    next.run(request).await
}

#[derive(Deserialize)]
struct PortingPath {
    porting: String,
}

async fn create(
    State(sim): State<Arc<Simulator>>,
    GigsJson(body): GigsJson<Map<String, Value>>,
) -> Result<(StatusCode, Json<Porting>), ApiError> {
    Ok((StatusCode::CREATED, Json(sim.create(CREATE.parse(body)?)?)))
}

async fn retrieve(
    State(sim): State<Arc<Simulator>>,
    Path(path): Path<PortingPath>,
) -> Result<Json<Porting>, ApiError> {
    Ok(Json(sim.get(&path.porting)?))
}

async fn update(
    State(sim): State<Arc<Simulator>>,
    Path(path): Path<PortingPath>,
    GigsJson(body): GigsJson<Map<String, Value>>,
) -> Result<Json<Porting>, ApiError> {
    Ok(Json(sim.update(&path.porting, UPDATE.parse(body)?)?))
}

async fn cancel(
    State(sim): State<Arc<Simulator>>,
    Path(path): Path<PortingPath>,
) -> Result<Json<Porting>, ApiError> {
    Ok(Json(sim.cancel(&path.porting)?))
}

async fn subscribe(
    State(sim): State<Arc<Simulator>>,
    Path(path): Path<PortingPath>,
) -> Result<Json<Porting>, ApiError> {
    Ok(Json(sim.activate(&path.porting)?))
}

async fn list(
    State(sim): State<Arc<Simulator>>,
    Query(query): Query<Vec<(String, String)>>,
) -> Result<Json<List<Porting>>, ApiError> {
    let page = Page::from_query(&query)?;
    Ok(Json(sim.list(&porting_filter(&query)?, &page)?))
}

/// `status` may be repeated and may list several statuses separated by commas.
fn porting_filter(query: &[(String, String)]) -> Result<PortingFilter, ApiError> {
    let statuses: Vec<Status> = query
        .iter()
        .filter(|(name, _)| name == "status")
        .flat_map(|(_, value)| value.split(','))
        .map(str::trim)
        .filter(|status| !status.is_empty())
        .map(Status::from)
        .collect();
    if statuses.iter().any(|status| !status.is_known()) {
        let known: Vec<&str> = Status::KNOWN.iter().map(Status::as_str).collect();
        return Err(ApiError::invalid_field(
            "status",
            "unknownValue",
            format!("Each status must be one of {}.", known.join(", ")),
        ));
    }
    Ok(PortingFilter { statuses, subscription: query_value(query, "subscription") })
}

async fn service_providers(
    State(sim): State<Arc<Simulator>>,
    Query(query): Query<Vec<(String, String)>>,
) -> Result<Json<List<ServiceProvider>>, ApiError> {
    let page = Page::from_query(&query)?;
    let recipient = query_value(&query, "recipientProvider");
    Ok(Json(sim.service_providers(recipient.as_deref(), &page)?))
}

async fn service_provider(
    State(sim): State<Arc<Simulator>>,
    Path(id): Path<String>,
) -> Result<Json<ServiceProvider>, ApiError> {
    Ok(Json(sim.service_provider(&id)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn statuses_may_be_repeated_or_separated_by_commas() {
        let filter = porting_filter(&query(&[
            ("status", "draft,pending"),
            ("status", "completed"),
            ("subscription", "sub_1"),
        ]))
        .unwrap();
        assert_eq!(filter.statuses, [Status::Draft, Status::Pending, Status::Completed]);
        assert_eq!(filter.subscription.as_deref(), Some("sub_1"));
    }

    #[test]
    fn an_unknown_status_is_422_naming_status() {
        let error = porting_filter(&query(&[("status", "draft,onHold")])).unwrap_err();
        assert_eq!(error.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error.body.details[0].property.as_deref(), Some("status"));
    }
}
