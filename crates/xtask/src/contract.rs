//! The contract step of `cargo xtask test`: schemathesis generates requests from
//! `crates/porting-proxy/openapi.json` (valid and invalid ones) and checks every answer of the
//! real proxy binary against it, with the settings of `crates/porting-proxy/schemathesis.toml`;
//! then the same for the probes of `crates/porting-proxy/ops.openapi.json`.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::process::{self, TestCounts};
use crate::{http, root, target_dir};

/// Test cases per operation and phase: some 1300 requests, about 25 s on 2 cores.
const MAX_EXAMPLES: &str = "100";
/// The same cases every run.
const SEED: &str = "20261126";
/// A hung run is stopped, and fails, after this.
const LIMIT: Duration = Duration::from_secs(300);
/// Limits raised so the run is never refused for its own pace, and streams, which schemathesis
/// leaves after their first event, are closed by the next heartbeat.
const PROXY_FLAGS: &[&str] = &[
    "--ip-rate-per-minute",
    "1000000",
    "--ip-burst",
    "100000",
    "--session-rate-per-minute",
    "1000000",
    "--session-burst",
    "100000",
    "--streams-per-session",
    "100",
    "--sse-heartbeat-secs",
    "1",
];

/// Runs schemathesis (`program`) against a proxy of its own; the counts are its JUnit report's:
/// one test per operation, and one for the stateful phase.
pub fn run(program: &Path) -> Result<TestCounts, String> {
    let out = target_dir().join("contract");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    process::status(Command::new("cargo").args(["build", "-p", "porting-proxy"]).current_dir(root()))?;
    let proxy = Proxy::start(&target_dir().join("debug/porting-proxy"), &out.join("proxy.log"))?;
    let buyer = DemoBuyer::create(proxy.addr)?;

    let documents = root().join("crates/porting-proxy");
    let api = Run {
        document: documents.join("openapi.json"),
        config: Some(documents.join("schemathesis.toml")),
        url: format!("http://{}/api", proxy.addr),
        junit: out.join("junit.xml"),
    };
    // The probes, documented apart as they live outside the API prefix, with no session.
    let probes = Run {
        document: documents.join("ops.openapi.json"),
        config: None,
        url: format!("http://{}", proxy.addr),
        junit: out.join("junit-ops.xml"),
    };
    let mut total = TestCounts::default();
    for run in [api, probes] {
        let counts = run.schemathesis(program, &out, &buyer)?;
        total.passed += counts.passed;
        total.failed += counts.failed;
    }
    drop(proxy);
    Ok(total)
}

/// One schemathesis run: a document, its settings, where it is served, where the report goes.
struct Run {
    document: PathBuf,
    config: Option<PathBuf>,
    url: String,
    junit: PathBuf,
}

impl Run {
    fn schemathesis(&self, program: &Path, out: &Path, buyer: &DemoBuyer) -> Result<TestCounts, String> {
        let mut schemathesis = Command::new(program);
        if let Some(config) = &self.config {
            schemathesis.arg("--config-file").arg(config);
        }
        schemathesis
            .arg("run")
            .arg(&self.document)
            .args(["--url", &self.url])
            .args(["--max-examples", MAX_EXAMPLES, "--seed", SEED, "--workers", "1"])
            .args(["--generation-database", "none", "--no-color", "--report", "junit", "--report-junit-path"])
            .arg(&self.junit)
            .env("PORTING_SESSION", &buyer.session)
            .env("PORTING_ID", &buyer.porting)
            .env("DRAFT_PORTING_ID", &buyer.draft)
            // Whatever else it writes stays out of the checkout.
            .current_dir(out);
        let finished = process::status_within(&mut schemathesis, LIMIT);
        let counts = std::fs::read_to_string(&self.junit).ok().and_then(|xml| junit_counts(&xml));
        match (finished, counts) {
            // schemathesis exits non-zero when it found failures, which its report counts.
            (Ok(()), Some(counts)) => Ok(counts),
            (Err(_), Some(counts)) if counts.failed > 0 => Ok(counts),
            (Err(message), _) => Err(message),
            (Ok(()), None) => {
                Err(format!("schemathesis wrote no readable report to {}", self.junit.display()))
            }
        }
    }
}

/// The proxy binary in simulator mode on a free loopback port; killed when dropped, however the
/// step ends.
struct Proxy {
    child: Child,
    addr: SocketAddr,
}

impl Proxy {
    fn start(binary: &Path, log: &Path) -> Result<Proxy, String> {
        let addr = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .map_err(|e| format!("no free loopback port: {e}"))?;
        let log_file =
            std::fs::File::create(log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let stderr = log_file.try_clone().map_err(|e| e.to_string())?;
        let child = crate::serve::simulator_mode(&mut Command::new(binary))
            .args(["--listen", &addr.to_string()])
            .args(PROXY_FLAGS)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::from(log_file))
            .stderr(Stdio::from(stderr))
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let mut proxy = Proxy { child, addr };
        for _ in 0..100 {
            if TcpStream::connect(addr).is_ok() {
                return Ok(proxy);
            }
            if let Ok(Some(status)) = proxy.child.try_wait() {
                return Err(format!("the proxy stopped ({status}); see {}", log.display()));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(format!("the proxy did not listen on {addr} within 10 s; see {}", log.display()))
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The demo buyer the run acts as: a session with its demo porting and a draft of its own.
struct DemoBuyer {
    session: String,
    porting: String,
    draft: String,
}

impl DemoBuyer {
    fn create(proxy: SocketAddr) -> Result<DemoBuyer, String> {
        let demo = json_of(http::post(proxy, "/api/dev/demo", None, "")?, 200)?;
        let session = string_at(&demo, "session")?;
        let answer = http::post(proxy, "/api/portings", Some(&session), r#"{"phoneNumber":"+12025550100"}"#)?;
        // The answer's session lists the new porting as well as the demo's.
        let session = answer.header("porting-session").ok_or("POST /api/portings gave no Porting-Session")?;
        let session = session.to_owned();
        let draft = json_of(answer, 201)?;
        Ok(DemoBuyer { session, porting: string_at(&demo, "portingId")?, draft: string_at(&draft, "id")? })
    }
}

fn json_of(answer: http::Answer, expected: u16) -> Result<Value, String> {
    if answer.status != expected {
        return Err(format!("the proxy answered {} ({}) instead of {expected}", answer.status, answer.body));
    }
    serde_json::from_str(&answer.body).map_err(|e| format!("the proxy answered something not JSON: {e}"))
}

fn string_at(value: &Value, key: &str) -> Result<String, String> {
    value[key].as_str().map(str::to_owned).ok_or_else(|| format!("the proxy's answer has no {key}: {value}"))
}

/// The totals of a JUnit report's `<testsuites>` element; errors (such as a failed health check)
/// count as failures, skipped tests as neither.
fn junit_counts(xml: &str) -> Option<TestCounts> {
    let start = xml.find("<testsuites")?;
    let tag = &xml[start..start + xml[start..].find('>')?];
    let attribute = |name: &str| -> Option<usize> {
        let value = tag.split(&format!(" {name}=\"")).nth(1)?;
        value[..value.find('"')?].parse().ok()
    };
    let failed = attribute("failures")? + attribute("errors")?;
    let passed = attribute("tests")?.checked_sub(failed + attribute("skipped")?)?;
    Some(TestCounts { passed, failed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junit_totals_become_counts() {
        let xml = r#"<?xml version="1.0" encoding="utf-8"?>
<testsuites errors="1" failures="2" skipped="1" tests="9" time="3.6">
  <testsuite name="schemathesis" errors="1" failures="2" skipped="1" tests="9" time="3.6">"#;
        assert_eq!(junit_counts(xml), Some(TestCounts { passed: 5, failed: 3 }));
        assert_eq!(junit_counts("<testsuite tests=\"1\">"), None);
        assert_eq!(junit_counts("<testsuites tests=\"1\" failures=\"0\">"), None);
    }
}
