//! A soak of live streams: 1,000 held open against one `porting-proxy` (simulator mode) for a
//! while, with the proxy's memory read at the start and at the end (it must stay flat) and the
//! heartbeat traffic counted. Run by `cargo xtask soak`.
//!
//! Environment: `PORTING_SOAK_SECS` (default 600), `PORTING_SOAK_STREAMS` (default 1000).

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;

/// Streams per demo buyer: the demo route gives at most ten buyers at once to one address.
const PER_BUYER: usize = 100;

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).filter(|n| *n > 0).unwrap_or(default)
}

/// The resident memory of process `pid`, in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let line = status.lines().find(|line| line.starts_with("VmRSS:")).unwrap_or_default();
    line.split_whitespace().nth(1).and_then(|kib| kib.parse().ok()).unwrap_or(0)
}

fn main() {
    let runtime = tokio::runtime::Runtime::new().expect("a Tokio runtime");
    if let Err(message) = runtime.block_on(soak()) {
        eprintln!("soak: {message}");
        std::process::exit(1);
    }
}

async fn soak() -> Result<(), String> {
    let seconds = env_number("PORTING_SOAK_SECS", 600);
    let streams = env_number("PORTING_SOAK_STREAMS", 1000) as usize;
    let listen = std::net::TcpListener::bind("127.0.0.1:0")
        .map_err(|e| e.to_string())?
        .local_addr()
        .map_err(|e| e.to_string())?;
    let per_buyer = PER_BUYER.to_string();
    let room = (streams * 2).to_string();
    let proxy = Running(
        Command::new(env!("CARGO_BIN_EXE_porting-proxy"))
            .args(["--listen", &listen.to_string(), "--streams-per-session", &per_buyer])
            .args(["--streams-per-ip", &room, "--max-streams", &room, "--max-in-flight", &room])
            .args(["--ip-rate-per-minute", "1000000", "--ip-burst", "100000"])
            .args(["--session-rate-per-minute", "1000000", "--session-burst", "100000"])
            .env_remove("GIGS_BASE_URL")
            .env_remove("PORTING_REDIS_URL")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start the proxy: {e}"))?,
    );
    let base = format!("http://{listen}/api");
    let client = reqwest::Client::new();
    let mut buyers = Vec::new();
    for _ in 0..streams.div_ceil(PER_BUYER) {
        let mut demo = None;
        for _ in 0..100 {
            if let Ok(answer) = client.post(format!("{base}/dev/demo")).send().await {
                demo = answer.json::<serde_json::Value>().await.ok();
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let demo = demo.ok_or("no demo buyer")?;
        let text = |key: &str| demo[key].as_str().unwrap_or_default().to_owned();
        buyers.push((text("session"), text("portingId")));
    }
    let bytes = Arc::new(AtomicU64::new(0));
    let open = Arc::new(AtomicU64::new(0));
    for n in 0..streams {
        let (session, id) = buyers[n / PER_BUYER].clone();
        let (bytes, open) = (bytes.clone(), open.clone());
        let stream = reqwest::Client::new().get(format!("{base}/portings/{id}/events")).bearer_auth(session);
        tokio::spawn(async move {
            let Ok(response) = stream.send().await else { return };
            if !response.status().is_success() {
                return;
            }
            open.fetch_add(1, Ordering::SeqCst);
            let mut body = response.bytes_stream();
            while let Some(Ok(chunk)) = body.next().await {
                bytes.fetch_add(chunk.len() as u64, Ordering::Relaxed);
            }
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
    let opening = Instant::now();
    while (open.load(Ordering::SeqCst) as usize) < streams && opening.elapsed() < Duration::from_secs(60) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let held = open.load(Ordering::SeqCst);
    tokio::time::sleep(Duration::from_secs(5)).await;
    let (start_kib, start_bytes) = (rss_kib(proxy.0.id()), bytes.load(Ordering::Relaxed));
    println!("soak: {held} streams open; proxy memory {start_kib} KiB; holding for {seconds} s");
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    let (end_kib, end_bytes) = (rss_kib(proxy.0.id()), bytes.load(Ordering::Relaxed));
    let still = open.load(Ordering::SeqCst);
    let per_stream_minute = (end_bytes - start_bytes) as f64 / held.max(1) as f64 / (seconds as f64 / 60.0);
    println!(
        "soak-result: streams={held} still_open={still} seconds={seconds} rss_start_kib={start_kib} rss_end_kib={end_kib} heartbeat_bytes={} bytes_per_stream_minute={per_stream_minute:.0}",
        end_bytes - start_bytes
    );
    if still < held {
        return Err(format!("{} streams ended during the soak", held - still));
    }
    Ok(())
}
