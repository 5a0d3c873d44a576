//! Which proxy bases the widget accepts: answers and the session travel only there.

/// Whether answers and the session may travel to `base`: a path on the page's own origin (not
/// `//host`, which is another origin), https, or plain http only to this machine.
pub fn safe_base(base: &str) -> bool {
    // Browsers read `\` as `/`, drop tabs and breaks, and `@` starts a user name: another origin.
    if base.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\' || c == '@') {
        return false;
    }
    if let Some(rest) = base.strip_prefix("http://") {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host =
            authority.rsplit_once(':').filter(|(_, port)| !port.contains(']')).map_or(authority, |(h, _)| h);
        let loopback_ip = host.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback());
        return loopback_ip || host == "[::1]" || host.eq_ignore_ascii_case("localhost");
    }
    (base.starts_with('/') && !base.starts_with("//")) || base.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::super::tests::read;
    use super::super::{ConfigError, DATA_ATTRIBUTES};

    const PROXY_BASE: &str = DATA_ATTRIBUTES.proxy_base;
    const DEMO: &str = DATA_ATTRIBUTES.demo;

    #[test]
    fn the_proxy_is_reached_over_https_except_on_this_machine_or_this_origin() {
        for safe in [
            "/api",
            "https://shop.example/api",
            "http://localhost:8787/api",
            "http://127.0.0.1/api",
            "http://[::1]:80",
        ] {
            assert!(read(&[(PROXY_BASE, safe), (DEMO, "")]).is_ok(), "{safe}");
        }
        for unsafe_base in [
            "http://shop.example/api",
            "//shop.example/api",
            "http://127.0.0.1.evil.example/api",
            "http://localhost.evil.example",
            "ftp://shop.example",
            "api",
            "/\\evil.example/api",
            "/\t/evil.example",
            "http://localhost:1@evil.example",
            "http://127.0.0.1:@evil.example/api",
        ] {
            let error = read(&[(PROXY_BASE, unsafe_base), (DEMO, "")]).unwrap_err();
            assert!(matches!(error, ConfigError::Invalid { name: PROXY_BASE, .. }), "{unsafe_base}");
        }
    }
}
