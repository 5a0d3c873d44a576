//! The end-to-end harness: the release-built widget served by the real proxy (with its
//! simulator) on a free loopback port, a telco's signup page on another, and a fresh headless
//! Chromium driven through WebDriver.
//!
//! Run through `cargo xtask test`, which builds `dist/` and passes its location, chromedriver and
//! axe-core in the environment.

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
pub use browser::PROFILE_MARK;
pub use page::wait_for_text;
pub use proxy::{Proxy, NETWORK};
pub use request_log::{Call, RequestLog};

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

/// One test's world: a proxy, a telco's signup page on another origin, and a browser.
pub struct World {
    pub proxy: Proxy,
    /// The signup page (`site/`), which loads the widget from the proxy's origin.
    pub signup: String,
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
    let signup_listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    let signup = format!("http://{}", signup_listener.local_addr().unwrap());
    let proxy = Proxy::start(site, &signup).await;
    signup_site::spawn(signup_listener, signup_site::folder(), proxy.url.clone());
    let profile = scratch_dir(PROFILE_MARK);
    let mut driver = browser::Driver::start(&env.chromedriver);
    let client = browser::connect(&driver.url, &env.chromium, &profile).await;
    let outcome = std::panic::AssertUnwindSafe(test(World { proxy, signup, browser: client.clone() }))
        .catch_unwind()
        .await;
    let _ = client.close().await;
    driver.stop();
    browser::kill_marked(&profile);
    let _ = std::fs::remove_dir_all(&profile);
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}
