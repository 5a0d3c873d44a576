//! State the proxies behind one load balancer share, in Redis (`--redis-url`): the rate limits,
//! the per-buyer porting cap, webhook delivery ids, the service-provider lists, and the porting
//! changes each instance learns, fanned out to the streams held on every instance.
//!
//! A leaf: it knows Redis and the model's types and nothing else of the proxy. Callers hand it
//! keys and intervals, and it hands the changes other instances publish back through a channel.
//!
//! When Redis is down or slow (a request waits at most [`RESPONSE_TIMEOUT`] for an answer, and the
//! one request connecting also up to [`CONNECT_TIMEOUT`] to connect, the others as long as an
//! answer for it): the rate limits fall back to this instance's own, the cap and the replay check
//! refuse with 503, the lists are fetched by this instance, and streams get this instance's own
//! changes (or lose some, when more pile up than [`Redis::publish`] keeps). A warning is logged at
//! most once a minute, and all of it recovers by itself once Redis answers again.

mod relay;
mod scripts;
#[cfg(test)]
mod tests;

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use porting_model::{Porting, ServiceProvider};
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{AsyncCommands, Client, RedisResult, Script, TlsCertificates};
use tokio::sync::mpsc;

/// The longest a request may wait for Redis' answer before the fallback applies.
pub const RESPONSE_TIMEOUT: Duration = Duration::from_millis(300);
/// The longest connecting may take (TLS, a remote host), for the one request that connects.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);
/// Every key and channel starts so, to share a Redis with other programs.
const PREFIX: &str = "porting-proxy:";
/// How often a Redis failure is logged at most.
const WARN_EVERY: Duration = Duration::from_secs(60);
/// After a failure Redis is left alone this long, so requests fall back at once meanwhile.
const BACK_OFF: Duration = Duration::from_secs(1);

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
    /// Called for each change the full outbox drops, once [`Redis::on_dropped_change`] set it.
    on_dropped: OnceLock<Box<dyn Fn() + Send + Sync>>,
}

/// One rate-limit bucket: its key, and the GCRA interval and tolerance of its rate.
pub struct Bucket {
    pub key: String,
    pub interval: Duration,
    pub tolerance: Duration,
}

/// Redis did not answer in time, or refused.
#[derive(Debug)]
pub struct Unavailable;

impl Redis {
    /// A client for `url` (`redis://host:port/db`, or `rediss://` over TLS, its server checked
    /// against `root_certificates` (PEM) when given, else against the system's roots); it
    /// connects on first use, and again after a failure, so the proxy starts and serves while
    /// Redis is down. An error never quotes the URL, which may hold the password.
    pub fn new(url: &str, root_certificates: Option<Vec<u8>>) -> Result<Arc<Redis>, String> {
        let client = match root_certificates {
            None => Client::open(url),
            Some(pem) => {
                Client::build_with_tls(url, TlsCertificates { client_tls: None, root_cert: Some(pem) })
            }
        };
        let client = client.map_err(|e| e.to_string())?;
        Ok(Arc::new(Redis {
            client,
            connection: Mutex::default(),
            connecting: tokio::sync::Mutex::default(),
            down_until: Mutex::default(),
            warned: Mutex::default(),
            instance: gigs_http::ids::new_id("ins"),
            outbox: OnceLock::new(),
            overflowing: AtomicBool::new(false),
            on_dropped: OnceLock::new(),
        }))
    }

    /// The connection, made within [`CONNECT_TIMEOUT`] if there is none; `None` when another
    /// request's attempt did not connect in time for this one, or just failed.
    async fn connection(&self) -> RedisResult<Option<ConnectionManager>> {
        if let Some(connection) = lock(&self.connection).clone() {
            return Ok(Some(connection));
        }
        let Ok(_connecting) = self.connecting.try_lock() else {
            // Another request is connecting: its outcome is worth a short wait, not a second try.
            let _ = tokio::time::timeout(RESPONSE_TIMEOUT, self.connecting.lock()).await;
            return Ok(lock(&self.connection).clone());
        };
        if let Some(connection) = lock(&self.connection).clone() {
            return Ok(Some(connection));
        }
        if self.backing_off() {
            return Ok(None);
        }
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(CONNECT_TIMEOUT))
            .set_response_timeout(Some(RESPONSE_TIMEOUT))
            .set_number_of_retries(1);
        let connecting = self.client.get_connection_manager_with_config(config);
        let connection = tokio::time::timeout(CONNECT_TIMEOUT, connecting)
            .await
            .map_err(|_| timed_out("connecting"))??;
        *lock(&self.connection) = Some(connection.clone());
        Ok(Some(connection))
    }

    /// Runs `command` against Redis, waiting at most [`RESPONSE_TIMEOUT`] for the answer (after
    /// connecting, if this request connects), and logging a failure at most once a minute.
    async fn run<T>(
        &self,
        what: &str,
        command: impl AsyncFnOnce(ConnectionManager) -> RedisResult<T>,
    ) -> Result<T, Unavailable> {
        if self.backing_off() {
            return Err(Unavailable);
        }
        let attempt = async {
            let Some(connection) = self.connection().await? else { return Ok(None) };
            let answer = tokio::time::timeout(RESPONSE_TIMEOUT, command(connection)).await;
            answer.map_err(|_| timed_out("answering"))?.map(Some)
        };
        match attempt.await {
            Ok(Some(value)) => Ok(value),
            Ok(None) => Err(Unavailable),
            Err(error) => {
                *lock(&self.down_until) = Some(Instant::now() + BACK_OFF);
                if error.is_timeout() || error.is_io_error() || error.is_connection_dropped() {
                    *lock(&self.connection) = None;
                }
                self.warn(what, &error);
                Err(Unavailable)
            }
        }
    }

    /// Whether Redis failed a moment ago and is left alone for now.
    fn backing_off(&self) -> bool {
        lock(&self.down_until).is_some_and(|until| Instant::now() < until)
    }

    fn warn(&self, what: &str, error: &redis::RedisError) {
        let mut warned = lock(&self.warned);
        if warned.is_none_or(|at| at.elapsed() >= WARN_EVERY) {
            *warned = Some(Instant::now());
            tracing::warn!(%error, what, "Redis is unavailable; falling back (see docs/proxy.md)");
        }
    }

    /// Whether Redis answers now (the readiness probe).
    pub async fn ping(&self) -> Result<(), Unavailable> {
        self.run("readiness check", async |mut c| redis::cmd("PING").query_async::<String>(&mut c).await)
            .await
            .map(drop)
    }

    /// Admits one request in each of `buckets` (checked in order) across every instance, in one
    /// round trip, or says how long to wait.
    pub async fn rate(&self, buckets: &[Bucket]) -> Result<Result<(), Duration>, Unavailable> {
        let wait: u64 = self
            .run("rate limit", async |mut c| {
                let script = Script::new(scripts::GCRA);
                let mut invocation = script.prepare_invoke();
                for bucket in buckets {
                    invocation.key(format!("{PREFIX}rate:{}", bucket.key));
                    invocation.arg(micros(bucket.interval)).arg(micros(bucket.tolerance));
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
    /// `limit`; the count is kept until `forget_after` (Unix seconds). False when full.
    pub async fn reserve(
        &self,
        subject: &str,
        listed: usize,
        limit: usize,
        forget_after: i64,
    ) -> Result<bool, Unavailable> {
        let key = format!("{PREFIX}created:{subject}");
        let admitted: i64 = self
            .run("porting cap", async |mut c| {
                Script::new(scripts::RESERVE)
                    .key(&key)
                    .arg(listed)
                    .arg(limit)
                    .arg(forget_after)
                    .invoke_async(&mut c)
                    .await
            })
            .await?;
        Ok(admitted == 1)
    }

    /// Gives back a place [`Redis::reserve`] admitted, for a create that failed.
    pub async fn give_back(&self, subject: &str) {
        let key = format!("{PREFIX}created:{subject}");
        let _ = self
            .run("porting cap", async |mut c| {
                Script::new(scripts::GIVE_BACK).key(&key).invoke_async::<i64>(&mut c).await
            })
            .await;
    }

    /// The service providers of `network` another instance fetched, if still cached.
    pub async fn providers(&self, network: &str) -> Result<Option<Vec<ServiceProvider>>, Unavailable> {
        let key = format!("{PREFIX}providers:{network}");
        let cached: Option<String> = self.run("provider list", async |mut c| c.get(&key).await).await?;
        Ok(cached.and_then(|json| serde_json::from_str(&json).ok()))
    }

    /// Caches `list` for every instance, for `ttl`.
    pub async fn cache_providers(&self, network: &str, list: &[ServiceProvider], ttl: Duration) {
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
}

/// `duration` in whole microseconds, as the shared limit counts.
fn micros(duration: Duration) -> u64 {
    u64::try_from(duration.as_micros()).unwrap_or(u64::MAX)
}

/// An I/O error (so the connection is made again) saying Redis took too long `doing` something.
fn timed_out(doing: &'static str) -> redis::RedisError {
    redis::RedisError::from((redis::ErrorKind::Io, "Redis took too long", format!("{doing} timed out")))
}

/// `mutex`'s value; every change under these locks is one assignment, never left half-done.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
