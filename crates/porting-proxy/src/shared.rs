//! State the proxies behind one load balancer share, in Redis (`--redis-url`): the rate limits,
//! the per-buyer porting cap, webhook delivery ids, the service-provider lists, and the porting
//! changes each instance learns, fanned out to the streams held on every instance.
//!
//! When Redis is down or slow (a request waits at most [`RESPONSE_TIMEOUT`] for an answer, and the
//! one request connecting also up to [`CONNECT_TIMEOUT`] to connect, the others as long as an
//! answer for it): the rate limits fall back to this instance's own, the cap and the replay check
//! refuse with 503, the lists are fetched by this instance, and streams get this instance's own
//! changes (or lose some, when more pile up than [`Redis::publish`] keeps). A warning is logged at
//! most once a minute, and all of it recovers by itself once Redis answers again.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use porting_model::{Porting, ServiceProvider};
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{AsyncCommands, Client, RedisResult, Script};
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;

use crate::events::Hub;
use crate::metrics::Metrics;
use crate::rate_limit::Rate;

/// The longest a request may wait for Redis' answer before the fallback applies.
pub const RESPONSE_TIMEOUT: Duration = Duration::from_millis(300);
/// The longest connecting may take (TLS, a remote host), for the one request that connects.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
/// Every key and channel starts so, to share a Redis with other programs.
const PREFIX: &str = "porting-proxy:";
/// How often a Redis failure is logged at most.
const WARN_EVERY: Duration = Duration::from_secs(60);
/// After a failure Redis is left alone this long, so requests fall back at once meanwhile.
const RETRY_AFTER: Duration = Duration::from_secs(1);
/// Changes waiting to be published at most; more are dropped while Redis is slow.
const OUTBOX_CAPACITY: usize = 1024;

/// GCRA for every bucket of one request in one round trip, on Redis' clock so every instance
/// agrees: the wait in microseconds of the first bucket that refuses (the ones before it count the
/// request, as in this process), 0 when all admit. ARGV: each bucket's interval and tolerance in
/// microseconds, in the order of KEYS.
const GCRA: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
for i, key in ipairs(KEYS) do
  local tat = tonumber(redis.call('GET', key) or now)
  if tat < now then tat = now end
  local wait = tat - tonumber(ARGV[2 * i]) - now
  if wait > 0 then return wait end
  local next = tat + tonumber(ARGV[2 * i - 1])
  redis.call('SET', key, next, 'PX', math.ceil((next - now) / 1000) + 1)
end
return 0
";

/// The porting cap: 1 when one more create is admitted, 0 when full. ARGV: portings the session
/// lists, the cap, and when the count may be forgotten (Unix seconds).
const RESERVE: &str = r"
local n = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), tonumber(ARGV[1]))
if n >= tonumber(ARGV[2]) then return 0 end
local keep = tonumber(ARGV[3])
local ttl = redis.call('TTL', KEYS[1])
local now = tonumber(redis.call('TIME')[1])
if ttl > 0 and now + ttl > keep then keep = now + ttl end
redis.call('SET', KEYS[1], n + 1)
redis.call('EXPIREAT', KEYS[1], keep)
return 1
";

const RELEASE: &str = r"
if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
return 1
";

pub struct Redis {
    client: Client,
    /// Made on first use, and again after a failure (a manager does not reconnect on timeouts).
    connection: Mutex<Option<ConnectionManager>>,
    /// Held while connecting, so one request connects at a time; the others wait for it at most
    /// [`RESPONSE_TIMEOUT`], then fall back.
    connecting: tokio::sync::Mutex<()>,
    down_until: Mutex<Option<Instant>>,
    warned: Mutex<Option<Instant>>,
    /// Names this instance in what it publishes, so it skips its own changes coming back.
    instance: String,
    /// Changes to publish, sent in order by one task.
    outbox: OnceLock<mpsc::Sender<Porting>>,
    /// Whether the outbox was full at the last change, so a warning is logged once per time it fills.
    overflowing: AtomicBool,
    /// Where dropped changes are counted, once [`Redis::count_into`] is called.
    metrics: OnceLock<Metrics>,
}

/// A change as it travels between instances.
#[derive(Serialize, Deserialize)]
struct Relayed {
    from: String,
    porting: Porting,
}

/// Redis did not answer in time, or refused.
#[derive(Debug)]
pub struct Unavailable;

impl Redis {
    /// A client for `url` (`redis://host:port/db`); it connects on first use, and again after a
    /// failure, so the proxy starts and serves while Redis is down.
    pub fn new(url: &str) -> Result<Arc<Redis>, String> {
        let client = Client::open(url).map_err(|e| format!("--redis-url: {e}"))?;
        Ok(Arc::new(Redis {
            client,
            connection: Mutex::default(),
            connecting: tokio::sync::Mutex::default(),
            down_until: Mutex::default(),
            warned: Mutex::default(),
            instance: crate::ids::new_id("ins"),
            outbox: OnceLock::new(),
            overflowing: AtomicBool::new(false),
            metrics: OnceLock::new(),
        }))
    }

    /// The connection, made within [`CONNECT_TIMEOUT`] if there is none; `None` when another
    /// request's attempt did not connect in time for this one, or just failed.
    async fn connection(&self) -> RedisResult<Option<ConnectionManager>> {
        if let Some(connection) = held(&self.connection).clone() {
            return Ok(Some(connection));
        }
        let Ok(_connecting) = self.connecting.try_lock() else {
            // Another request is connecting: its outcome is worth a short wait, not a second try.
            let _ = tokio::time::timeout(RESPONSE_TIMEOUT, self.connecting.lock()).await;
            return Ok(held(&self.connection).clone());
        };
        if let Some(connection) = held(&self.connection).clone() {
            return Ok(Some(connection));
        }
        if self.resting() {
            return Ok(None);
        }
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(CONNECT_TIMEOUT))
            .set_response_timeout(Some(RESPONSE_TIMEOUT))
            .set_number_of_retries(1);
        let connecting = self.client.get_connection_manager_with_config(config);
        let connection =
            tokio::time::timeout(CONNECT_TIMEOUT, connecting).await.map_err(|_| too_late("connecting"))??;
        *held(&self.connection) = Some(connection.clone());
        Ok(Some(connection))
    }

    /// Runs `command` against Redis, waiting at most [`RESPONSE_TIMEOUT`] for the answer (after
    /// connecting, if this request connects), and logging a failure at most once a minute.
    async fn run<T>(
        &self,
        what: &str,
        command: impl AsyncFnOnce(ConnectionManager) -> RedisResult<T>,
    ) -> Result<T, Unavailable> {
        if self.resting() {
            return Err(Unavailable);
        }
        let attempt = async {
            let Some(connection) = self.connection().await? else { return Ok(None) };
            let answer = tokio::time::timeout(RESPONSE_TIMEOUT, command(connection)).await;
            answer.map_err(|_| too_late("answering"))?.map(Some)
        };
        match attempt.await {
            Ok(Some(value)) => Ok(value),
            Ok(None) => Err(Unavailable),
            Err(error) => {
                self.rest();
                if error.is_timeout() || error.is_io_error() || error.is_connection_dropped() {
                    *held(&self.connection) = None;
                }
                self.warn(what, &error);
                Err(Unavailable)
            }
        }
    }

    /// Whether Redis failed a moment ago and is left alone for now.
    fn resting(&self) -> bool {
        held(&self.down_until).is_some_and(|until| Instant::now() < until)
    }

    fn rest(&self) {
        *held(&self.down_until) = Some(Instant::now() + RETRY_AFTER);
    }

    fn warn(&self, what: &str, error: &redis::RedisError) {
        let mut warned = held(&self.warned);
        if warned.is_none_or(|at| at.elapsed() >= WARN_EVERY) {
            *warned = Some(Instant::now());
            tracing::warn!(%error, what, "Redis is unavailable; falling back (see the README)");
        }
    }

    /// Whether Redis answers now (the readiness probe).
    pub async fn ping(&self) -> Result<(), Unavailable> {
        self.run("readiness check", async |mut c| redis::cmd("PING").query_async::<String>(&mut c).await)
            .await
            .map(drop)
    }

    /// Admits one request in each of `buckets` (key and rate, checked in order) across every
    /// instance, in one round trip, or says how long to wait.
    pub async fn rate(&self, buckets: &[(String, Rate)]) -> Result<Result<(), Duration>, Unavailable> {
        let wait: u64 = self
            .run("rate limit", async |mut c| {
                let script = Script::new(GCRA);
                let mut invocation = script.prepare_invoke();
                for (key, rate) in buckets {
                    invocation.key(format!("{PREFIX}rate:{key}"));
                    invocation.arg(rate.interval_micros()).arg(rate.tolerance_micros());
                }
                invocation.invoke_async(&mut c).await
            })
            .await?;
        Ok(if wait == 0 { Ok(()) } else { Err(Duration::from_micros(wait)) })
    }

    /// Whether webhook delivery `id` is new to every instance; it is remembered for `keep`.
    pub async fn first_delivery(&self, id: &str, keep: Duration) -> Result<bool, Unavailable> {
        let key = format!("{PREFIX}webhook:{id}");
        let set: Option<String> = self
            .run("webhook replay check", async |mut c| {
                redis::cmd("SET")
                    .arg(&key)
                    .arg(1)
                    .arg("NX")
                    .arg("EX")
                    .arg(keep.as_secs())
                    .query_async(&mut c)
                    .await
            })
            .await?;
        Ok(set.is_some())
    }

    /// Admits one more create for `subject` across every instance, counting from `listed`, below
    /// `limit`; the count is kept until `forget_after` (Unix seconds). `None` when full.
    pub async fn reserve(
        self: &Arc<Self>,
        subject: &str,
        listed: usize,
        limit: usize,
        forget_after: i64,
    ) -> Result<Option<SharedPlace>, Unavailable> {
        let key = format!("{PREFIX}created:{subject}");
        let admitted: i64 = self
            .run("porting cap", async |mut c| {
                Script::new(RESERVE)
                    .key(&key)
                    .arg(listed)
                    .arg(limit)
                    .arg(forget_after)
                    .invoke_async(&mut c)
                    .await
            })
            .await?;
        // Built only when admitted: a dropped place gives its count back.
        Ok((admitted == 1).then(|| SharedPlace {
            redis: self.clone(),
            subject: subject.to_owned(),
            kept: false,
        }))
    }

    /// Gives back a place [`Redis::reserve`] admitted, for a create that failed.
    async fn release(&self, subject: &str) {
        let key = format!("{PREFIX}created:{subject}");
        let _ = self
            .run("porting cap", async |mut c| {
                Script::new(RELEASE).key(&key).invoke_async::<i64>(&mut c).await
            })
            .await;
    }

    /// The service providers of `network` another instance fetched, if still kept.
    pub async fn providers(&self, network: &str) -> Result<Option<Vec<ServiceProvider>>, Unavailable> {
        let key = format!("{PREFIX}providers:{network}");
        let kept: Option<String> = self.run("provider list", async |mut c| c.get(&key).await).await?;
        Ok(kept.and_then(|json| serde_json::from_str(&json).ok()))
    }

    /// Keeps `list` for every instance, for `ttl`.
    pub async fn keep_providers(&self, network: &str, list: &[ServiceProvider], ttl: Duration) {
        let key = format!("{PREFIX}providers:{network}");
        let Ok(json) = serde_json::to_string(list) else { return };
        let _ = self
            .run("provider list", async |mut c| c.set_ex::<_, _, ()>(&key, json, ttl.as_secs()).await)
            .await;
    }

    /// Whether this instance may do `task` now: one instance across the cluster per `every`.
    pub async fn claim(&self, task: &str, every: Duration) -> Result<bool, Unavailable> {
        let key = format!("{PREFIX}claim:{task}");
        let millis = every.as_millis().max(1) as u64;
        let set: Option<String> = self
            .run("claim", async |mut c| {
                redis::cmd("SET").arg(&key).arg(1).arg("NX").arg("PX").arg(millis).query_async(&mut c).await
            })
            .await?;
        Ok(set.is_some())
    }

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

    /// Counts dropped changes in `metrics` from now on.
    pub fn count_into(&self, metrics: Metrics) {
        let _ = self.metrics.set(metrics);
    }

    /// Counts a change the full outbox dropped, warning once each time the outbox fills.
    fn dropped_a_change(&self) {
        if let Some(metrics) = self.metrics.get() {
            metrics.change_dropped();
        }
        if !self.overflowing.swap(true, Ordering::Relaxed) {
            tracing::warn!(
                capacity = OUTBOX_CAPACITY,
                "Redis is too slow for the porting changes to publish; dropping the newest, so other \
                 instances' streams miss them until it catches up"
            );
        }
    }

    /// Passes every change another instance publishes to `hub`, for as long as the process runs,
    /// subscribing again after Redis comes back.
    pub fn follow(self: &Arc<Self>, hub: Arc<Hub>) {
        let redis = self.clone();
        tokio::spawn(async move {
            loop {
                if let Err(error) = redis.listen(&hub).await {
                    redis.warn("change fan-out (streams get this instance's changes)", &error);
                }
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        });
    }

    async fn listen(&self, hub: &Hub) -> RedisResult<()> {
        let subscribing = tokio::time::timeout(CONNECT_TIMEOUT, self.client.get_async_pubsub()).await;
        let mut pubsub = subscribing.map_err(|_| too_late("subscribing"))??;
        pubsub.psubscribe(format!("{PREFIX}porting:*")).await?;
        let mut messages = pubsub.into_on_message();
        while let Some(message) = futures_util::StreamExt::next(&mut messages).await {
            let relayed = message.get_payload::<String>().ok();
            let relayed = relayed.and_then(|json| serde_json::from_str::<Relayed>(&json).ok());
            // Its own changes reached this instance's streams already, and in order.
            if let Some(Relayed { porting, .. }) = relayed.filter(|relayed| relayed.from != self.instance) {
                hub.deliver(porting);
            }
        }
        Err(redis::RedisError::from((redis::ErrorKind::Io, "the subscription ended")))
    }
}

/// An I/O error (so the connection is made again) saying Redis took too long `doing` something.
fn too_late(doing: &'static str) -> redis::RedisError {
    redis::RedisError::from((redis::ErrorKind::Io, "Redis took too long", format!("{doing} timed out")))
}

/// `mutex`'s value; every change under these locks is one assignment, never left half-done.
fn held<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// One create admitted under the shared cap; unless kept (the create may have reached Gigs),
/// dropping it gives the place back.
pub struct SharedPlace {
    redis: Arc<Redis>,
    subject: String,
    kept: bool,
}

impl SharedPlace {
    /// The create may reach Gigs: it counts from now on, even if this is dropped mid-call.
    pub fn keep(&mut self) {
        self.kept = true;
    }

    /// Gigs refused the create: the place is free again.
    pub fn give_back(mut self) {
        self.kept = false;
    }
}

impl Drop for SharedPlace {
    fn drop(&mut self) {
        if !self.kept {
            let (redis, subject) = (self.redis.clone(), std::mem::take(&mut self.subject));
            tokio::spawn(async move { redis.release(&subject).await });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SystemClock;
    use crate::simulator::Simulator;
    use porting_model::{CreatePorting, NewPorting};

    #[tokio::test(flavor = "current_thread")]
    async fn changes_beyond_the_outbox_are_dropped_without_waiting() {
        let sim = Simulator::new("proj", "key", Arc::new(SystemClock));
        let new = NewPorting { phone_number: "+12015550123".into(), fields: Default::default() };
        let create = CreatePorting { user: "usr_a".into(), provider: "p9".into(), porting: new };
        let porting = sim.create(create).unwrap();
        let redis = Redis::new("redis://127.0.0.1:1/").unwrap();
        let metrics = Metrics::on();
        redis.count_into(metrics.clone());
        let logs = Logs::default();
        let _logging = tracing::subscriber::set_default(
            tracing_subscriber::fmt().with_writer(logs.clone()).with_ansi(false).finish(),
        );
        // The sending task cannot run before this yields: the outbox only fills.
        for _ in 0..OUTBOX_CAPACITY + 10 {
            redis.publish(porting.clone());
        }
        assert_eq!(redis.outbox.get().unwrap().capacity(), 0, "full, and no more than full");
        assert!(
            metrics.render().contains("porting_proxy_redis_changes_dropped_total 10"),
            "{}",
            metrics.render()
        );
        assert_eq!(logs.text().matches("dropping the newest").count(), 1, "once while it stays full");
    }

    /// Log lines written by a test's subscriber.
    #[derive(Clone, Default)]
    struct Logs(Arc<Mutex<Vec<u8>>>);

    impl Logs {
        fn text(&self) -> String {
            String::from_utf8_lossy(&held(&self.0)).into_owned()
        }
    }

    impl std::io::Write for Logs {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            held(&self.0).extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Logs {
        type Writer = Logs;

        fn make_writer(&'a self) -> Logs {
            self.clone()
        }
    }
}
