//! Two proxies behind one (imagined) load balancer, sharing a real `redis-server` started on a
//! free port, in front of one simulated Gigs: the limits, the webhook ids, the streams and the
//! provider lists hold across both, and a Redis that goes away and comes back is survived.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::support::{
    draft_of, manual_clock, porting_of, simulator_settings, start, upstream_settings, wait_until, Events,
    Hooks, Proxy, RedisServer, UPSTREAM_API_KEY,
};
use porting_model::{Porting, Status};
use porting_proxy::clock::ManualClock;
use porting_proxy::guard::rate::Rate;
use porting_proxy::guard::session::SessionKey;
use porting_proxy::shared::{Redis, CONNECT_TIMEOUT, RESPONSE_TIMEOUT};
use porting_proxy::simulator::{self, Simulator};
use reqwest::StatusCode;

const WEBHOOK_SECRET: &str = "the webhook secret of the cluster tests";
const WAIT: Duration = Duration::from_secs(5);

/// A simulated Gigs counting its provider-list calls, two proxies on one Redis, and a webhook
/// sender.
struct Cluster {
    sim: Arc<Simulator>,
    lists: Arc<AtomicUsize>,
    /// Gigs reads of one porting (`GET …/portings/{id}`).
    reads: Arc<AtomicUsize>,
    a: Proxy,
    b: Proxy,
    _gigs: tokio::sync::oneshot::Sender<()>,
}

impl Cluster {
    async fn start(redis: &RedisServer, session_rate: Rate) -> Cluster {
        Cluster::polling_every(redis, session_rate, Duration::from_secs(30)).await
    }

    async fn polling_every(redis: &RedisServer, session_rate: Rate, poll: Duration) -> Cluster {
        let clock = manual_clock();
        let sim = Arc::new(Simulator::new(porting_proxy::SIMULATOR_PROJECT, UPSTREAM_API_KEY, clock.clone()));
        let (lists, reads) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let (counted_lists, counted_reads) = (lists.clone(), reads.clone());
        let gigs = simulator::router(sim.clone()).layer(axum::middleware::from_fn(
            move |request: axum::extract::Request, next: axum::middleware::Next| {
                let path = request.uri().path();
                if path.ends_with("/serviceProviders") {
                    counted_lists.fetch_add(1, Ordering::SeqCst);
                } else if request.method() == "GET" && path.contains("/portings/prt_") {
                    counted_reads.fetch_add(1, Ordering::SeqCst);
                }
                next.run(request)
            },
        ));
        let (url, gigs) = crate::support::listen(gigs).await;
        let sessions = SessionKey::random();
        let proxy = |clock: &Arc<ManualClock>| {
            let mut settings = upstream_settings(clock, &url, Some(WEBHOOK_SECRET));
            settings.sessions = sessions.clone();
            settings.limits.session = session_rate;
            settings.live.poll_interval = poll;
            settings.redis = Some(redis.client());
            settings
        };
        let a = start(proxy(&clock), clock.clone()).await;
        let b = start(proxy(&clock), clock.clone()).await;
        Cluster { sim, lists, reads, a, b, _gigs: gigs }
    }

    async fn deliver(&self, to: &Proxy, id: &str, porting: &Porting) -> StatusCode {
        Hooks::new(to, WEBHOOK_SECRET).deliver(id, porting).await
    }

    /// A new draft of `user`, and its live stream on `on`, read past the draft it starts with.
    async fn follow_new_draft(&self, on: &Proxy, user: &str) -> (Porting, Events) {
        let draft = draft_of(&self.sim, user);
        let session = on.session(user, &[&draft.id]);
        let stream = on.get(&format!("/portings/{}/events", draft.id), Some(&session)).send().await.unwrap();
        let mut events = Events::new(stream);
        assert_eq!(events.next_porting(WAIT).await.unwrap().status, Status::Draft);
        (draft, events)
    }
}

const ROOMY: Rate = Rate { per_minute: 6_000, burst: 1_000 };

#[tokio::test]
async fn one_buyer_spread_over_both_instances_gets_the_combined_limit_not_twice_it() {
    let redis = RedisServer::start().await;
    let cluster = Cluster::start(&redis, Rate { per_minute: 1, burst: 6 }).await;
    let buyer = cluster.a.session("usr_spread", &[]);
    let mut statuses = Vec::new();
    for n in 0..8 {
        let proxy = if n % 2 == 0 { &cluster.a } else { &cluster.b };
        statuses.push(proxy.get("/serviceProviders", Some(&buyer)).send().await.unwrap().status().as_u16());
    }
    assert_eq!(statuses, [200, 200, 200, 200, 200, 200, 429, 429], "six in all, across both");
}

#[tokio::test]
async fn a_webhook_to_one_instance_reaches_a_stream_on_the_other_and_a_replay_is_refused() {
    let redis = RedisServer::start().await;
    fan_out_and_refuse_the_replay(&Cluster::start(&redis, ROOMY).await).await;
}

#[tokio::test]
async fn over_tls_a_webhook_to_one_instance_reaches_a_stream_on_the_other_and_a_replay_is_refused() {
    let redis = RedisServer::start_tls().await;
    let trusting_the_system = Redis::new(&redis.url(), None).unwrap();
    assert!(trusting_the_system.ping().await.is_err(), "the server's certificate is checked");
    assert!(redis.client().ping().await.is_ok(), "trusting its certificate authority");
    fan_out_and_refuse_the_replay(&Cluster::start(&redis, ROOMY).await).await;
}

/// A webhook to A reaches a stream on B within a second, and its replay to B is refused.
async fn fan_out_and_refuse_the_replay(cluster: &Cluster) {
    let (draft, mut events) = cluster.follow_new_draft(&cluster.b, "usr_stream").await;

    let active = cluster.sim.activate(&draft.id).unwrap();
    let started = std::time::Instant::now();
    assert_eq!(cluster.deliver(&cluster.a, "evt_fan", &active).await, StatusCode::NO_CONTENT);
    let heard =
        events.next_porting(Duration::from_secs(1)).await.expect("within a second, on the other instance");
    assert_eq!(heard.status, Status::InformationRequired);
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(cluster.deliver(&cluster.b, "evt_fan", &active).await, StatusCode::CONFLICT, "replayed to B");
}

#[tokio::test]
async fn a_porting_watched_on_both_instances_is_polled_once_for_the_cluster() {
    let redis = RedisServer::start().await;
    let cluster = Cluster::polling_every(&redis, ROOMY, Duration::from_secs(1)).await;
    let draft = draft_of(&cluster.sim, "usr_polled");
    let session = cluster.a.session("usr_polled", &[&draft.id]);
    let path = format!("/portings/{}/events", draft.id);
    let mut on_a = Events::new(cluster.a.get(&path, Some(&session)).send().await.unwrap());
    let mut on_b = Events::new(cluster.b.get(&path, Some(&session)).send().await.unwrap());
    assert!(on_a.next_porting(WAIT).await.is_some() && on_b.next_porting(WAIT).await.is_some());
    let opened = cluster.reads.load(Ordering::SeqCst);
    let started = Instant::now();
    let polled = async || cluster.reads.load(Ordering::SeqCst) - opened >= 4;
    wait_until(Duration::from_secs(10), "four polls of the watched porting", polled).await;
    // One instance polls for both: four polls take four seconds, not two.
    let took = started.elapsed();
    assert!(took >= Duration::from_secs(3), "four Gigs reads in {took:?} of polling by two instances");
    // A change one instance polled reaches the stream on the other.
    cluster.sim.activate(&draft.id).unwrap();
    assert!(
        hears_active(&mut on_a).await && hears_active(&mut on_b).await,
        "both streams hear the polled change"
    );
}

/// Whether `events` brings the porting waiting for information before it goes quiet.
async fn hears_active(events: &mut Events) -> bool {
    while let Some(porting) = events.next_porting(WAIT).await {
        if porting.status == Status::InformationRequired {
            return true;
        }
    }
    false
}

#[tokio::test]
async fn an_instance_does_not_hear_its_own_changes_back_from_redis() {
    let redis = RedisServer::start().await;
    let cluster = Cluster::start(&redis, ROOMY).await;
    let (draft, mut events) = cluster.follow_new_draft(&cluster.a, "usr_echo").await;
    let active = cluster.sim.activate(&draft.id).unwrap();
    let mut renamed = active.clone();
    renamed.first_name = Some("Ada".into());
    assert_eq!(cluster.deliver(&cluster.a, "evt_1", &active).await, StatusCode::NO_CONTENT);
    assert_eq!(cluster.deliver(&cluster.a, "evt_2", &renamed).await, StatusCode::NO_CONTENT);
    assert_eq!(events.next_porting(WAIT).await.unwrap().first_name, None);
    assert_eq!(events.next_porting(WAIT).await.unwrap().first_name.as_deref(), Some("Ada"));
    let echo = events.next_porting(Duration::from_secs(1)).await;
    assert!(echo.is_none(), "the changes came back through Redis: {echo:?}");
}

#[tokio::test]
async fn the_porting_cap_holds_across_instances_and_refusals_give_nothing_back() {
    let redis = RedisServer::start().await;
    let cluster = Cluster::start(&redis, ROOMY).await;
    // The buyer's first session, replayed for every create: it lists no porting.
    let first = cluster.a.session("usr_many", &[]);
    let body = serde_json::json!({"phoneNumber": "+12025550100"});
    let mut statuses = Vec::new();
    for n in 0..porting_proxy::routes::state::MAX_SESSION_PORTINGS + 4 {
        let proxy = if n % 2 == 0 { &cluster.a } else { &cluster.b };
        let (status, _, _) = proxy.call(reqwest::Method::POST, "/portings", &first, Some(body.clone())).await;
        statuses.push(status);
    }
    let cap = porting_proxy::routes::state::MAX_SESSION_PORTINGS;
    assert!(statuses[..cap].iter().all(|s| *s == 201), "{statuses:?}");
    assert!(statuses[cap..].iter().all(|s| *s == 409), "refused for good, on both: {statuses:?}");
}

#[tokio::test]
async fn thirty_provider_lists_over_both_instances_cost_one_gigs_fetch() {
    let redis = RedisServer::start().await;
    let cluster = Cluster::start(&redis, ROOMY).await;
    let asks = (0..30).map(|n| {
        let proxy = if n % 2 == 0 { &cluster.a } else { &cluster.b };
        let request = proxy.get("/serviceProviders", Some(&proxy.session(&format!("usr_{n}"), &[])));
        async move { request.send().await.unwrap().status() }
    });
    let statuses = futures_util::future::join_all(asks).await;
    assert!(statuses.iter().all(|s| s.is_success()), "{statuses:?}");
    assert_eq!(cluster.lists.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn without_redis_limits_fall_back_the_cap_and_replays_refuse_and_all_recovers() {
    let mut redis = RedisServer::start().await;
    let cluster = Cluster::start(&redis, ROOMY).await;
    let draft = draft_of(&cluster.sim, "usr_down");
    let session = cluster.a.session("usr_down", &[&draft.id]);
    let active = cluster.sim.activate(&draft.id).unwrap();
    redis.stop();

    // The limits fall back to each instance's own: the buyer is still served.
    let read = cluster.a.get(&format!("/portings/{}", draft.id), Some(&session)).send().await.unwrap();
    assert_eq!(read.status(), StatusCode::OK);
    // The replay check and the porting cap cannot be kept: refused for Gigs or the buyer to retry.
    assert_eq!(cluster.deliver(&cluster.a, "evt_down", &active).await, StatusCode::SERVICE_UNAVAILABLE);
    let body = serde_json::json!({"phoneNumber": "+12025550100"});
    let (status, _, _) =
        cluster.a.call(reqwest::Method::POST, "/portings", &session, Some(body.clone())).await;
    assert_eq!(status, 503);

    // Redis comes back on its port: everything works again, by itself.
    let redis = RedisServer::start_on(redis.port).await;
    let recovered = async || cluster.deliver(&cluster.a, "evt_back", &active).await == StatusCode::NO_CONTENT;
    wait_until(Duration::from_secs(10), "the webhook intake to recover", recovered).await;
    assert_eq!(cluster.deliver(&cluster.b, "evt_back", &active).await, StatusCode::CONFLICT, "shared again");
    let (status, _, _) = cluster.a.call(reqwest::Method::POST, "/portings", &session, Some(body)).await;
    assert_eq!(status, 201, "the cap is kept again");
    drop(redis);
}

#[tokio::test]
async fn a_redis_that_accepts_and_never_answers_delays_requests_at_most_its_timeout() {
    // A partitioned Redis as a load balancer in front of it can look: connections open, silence.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("redis://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            open.push(socket);
        }
    });
    let clock = manual_clock();
    let mut settings = simulator_settings(&clock);
    settings.redis = Some(Redis::new(&url, None).unwrap());
    let proxy = start(settings, clock).await;
    let porting = porting_of(proxy.simulator.as_ref().unwrap(), "usr_a");
    let session = proxy.session("usr_a", &[&porting.id]);
    let path = format!("/portings/{}", porting.id);

    // Concurrent ones too: one connects, and the others wait for it no longer than for an answer.
    let reads = (0..4).map(|_| async {
        let started = Instant::now();
        let read = proxy.get(&path, Some(&session)).send().await.unwrap();
        assert_eq!(read.status(), StatusCode::OK, "served under this instance's own limits");
        started.elapsed()
    });
    let took = futures_util::future::join_all(reads).await;
    assert!(took.iter().all(|took| *took < CONNECT_TIMEOUT + RESPONSE_TIMEOUT), "{took:?}");
    assert!(took.iter().filter(|took| **took >= RESPONSE_TIMEOUT * 2).count() <= 1, "{took:?}");
}

/// A relay to `redis` holding each new connection `delay` before relaying it: a Redis slow to
/// connect to, as a remote or TLS one can be.
async fn slow_to_connect(redis: &RedisServer, delay: Duration) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("redis://{}/", listener.local_addr().unwrap());
    let port = redis.port;
    tokio::spawn(async move {
        while let Ok((mut client, _)) = listener.accept().await {
            tokio::spawn(async move {
                tokio::time::sleep(delay).await;
                let Ok(mut server) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await else {
                    return;
                };
                let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
            });
        }
    });
    url
}

#[tokio::test]
async fn a_redis_slower_to_connect_to_than_to_answer_is_connected_and_used() {
    let redis = RedisServer::start().await;
    let delay = (RESPONSE_TIMEOUT + CONNECT_TIMEOUT) / 2;
    let shared = Redis::new(&slow_to_connect(&redis, delay).await, None).unwrap();
    let started = Instant::now();
    assert!(shared.ping().await.is_ok(), "connected within the connect timeout");
    assert!(started.elapsed() >= delay, "{:?}", started.elapsed());
    let started = Instant::now();
    assert!(shared.ping().await.is_ok());
    assert!(started.elapsed() < RESPONSE_TIMEOUT, "the connection is kept: {:?}", started.elapsed());
}
