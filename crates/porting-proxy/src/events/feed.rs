//! What feeds the hub in simulator mode: the embedded simulator's change feed. (Upstream, the
//! webhooks and the hub's own polling feed it.)

use std::sync::Arc;

use tokio::sync::broadcast::error::RecvError;

use super::hub::Hub;
use crate::simulator::Simulator;

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
