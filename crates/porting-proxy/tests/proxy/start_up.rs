//! What the proxy binary says as it starts.

use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};

/// The log lines the binary writes with `args` in upstream mode until it listens.
async fn start_up_lines(args: &[&str]) -> Vec<String> {
    let mut proxy = tokio::process::Command::new(env!("CARGO_BIN_EXE_porting-proxy"))
        .args(["--listen", "127.0.0.1:0", "--gigs-base-url", "http://127.0.0.1:9", "--gigs-project", "acme"])
        .args(args)
        .env("GIGS_API_KEY", "sk_test")
        .env("PORTING_SESSION_KEY", "k".repeat(32))
        .env("NO_COLOR", "1")
        .env_remove("GIGS_WEBHOOK_SECRET")
        .env_remove("PORTING_REDIS_URL")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(proxy.stdout.take().unwrap()).lines();
    let mut read = Vec::new();
    let listening = async {
        while let Some(line) = lines.next_line().await.unwrap() {
            let done = line.contains("porting-proxy listening");
            read.push(line);
            if done {
                return;
            }
        }
        panic!("the proxy stopped before it listened: {read:?}");
    };
    tokio::time::timeout(Duration::from_secs(10), listening).await.expect("listening within 10 s");
    read
}

#[tokio::test]
async fn upstream_mode_without_an_audience_or_issuer_warns_once_at_start_what_it_allows() {
    let lines = start_up_lines(&[]).await;
    let warnings: Vec<_> = lines.iter().filter(|line| line.contains("WARN")).collect();
    assert_eq!(warnings.len(), 1, "{lines:#?}");
    for said in ["--session-audience", "--session-issuer", "any session signed with PORTING_SESSION_KEY"] {
        assert!(warnings[0].contains(said), "{}", warnings[0]);
    }
    let named =
        start_up_lines(&["--session-audience", "porting-widget", "--session-issuer", "https://shop.example"]);
    let lines = named.await;
    assert!(lines.iter().all(|line| !line.contains("WARN")), "{lines:#?}");
}
