//! Live porting status: a hub of per-porting channels that the change feeds publish into and
//! the Server-Sent Events route reads from.

mod feed;
mod slots;
mod stream;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use porting_model::Porting;
use tokio::sync::broadcast;
use tokio::task::AbortHandle;
use tokio::time::Instant;

use crate::shared::Redis;

pub use feed::{follow_simulator, Poll};
pub use slots::StreamSlots;
pub use stream::{router, LiveState};

/// Changes a slow stream may fall behind by before it skips to the latest.
const CHANNEL_CAPACITY: usize = 16;

pub const DEFAULT_HEARTBEAT_SECS: u64 = 15;
pub const DEFAULT_POLL_INTERVAL_SECS: u64 = 30;
pub const DEFAULT_STREAMS_PER_SESSION: usize = 4;
/// Generous, as many buyers may share one address behind a carrier's NAT.
pub const DEFAULT_STREAMS_PER_IP: usize = 100;
pub const DEFAULT_MAX_STREAMS: usize = 1_000;

#[derive(Clone, Debug)]
pub struct Settings {
    /// Comment lines between events keep proxies and load balancers from closing the stream.
    pub heartbeat: Duration,
    /// Upstream mode: how often a watched porting is fetched when no webhook updated it.
    pub poll_interval: Duration,
    pub streams_per_session: usize,
    pub streams_per_ip: usize,
    pub max_streams: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            heartbeat: Duration::from_secs(DEFAULT_HEARTBEAT_SECS),
            poll_interval: Duration::from_secs(DEFAULT_POLL_INTERVAL_SECS),
            streams_per_session: DEFAULT_STREAMS_PER_SESSION,
            streams_per_ip: DEFAULT_STREAMS_PER_IP,
            max_streams: DEFAULT_MAX_STREAMS,
        }
    }
}

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
        redis.follow(self.clone());
        let _ = self.relay.set(redis);
    }

    /// The Redis changes are relayed through, if any.
    pub(crate) fn relay(&self) -> Option<&Arc<Redis>> {
        self.relay.get()
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
