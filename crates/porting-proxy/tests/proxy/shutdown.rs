//! The proxy binary stops on SIGTERM within its grace period, even while requests are busy: one
//! waiting on a Gigs that never answers, a live stream, and a webhook of the flood's shape.

use std::io::Read;
use std::net::TcpListener;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::support::wait_until;
use porting_proxy::guard::session::{Claims, SessionKey};

/// The server's grace for open requests (`server::SHUTDOWN_GRACE`), and the slack of a shared machine.
const GRACE: Duration = Duration::from_secs(10);
const SLACK: Duration = Duration::from_secs(5);

fn free_port() -> String {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().to_string()
}

/// How `proxy` exited, which it must within `within`.
async fn exit_of(proxy: &mut Child, within: Duration) -> ExitStatus {
    let mut ended = None;
    let exited = async || {
        ended = proxy.try_wait().unwrap();
        ended.is_some()
    };
    wait_until(within, "the proxy to exit after SIGTERM", exited).await;
    ended.unwrap()
}

#[tokio::test]
async fn sigterm_ends_the_process_within_the_grace_period_while_requests_are_busy() {
    // A Gigs that accepts connections, counts them and never answers.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let gigs = format!("http://{}", silent.local_addr().unwrap());
    let reached = Arc::new(AtomicUsize::new(0));
    let counted = reached.clone();
    let silent = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            counted.fetch_add(1, Ordering::SeqCst);
            open.push(socket);
        }
    });
    let listen = free_port();
    let key = "k".repeat(32);
    let mut proxy = Command::new(env!("CARGO_BIN_EXE_porting-proxy"))
        .args(["--listen", &listen, "--gigs-base-url", &gigs, "--gigs-project", "acme"])
        .args(["--upstream-timeout-ms", "12000", "--drain-secs", "0"])
        .env("GIGS_API_KEY", "sk_test")
        .env("PORTING_SESSION_KEY", &key)
        .env("GIGS_WEBHOOK_SECRET", "a webhook secret that is long enough")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    let base = format!("http://{listen}");
    let listening = async || client.get(format!("{base}/api/portings/prt_1")).send().await.is_ok();
    wait_until(Duration::from_secs(5), "the proxy to listen", listening).await;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let claims = Claims {
        sub: "usr_1".into(),
        portings: vec!["prt_1".into()],
        provider: "p9".into(),
        exp: now + 600,
        iat: None,
        nbf: None,
        aud: None,
        iss: None,
    };
    let session = SessionKey::new(key).unwrap().mint(&claims);
    let busy = [format!("{base}/api/portings/prt_1"), format!("{base}/api/portings/prt_1/events")]
        .map(|url| tokio::spawn(client.get(url).bearer_auth(&session).send()));
    let flood = client
        .post(format!("{base}/webhooks/gigs"))
        .header("webhook-id", "evt_1")
        .header("webhook-timestamp", now.to_string())
        .header("webhook-signature", "v1,AAAA ".repeat(60_000).trim_end())
        .body(vec![b'{'; 250 * 1024]);
    let flood = tokio::spawn(flood.send());
    // Both busy requests wait on Gigs (a read, and the stream's first read).
    let busy_and_answered = async || reached.load(Ordering::SeqCst) >= 2 && flood.is_finished();
    wait_until(
        Duration::from_secs(5),
        "both requests to wait on Gigs, the flood answered",
        busy_and_answered,
    )
    .await;

    let status = Command::new("kill").args(["-TERM", &proxy.id().to_string()]).status().unwrap();
    assert!(status.success());
    let ended = exit_of(&mut proxy, GRACE + SLACK).await;
    let mut log = String::new();
    proxy.stderr.take().unwrap().read_to_string(&mut log).unwrap();
    assert!(ended.success(), "a clean exit: {ended:?}\n{log}");
    assert!(!log.contains("panicked"), "{log}");
    let flooded = flood.await.unwrap().expect("the flood was answered before the end");
    assert_eq!(flooded.status(), 400, "refused at once as malformed");
    for request in busy {
        let _ = request.await;
    }
    silent.abort();
}

/// A load balancer sees `/readyz` fail from the signal on, while the proxy still serves for the
/// drain period; then it exits.
#[tokio::test]
async fn sigterm_first_drains_with_readiness_off_then_exits() {
    const DRAIN: Duration = Duration::from_secs(2);
    let listen = free_port();
    let mut proxy = Command::new(env!("CARGO_BIN_EXE_porting-proxy"))
        .args(["--listen", &listen, "--drain-secs", &DRAIN.as_secs().to_string()])
        .env_remove("GIGS_BASE_URL")
        .env_remove("GIGS_PROJECT")
        .env_remove("GIGS_API_KEY")
        .env_remove("PORTING_SESSION_KEY")
        .env_remove("GIGS_WEBHOOK_SECRET")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let ready = format!("http://{listen}/readyz");
    let answers =
        async |status: u16| reqwest::get(&ready).await.is_ok_and(|answer| answer.status() == status);
    wait_until(Duration::from_secs(5), "the proxy to become ready", async || answers(200).await).await;
    let asked = Instant::now();
    assert!(Command::new("kill").args(["-TERM", &proxy.id().to_string()]).status().unwrap().success());
    wait_until(Duration::from_secs(1), "not ready at once", async || answers(503).await).await;
    let api = reqwest::get(format!("http://{listen}/api/serviceProviders")).await.unwrap();
    assert_eq!(api.status(), 401, "still serving while draining");
    let ended = exit_of(&mut proxy, DRAIN + SLACK).await;
    assert!(ended.success(), "{ended:?}");
    assert!(asked.elapsed() >= DRAIN, "exited after {:?}, before the drain ended", asked.elapsed());
}
