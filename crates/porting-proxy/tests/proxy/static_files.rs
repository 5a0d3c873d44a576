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

/// A built widget's folder with its page, to be served by [`serving`].
fn site(name: &str) -> std::path::PathBuf {
    let site = std::env::temp_dir().join(format!("porting-proxy-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&site);
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("index.html"), "<body>the page</body>").unwrap();
    site
}

/// A proxy serving `site`.
async fn serving(site: &std::path::Path) -> crate::support::Proxy {
    let clock = manual_clock();
    let mut settings = simulator_settings(&clock);
    settings.static_dir = Some(site.to_owned());
    start(settings, clock).await
}

/// `method` `path` with `headers`: the status, headers and body.
async fn fetch(
    proxy: &crate::support::Proxy,
    method: reqwest::Method,
    path: &str,
    headers: &[(&str, &str)],
) -> (u16, reqwest::header::HeaderMap, String) {
    let mut request = reqwest::Client::new().request(method, format!("{}{path}", proxy.origin));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let (status, headers) = (response.status().as_u16(), response.headers().clone());
    (status, headers, response.text().await.unwrap())
}

#[tokio::test]
async fn dotfiles_and_symlinks_leaving_the_folder_are_not_served() {
    let site = site("dotfiles");
    let outside = site.with_extension("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), "a secret outside").unwrap();
    std::fs::write(site.join(".env"), "SECRET=in a dotfile").unwrap();
    std::fs::create_dir_all(site.join(".git")).unwrap();
    std::fs::write(site.join(".git/config"), "[remote] a secret in a dot folder").unwrap();
    std::fs::write(site.join("app.js"), "the app").unwrap();
    std::fs::write(site.join("page.js"), "the page's script").unwrap();
    let link =
        |target: &std::path::Path, name: &str| std::os::unix::fs::symlink(target, site.join(name)).unwrap();
    link(&outside.join("secret.txt"), "leak.txt");
    link(&outside, "linked");
    link(&outside.join("secret.txt"), "page.js.br");
    link(std::path::Path::new("app.js"), "alias.js");
    let proxy = serving(&site).await;
    for (path, accept) in [
        ("/.env", "identity"),
        ("/%2eenv", "identity"),
        ("/.git/config", "identity"),
        ("/leak.txt", "identity"),
        ("/linked/secret.txt", "identity"),
        ("/page.js", "br"),
    ] {
        let (status, _, body) =
            fetch(&proxy, reqwest::Method::GET, path, &[("accept-encoding", accept)]).await;
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("secret") && !body.contains("the page"), "{path}: {body}");
    }
    let (status, _, body) = fetch(&proxy, reqwest::Method::GET, "/alias.js", &[]).await;
    assert_eq!((status, body.as_str()), (200, "the app"), "a symlink inside the folder is served");
    std::fs::remove_dir_all(site).unwrap();
    std::fs::remove_dir_all(outside).unwrap();
}

#[tokio::test]
async fn only_full_and_partial_answers_are_immutable() {
    let site = site("immutable");
    let hashed = "/porting-widget-0123456789abcdef.js";
    std::fs::write(site.join(&hashed[1..]), "0123456789").unwrap();
    let proxy = serving(&site).await;
    let cache = |headers: &reqwest::header::HeaderMap| {
        headers.get("cache-control").map(|value| value.to_str().unwrap().to_owned())
    };
    let (status, headers, _) = fetch(&proxy, reqwest::Method::GET, hashed, &[("range", "bytes=0-3")]).await;
    assert_eq!((status, cache(&headers).as_deref()), (206, Some(IMMUTABLE)));
    for (method, range, expected) in
        [(reqwest::Method::GET, "bytes=100-", 416), (reqwest::Method::POST, "bytes=0-3", 405)]
    {
        let (status, headers, _) = fetch(&proxy, method, hashed, &[("range", range)]).await;
        assert_eq!((status, cache(&headers).as_deref()), (expected, Some(REVALIDATE)), "{expected}");
    }
    let since = [("if-modified-since", "Fri, 01 Jan 2100 00:00:00 GMT")];
    let (status, headers, _) = fetch(&proxy, reqwest::Method::GET, hashed, &since).await;
    assert_eq!((status, cache(&headers)), (304, None), "a 304 leaves what the stored answer said");
    std::fs::remove_dir_all(site).unwrap();
}
