//! A fresh headless Chromium per test, driven through its own chromedriver, and the clean-up
//! that leaves no browser behind.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder};
use serde_json::json;

/// Marks every browser profile directory, so leftover processes can be found and killed.
pub const PROFILE_MARK: &str = "porting-e2e-profile";

/// How chromedriver tells the port it listens on: `ChromeDriver was started successfully on
/// port 41255.`
const STARTED: &str = "ChromeDriver was started successfully on port ";

pub(crate) struct Driver {
    child: Child,
    pub(crate) url: String,
}

impl Driver {
    /// Starts chromedriver on a port it picks itself and says (picking a free port for it first
    /// would race with every other test binding ports meanwhile). A start that says nothing in
    /// 10 s is tried again: it happened once in a full run, on a busy machine.
    pub(crate) fn start(chromedriver: &Path) -> Driver {
        (0..3)
            .find_map(|_| Self::try_start(chromedriver))
            .expect("chromedriver did not say it started, three times")
    }

    fn try_start(chromedriver: &Path) -> Option<Driver> {
        let mut child = Command::new(chromedriver)
            .arg("--port=0")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromedriver.display()));
        let stdout = child.stdout.take().expect("chromedriver's output");
        let (tell, port) = mpsc::channel();
        // Reads the whole output, so chromedriver never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(port) =
                    line.strip_prefix(STARTED).and_then(|rest| rest.trim_end_matches('.').parse::<u16>().ok())
                {
                    let _ = tell.send(port);
                }
            }
        });
        match port.recv_timeout(Duration::from_secs(10)) {
            Ok(port) => Some(Driver { child, url: format!("http://127.0.0.1:{port}") }),
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                None
            }
        }
    }

    pub(crate) fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) async fn connect(driver: &str, chromium: &Path, profile: &Path, extra: &[&str]) -> Client {
    let mut capabilities = serde_json::Map::new();
    let mut args: Vec<String> = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1024,900",
    ]
    .into_iter()
    .chain(extra.iter().copied())
    .map(str::to_owned)
    .collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    capabilities.insert("goog:chromeOptions".into(), json!({ "binary": chromium, "args": args }));
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(driver)
        .await
        .unwrap_or_else(|e| panic!("cannot open a Chromium session: {e}"))
}

/// Kills any process still using `profile` (a browser the driver failed to take down).
pub(crate) fn kill_marked(profile: &Path) {
    let Ok(entries) = std::fs::read_dir("/proc") else { return };
    let mark = profile.to_string_lossy().into_owned();
    for entry in entries.flatten() {
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        if String::from_utf8_lossy(&cmdline).contains(&mark) {
            let _ = Command::new("kill").arg("-KILL").arg(entry.file_name()).status();
        }
    }
}
