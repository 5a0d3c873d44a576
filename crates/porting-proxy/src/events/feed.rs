//! What feeds the hub: the embedded simulator's change feed, or (upstream mode, next to the
//! webhooks) polling of the watched portings.

use std::sync::{Arc, Weak};
use std::time::Duration;

use tokio::sync::broadcast::error::RecvError;
use tokio::task::AbortHandle;

use super::Hub;
use crate::simulator::Simulator;
use crate::upstream::Gigs;

/// Passes every simulator change to the hub until the simulator is dropped.
pub fn follow_simulator(sim: &Simulator, hub: Arc<Hub>) {
    let mut changes = sim.subscribe();
    tokio::spawn(async move {
        loop {
            match changes.recv().await {
                Ok(porting) => hub.publish(porting),
                // Each change carries the whole porting, so a skipped one is made good by the next.
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => break,
            }
        }
    });
}

/// Upstream polling of watched portings: the fallback for webhooks that are late, lost or not
/// configured.
#[derive(Clone, Debug)]
pub struct Poll {
    pub gigs: Gigs,
    pub interval: Duration,
}

impl Poll {
    /// Polls porting `id` every interval for as long as it is watched, unless an update arrived
    /// in the last half interval (a webhook, or the previous poll landing a little late).
    pub(super) fn start(&self, hub: Weak<Hub>, id: String) -> AbortHandle {
        let Poll { gigs, interval } = self.clone();
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(interval);
            ticks.tick().await;
            loop {
                ticks.tick().await;
                let Some(hub) = hub.upgrade() else { break };
                if !hub.is_quiet(&id, interval / 2) {
                    continue;
                }
                // One instance polls for the cluster; the others hear the change through Redis.
                if let Some(redis) = hub.relay() {
                    if redis.claim(&format!("poll:{id}"), interval / 2).await.is_ok_and(|mine| !mine) {
                        continue;
                    }
                }
                match gigs.get_porting(&id).await {
                    Ok(porting) => hub.publish(porting),
                    Err(error) => tracing::debug!(status = %error.status, "polling a watched porting failed"),
                }
            }
        })
        .abort_handle()
    }
}
