//! The hub: a channel per watched porting that the change feeds publish into and the streams
//! read from; with Redis, changes also travel to and from the other instances. In upstream mode
//! a watched porting that no webhook updated for a while is polled.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, Weak};
use std::time::Duration;

use porting_model::Porting;
use tokio::sync::broadcast;
use tokio::task::AbortHandle;
use tokio::time::Instant;

use crate::gigs::client::Gigs;
use crate::shared::Redis;

/// Changes a slow stream may fall behind by before it skips to the latest.
const CHANNEL_CAPACITY: usize = 16;

/// Channels only for portings someone is watching; a change to any other is dropped.
pub struct Hub {
    topics: Mutex<HashMap<String, Topic>>,
    /// Upstream mode: poll watched portings that no webhook has updated for a while.
    poll: Option<Poll>,
    /// With Redis: where changes go to reach the streams on the other instances.
    relay: OnceLock<Arc<Redis>>,
}

struct Topic {
    sender: broadcast::Sender<Porting>,
    latest: Option<Porting>,
    updated: Instant,
    watchers: usize,
    poller: Option<AbortHandle>,
}

impl Hub {
    pub fn new(poll: Option<Poll>) -> Arc<Hub> {
        Arc::new(Hub { topics: Mutex::new(HashMap::new()), poll, relay: OnceLock::new() })
    }

    fn topics(&self) -> MutexGuard<'_, HashMap<String, Topic>> {
        // Every change under the lock is a single insert, update or removal.
        self.topics.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Starts watching porting `id`; the watch ends when the returned value is dropped.
    pub fn watch(self: &Arc<Self>, id: &str) -> Watch {
        let mut topics = self.topics();
        let topic = topics.entry(id.to_owned()).or_insert_with(|| Topic {
            sender: broadcast::channel(CHANNEL_CAPACITY).0,
            latest: None,
            updated: Instant::now(),
            watchers: 0,
            poller: self.poll.as_ref().map(|poll| poll.start(Arc::downgrade(self), id.to_owned())),
        });
        topic.watchers += 1;
        Watch { hub: self.clone(), id: id.to_owned(), receiver: topic.sender.subscribe() }
    }

    /// Sends the changes this instance learns to every instance through `redis`, and theirs here.
    pub fn relay_through(self: &Arc<Self>, redis: Arc<Redis>) {
        let mut changes = redis.follow();
        let hub = Arc::downgrade(self);
        tokio::spawn(async move {
            while let Some(porting) = changes.recv().await {
                let Some(hub) = hub.upgrade() else { break };
                hub.deliver(porting);
            }
        });
        let _ = self.relay.set(redis);
    }

    /// A change this instance learned: to its own watchers, and to every other instance's.
    pub fn publish(&self, porting: Porting) {
        if let Some(redis) = self.relay.get() {
            redis.publish(porting.clone());
        }
        self.deliver(porting);
    }

    /// Passes `porting` to its watchers here if it differs from what they last got.
    pub fn deliver(&self, porting: Porting) {
        let mut topics = self.topics();
        let Some(topic) = topics.get_mut(&porting.id) else { return };
        topic.updated = Instant::now();
        if topic.latest.as_ref() != Some(&porting) {
            topic.latest = Some(porting.clone());
            // No receiver left is fine: the last watch is being dropped.
            let _ = topic.sender.send(porting);
        }
    }

    /// The last porting published for `id`, if any.
    fn latest(&self, id: &str) -> Option<Porting> {
        self.topics().get(id).and_then(|topic| topic.latest.clone())
    }

    /// Whether `id` got no update for `quiet`; the poller asks upstream only then.
    fn is_quiet(&self, id: &str, quiet: Duration) -> bool {
        self.topics().get(id).is_some_and(|topic| topic.updated.elapsed() >= quiet)
    }

    #[cfg(test)]
    fn watched(&self) -> usize {
        self.topics().len()
    }
}

/// One subscriber's view of a porting's changes.
pub struct Watch {
    hub: Arc<Hub>,
    id: String,
    receiver: broadcast::Receiver<Porting>,
}

impl Watch {
    /// The next change, or `None` when the hub is gone. After falling behind, it is the latest.
    pub async fn next(&mut self) -> Option<Porting> {
        match self.receiver.recv().await {
            Ok(porting) => Some(porting),
            Err(broadcast::error::RecvError::Lagged(_)) => self.hub.latest(&self.id),
            Err(broadcast::error::RecvError::Closed) => None,
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let mut topics = self.hub.topics();
        let Some(topic) = topics.get_mut(&self.id) else { return };
        topic.watchers -= 1;
        if topic.watchers == 0 {
            if let Some(poller) = &topic.poller {
                poller.abort();
            }
            topics.remove(&self.id);
        }
    }
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
    fn start(&self, hub: Weak<Hub>, id: String) -> AbortHandle {
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
                if let Some(redis) = hub.relay.get() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn porting(id: &str, first_name: &str) -> Porting {
        serde_json::from_value(serde_json::json!({
            "object": "porting", "id": id, "firstName": first_name, "createdAt": "2026-01-01T00:00:00Z",
            "phoneNumber": "+12015550123", "provider": "p9", "status": "pending", "user": "usr_1",
            "recipientProvider": {"object": "serviceProvider", "id": "svp_1", "name": "Net"}
        }))
        .unwrap()
    }

    #[tokio::test]
    async fn watchers_get_changes_once_and_the_topic_goes_with_the_last_watcher() {
        let hub = Hub::new(None);
        let mut first = hub.watch("prt_1");
        let second = hub.watch("prt_1");
        hub.publish(porting("prt_1", "Ada"));
        hub.publish(porting("prt_1", "Ada"));
        hub.publish(porting("prt_2", "Bob"));
        hub.publish(porting("prt_1", "Eve"));
        assert_eq!(first.next().await.unwrap().first_name.as_deref(), Some("Ada"));
        assert_eq!(first.next().await.unwrap().first_name.as_deref(), Some("Eve"));
        assert_eq!(hub.watched(), 1);
        drop(second);
        assert_eq!(hub.watched(), 1);
        drop(first);
        assert_eq!(hub.watched(), 0);
    }

    #[tokio::test]
    async fn a_lagging_watcher_skips_to_the_latest() {
        let hub = Hub::new(None);
        let mut watch = hub.watch("prt_1");
        for i in 0..CHANNEL_CAPACITY + 5 {
            hub.publish(porting("prt_1", &format!("n{i}")));
        }
        let last = format!("n{}", CHANNEL_CAPACITY + 4);
        assert_eq!(watch.next().await.unwrap().first_name, Some(last));
    }
}
