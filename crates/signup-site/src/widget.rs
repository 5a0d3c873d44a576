//! The `<porting-widget>` the telco's server writes into its page, as the README tells a merchant
//! to: its backend gets the buyer's session and porting (here a demo buyer, from the proxy's
//! simulator), then fetches the widget's first state rendered by the proxy with that session and
//! puts it inside the element, so the form is in the first HTML the phone receives.

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

fn rendered(widget_origin: &str, lang: &str) -> Result<String, String> {
    let demo = request(widget_origin, "POST", "/api/dev/demo", None)?;
    let demo: serde_json::Value = serde_json::from_str(&demo).map_err(|e| e.to_string())?;
    let (Some(session), Some(id)) = (demo["session"].as_str(), demo["portingId"].as_str()) else {
        return Err("the demo route answered without a session".into());
    };
    let view = format!("/api/portings/{id}/view?lang={lang}&locale={lang}&tz=0");
    let html = request(widget_origin, "GET", &view, Some(session))?;
    Ok(format!(
        r#"<porting-widget proxy-base="{}/api" session="{}" porting-id="{}" locale="{}">{html}</porting-widget>"#,
        attr(widget_origin),
        attr(session),
        attr(id),
        attr(lang)
    ))
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
