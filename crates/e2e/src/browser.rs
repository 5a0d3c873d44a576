//! A fresh browser per test in one of three engines (Chromium, Firefox, WebKit), driven through
//! its own WebDriver server, and the clean-up that leaves no browser behind.

use std::io::{BufRead, BufReader, Read};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Map};

/// Marks every browser profile directory, so leftover processes can be found and killed.
pub const PROFILE_MARK: &str = "porting-e2e-profile";

pub use browser_engines::Engine;

/// The engine named by `PORTING_E2E_ENGINE` (`chromium`, `firefox`, `webkit`); Chromium when unset.
pub fn engine_from_env() -> Engine {
    match std::env::var(browser_engines::ENGINE_VAR) {
        Err(_) => Engine::Chromium,
        Ok(name) => Engine::named(&name)
            .unwrap_or_else(|| panic!("PORTING_E2E_ENGINE={name}: use chromium, firefox or webkit")),
    }
}

/// An engine with its WebDriver server and browser binary.
#[derive(Clone, Debug)]
pub struct Browser {
    pub engine: Engine,
    pub driver: PathBuf,
    pub binary: PathBuf,
}

impl Browser {
    /// `engine` with the paths its variables name (see [`engine_from_env`]).
    pub fn of(engine: Engine) -> Browser {
        let (driver, binary) = (engine.driver_var(), engine.browser_var());
        let var = |name: &str| {
            std::env::var_os(name).map(PathBuf::from).unwrap_or_else(|| {
                panic!("{name} is not set: run the end-to-end tests through `cargo xtask test`")
            })
        };
        Browser { engine, driver: var(driver), binary: var(binary) }
    }
}

/// How chromedriver tells the port it listens on: `ChromeDriver was started successfully on
/// port 41255.`
const CHROMEDRIVER_STARTED: &str = "ChromeDriver was started successfully on port ";
/// How geckodriver tells it: `… geckodriver INFO Listening on 127.0.0.1:34573`.
const GECKODRIVER_STARTED: &str = "Listening on 127.0.0.1:";

pub(crate) struct Driver {
    child: Child,
    pub(crate) url: String,
}

impl Driver {
    /// Starts the engine's WebDriver server on a free port. A start that is not listening in
    /// 10 s is tried again: it happened once in a full run, on a busy machine.
    pub(crate) fn start(browser: &Browser) -> Driver {
        (0..3)
            .find_map(|_| Self::try_start(browser))
            .unwrap_or_else(|| panic!("{} did not start, three times", browser.driver.display()))
    }

    fn try_start(browser: &Browser) -> Option<Driver> {
        let mut command = Command::new(&browser.driver);
        // Its own process group, so the browsers it starts go down with it.
        command.process_group(0).stdout(Stdio::piped()).stderr(Stdio::piped());
        // chromedriver and geckodriver pick a port themselves and say it (picking one for them
        // would race with every other test binding ports); WebKitWebDriver says nothing.
        let chosen = match browser.engine {
            Engine::Chromium => {
                command.arg("--port=0");
                None
            }
            Engine::Firefox => {
                command.args(["--port", "0"]);
                None
            }
            Engine::WebKit => {
                let port = TcpListener::bind("127.0.0.1:0").ok()?.local_addr().ok()?.port();
                command.arg(format!("--port={port}"));
                Some(port)
            }
        };
        let mut child =
            command.spawn().unwrap_or_else(|e| panic!("cannot start {}: {e}", browser.driver.display()));
        let (tell, port) = mpsc::channel();
        // Reads the whole output, so the driver never blocks on a full pipe.
        for output in [
            child.stdout.take().map(|o| Box::new(o) as Box<dyn Read + Send>),
            child.stderr.take().map(|e| Box::new(e) as Box<dyn Read + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let tell = tell.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(output).lines().map_while(Result::ok) {
                    if let Some(port) = said_port(&line) {
                        let _ = tell.send(port);
                    }
                }
            });
        }
        let port = match chosen {
            Some(port) => listening(port, Duration::from_secs(10)).then_some(port),
            None => port.recv_timeout(Duration::from_secs(10)).ok(),
        };
        match port {
            Some(port) => Some(Driver { child, url: format!("http://127.0.0.1:{port}") }),
            None => {
                kill_group(&mut child);
                None
            }
        }
    }

    pub(crate) fn stop(&mut self) {
        kill_group(&mut self.child);
    }
}

/// The port a driver's output line says it listens on.
fn said_port(line: &str) -> Option<u16> {
    if let Some(rest) = line.strip_prefix(CHROMEDRIVER_STARTED) {
        return rest.trim_end_matches('.').parse().ok();
    }
    let at = line.find(GECKODRIVER_STARTED)?;
    line[at + GECKODRIVER_STARTED.len()..].trim().parse().ok()
}

/// Whether something accepts connections on loopback `port` within `deadline`.
fn listening(port: u16, deadline: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// Kills `child` and every process of its group (its own, from `process_group(0)`).
fn kill_group(child: &mut Child) {
    // `--` first: procps' kill reads `-KILL -123` as signals and kills every process instead.
    let group = format!("-{}", child.id());
    let _ = Command::new("kill").args(["-s", "KILL", "--", &group]).stderr(Stdio::null()).status();
    let _ = child.kill();
    let _ = child.wait();
}

/// A session in `browser` with its profile in `profile` (Chromium's `extra` arguments added).
pub(crate) async fn connect(driver: &str, browser: &Browser, profile: &Path, extra: &[&str]) -> Client {
    let mut capabilities = Map::new();
    match browser.engine {
        Engine::Chromium => {
            let args: Vec<String> = [
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
            .chain([format!("--user-data-dir={}", profile.display())])
            .collect();
            capabilities
                .insert("goog:chromeOptions".into(), json!({ "binary": browser.binary, "args": args }));
        }
        Engine::Firefox => {
            let options = json!({
                "binary": browser.binary,
                "args": ["-headless", "-profile", profile, "-width", "1024", "-height", "900"],
            });
            capabilities.insert("moz:firefoxOptions".into(), options);
        }
        Engine::WebKit => {
            let options = json!({ "binary": browser.binary, "args": ["--automation"] });
            capabilities.insert("webkitgtk:browserOptions".into(), options);
        }
    }
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(driver)
        .await
        .unwrap_or_else(|e| panic!("cannot open a {:?} session: {e}", browser.engine));
    if browser.engine == Engine::WebKit {
        // MiniBrowser takes no size on its command line.
        let _ = client.set_window_size(1024, 900).await;
    }
    client
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_port_each_driver_says() {
        assert_eq!(said_port("ChromeDriver was started successfully on port 41255."), Some(41255));
        assert_eq!(said_port("1796587465019\tgeckodriver\tINFO\tListening on 127.0.0.1:46227"), Some(46227));
        assert_eq!(said_port("Starting ChromeDriver 141.0 on port 0"), None);
    }
}
