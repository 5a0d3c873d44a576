//! The HTTP routes: the widget API (`portings`, `service_providers`, the rendered first state in
//! `views`, sharing `state`), the simulator's demo routes, the probes, and the built widget's files.

pub mod demo;
pub mod portings;
pub mod probes;
pub mod service_providers;
pub mod state;
pub mod static_files;
pub mod views;

use axum::routing::{get, post};
use axum::Router;
use porting_model::contract as paths;
use tower_http::compression::CompressionLayer;

use state::ProxyState;

/// The widget API: Gigs' porting paths minus `/projects/{project}`, each checked against the
/// buyer's porting session.
pub fn widget_api(state: ProxyState) -> Router {
    Router::new()
        .route(paths::PORTINGS, post(portings::create))
        .route(paths::PORTING, get(portings::retrieve).patch(portings::update))
        .route(paths::CANCEL, post(portings::cancel))
        .route(paths::SERVICE_PROVIDERS, get(service_providers::list))
        // The rendered form is 14 KB of HTML, 3 KB compressed, on a phone's slow line. The session
        // travels in a header no other site can make a browser send, so BREACH has no way in.
        .route(paths::PORTING_VIEW, get(views::porting).layer(CompressionLayer::new()))
        .route(paths::CREATE_VIEW, get(views::create).layer(CompressionLayer::new()))
        .with_state(state)
}
