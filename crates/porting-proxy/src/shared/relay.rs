//! The porting changes each instance learns, published to the others through Redis, and theirs
//! received here.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use porting_model::Porting;
use redis::{AsyncCommands, RedisResult};
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;

use super::{timed_out, Redis, CONNECT_TIMEOUT, PREFIX};

/// Changes waiting to be published at most; more are dropped while Redis is slow.
pub(super) const OUTBOX_CAPACITY: usize = 1024;
/// Changes from other instances waiting for the hub at most.
const INBOX_CAPACITY: usize = 1024;

/// A change as it travels between instances.
#[derive(Serialize, Deserialize)]
struct Relayed {
    from: String,
    porting: Porting,
}

impl Redis {
    /// Tells every other instance of a change to `porting`; changes go out in the order learned.
    pub fn publish(self: &Arc<Self>, porting: Porting) {
        let outbox = self.outbox.get_or_init(|| {
            let (sender, mut changes) = mpsc::channel::<Porting>(OUTBOX_CAPACITY);
            let redis = self.clone();
            tokio::spawn(async move {
                while let Some(porting) = changes.recv().await {
                    let channel = format!("{PREFIX}porting:{}", porting.id);
                    let relayed = Relayed { from: redis.instance.clone(), porting };
                    let Ok(json) = serde_json::to_string(&relayed) else { continue };
                    let _ = redis
                        .run("change fan-out", async |mut c| c.publish::<_, _, ()>(&channel, json).await)
                        .await;
                }
            });
            sender
        });
        // Dropped when full: each message carries the whole porting, so a backlog costs memory.
        match outbox.try_send(porting) {
            Ok(()) => self.overflowing.store(false, Ordering::Relaxed),
            Err(_) => self.dropped_a_change(),
        }
    }

    /// Calls `count` for every change dropped from now on (the metrics count them).
    pub fn on_dropped_change(&self, count: impl Fn() + Send + Sync + 'static) {
        let _ = self.on_dropped.set(Box::new(count));
    }

    /// Counts a change the full outbox dropped, warning once each time the outbox fills.
    fn dropped_a_change(&self) {
        if let Some(count) = self.on_dropped.get() {
            count();
        }
        if !self.overflowing.swap(true, Ordering::Relaxed) {
            tracing::warn!(
                capacity = OUTBOX_CAPACITY,
                "Redis is too slow for the porting changes to publish; dropping the newest, so other \
                 instances' streams miss them until it catches up"
            );
        }
    }

    /// Every change another instance publishes, for as long as the process runs; the
    /// subscription is made again after Redis comes back.
    pub fn follow(self: &Arc<Self>) -> mpsc::Receiver<Porting> {
        let (sender, changes) = mpsc::channel(INBOX_CAPACITY);
        let redis = self.clone();
        tokio::spawn(async move {
            while !sender.is_closed() {
                if let Err(error) = redis.listen(&sender).await {
                    redis.warn("change fan-out (streams get this instance's changes)", &error);
                }
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        });
        changes
    }

    async fn listen(&self, changes: &mpsc::Sender<Porting>) -> RedisResult<()> {
        let subscribing = tokio::time::timeout(CONNECT_TIMEOUT, self.client.get_async_pubsub()).await;
        let mut pubsub = subscribing.map_err(|_| timed_out("subscribing"))??;
        pubsub.psubscribe(format!("{PREFIX}porting:*")).await?;
        let mut messages = pubsub.into_on_message();
        while let Some(message) = futures_util::StreamExt::next(&mut messages).await {
            let relayed = message.get_payload::<String>().ok();
            let relayed = relayed.and_then(|json| serde_json::from_str::<Relayed>(&json).ok());
            // Its own changes reached this instance's streams already, and in order.
            if let Some(Relayed { porting, .. }) = relayed.filter(|relayed| relayed.from != self.instance) {
                if changes.send(porting).await.is_err() {
                    return Ok(());
                }
            }
        }
        Err(redis::RedisError::from((redis::ErrorKind::Io, "the subscription ended")))
    }
}
