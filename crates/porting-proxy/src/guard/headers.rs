//! Security headers: a baseline on every response, and a policy each for API answers (never
//! cached, never rendered) and for the served widget pages (their own scripts and the wasm, and
//! nothing from elsewhere).

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderName, HeaderValue};
use axum::response::Response;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// Headers that [`apply`] sets on responses, replacing any value already there.
#[derive(Clone)]
pub struct HeaderSet(Arc<[(HeaderName, HeaderValue)]>);

/// Middleware (with `axum::middleware::map_response_with_state`): sets `headers`.
pub async fn apply(State(headers): State<HeaderSet>, mut response: Response) -> Response {
    for (name, value) in headers.0.iter() {
        response.headers_mut().insert(name.clone(), value.clone());
    }
    response
}

/// On every response: no MIME sniffing, no referrer leaking ids in URLs to other sites.
pub fn baseline() -> HeaderSet {
    overriding([
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
    ])
}

/// On API and webhook answers: porting data must not sit in caches, and JSON is never a page.
pub fn api() -> HeaderSet {
    overriding([
        (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
    ])
}

/// On the served pages. `index_html` is the built page: trunk starts the wasm from an inline
/// module script, which is allowed by its hash rather than by `'unsafe-inline'`.
/// `frame_ancestors` are the origins that may frame the page (`'self'` allowed); none means no one.
pub fn pages(index_html: &str, frame_ancestors: &[String]) -> HeaderSet {
    let policy = page_policy(index_html, frame_ancestors);
    let mut headers = vec![
        (header::CONTENT_SECURITY_POLICY, HeaderValue::try_from(policy).expect("the policy is ASCII")),
        (HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin")),
        // Public files that pages on other origins load with CORS, as from a CDN.
        (header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*")),
    ];
    // For browsers without CSP frame-ancestors; a list of origins has no X-Frame-Options form.
    match frame_ancestors {
        [] => headers.push((header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"))),
        [only] if only == "'self'" => {
            headers.push((header::X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN")))
        }
        _ => {}
    }
    overriding(headers)
}

fn page_policy(index_html: &str, frame_ancestors: &[String]) -> String {
    let scripts: String = inline_script_hashes(index_html).iter().map(|hash| format!(" '{hash}'")).collect();
    let ancestors = if frame_ancestors.is_empty() { "'none'".to_owned() } else { frame_ancestors.join(" ") };
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; \
         base-uri 'none'; form-action 'none'; frame-ancestors {ancestors}"
    )
}

fn overriding(headers: impl IntoIterator<Item = (HeaderName, HeaderValue)>) -> HeaderSet {
    HeaderSet(headers.into_iter().collect())
}

/// `sha256-…` CSP sources for each inline `<script>` (one without `src`) of a page.
fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else { break };
        let tag = &after[..tag_end];
        let body = &after[tag_end + 1..];
        let Some(close) = body.find("</script>") else { break };
        if !tag.contains(" src=") {
            hashes.push(format!("sha256-{}", STANDARD.encode(Sha256::digest(&body.as_bytes()[..close]))));
        }
        rest = &body[close..];
    }
    hashes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of trunk's output: a module script file and the inline start-up script.
    const PAGE: &str = "<head><script type=\"module\" src=\"/w.js\"></script></head><body>\
        <script type=\"module\">\nimport init from '/w.js';\nawait init();\n</script></body>";

    #[test]
    fn inline_scripts_are_allowed_by_hash_and_files_by_origin() {
        let hashes = inline_script_hashes(PAGE);
        let expected = STANDARD.encode(Sha256::digest("\nimport init from '/w.js';\nawait init();\n"));
        assert_eq!(hashes, [format!("sha256-{expected}")]);
    }

    #[test]
    fn frame_ancestors_default_to_none() {
        assert!(page_policy(PAGE, &[]).ends_with("frame-ancestors 'none'"));
        let framed = page_policy(PAGE, &["'self'".into(), "https://shop.example".into()]);
        assert!(framed.ends_with("frame-ancestors 'self' https://shop.example"), "{framed}");
    }
}
