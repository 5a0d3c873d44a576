//! Webhooks from the standalone simulator, as Gigs sends them: a signed
//! `com.gigs.porting.updated` event for every change, POSTed to one URL in the order of the
//! changes. Each is sent once; a failed delivery is logged, not retried.

use std::sync::{Arc, Weak};
use std::time::Duration;

use axum::http::header;
use porting_model::Porting;
use time::OffsetDateTime;
use tokio::sync::broadcast::error::RecvError;

use super::Simulator;
use gigs_http::clock::rfc3339;
use gigs_http::ids::new_id;
use gigs_http::webhook::{Event, WebhookSecret, ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER};

/// How long one delivery may take before it is given up.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(10);

/// Sends an event to `url` for every change of `sim`'s portings from now on, until the
/// simulator is dropped.
pub fn spawn_webhooks(
    sim: &Arc<Simulator>,
    url: String,
    secret: WebhookSecret,
) -> tokio::task::JoinHandle<()> {
    let mut changes = sim.subscribe();
    let sim = Arc::downgrade(sim);
    let client = reqwest::Client::builder()
        .timeout(DELIVERY_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client without TLS settings builds");
    tokio::spawn(async move {
        loop {
            match changes.recv().await {
                Ok(porting) => {
                    let Some(event) = event_now(&sim, porting) else { break };
                    deliver(&client, &url, &secret, &event).await;
                }
                Err(RecvError::Lagged(missed)) => {
                    tracing::warn!(missed, "webhook deliveries fell behind; some changes were not sent");
                }
                Err(RecvError::Closed) => break,
            }
        }
    })
}

/// The event for a change that happened just now in simulated time (None once the simulator is
/// gone).
fn event_now(sim: &Weak<Simulator>, porting: Porting) -> Option<Event> {
    let now = sim.upgrade()?.now();
    Some(Event::porting_updated(new_id("evt"), rfc3339(now), porting))
}

async fn deliver(client: &reqwest::Client, url: &str, secret: &WebhookSecret, event: &Event) {
    let body = serde_json::to_vec(event).expect("an event serialises");
    // Receivers compare the timestamp with their own clock, so it is real time even when the
    // simulation runs faster.
    let timestamp = OffsetDateTime::now_utc().unix_timestamp();
    let request = client
        .post(url)
        .header(header::CONTENT_TYPE, "application/json")
        .header(ID_HEADER, &event.id)
        .header(TIMESTAMP_HEADER, timestamp.to_string())
        .header(SIGNATURE_HEADER, secret.sign(&event.id, timestamp, &body))
        .body(body);
    let porting = &event.data.id;
    match request.send().await {
        Ok(response) if response.status().is_success() => {
            tracing::debug!(event = %event.id, %porting, "webhook delivered");
        }
        Ok(response) => {
            tracing::warn!(event = %event.id, %porting, status = %response.status(), "webhook refused");
        }
        Err(error) => {
            tracing::warn!(event = %event.id, %porting, error = %error.without_url(), "webhook not delivered");
        }
    }
}
