//! `GET /portings/{id}/events`: Server-Sent Events with the whole porting, once on connect and
//! after every change, and comment heartbeats between. Authorised like `GET /portings/{id}` with
//! the `Authorization` header (the widget reads the stream with fetch, so no token in the URL).

use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{FromRef, Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use futures_util::stream;
use porting_model::Porting;
use tokio::time::Instant;

use super::hub::{Hub, Watch};
use super::slots::{Slot, StreamSlots};
use crate::error::ApiError;
use crate::guard::client_ip::{bucket, ClientIp};
use crate::metrics::{refusal, Refused};
use crate::routes::state::{ProxyState, Session};
use porting_model::contract as paths;

#[derive(Clone)]
pub struct LiveState {
    pub proxy: ProxyState,
    pub hub: Arc<Hub>,
    pub slots: Arc<StreamSlots>,
    pub heartbeat: Duration,
}

impl FromRef<LiveState> for ProxyState {
    fn from_ref(live: &LiveState) -> ProxyState {
        live.proxy.clone()
    }
}

pub fn router(state: LiveState) -> Router {
    Router::new().route(paths::EVENTS, get(events)).with_state(state)
}

async fn events(
    State(live): State<LiveState>,
    client: Option<Extension<ClientIp>>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    // Only a porting named in the signed session may get a channel, before anything is fetched.
    if !session.0.allows(&id) {
        return Err(ApiError::porting_not_found());
    }
    // Served without the rate limit in front (in-process), all requests are one client.
    let ip = client.map_or(IpAddr::from([0, 0, 0, 0]), |Extension(ClientIp(ip))| ip);
    let Some(slot) = live.slots.take(&session.0.sub, bucket(ip)) else {
        let refused = ApiError::too_many_streams(live.heartbeat).into_response();
        return Ok(refusal(Refused::Streams, refused));
    };
    // Watching starts before the fetch, so a change in between is not missed.
    let watch = live.hub.watch(&id);
    let current = session.porting(&live.proxy.gigs, &id).await?;
    // The stream must not outlive the session that opened it.
    let remaining = session.0.remaining(live.proxy.clock.now().unix_timestamp());
    // Bounded by the session lifetime; an overflow would end the stream at once, not panic.
    let ends = Instant::now().checked_add(remaining).unwrap_or_else(Instant::now);
    let keep_alive = KeepAlive::new().interval(live.heartbeat).text("heartbeat");
    Ok(Sse::new(changes(watch, current, ends, slot)).keep_alive(keep_alive).into_response())
}

/// `current`, then each change that differs from the last one sent, until `ends`.
fn changes(
    watch: Watch,
    current: Porting,
    ends: Instant,
    slot: Slot,
) -> impl futures_util::Stream<Item = Result<Event, Infallible>> {
    let state = (watch, Some(current), None::<Porting>, slot);
    stream::unfold(state, move |(mut watch, mut pending, last, slot)| async move {
        loop {
            let porting = match pending.take() {
                Some(porting) => porting,
                None => tokio::select! {
                    () = tokio::time::sleep_until(ends) => return None,
                    next = watch.next() => next?,
                },
            };
            if last.as_ref() == Some(&porting) {
                continue;
            }
            let event = Event::default().event("porting").json_data(&porting).ok()?;
            return Some((Ok(event), (watch, None, Some(porting), slot)));
        }
    })
}
