//! Serves a built widget (`--static-dir`) the way a CDN would: the `.br` or `.gz` the build wrote
//! beside each file when the browser accepts it, content-hashed files cached for a year, and the
//! rest (the page, the stable entry points) revalidated on each use. Only the folder's own files
//! are served: no dotfile, and no symlink leading out of it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use percent_encoding::percent_decode_str;
use tower_http::services::{ServeDir, ServeFile};

use crate::guard::headers;

/// For files whose name changes with their content: a returning buyer never downloads them again.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For everything else: kept, but checked (a 304 when unchanged) before each use.
pub const REVALIDATE: &str = "no-cache";

/// The widget in `dir`, `index.html` for any path that names no file (the standalone page).
pub fn router(dir: &Path, frame_ancestors: &[String]) -> Result<Router, String> {
    let index = dir.join("index.html");
    let page =
        std::fs::read_to_string(&index).map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let root = dir.canonicalize().map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let files = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(ServeFile::new(index).precompressed_br().precompressed_gzip());
    Ok(Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn_with_state(Arc::new(root), own_files_only))
        .layer(middleware::from_fn(cache_control))
        .layer(middleware::map_response_with_state(headers::pages(&page, frame_ancestors), headers::apply)))
}

/// Middleware: 404 for a dotfile (`.env`, `.git/…`: any segment starting with `.`), and for a
/// path whose file, precompressed twins or index resolve outside `root`, the folder served.
async fn own_files_only(State(root): State<Arc<PathBuf>>, request: Request, next: Next) -> Response {
    let segments: Option<Vec<String>> = request
        .uri()
        .path()
        .split('/')
        .filter(|segment| !segment.is_empty())
        .map(|segment| percent_decode_str(segment).decode_utf8().ok().map(String::from))
        .collect();
    let Some(segments) = segments.filter(|segments| segments.iter().all(|s| !s.starts_with('.'))) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let file = segments.iter().fold(root.to_path_buf(), |path, segment| path.join(segment));
    let named = |suffix: &str| PathBuf::from(format!("{}{suffix}", file.display()));
    for candidate in [named(""), named(".br"), named(".gz"), file.join("index.html")] {
        // A candidate that does not exist is not served; one that does must stay inside.
        if let Ok(resolved) = tokio::fs::canonicalize(&candidate).await {
            if !resolved.starts_with(root.as_path()) {
                return StatusCode::NOT_FOUND.into_response();
            }
        }
    }
    next.run(request).await
}

/// Middleware: the `Cache-Control` that [`policy`] gives the request's path, and `Vary`.
async fn cache_control(request: Request, next: Next) -> Response {
    let policy = policy(request.uri().path());
    let mut response = next.run(request).await;
    // The page answers for paths that name no file, even ones that look hashed (an old build's).
    let page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|kind| kind.as_bytes().starts_with(b"text/html"));
    let policy = match response.status() {
        StatusCode::OK | StatusCode::PARTIAL_CONTENT if !page => Some(policy),
        // A 304 refreshes the stored answer's headers: saying nothing keeps what it said.
        StatusCode::NOT_MODIFIED => None,
        // An error or the page must be asked for again, never kept for a year.
        _ => Some(REVALIDATE),
    };
    if let Some(policy) = policy {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    // The same path answers in other encodings: a shared cache must keep them apart.
    response.headers_mut().insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

/// [`IMMUTABLE`] for a path with a content hash in it (trunk's `name-<hash>.js`, `_bg.wasm`,
/// `snippets/<crate>-<hash>/`), else [`REVALIDATE`]. A name wrongly taken as stable only costs a
/// revalidation; the reverse would leave buyers on an old file, so the test is strict.
pub fn policy(path: &str) -> &'static str {
    let hashed = path.split('/').any(|segment| {
        let stem = segment.split('.').next().unwrap_or_default();
        let stem = stem.strip_suffix("_bg").unwrap_or(stem);
        stem.rsplit_once('-').is_some_and(|(_, hash)| {
            (12..=16).contains(&hash.len())
                && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
    });
    if hashed {
        IMMUTABLE
    } else {
        REVALIDATE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_content_hashed_paths_are_immutable() {
        for hashed in [
            "/porting-widget-56b348e81f0f8ee_bg.wasm",
            "/porting-widget-56b348e81f0f8ee.js",
            "/widget-b204c47a34bc4239.css",
            "/embed/snippets/porting-widget-0954786884a1f0a4/inline0.js",
        ] {
            assert_eq!(policy(hashed), IMMUTABLE, "{hashed}");
        }
        for stable in [
            "/",
            "/index.html",
            "/embed/porting-widget.js",
            "/embed/porting-widget.css",
            "/embed/porting-widget.d.ts",
            "/embed/package.json",
            "/some-page",
            "/porting-widget-XYZ348e81f0f8ee.js",
            "/a-0123456789a.js",
        ] {
            assert_eq!(policy(stable), REVALIDATE, "{stable}");
        }
    }
}
