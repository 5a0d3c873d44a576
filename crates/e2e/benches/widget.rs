//! `cargo xtask bench widget`: the release-built widget in headless Chromium, driven through the
//! DevTools protocol. Prints `bench-table:` rows for BENCHMARKS.md:
//! - load: navigation to the first form input and to the first status text, and the bytes moved
//!   before the input showed, medians of cold loads of the widget, of the widget with its porting
//!   handed in by the page, and of a minimal Leptos page (the floor) taking turns, unthrottled
//!   and on Lighthouse's mobile profile;
//! - keys: a keystroke to the field's error state changing, on the mobile CPU;
//! - memory: JS heap, wasm memory and DOM size of a widget left open with its live status.

use std::path::PathBuf;
use std::time::Duration;

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, Locator};
use http::Method;
use porting_e2e::page::{script, wait_until};
use porting_e2e::{serve_copy, with_browser, Proxy};
use porting_model::{PortingFields, UpdatePorting};
use serde_json::{json, Value};
use url::{ParseError, Url};

/// A DevTools command, through chromedriver's `goog/cdp/execute`.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &Url, session: Option<&str>) -> Result<Url, ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &Url) -> (Method, Option<String>) {
        (Method::POST, Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()))
    }
}

async fn cdp(browser: &Client, cmd: &'static str, params: Value) -> Value {
    browser.issue_cmd(Cdp { cmd, params }).await.unwrap_or_else(|e| panic!("{cmd}: {e}"))
}

/// How the page is throttled, as Lighthouse's profiles do it.
struct Profile {
    name: &'static str,
    cpu_slowdown: u32,
    /// Latency added to each request (ms) and download and upload in bytes per second.
    network: Option<(u32, u32, u32)>,
}

const UNTHROTTLED: Profile = Profile { name: "unthrottled", cpu_slowdown: 1, network: None };
/// Lighthouse's mobile profile: 4× CPU slowdown, 1.6 Mb/s down, 750 kb/s up, 150 ms round trip.
const MOBILE: Profile = Profile {
    name: "mobile (4× CPU, 1.6 Mb/s, 150 ms)",
    cpu_slowdown: 4,
    network: Some((150, 200_000, 93_750)),
};
const MOBILE_CPU: Profile = Profile { name: "mobile CPU (4×)", cpu_slowdown: 4, network: None };

async fn throttle(browser: &Client, profile: &Profile) {
    cdp(browser, "Emulation.setCPUThrottlingRate", json!({ "rate": profile.cpu_slowdown })).await;
    let (latency, down, up) =
        profile.network.map_or((0, -1, -1), |(l, d, u)| (l, i64::from(d), i64::from(u)));
    let conditions =
        json!({ "offline": false, "latency": latency, "downloadThroughput": down, "uploadThroughput": up });
    cdp(browser, "Network.emulateNetworkConditions", conditions).await;
}

/// Marks, from navigation start, when an input and a status text are first in the page, and
/// keeps the wasm exports trunk announces (for their memory).
const MARKS: &str = "(() => {
  const marks = (window.__bench = {});
  addEventListener('TrunkApplicationStarted', (e) => { window.__benchWasm = e.detail.wasm; });
  const seen = () => {
    const now = performance.now();
    if (marks.input === undefined && document.querySelector('input, select, textarea')) marks.input = now;
    const status = document.querySelector('[data-status]');
    if (marks.status === undefined && status && status.textContent.trim()) marks.status = now;
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true, characterData: true });
})();";

/// Every request answered before the input showed, in bytes over the wire (headers included).
const BYTES: &str = "const by = window.__bench.input;
  return [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
    .filter((entry) => entry.responseEnd <= by)
    .reduce((sum, entry) => sum + entry.transferSize, 0);";

struct Load {
    input_ms: f64,
    status_ms: f64,
    bytes: f64,
}

/// A cold load of `url`: from navigation to its first input and status text.
async fn load(browser: &Client, url: &str) -> Load {
    browser.goto("about:blank").await.unwrap();
    browser.goto(url).await.unwrap();
    let marks = wait_until(
        browser,
        &format!("{url} shows an input and a status"),
        "const b = window.__bench; return b.input !== undefined && b.status !== undefined && [b.input, b.status];",
        vec![],
    )
    .await;
    let bytes = script(browser, BYTES, vec![]).await;
    let number = |v: &Value| v.as_f64().unwrap_or_else(|| panic!("a number, not {v}"));
    Load { input_ms: number(&marks[0]), status_ms: number(&marks[1]), bytes: number(&bytes) }
}

/// The value below which `share` of `values` lie (nearest rank).
fn percentile(values: &[f64], share: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((sorted.len() as f64 * share).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// `runs` cold loads of each of `pages` (the widget, the widget with its porting handed in, the
/// floor) taking turns, each going first in its turn, after one of each unrecorded; one row of
/// medians.
async fn compare_loads(browser: &Client, profile: &Profile, pages: [&str; 3], runs: usize) -> String {
    throttle(browser, profile).await;
    for page in pages {
        load(browser, page).await;
    }
    let mut loads: [Vec<Load>; 3] = Default::default();
    for run in 0..runs {
        for turn in 0..pages.len() {
            let page = (run + turn) % pages.len();
            loads[page].push(load(browser, pages[page]).await);
        }
    }
    let median =
        |page: usize, of: fn(&Load) -> f64| percentile(&loads[page].iter().map(of).collect::<Vec<_>>(), 0.5);
    let input = |page| median(page, |l| l.input_ms);
    format!(
        "| {} | {runs} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.2}× | {:.2}× | {:.0} | {:.0} | {:.0} |",
        profile.name,
        input(0),
        median(0, |l| l.status_ms),
        input(1),
        median(1, |l| l.status_ms),
        input(2),
        input(0) / input(2),
        input(1) / input(2),
        median(0, |l| l.bytes),
        median(1, |l| l.bytes),
        median(2, |l| l.bytes),
    )
}

/// Times from each keystroke (its event's time stamp) to the change of the field's
/// `aria-invalid` that it causes.
const KEY_TIMES: &str = "const input = document.querySelector('[data-field=accountNumber]');
  window.__keys = [];
  let pressed;
  input.addEventListener('keydown', (e) => { pressed = e.timeStamp; }, true);
  new MutationObserver(() => {
    if (pressed !== undefined) { window.__keys.push(performance.now() - pressed); pressed = undefined; }
  }).observe(input, { attributes: true, attributeFilter: ['aria-invalid'] });";

/// Keystrokes typed and not recorded first, on each page alike: the first ones pay for code the
/// browser compiles once (the floor's first took 26 ms against its 9 ms median).
const WARM_UP_KEYS: usize = 10;

/// `count` keystrokes into the account number, flagged while empty, each flipping its problem: a
/// digit mends it, a backspace empties it again. The widget flags it after a submit of the empty
/// form (`submit`), the floor page at once. The times in ms.
async fn keystrokes(browser: &Client, page: &str, submit: bool, count: usize) -> Vec<f64> {
    browser.goto(page).await.unwrap();
    let field = "[data-field=accountNumber]";
    let input = wait_until(
        browser,
        "the account number shows",
        "return document.querySelector(arguments[0]);",
        vec![json!(field)],
    )
    .await;
    assert!(input.is_object(), "the account number is an element");
    if submit {
        browser.find(Locator::Css(".pw-submit")).await.expect("a submit button").click().await.unwrap();
    }
    let flagged = "return document.querySelector(arguments[0]).getAttribute('aria-invalid') === 'true';";
    wait_until(browser, "the empty account number is flagged", flagged, vec![json!(field)]).await;
    script(browser, KEY_TIMES, vec![]).await;
    let input = browser.find(Locator::Css(field)).await.unwrap();
    for key in 0..WARM_UP_KEYS + count {
        input.send_keys(if key % 2 == 0 { "1" } else { "\u{e003}" }).await.unwrap();
        let done = "return window.__keys.length > arguments[0];";
        wait_until(browser, &format!("keystroke {key} changes the field's state"), done, vec![json!(key)])
            .await;
    }
    let times: Vec<f64> =
        serde_json::from_value(script(browser, "return window.__keys;", vec![]).await).unwrap();
    times[WARM_UP_KEYS..].to_vec()
}

/// Keystroke to feedback in the widget and in the floor page, on the mobile CPU.
async fn compare_keystrokes(browser: &Client, widget: &str, floor: &str, count: usize) -> String {
    throttle(browser, &MOBILE_CPU).await;
    let [ours, floors] =
        [keystrokes(browser, widget, true, count).await, keystrokes(browser, floor, false, count).await];
    let spread = |times: &[f64]| {
        format!(
            "{:.1} | {:.1} | {:.1}",
            percentile(times, 0.5),
            percentile(times, 0.99),
            percentile(times, 1.0)
        )
    };
    format!("| {} | {count} | {} | {} |", MOBILE_CPU.name, spread(&ours), spread(&floors))
}

/// JS heap in use (after a collection), wasm memory and elements in the page.
async fn memory_sample(browser: &Client) -> [f64; 3] {
    cdp(browser, "HeapProfiler.collectGarbage", json!({})).await;
    let heap = cdp(browser, "Runtime.getHeapUsage", json!({})).await["usedSize"].as_f64().expect("usedSize");
    let page =
        "return [window.__benchWasm.memory.buffer.byteLength, document.getElementsByTagName('*').length];";
    let page: [f64; 2] = serde_json::from_value(script(browser, page, vec![]).await).unwrap();
    [heap, page[0], page[1]]
}

/// The widget open on a porting that waits for the buyer, its live status followed, for
/// `minutes`; the porting changes every 30 s, so updates keep arriving.
async fn left_open(browser: &Client, proxy: &Proxy, porting: &str, page: &str, minutes: u32) -> String {
    throttle(browser, &UNTHROTTLED).await;
    let streams = || proxy.requests.api_calls().iter().filter(|call| call.path.ends_with("/events")).count();
    let streams_before = streams();
    browser.goto(page).await.unwrap();
    wait_until(browser, "the form shows", "return window.__bench.input !== undefined;", vec![]).await;
    let start = memory_sample(browser).await;
    let mut peak = start;
    for half_minute in 1..=minutes * 2 {
        tokio::time::sleep(Duration::from_secs(30)).await;
        let name = if half_minute % 2 == 0 { "Ada" } else { "Grace" };
        let fields = PortingFields { first_name: Some(name.into()), ..Default::default() };
        proxy
            .simulator
            .update(porting, UpdatePorting { fields, ..Default::default() })
            .expect("the porting changes");
        let now = memory_sample(browser).await;
        for (peak, now) in peak.iter_mut().zip(now) {
            *peak = peak.max(now);
        }
    }
    let end = memory_sample(browser).await;
    let opened = streams() - streams_before;
    assert!(opened >= 1, "the widget followed the porting live");
    let kib = |bytes: f64| bytes / 1024.0;
    format!(
        "| {minutes} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {opened} |",
        kib(start[0]),
        kib(end[0]),
        kib(peak[0]),
        kib(start[1]),
        kib(end[1]),
        start[2],
        end[2],
        peak[2],
    )
}

fn env_path(name: &str) -> PathBuf {
    std::env::var_os(name)
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("{name} is not set: run `cargo xtask bench widget`"))
}

fn env_count(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .map_or(default, |v| v.parse().unwrap_or_else(|_| panic!("{name} is not a number")))
}

#[tokio::main]
async fn main() {
    let (runs, keys, minutes) = (
        env_count("PORTING_BENCH_RUNS", 7),
        env_count("PORTING_BENCH_KEYS", 200),
        env_count("PORTING_BENCH_MINUTES", 10),
    );
    let proxy = serve_copy(&env_path("PORTING_E2E_DIST"), "http://127.0.0.1").await;
    let floor = serve_copy(&env_path("PORTING_BENCH_FLOOR_DIST"), "http://127.0.0.1").await;
    let porting = proxy.waiting_porting("usr_bench", "+12025550100", "svp_us_att");
    let widget = proxy.porting_page("bench.html", &porting);
    let handed_in = proxy.snapshot_page("snapshot.html", &porting, &serde_json::to_string(&porting).unwrap());
    let floor_page = format!("{}/index.html", floor.url);
    let (chromedriver, chromium) = (env_path("CHROMEDRIVER"), env_path("CHROMIUM"));
    with_browser(&chromedriver, &chromium, &["--enable-precise-memory-info"], |browser| async move {
        cdp(&browser, "Network.enable", json!({})).await;
        cdp(&browser, "Network.setCacheDisabled", json!({ "cacheDisabled": true })).await;
        cdp(&browser, "Page.addScriptToEvaluateOnNewDocument", json!({ "source": MARKS })).await;
        // A part asked for 0 times is left out.
        for profile in [UNTHROTTLED, MOBILE].into_iter().filter(|_| runs > 0) {
            let row =
                compare_loads(&browser, &profile, [&widget, &handed_in, &floor_page], runs as usize).await;
            println!("bench-table: load {row}");
        }
        if keys > 0 {
            println!(
                "bench-table: keys {}",
                compare_keystrokes(&browser, &widget, &floor_page, keys as usize).await
            );
        }
        if minutes > 0 {
            println!(
                "bench-table: memory {}",
                left_open(&browser, &proxy, &porting.id, &widget, minutes).await
            );
        }
    })
    .await;
}
