//! A telco's signup page (`site/`) served on its own origin, as the telco's web server would: with
//! a strict Content-Security-Policy that lets in the widget's origin (its files and its proxy)
//! and nothing inline. Only the files in the site folder are served; `{{widget-origin}}` in its
//! pages becomes the widget's origin, `{{porting-widget}}` the widget with its first state
//! rendered by the proxy inside, and `{{tracked-porting}}` the same for the porting a tracking
//! link names (`track.html?porting=…`, the link in the confirmation email) ([`widget`]).

mod widget;

pub use widget::preload_links;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The site folder of this checkout.
pub fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../site")
}

/// Serves `folder` on `listener` in a background thread, for as long as the process runs.
pub fn spawn(listener: TcpListener, folder: PathBuf, widget_origin: String) {
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (folder, origin) = (folder.clone(), widget_origin.clone());
            std::thread::spawn(move || answer(stream, &folder, &origin));
        }
    });
}

/// The page's policy: scripts and styles from this origin and the widget's (the wasm compiled
/// under `wasm-unsafe-eval`), requests to the widget's origin only, nothing inline.
pub fn policy(widget_origin: &str) -> String {
    format!(
        "default-src 'none'; script-src 'self' {widget_origin} 'wasm-unsafe-eval'; style-src 'self' {widget_origin}; \
         connect-src {widget_origin}; img-src 'self' data:; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

fn answer(mut stream: TcpStream, folder: &Path, widget_origin: &str) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut request_line = String::new();
    let mut reader = BufReader::new(&stream);
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // The headers are not needed; reading them lets the client see a clean close.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/").split('#').next().unwrap_or("/");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let (status, kind, body) = match file(folder, path) {
        Some((name, bytes)) => {
            let kind = content_type(&name);
            let body = if kind.starts_with("text/html") {
                let page = String::from_utf8_lossy(&bytes).replace("{{widget-origin}}", widget_origin);
                if page.contains("{{porting-widget}}") {
                    page.replace("{{porting-widget}}", &widget::element(widget_origin, "en"))
                } else if page.contains("{{tracked-porting}}") {
                    let porting = query_value(query, "porting").unwrap_or_default();
                    page.replace("{{tracked-porting}}", &widget::tracked(widget_origin, porting, "en"))
                } else {
                    page
                }
                .into_bytes()
            } else {
                bytes
            };
            ("200 OK", kind, body)
        }
        None => ("404 Not Found", "text/plain; charset=utf-8", b"Not found.\n".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nContent-Security-Policy: {}\r\n\
         X-Content-Type-Options: nosniff\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len(),
        policy(widget_origin)
    );
    let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&body));
}

/// The value of `name` in a query string (`a=1&b=2`), as given: the caller checks it.
fn query_value<'q>(query: &'q str, name: &str) -> Option<&'q str> {
    query.split('&').filter_map(|pair| pair.split_once('=')).find(|(key, _)| *key == name).map(|(_, v)| v)
}

/// The file `path` names in `folder`: a plain name made of safe characters, `/` for the page.
fn file(folder: &Path, path: &str) -> Option<(String, Vec<u8>)> {
    let name = match path.trim_start_matches('/') {
        "" => "index.html",
        name => name,
    };
    let safe = name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !safe || name.starts_with('.') {
        return None;
    }
    std::fs::read(folder.join(name)).ok().map(|bytes| (name.to_owned(), bytes))
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(origin: &str, path: &str) -> String {
        let mut stream = TcpStream::connect(origin).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut answer = String::new();
        std::io::Read::read_to_string(&mut stream, &mut answer).unwrap();
        answer
    }

    #[test]
    fn the_page_names_the_widget_origin_under_a_policy_without_inline_code() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        spawn(listener, folder(), "http://127.0.0.1:9".into());
        let page = get(&addr, "/");
        assert!(page.starts_with("HTTP/1.1 200"), "{page}");
        assert!(
            page.contains("http://127.0.0.1:9/embed/porting-widget.css"),
            "the widget origin is filled in"
        );
        let policy = page.lines().find(|l| l.starts_with("Content-Security-Policy:")).unwrap();
        assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"), "{policy}");
        assert!(!page.contains("<script>") && !page.contains(" style="), "nothing inline");
        for outside in ["/../Cargo.toml", "/%2e%2e/Cargo.toml", "/.hidden", "/nothing.html"] {
            assert!(get(&addr, outside).starts_with("HTTP/1.1 404"), "{outside}");
        }
        assert!(get(&addr, "/signup.js").contains("text/javascript"));
        let unreachable = get(&addr, "/track.html?porting=prt_1");
        assert!(unreachable.contains("This link is not valid any more"), "{unreachable}");
    }

    #[test]
    fn the_widgets_files_are_named_for_preloading_with_their_origin() {
        let list = r#"[{"rel": "modulepreload", "href": "porting-widget-1a.js"},
                       {"rel": "preload", "href": "porting-widget-1a_bg.wasm", "as": "fetch", "fetchpriority": "low"}]"#;
        assert_eq!(
            widget::preload_links("https://w.example", list),
            "<link href=\"https://w.example/embed/porting-widget-1a.js\" rel=\"modulepreload\">\n\
             <link as=\"fetch\" fetchpriority=\"low\" href=\"https://w.example/embed/porting-widget-1a_bg.wasm\" rel=\"preload\">\n"
        );
        assert_eq!(widget::preload_links("https://w.example", "not json"), "");
        let hostile = r#"[{"rel": "preload", "href": "\"><script>", "onload": "x()", "data-X": "y"}]"#;
        assert_eq!(
            widget::preload_links("https://w.example", hostile),
            "<link href=\"https://w.example/embed/&quot;>&lt;script>\" rel=\"preload\">\n",
            "only a link's own attributes, escaped"
        );
    }

    #[test]
    fn a_tracking_link_names_its_porting_and_nothing_else_gets_through() {
        assert_eq!(query_value("porting=prt_1&x=2", "porting"), Some("prt_1"));
        assert_eq!(query_value("x=2", "porting"), None);
        for bad in ["", "prt_1/../../dev/demo", "prt_1%2F", "<b>", &"p".repeat(65)] {
            let element = widget::tracked("http://127.0.0.1:9", bad, "en");
            assert!(element.starts_with("<p class=\"notice\">This link is not valid"), "{bad}: {element}");
        }
    }
}
