//! The end-to-end harness: the release-built widget served by the real proxy (with its
//! simulator) on a free loopback port, and a fresh headless Chromium driven through WebDriver.
//!
//! Run through `cargo xtask test`, which builds `dist/` and passes its location, chromedriver and
//! axe-core in the environment.

use std::future::Future;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use futures_util::FutureExt;
use porting_proxy::server::{self, Backend, Settings};
use porting_proxy::session::SessionKey;
use porting_proxy::simulator::Simulator;
use serde_json::{json, Value};

/// Marks every browser profile directory, so leftover processes can be found and killed.
pub const PROFILE_MARK: &str = "porting-e2e-profile";

struct Env {
    dist: PathBuf,
    axe_js: PathBuf,
    chromedriver: PathBuf,
    chromium: PathBuf,
}

fn env() -> Env {
    let var = |name: &str| {
        std::env::var_os(name).map(PathBuf::from).unwrap_or_else(|| {
            panic!("{name} is not set: run the end-to-end tests through `cargo xtask test`")
        })
    };
    Env {
        dist: var("PORTING_E2E_DIST"),
        axe_js: var("AXE_CORE_JS"),
        chromedriver: var("CHROMEDRIVER"),
        chromium: var("CHROMIUM"),
    }
}

/// The proxy under test, serving a private copy of the built widget.
pub struct Proxy {
    pub url: String,
    pub sessions: SessionKey,
    pub simulator: Arc<Simulator>,
    site: PathBuf,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Proxy {
    async fn start(site: PathBuf) -> Proxy {
        let sessions = SessionKey::random();
        let app = server::build(Settings {
            static_dir: Some(site.clone()),
            ..Settings::new(Backend::Simulator, sessions.clone(), Arc::new(porting_proxy::clock::SystemClock))
        })
        .expect("the proxy builds");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free loopback port");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(server::serve(listener, app.router, async {
            let _ = rx.await;
        }));
        Proxy { url, sessions, simulator: app.simulator.expect("simulator mode"), site, shutdown: Some(tx) }
    }

    /// Writes a page into the served site: the built `index.html` with the widget's host element
    /// given `attributes` instead of the demo's.
    pub fn page(&self, name: &str, attributes: &str) -> String {
        let index = std::fs::read_to_string(self.site.join("index.html")).expect("index.html");
        let start = index.find("<div data-porting-widget").expect("the host element");
        let end = start + index[start..].find('>').expect("the host element ends");
        let page = format!("{}<div data-porting-widget {attributes}{}", &index[..start], &index[end..]);
        std::fs::write(self.site.join(name), page).expect("the page is written");
        format!("{}/{name}", self.url)
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        let _ = std::fs::remove_dir_all(&self.site);
    }
}

/// One test's world: a proxy and a browser.
pub struct World {
    pub proxy: Proxy,
    pub browser: Client,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

fn scratch_dir(kind: &str) -> PathBuf {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("{kind}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("cannot read {}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Runs `test` against a fresh proxy and browser. The browser, its driver and its profile are
/// torn down whether the test passes or panics, and the panic is then re-raised.
pub async fn run<F, Fut>(test: F)
where
    F: FnOnce(World) -> Fut,
    Fut: Future<Output = ()>,
{
    let env = env();
    let site = scratch_dir("porting-e2e-site");
    copy_dir(&env.dist, &site);
    let proxy = Proxy::start(site).await;
    let profile = scratch_dir(PROFILE_MARK);
    let mut driver = Driver::start(&env.chromedriver);
    let browser = connect(&driver.url, &env.chromium, &profile).await;
    let outcome =
        std::panic::AssertUnwindSafe(test(World { proxy, browser: browser.clone() })).catch_unwind().await;
    let _ = browser.close().await;
    driver.stop();
    kill_marked(&profile);
    let _ = std::fs::remove_dir_all(&profile);
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    fn start(chromedriver: &Path) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromedriver.display()));
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Driver { child, url: format!("http://127.0.0.1:{port}") };
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("chromedriver did not start listening on port {port}");
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn connect(driver: &str, chromium: &Path, profile: &Path) -> Client {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1024,900",
                format!("--user-data-dir={}", profile.display()),
            ]
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(driver)
        .await
        .unwrap_or_else(|e| panic!("cannot open a Chromium session: {e}"))
}

/// Kills any process still using `profile` (a browser the driver failed to take down).
fn kill_marked(profile: &Path) {
    let Ok(entries) = std::fs::read_dir("/proc") else { return };
    let mark = profile.to_string_lossy().into_owned();
    for entry in entries.flatten() {
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        if String::from_utf8_lossy(&cmdline).contains(&mark) {
            let _ = Command::new("kill").arg("-KILL").arg(entry.file_name()).status();
        }
    }
}

/// Waits up to ten seconds for `css` to match an element whose text satisfies `accept`.
pub async fn wait_for_text(browser: &Client, css: &str, accept: impl Fn(&str) -> bool) -> String {
    let mut last = String::new();
    for _ in 0..200 {
        if let Ok(element) = browser.find(Locator::Css(css)).await {
            last = element.text().await.unwrap_or_default();
            if accept(&last) {
                return last;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let html = browser.source().await.unwrap_or_default();
    panic!("{css} never showed the expected text (last: {last:?}); page:\n{html}");
}

/// Runs axe-core on the current page and returns its violations (rule id and the nodes hit).
pub async fn axe_violations(browser: &Client) -> Vec<Value> {
    let source = std::fs::read_to_string(env().axe_js).expect("axe-core's axe.min.js");
    browser.execute(&source, vec![]).await.expect("axe-core loads");
    let result = browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
                .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact,
                    help: v.help, nodes: v.nodes.map(n => n.html) }))))
                .catch(e => done({ error: String(e) }));",
            vec![],
        )
        .await
        .expect("axe-core runs");
    match result {
        Value::Array(violations) => violations,
        other => panic!("axe-core failed: {other}"),
    }
}

/// Asserts axe-core finds no violation on the current page, naming them if it does.
pub async fn assert_accessible(browser: &Client, state: &str) {
    let violations = axe_violations(browser).await;
    assert!(violations.is_empty(), "axe-core violations in state {state:?}:\n{violations:#?}");
}
