//! The `<porting-widget>` the telco's server writes into its pages, as the README tells a merchant
//! to: its backend gets the buyer's session and porting (here a demo buyer, or a fresh session for
//! the porting a tracking link names, from the proxy's simulator), then fetches the widget's first
//! state rendered by the proxy with that session and puts it inside the element, so the form is
//! in the first HTML the phone receives.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// The element for a new demo buyer, with the proxy's rendering of their porting inside; if the
/// proxy cannot be reached, the element alone, which asks for a demo buyer itself.
pub fn element(widget_origin: &str, lang: &str) -> String {
    rendered(widget_origin, lang).unwrap_or_else(|_| {
        format!(
            r#"<porting-widget proxy-base="{}/api" demo locale="{}"></porting-widget>"#,
            attr(widget_origin),
            attr(lang)
        )
    })
}

/// The element for the porting `porting_id` behind the link in a confirmation email, with a fresh
/// session for its buyer (minted by the simulator's dev route, standing for this backend's own
/// key) and the porting's rendering inside; a sentence instead when that cannot be had.
pub fn tracked(widget_origin: &str, porting_id: &str, lang: &str) -> String {
    let safe = !porting_id.is_empty()
        && porting_id.len() <= 64
        && porting_id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let path = format!("/api/dev/portings/{porting_id}/session");
    match safe.then(|| session_element(widget_origin, &path, lang)) {
        Some(Ok(element)) => element,
        _ => r#"<p class="notice">This link is not valid any more. Sign in to see your order.</p>"#.into(),
    }
}

fn rendered(widget_origin: &str, lang: &str) -> Result<String, String> {
    session_element(widget_origin, "/api/dev/demo", lang)
}

/// The element for the session and porting that `POST {session_path}` answers with, the porting
/// rendered inside.
fn session_element(widget_origin: &str, session_path: &str, lang: &str) -> Result<String, String> {
    let answer = request(widget_origin, "POST", session_path, None)?;
    let answer: serde_json::Value = serde_json::from_str(&answer).map_err(|e| e.to_string())?;
    let (Some(session), Some(id)) = (answer["session"].as_str(), answer["portingId"].as_str()) else {
        return Err(format!("{session_path} answered without a session"));
    };
    let view = format!("/api/portings/{id}/view?lang={lang}&locale={lang}&tz=0");
    let html = request(widget_origin, "GET", &view, Some(session))?;
    // The widget's files start with the page, not after its entry point (none if the list is
    // missing); after the form, so the stylesheet has the line to itself first.
    let links = request(widget_origin, "GET", "/embed/preload.json", None)
        .map(|list| preload_links(widget_origin, &list))
        .unwrap_or_default();
    Ok(format!(
        r#"<porting-widget proxy-base="{}/api" session="{}" porting-id="{}" locale="{}">{html}</porting-widget>{links}"#,
        attr(widget_origin),
        attr(session),
        attr(id),
        attr(lang)
    ))
}

/// The attributes of a preload link: no other name a list could hold reaches the page.
const LINK_ATTRIBUTES: [&str; 5] = ["rel", "href", "as", "crossorigin", "fetchpriority"];

/// The `<link>`s for the files `embed/preload.json` (`list`) names, at `widget_origin`: what a
/// merchant's page puts after the widget whose first state its server rendered in.
pub fn preload_links(widget_origin: &str, list: &str) -> String {
    let links: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(list).unwrap_or_default();
    links
        .iter()
        .map(|link| {
            let attributes: String = link
                .iter()
                .filter_map(|(name, value)| Some((name, value.as_str()?)))
                .filter(|(name, _)| LINK_ATTRIBUTES.contains(&name.as_str()))
                .map(|(name, value)| match name.as_str() {
                    "href" => format!(r#" href="{}/embed/{}""#, attr(widget_origin), attr(value)),
                    _ => format!(r#" {name}="{}""#, attr(value)),
                })
                .collect();
            format!("<link{attributes}>\n")
        })
        .collect()
}

/// `text` for a double-quoted attribute.
fn attr(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")
}

/// The body of a plain HTTP/1.1 request to the proxy (`http://host:port`, on this machine), if it
/// answered 2xx.
fn request(origin: &str, method: &str, path: &str, session: Option<&str>) -> Result<String, String> {
    let authority = origin.strip_prefix("http://").ok_or("the widget origin is not http://")?;
    let mut stream = TcpStream::connect(authority).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).map_err(|e| e.to_string())?;
    let auth = session.map(|s| format!("Authorization: Bearer {s}\r\n")).unwrap_or_default();
    write!(stream, "{method} {path} HTTP/1.1\r\nHost: {authority}\r\n{auth}Content-Length: 0\r\nConnection: close\r\n\r\n")
        .map_err(|e| e.to_string())?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).map_err(|e| e.to_string())?;
    let (head, body) = answer.split_once("\r\n\r\n").ok_or("an answer without a body")?;
    let status = head.split_whitespace().nth(1).unwrap_or_default();
    if !status.starts_with('2') {
        return Err(format!("{method} {path} answered {status}"));
    }
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        return Err("a chunked answer".into());
    }
    Ok(body.to_owned())
}
