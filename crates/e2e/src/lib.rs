//! The end-to-end harness: the release-built widget served by the real proxy (with its
//! simulator) on a free loopback port, a telco's signup page on another, and a fresh browser
//! driven through WebDriver, in the engine `PORTING_E2E_ENGINE` names ([`Engine`]).
//!
//! Run through `cargo xtask test`, which builds `dist/` and passes its location, each engine's
//! driver and browser, and axe-core in the environment, once per engine.

mod axe;
mod browser;
pub mod keyboard;
pub mod page;
mod proxy;
mod request_log;
pub mod widget;

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use fantoccini::Client;
use futures_util::FutureExt;

pub use axe::{assert_accessible, audit};
pub use browser::{Browser, Engine, PROFILE_MARK};
pub use page::wait_for_text;
pub use proxy::{Proxy, NETWORK};
pub use request_log::{Call, RequestLog};

struct Env {
    dist: PathBuf,
    axe_js: PathBuf,
    browser: Browser,
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
        browser: Browser::of(browser::engine_from_env()),
    }
}

/// One test's world: a proxy, a telco's signup page on another origin, and a browser.
pub struct World {
    pub proxy: Proxy,
    /// The signup page (`site/`), which loads the widget from the proxy's origin.
    pub signup: String,
    pub browser: Client,
    /// The engine `browser` runs, for what a test can only do in some.
    pub engine: Engine,
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
    let signup_listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    let signup = format!("http://{}", signup_listener.local_addr().unwrap());
    let proxy = serve_copy(&env.dist, &signup).await;
    signup_site::spawn(signup_listener, signup_site::folder(), proxy.url.clone());
    let engine = env.browser.engine;
    with_browser(&env.browser, &[], |browser| test(World { proxy, signup, browser, engine })).await;
}

/// A proxy (with its simulator) serving a private copy of `dist`, whose widget API also answers
/// pages of `allowed_origin`.
pub async fn serve_copy(dist: &Path, allowed_origin: &str) -> Proxy {
    let site = scratch_dir("porting-e2e-site");
    copy_dir(dist, &site);
    Proxy::start(site, allowed_origin).await
}

/// Runs `work` with a fresh `browser` (Chromium's `args` added to its command line). The browser,
/// its driver and its profile are torn down whether `work` returns or panics, and a panic is then
/// re-raised.
pub async fn with_browser<F, Fut, T>(browser: &Browser, args: &[&str], work: F) -> T
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = T>,
{
    let profile = scratch_dir(PROFILE_MARK);
    let mut driver = browser::Driver::start(browser);
    let client = browser::connect(&driver.url, browser, &profile, args).await;
    let outcome = std::panic::AssertUnwindSafe(work(client.clone())).catch_unwind().await;
    let _ = client.close().await;
    driver.stop();
    browser::kill_marked(&profile);
    let _ = std::fs::remove_dir_all(&profile);
    outcome.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}
