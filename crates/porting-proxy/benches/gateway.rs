//! `GET porting` through the proxy (upstream mode) versus the simulated Gigs directly, each in its
//! own process on loopback, driven by a small load generator: N connections for a fixed time; and
//! through a proxy with its metrics on, to show what recording them costs (the three take turns);
//! then through two proxies sharing a `redis-server` (half the connections to each), to show what
//! Redis adds per request.
//! Run by `cargo xtask bench`, which builds this in the `native-release` profile and records the
//! `bench-result:` line in BENCHMARKS.md.
//!
//! Environment: `PORTING_BENCH_SECS` (default 10), `PORTING_BENCH_CONNECTIONS` (default 32),
//! `REDIS_SERVER` (default `/usr/bin/redis-server`).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use porting_model::{CreatePorting, NewPorting, Porting, PortingFields};
use porting_proxy::clock::SystemClock;
use porting_proxy::guard::session::{Claims, SessionKey};
use porting_proxy::ids::new_id;
use porting_proxy::simulator::{self, Simulator};
use porting_proxy::{server, SIMULATOR_API_KEY, SIMULATOR_PROJECT};

/// Set in the child process that hosts the simulator.
const ROLE_ENV: &str = "PORTING_BENCH_ROLE";
const WARM_UP: Duration = Duration::from_secs(1);

fn main() {
    let runtime = tokio::runtime::Runtime::new().expect("a Tokio runtime");
    if std::env::var(ROLE_ENV).as_deref() == Ok("simulator") {
        runtime.block_on(host_simulator());
        return;
    }
    let seconds = env_number("PORTING_BENCH_SECS", 10);
    let connections = env_number("PORTING_BENCH_CONNECTIONS", 32);
    if let Err(message) = runtime.block_on(compare(Duration::from_secs(seconds), connections as usize)) {
        eprintln!("bench: {message}");
        std::process::exit(1);
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).filter(|n| *n > 0).unwrap_or(default)
}

/// The child: the simulator's Gigs API on a free port, printed on stdout; it ends with stdin.
async fn host_simulator() {
    let sim = Arc::new(Simulator::new(SIMULATOR_PROJECT, SIMULATOR_API_KEY, Arc::new(SystemClock)));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
    println!("{}", listener.local_addr().expect("bound"));
    let stdin_closed = tokio::task::spawn_blocking(|| {
        let _ = std::io::stdin().lines().count();
    });
    let _ = server::serve(listener, simulator::router(sim), async {
        let _ = stdin_closed.await;
    })
    .await;
}

/// Kills a child process when dropped, so a failed run leaves nothing behind.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn compare(duration: Duration, connections: usize) -> Result<(), String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut sim_child = Command::new(exe)
        .env(ROLE_ENV, "simulator")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the simulator: {e}"))?;
    let sim_stdout = sim_child.stdout.take().expect("piped");
    let _sim = Running(sim_child);
    let sim_addr = BufReader::new(sim_stdout)
        .lines()
        .next()
        .and_then(Result::ok)
        .ok_or("the simulator printed no address")?;
    let gigs = format!("http://{sim_addr}");

    let client = reqwest::Client::new();
    let porting: Porting = client
        .post(format!("{gigs}/projects/{SIMULATOR_PROJECT}/portings"))
        .bearer_auth(SIMULATOR_API_KEY)
        .json(&CreatePorting {
            user: "usr_bench".into(),
            provider: "p9".into(),
            porting: NewPorting {
                phone_number: "+12015550123".into(),
                fields: PortingFields { donor_provider: Some("svp_us_att".into()), ..Default::default() },
            },
        })
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|e| format!("cannot create the porting: {e}"))?
        .json()
        .await
        .map_err(|e| e.to_string())?;

    // Any text of 32 bytes or more will do as the HS256 key.
    let session_key = format!("{}{}", new_id("key"), new_id("key"));
    let start_proxy = |redis: Option<&str>, metrics: bool| -> Result<(String, Running), String> {
        let proxy_addr = free_port()?;
        let unlimited = "1000000";
        let mut command = Command::new(env!("CARGO_BIN_EXE_porting-proxy"));
        command
            .args(["--listen", &proxy_addr, "--gigs-base-url", &gigs, "--gigs-project", SIMULATOR_PROJECT])
            .args(["--ip-rate-per-minute", unlimited, "--ip-burst", "100000"])
            .args(["--session-rate-per-minute", unlimited, "--session-burst", "100000"])
            .args(["--max-in-flight", "100000"])
            .env("GIGS_API_KEY", SIMULATOR_API_KEY)
            .env("PORTING_SESSION_KEY", &session_key)
            .env_remove("GIGS_WEBHOOK_SECRET")
            .env_remove("PORTING_REDIS_URL")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if let Some(url) = redis {
            command.args(["--redis-url", url]);
        }
        if metrics {
            command.args(["--metrics-listen", &free_port()?]);
        }
        let child = command.spawn().map_err(|e| format!("cannot start the proxy: {e}"))?;
        Ok((proxy_addr, Running(child)))
    };
    let (proxy_addr, _proxy) = start_proxy(None, false)?;
    let (metrics_addr, _metrics) = start_proxy(None, true)?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let session = SessionKey::new(session_key.clone()).map_err(|e| e.to_string())?.mint(&Claims {
        sub: porting.user.clone(),
        portings: vec![porting.id.clone()],
        provider: "p9".into(),
        exp: now + 3600,
        iat: Some(now),
        nbf: None,
        aud: None,
        iss: None,
    });
    let path = format!("/api/portings/{}", porting.id);
    let through_proxy = Target { urls: vec![format!("http://{proxy_addr}{path}")], bearer: session.clone() };
    wait_until_up(&through_proxy).await?;
    let with_metrics = Target { urls: vec![format!("http://{metrics_addr}{path}")], bearer: session.clone() };
    wait_until_up(&with_metrics).await?;
    let direct = Target {
        urls: vec![format!("{gigs}/projects/{SIMULATOR_PROJECT}/portings/{}", porting.id)],
        bearer: SIMULATOR_API_KEY.into(),
    };

    // Two proxies on one Redis, as behind a load balancer.
    let redis_port = free_port()?.rsplit_once(':').map(|(_, port)| port.to_owned()).unwrap_or_default();
    let redis_program = std::env::var_os("REDIS_SERVER").unwrap_or_else(|| "/usr/bin/redis-server".into());
    let _redis = Running(
        Command::new(&redis_program)
            .args(["--port", &redis_port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {redis_program:?}: {e}"))?,
    );
    let redis_url = format!("redis://127.0.0.1:{redis_port}/");
    let (first, _first) = start_proxy(Some(&redis_url), false)?;
    let (second, _second) = start_proxy(Some(&redis_url), false)?;
    let cluster = Target {
        urls: vec![format!("http://{first}{path}"), format!("http://{second}{path}")],
        bearer: session,
    };
    wait_until_up(&cluster).await?;

    println!(
        "GET porting, {connections} connections, {} s each, after {} s warm-up\n",
        duration.as_secs(),
        WARM_UP.as_secs()
    );
    println!("| target | requests/s | p50 ms | p99 ms | errors |");
    println!("|---|---|---|---|---|");
    let print = |name: &str, result: &Outcome| {
        println!(
            "| {name} | {:.0} | {:.2} | {:.2} | {} |",
            result.per_second, result.p50_ms, result.p99_ms, result.errors
        );
    };
    // Taking turns in halves, so a change in the machine's load falls on all three alike.
    let mut runs: [Vec<Outcome>; 3] = Default::default();
    for _ in 0..2 {
        for (target, runs) in [&direct, &through_proxy, &with_metrics].into_iter().zip(&mut runs) {
            load(target, connections, WARM_UP).await;
            runs.push(load(target, connections, duration / 2).await);
        }
    }
    let [sim, proxy, metrics] = runs.map(|runs| Outcome::mean(&runs));
    load(&cluster, connections, WARM_UP).await;
    let shared = load(&cluster, connections, duration).await;
    print("simulator directly", &sim);
    print("through the proxy", &proxy);
    print("through the proxy, metrics on", &metrics);
    print("two proxies on Redis", &shared);
    println!(
        "\nbench-result: connections={connections} seconds={} sim_rps={:.0} sim_p50={:.2} sim_p99={:.2} proxy_rps={:.0} proxy_p50={:.2} proxy_p99={:.2} metrics_rps={:.0} metrics_p50={:.2} metrics_p99={:.2} redis_rps={:.0} redis_p50={:.2} redis_p99={:.2}",
        duration.as_secs(), sim.per_second, sim.p50_ms, sim.p99_ms, proxy.per_second, proxy.p50_ms, proxy.p99_ms,
        metrics.per_second, metrics.p50_ms, metrics.p99_ms, shared.per_second, shared.p50_ms, shared.p99_ms
    );
    Ok(())
}

/// A free loopback address for the proxy to listen on.
fn free_port() -> Result<String, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.to_string())
}

/// Where the load goes: each connection to one of `urls` in turn.
struct Target {
    urls: Vec<String>,
    bearer: String,
}

async fn wait_until_up(target: &Target) -> Result<(), String> {
    let client = reqwest::Client::new();
    for url in &target.urls {
        let mut up = false;
        for _ in 0..100 {
            let answer = client.get(url).bearer_auth(&target.bearer).send().await;
            if answer.is_ok_and(|response| response.status().is_success()) {
                up = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        if !up {
            return Err(format!("{url} did not answer 200 within 10 s"));
        }
    }
    Ok(())
}

struct Outcome {
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    errors: usize,
}

impl Outcome {
    /// The mean of runs of equal length.
    fn mean(runs: &[Outcome]) -> Outcome {
        let n = runs.len().max(1) as f64;
        let mean = |of: fn(&Outcome) -> f64| runs.iter().map(of).sum::<f64>() / n;
        Outcome {
            per_second: mean(|run| run.per_second),
            p50_ms: mean(|run| run.p50_ms),
            p99_ms: mean(|run| run.p99_ms),
            errors: runs.iter().map(|run| run.errors).sum(),
        }
    }
}

/// `connections` loops, each on its own keep-alive connection, sending one request after another
/// for `duration`.
async fn load(target: &Target, connections: usize, duration: Duration) -> Outcome {
    let deadline = Instant::now() + duration;
    let started = Instant::now();
    let workers: Vec<_> = (0..connections)
        .map(|n| {
            let client = reqwest::Client::builder().pool_max_idle_per_host(1).build().expect("a client");
            let (url, bearer) = (target.urls[n % target.urls.len()].clone(), target.bearer.clone());
            tokio::spawn(async move {
                let (mut latencies, mut errors) = (Vec::new(), 0usize);
                while Instant::now() < deadline {
                    let sent = Instant::now();
                    let ok = match client.get(&url).bearer_auth(&bearer).send().await {
                        Ok(response) => response.status().is_success() && response.bytes().await.is_ok(),
                        Err(_) => false,
                    };
                    if ok {
                        latencies.push(sent.elapsed());
                    } else {
                        errors += 1;
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let (mut latencies, mut errors) = (Vec::new(), 0);
    for worker in workers {
        let (mine, my_errors) = worker.await.expect("a load worker");
        latencies.extend(mine);
        errors += my_errors;
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    let percentile = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Outcome {
        per_second: latencies.len() as f64 / elapsed,
        p50_ms: percentile(0.50),
        p99_ms: percentile(0.99),
        errors,
    }
}
