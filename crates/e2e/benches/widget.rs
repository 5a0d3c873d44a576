//! `cargo xtask bench widget`: the release-built widget in headless Chromium, driven through the
//! DevTools protocol. Prints `bench-table:` rows for BENCHMARKS.md:
//! - load: navigation to the first visible input and to the widget running, and the bytes moved
//!   before each, medians of cold loads taking turns of a minimal Leptos page (the floor), the
//!   standalone page, and a merchant's page on another origin embedding the widget as the README
//!   says (its first state fetched by the entry point, put in by the merchant's server, or behind
//!   an earlier step), unthrottled and on Lighthouse's mobile profile;
//! - trace: what runs until the widget runs on the mobile profile, by self time;
//! - keys: a keystroke to the field's error state changing after the takeover, on the mobile CPU;
//! - memory: JS heap, wasm memory and DOM size of a widget left open with its live status.

use std::path::PathBuf;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client as HttpClient;

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, Locator};
use http::Method;
use porting_e2e::page::{script, wait_until};
use porting_e2e::{serve_copy, with_browser, Browser, Engine, Proxy};
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

/// Marks, from navigation start, the frame that first paints a visible input, the frame that
/// first paints the widget's own (not the server's rendering of it: the wasm runs), and a status
/// text; and keeps the wasm exports trunk announces (for their memory).
const MARKS: &str = "(() => {
  const marks = (window.__bench = {});
  addEventListener('TrunkApplicationStarted', (e) => { window.__benchWasm = e.detail.wasm; });
  const visible = () => [...document.querySelectorAll('input, select, textarea')].some((e) => e.getClientRects().length);
  const live = () => { const pw = document.querySelector('.pw, [data-status], input'); return pw && !pw.closest('.pw-prerendered'); };
  let waiting = false;
  const seen = () => {
    if (waiting) return;
    waiting = true;
    requestAnimationFrame(() => {
      waiting = false;
      const now = performance.now();
      if (marks.input === undefined && visible()) marks.input = now;
      if (marks.live === undefined && visible() && live()) marks.live = now;
      const status = document.querySelector('[data-status]');
      if (marks.status === undefined && status && status.textContent.trim()) marks.status = now;
    });
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['hidden'] });
})();";

/// Every request answered before the mark `arguments[0]`, in bytes over the wire (headers
/// included).
const BYTES: &str = "const by = window.__bench[arguments[0]];
  return [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
    .filter((entry) => entry.responseEnd <= by)
    .reduce((sum, entry) => sum + entry.transferSize, 0);";

/// One load: milliseconds to the first visible input and to the widget running (from navigation,
/// or from pressing Continue for a page with an earlier step), and the bytes before each.
struct Load {
    input_ms: f64,
    live_ms: f64,
    input_bytes: f64,
    live_bytes: f64,
}

/// A page measured, and how.
struct Page {
    name: &'static str,
    url: String,
    /// The buyer first spends this long on an earlier step, then presses Continue.
    step_ms: Option<u64>,
}

fn number(value: &Value) -> f64 {
    value.as_f64().unwrap_or_else(|| panic!("a number, not {value}"))
}

/// A cold load of `page`.
async fn load(browser: &Client, page: &Page) -> Load {
    browser.goto("about:blank").await.unwrap();
    browser.goto(&page.url).await.unwrap();
    let mut from = 0.0;
    if let Some(step_ms) = page.step_ms {
        tokio::time::sleep(Duration::from_millis(step_ms)).await;
        let pressed =
            "const at = performance.now(); document.querySelector('#plan button').click(); return at;";
        from = number(&script(browser, pressed, vec![]).await);
    }
    let marks = wait_until(
        browser,
        &format!("{} shows an input and the widget runs", page.url),
        "const b = window.__bench; return b.input !== undefined && b.live !== undefined && [b.input, b.live];",
        vec![],
    )
    .await;
    let bytes = |mark: &'static str| script(browser, BYTES, vec![json!(mark)]);
    Load {
        input_ms: number(&marks[0]) - from,
        live_ms: number(&marks[1]),
        input_bytes: number(&bytes("input").await),
        live_bytes: number(&bytes("live").await),
    }
}

/// The value below which `share` of `values` lie (nearest rank).
fn percentile(values: &[f64], share: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((sorted.len() as f64 * share).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// `runs` cold loads of each of `pages` taking turns, each going first in its turn, after one of
/// each unrecorded; a row of medians per page, the first page (the floor) the yardstick.
async fn compare_loads(browser: &Client, profile: &Profile, pages: &[Page], runs: usize) -> Vec<String> {
    throttle(browser, profile).await;
    for page in pages {
        load(browser, page).await;
    }
    let mut loads: Vec<Vec<Load>> = pages.iter().map(|_| Vec::new()).collect();
    for run in 0..runs {
        for turn in 0..pages.len() {
            let at = (run + turn) % pages.len();
            loads[at].push(load(browser, &pages[at]).await);
        }
    }
    let median =
        |at: usize, of: fn(&Load) -> f64| percentile(&loads[at].iter().map(of).collect::<Vec<_>>(), 0.5);
    let floor = median(0, |l| l.input_ms);
    (0..pages.len())
        .map(|at| {
            let (input, live) = (median(at, |l| l.input_ms), median(at, |l| l.live_ms));
            format!(
                "| {} | {runs} | {} | {input:.0} | {:.2}× | {live:.0} | {:.2}× | {:.0} | {:.0} |",
                profile.name,
                pages[at].name,
                input / floor,
                live / floor,
                median(at, |l| l.input_bytes),
                median(at, |l| l.live_bytes),
            )
        })
        .collect()
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
    // Typed into the widget's own field, once it took the server's rendering over.
    wait_until(browser, "the widget runs", "return window.__bench.live !== undefined;", vec![]).await;
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

/// The merchant's pages on an origin of their own, as the README tells a telco to write them:
/// the widget's stylesheet and entry point (named beside the page's own script, so both load at
/// once; after a form put in by the server) from the proxy's origin (`widget`), the element with
/// the buyer's session. `fetch.html` lets the entry point fetch the first state; `server.html` has
/// it put in by the merchant's server; `step.html` has it behind an earlier step (a plan to
/// choose), and starts the widget when the page is idle.
fn host_pages(folder: &std::path::Path, widget: &str, element: &str, rendered: &str, preload: &str) {
    let page = |title: &str, script: &str, body: &str| {
        let scripts = format!(
            "<link rel=\"modulepreload\" href=\"{widget}/embed/porting-widget.js\">\n\
             <script type=\"module\" src=\"{script}\"></script>\n"
        );
        // After a form the merchant's server put in: the widget's files (named beside it) and the
        // scripts, so the stylesheet has the line to itself first.
        let (head, tail) = if body.contains("pw-prerendered") {
            (String::new(), format!("{preload}{scripts}"))
        } else {
            (scripts, String::new())
        };
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n\
             <link rel=\"preconnect\" href=\"{widget}\" crossorigin>\n\
             <link rel=\"stylesheet\" href=\"{widget}/embed/porting-widget.css\">\n\
             {head}</head>\n<body>\n<main>\n{body}\n</main>\n{tail}</body>\n</html>\n"
        )
    };
    let with_inside =
        |inside: &str| element.replace("></porting-widget>", &format!(">{inside}</porting-widget>"));
    let files = [
        ("start.js", format!("import start from \"{widget}/embed/porting-widget.js\";\nstart();\n")),
        (
            "step.js",
            format!(
                "import start from \"{widget}/embed/porting-widget.js\";\n\
                 (window.requestIdleCallback || setTimeout)(() => start());\n\
                 const plan = document.getElementById(\"plan\");\n\
                 plan.addEventListener(\"submit\", (event) => {{\n  event.preventDefault();\n  plan.hidden = true;\n  \
                 document.getElementById(\"number\").hidden = false;\n}});\n"
            ),
        ),
        ("blank.html", "<!DOCTYPE html>\n<title>Blank</title>\n".to_owned()),
        ("fetch.html", page("Checkout", "start.js", &format!("<h1>Checkout</h1>\n{element}"))),
        (
            "fetch-same-origin.html",
            page(
                "Checkout",
                "start.js",
                &format!("<h1>Checkout</h1>\n{}", element.replace(&format!("proxy-base=\"{widget}/api\""), "proxy-base=\"/porting-api\"")),
            ),
        ),
        ("server.html", page("Checkout", "start.js", &format!("<h1>Checkout</h1>\n{}", with_inside(rendered)))),
        (
            "step.html",
            page(
                "Checkout",
                "step.js",
                &format!(
                    "<form id=\"plan\"><h1>Choose your plan</h1><button type=\"submit\">Continue</button></form>\n\
                     <section id=\"number\" hidden><h1>Keep your number</h1>\n{}</section>",
                    with_inside(rendered)
                ),
            ),
        ),
    ];
    for (name, text) in files {
        std::fs::write(folder.join(name), text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

/// The merchant's web server: its own pages from `folder`, and `/porting-api/…` passed on to the
/// proxy's widget API (`proxy`), as docs/embedding.md advises, so the widget's calls are
/// same-origin and need no CORS preflight. Answers stream through (the live status).
#[derive(Clone)]
struct Host {
    folder: PathBuf,
    proxy: String,
    client: HttpClient<HttpConnector, Body>,
}

async fn serve_host(listener: std::net::TcpListener, folder: PathBuf, proxy: String) {
    listener.set_nonblocking(true).expect("a non-blocking listener");
    let listener = tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
    let client = HttpClient::builder(hyper_util::rt::TokioExecutor::new()).build_http();
    let app = Router::new().fallback(host_answer).with_state(Host { folder, proxy, client });
    tokio::spawn(async move { axum::serve(listener, app).await.expect("the host serves") });
}

async fn host_answer(State(host): State<Host>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    if let Some(rest) = path.strip_prefix("/porting-api/") {
        let query = request.uri().query().map(|q| format!("?{q}")).unwrap_or_default();
        let (mut parts, body) = request.into_parts();
        parts.uri = format!("{}/api/{rest}{query}", host.proxy).parse().expect("a proxy URI");
        parts.headers.remove(axum::http::header::HOST);
        return match host.client.request(Request::from_parts(parts, body)).await {
            Ok(answer) => answer.map(Body::new),
            Err(_) => axum::http::StatusCode::BAD_GATEWAY.into_response(),
        };
    }
    let name = path.trim_start_matches('/');
    let safe = name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !name.starts_with('.');
    match std::fs::read(host.folder.join(name)).ok().filter(|_| safe) {
        Some(bytes) => {
            let kind = if name.ends_with(".js") { "text/javascript" } else { "text/html; charset=utf-8" };
            (
                [(axum::http::header::CONTENT_TYPE, kind), (axum::http::header::CACHE_CONTROL, "no-cache")],
                bytes,
            )
                .into_response()
        }
        None => axum::http::StatusCode::NOT_FOUND.into_response(),
    }
}

/// What runs on the main thread from navigation until the widget runs on `page`, at 4× CPU: the
/// functions (and the browser's own work) with the most time of their own, from the DevTools
/// profiler started on a blank page of the same site, which the page replaces.
async fn startup_profile(browser: &Client, blank: &str, page: &str) -> Vec<String> {
    throttle(browser, &MOBILE).await;
    browser.goto(blank).await.unwrap();
    cdp(browser, "Profiler.enable", json!({})).await;
    cdp(browser, "Profiler.setSamplingInterval", json!({ "interval": 200 })).await;
    cdp(browser, "Profiler.start", json!({})).await;
    browser.goto(page).await.unwrap();
    wait_until(browser, "the widget runs", "return window.__bench.live !== undefined;", vec![]).await;
    let profile = cdp(browser, "Profiler.stop", json!({})).await["profile"].clone();
    let nodes = profile["nodes"].as_array().expect("the profile's nodes");
    let samples = profile["samples"].as_array().map_or(0, Vec::len).max(1) as f64;
    let deltas: f64 =
        profile["timeDeltas"].as_array().map_or(0.0, |d| d.iter().filter_map(Value::as_f64).sum());
    let mut by_name: Vec<(String, f64)> = Vec::new();
    for node in nodes {
        let frame = &node["callFrame"];
        let url = frame["url"].as_str().unwrap_or_default();
        let file = url.rsplit('/').next().unwrap_or_default();
        let function = frame["functionName"].as_str().filter(|f| !f.is_empty()).unwrap_or("(anonymous)");
        let name = if file.is_empty() { function.to_owned() } else { format!("{function} ({file})") };
        let hits = node["hitCount"].as_f64().unwrap_or_default();
        match by_name.iter_mut().find(|(known, _)| *known == name) {
            Some((_, total)) => *total += hits,
            None => by_name.push((name, hits)),
        }
    }
    by_name.sort_by(|a, b| b.1.total_cmp(&a.1));
    let ms_per_sample = deltas / 1000.0 / samples;
    by_name
        .into_iter()
        .filter(|(name, _)| name != "(idle)")
        .take(10)
        .map(|(name, hits)| format!("| {} | {name} | {:.0} |", MOBILE.name, hits * ms_per_sample))
        .collect()
}

#[tokio::main]
async fn main() {
    let (runs, keys, minutes) = (
        env_count("PORTING_BENCH_RUNS", 7),
        env_count("PORTING_BENCH_KEYS", 200),
        env_count("PORTING_BENCH_MINUTES", 10),
    );
    // The merchant's own origin, whose pages the proxy's API answers (CORS).
    let host_listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    let host = format!("http://{}", host_listener.local_addr().unwrap());
    let proxy = serve_copy(&env_path("PORTING_E2E_DIST"), &host).await;
    let floor = serve_copy(&env_path("PORTING_BENCH_FLOOR_DIST"), "http://127.0.0.1").await;
    let porting = proxy.waiting_porting("usr_bench", "+12025550100", "svp_us_att");
    let session = proxy.session(&porting.user, &[&porting.id]);
    let rendered =
        proxy.fetch(&format!("/api/portings/{}/view?lang=en&locale=en-US&tz=0", porting.id), &session).await;
    let element = format!(
        "<porting-widget proxy-base=\"{}/api\" session=\"{session}\" porting-id=\"{}\"></porting-widget>",
        proxy.url, porting.id
    );
    let preload_list = std::fs::read_to_string(env_path("PORTING_E2E_DIST").join("embed/preload.json"))
        .expect("dist/embed/preload.json");
    let folder = std::env::temp_dir().join(format!("porting-bench-host-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("a folder for the host pages");
    host_pages(
        &folder,
        &proxy.url,
        &element,
        &rendered,
        &signup_site::preload_links(&proxy.url, &preload_list),
    );
    serve_host(host_listener, folder.clone(), proxy.url.clone()).await;
    let widget = proxy.porting_page("bench.html", &porting);
    let page = |name, url: String, step_ms| Page { name, url, step_ms };
    let pages = [
        page("floor page", format!("{}/index.html", floor.url), None),
        page("standalone page", widget.clone(), None),
        page("embedded, first state fetched by the entry point", format!("{host}/fetch.html"), None),
        page(
            "embedded, first state fetched by the entry point, API on the page's origin",
            format!("{host}/fetch-same-origin.html"),
            None,
        ),
        page("embedded, first state put in by the merchant's server", format!("{host}/server.html"), None),
        page(
            "embedded after a 3 s plan step (input: from Continue)",
            format!("{host}/step.html"),
            Some(3000),
        ),
    ];
    // Chromium alone: the DevTools protocol throttles and profiles.
    let chromium = Browser::of(Engine::Chromium);
    with_browser(&chromium, &["--enable-precise-memory-info"], |browser| async move {
        cdp(&browser, "Network.enable", json!({})).await;
        cdp(&browser, "Network.setCacheDisabled", json!({ "cacheDisabled": true })).await;
        cdp(&browser, "Page.addScriptToEvaluateOnNewDocument", json!({ "source": MARKS })).await;
        // A part asked for 0 times is left out.
        for profile in [UNTHROTTLED, MOBILE].into_iter().filter(|_| runs > 0) {
            for row in compare_loads(&browser, &profile, &pages, runs as usize).await {
                println!("bench-table: load {row}");
            }
        }
        if runs > 0 {
            for row in
                startup_profile(&browser, &format!("{host}/blank.html"), &format!("{host}/fetch.html")).await
            {
                println!("bench-table: trace {row}");
            }
        }
        if keys > 0 {
            let server = format!("{host}/server.html");
            println!(
                "bench-table: keys {}",
                compare_keystrokes(&browser, &server, &pages[0].url, keys as usize).await
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
    let _ = std::fs::remove_dir_all(&folder);
}
