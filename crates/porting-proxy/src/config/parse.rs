//! The value parsers of single flags: each flag's range or form is checked here, once, as clap
//! reads it, and clap's message names the flag and quotes the value.

use std::fmt::Display;
use std::path::PathBuf;
use std::str::FromStr;

use axum::http::HeaderValue;
use ipnet::IpNet;
use url::{Host, Url};

use crate::guard::client_ip::Networks;

/// A number from `lo` to `hi`.
pub fn between<T>(lo: T, hi: T) -> impl Fn(&str) -> Result<T, String> + Clone + Send + Sync + 'static
where
    T: FromStr + PartialOrd + Display + Copy + Send + Sync + 'static,
{
    move |text| match text.parse::<T>() {
        Ok(number) if lo <= number && number <= hi => Ok(number),
        _ => Err(format!("must be between {lo} and {hi}")),
    }
}

/// A path like `/api` or `/shop/api`: segments of letters, digits and `._~-`, which axum routes
/// literally (`{`, `}`, `:` and `*` would make a route parameter or stop the start with a panic).
pub fn literal_path(path: &str) -> Result<String, String> {
    let literal = |segment: &str| {
        // `.` and `..` would be resolved away by clients before reaching the proxy.
        !matches!(segment, "" | "." | "..")
            && segment.bytes().all(|b| b.is_ascii_alphanumeric() || b"._~-".contains(&b))
    };
    match path.strip_prefix('/') {
        Some(segments) if segments.split('/').all(literal) => Ok(path.to_owned()),
        _ => Err(format!(
            "must start with / and not end with one, its segments only letters, digits and . _ ~ - \
             (like /api; got {path:?})"
        )),
    }
}

/// A built widget: a folder with an `index.html`.
pub fn built_widget(dir: &str) -> Result<PathBuf, String> {
    let dir = PathBuf::from(dir);
    if dir.join("index.html").is_file() {
        Ok(dir)
    } else {
        Err("has no index.html: build the widget first (cargo xtask build)".into())
    }
}

/// A Gigs base URL: `https://`, or `http://` to a loopback host only (a local simulator), so the
/// API key never crosses a network in the clear.
pub fn gigs_base_url(base_url: &str) -> Result<String, String> {
    let url = Url::parse(base_url).map_err(|e| format!("must be an http(s) URL ({e})"))?;
    match url.scheme() {
        "https" => Ok(base_url.to_owned()),
        "http" if is_loopback(url.host()) => Ok(base_url.to_owned()),
        "http" => Err("must use https:// (http:// only to a loopback host such as 127.0.0.1)".into()),
        _ => Err("must be an http(s) URL".into()),
    }
}

/// A Gigs project id, as it goes into request paths.
pub fn project(project: &str) -> Result<String, String> {
    gigs_http::ids::check_project(project).map(|()| project.to_owned())
}

/// A session claim to require (`aud`, `iss`): 1 to 256 characters, trimmed.
pub fn claim(value: &str) -> Result<String, String> {
    let value = value.trim();
    if value.is_empty() || value.len() > 256 {
        return Err("must be 1 to 256 characters".into());
    }
    Ok(value.to_owned())
}

/// An origin as a browser sends it: `scheme://host[:port]`, nothing after.
#[derive(Clone, Debug, PartialEq)]
pub struct Origin {
    pub value: HeaderValue,
    /// Plain `http://` to a host other than this machine: its pages can be changed on the way.
    pub plain_http_remote: bool,
}

pub fn origin(origin: &str) -> Result<Origin, String> {
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .ok_or("is not an http(s) origin like https://shop.example")?;
    let valid_host = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']');
    if rest.is_empty() || !rest.chars().all(valid_host) {
        return Err("must be scheme://host[:port] with no path, wildcard or trailing slash".into());
    }
    let value = HeaderValue::from_str(origin).map_err(|_| "is not a valid header value")?;
    let url = Url::parse(origin).map_err(|e| format!("is not an http(s) origin ({e})"))?;
    Ok(Origin { value, plain_http_remote: url.scheme() == "http" && !is_loopback(url.host()) })
}

/// Who may frame the served pages: an origin, or `'self'`.
pub fn frame_ancestor(ancestor: &str) -> Result<String, String> {
    if ancestor != "'self'" {
        self::origin(ancestor).map_err(|e| format!("{e} (or 'self')"))?;
    }
    Ok(ancestor.to_owned())
}

/// An address or a CIDR block.
pub fn network(entry: &str) -> Result<IpNet, String> {
    Networks::parse_one(entry)
}

/// Whether `host` is this machine: `localhost`, 127.0.0.0/8 or `::1`.
fn is_loopback(host: Option<Host<&str>>) -> bool {
    match host {
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_exact_scheme_host_port() {
        assert!(origin("https://shop.example").is_ok());
        assert!(origin("http://127.0.0.1:8080").is_ok());
        assert!(origin("http://[::1]:8080").is_ok());
        for bad in
            ["*", "null", "shop.example", "https://shop.example/", "https://*.shop.example", "https://"]
        {
            assert!(origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbers_outside_their_range_or_not_numbers_are_refused_naming_the_range() {
        let seconds = between::<u64>(1, 300);
        assert_eq!(seconds("300"), Ok(300));
        for bad in ["0", "301", "-1", "ten", ""] {
            assert_eq!(seconds(bad), Err("must be between 1 and 300".into()), "{bad}");
        }
    }
}
