//! The built widget served as a CDN would: the build's `.br` or `.gz` by `Accept-Encoding`, a
//! year's `immutable` cache for content-hashed files, revalidation for the page.

use crate::support::{manual_clock, simulator_settings, start};
use porting_proxy::routes::static_files::{IMMUTABLE, REVALIDATE};

const WASM: &str = "porting-widget-0123456789abcdef_bg.wasm";

#[tokio::test]
async fn the_wasm_is_served_as_the_browser_accepts_it_and_cached_for_good() {
    let site = std::env::temp_dir().join(format!("porting-proxy-static-{}", std::process::id()));
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("index.html"), "<body>the page</body>").unwrap();
    // Told apart by their bytes: the proxy sends the file the build wrote, it compresses nothing.
    std::fs::write(site.join(WASM), b"\0asm raw").unwrap();
    std::fs::write(site.join(format!("{WASM}.br")), b"brotli bytes").unwrap();
    std::fs::write(site.join(format!("{WASM}.gz")), b"gzip bytes").unwrap();
    let clock = manual_clock();
    let mut settings = simulator_settings(&clock);
    settings.static_dir = Some(site.clone());
    let proxy = start(settings, clock).await;
    // reqwest here decodes nothing, so the bytes arrive as sent.
    let client = reqwest::Client::new();
    let fetch = |path: String, accept: &'static str| {
        let request = client.get(format!("{}{path}", proxy.origin));
        async move { request.header("accept-encoding", accept).send().await.unwrap() }
    };

    for (accept, encoding, body) in [
        ("br, gzip", Some("br"), "brotli bytes"),
        ("gzip", Some("gzip"), "gzip bytes"),
        ("identity", None, "\0asm raw"),
    ] {
        let wasm = fetch(format!("/{WASM}"), accept).await;
        assert_eq!(wasm.status(), 200);
        let headers = wasm.headers().clone();
        assert_eq!(headers.get("content-encoding").map(|v| v.to_str().unwrap()), encoding, "{accept}");
        assert_eq!(headers["content-type"], "application/wasm");
        assert_eq!(headers["cache-control"], IMMUTABLE, "{accept}");
        assert!(headers["vary"].to_str().unwrap().to_ascii_lowercase().contains("accept-encoding"));
        assert_eq!(wasm.text().await.unwrap(), body, "{accept}");
    }
    let page = fetch("/".into(), "br").await;
    assert_eq!(page.headers()["cache-control"], REVALIDATE);
    // An old build's hashed name is answered with the page, which must not be kept for a year.
    let gone = fetch("/porting-widget-fedcba9876543210.js".into(), "br").await;
    assert_eq!(gone.headers()["cache-control"], REVALIDATE);
    assert_eq!(gone.text().await.unwrap(), "<body>the page</body>");
    std::fs::remove_dir_all(site).unwrap();
}
