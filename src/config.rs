//! The widget's configuration, read from its host element's `data-` attributes.

/// How the widget reaches the proxy and which porting it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Base URL of the merchant proxy's widget API, e.g. `/api` or `https://shop.example/porting`.
    pub proxy_base: String,
    pub access: Access,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Access {
    /// A porting session minted by the merchant's backend, and the porting it is for; without
    /// one, the widget first asks for the number and creates the porting.
    Session { token: String, porting_id: Option<String> },
    /// The standalone demo: ask the proxy's simulator for a demo buyer first.
    Demo,
}

/// A configuration the host page got wrong, named precisely for the developer integrating it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    Missing(&'static str),
    Invalid { attribute: &'static str, reason: &'static str },
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::Missing(attribute) => write!(f, "the host element has no {attribute} attribute"),
            ConfigError::Invalid { attribute, reason } => write!(f, "{attribute} {reason}"),
        }
    }
}

pub const PROXY_BASE: &str = "data-proxy-base";
pub const SESSION: &str = "data-session";
pub const PORTING_ID: &str = "data-porting-id";
pub const DEMO: &str = "data-demo";

impl Config {
    /// Reads the configuration through `attribute`, which returns an attribute's value if set.
    pub fn from_attributes(attribute: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let present =
            |name: &'static str| attribute(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let proxy_base = present(PROXY_BASE).ok_or(ConfigError::Missing(PROXY_BASE))?;
        if !safe_base(&proxy_base) {
            return Err(ConfigError::Invalid {
                attribute: PROXY_BASE,
                reason: "must be a same-origin path such as /api, an https:// URL, or http:// on loopback",
            });
        }
        let proxy_base = proxy_base.trim_end_matches('/').to_owned();
        let access = if attribute(DEMO).is_some_and(|v| v != "false") {
            Access::Demo
        } else {
            Access::Session {
                token: present(SESSION).ok_or(ConfigError::Missing(SESSION))?,
                porting_id: present(PORTING_ID),
            }
        };
        Ok(Config { proxy_base, access })
    }
}

/// Whether answers and the session may travel to `base`: a path on the page's own origin (not
/// `//host`, which is another origin), https, or plain http only to this machine.
fn safe_base(base: &str) -> bool {
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
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::from_attributes(|name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn session_configuration_is_read_and_the_base_normalised() {
        let config =
            read(&[(PROXY_BASE, "https://shop.example/api/"), (SESSION, "tok"), (PORTING_ID, "prt_1")])
                .unwrap();
        assert_eq!(config.proxy_base, "https://shop.example/api");
        assert_eq!(config.access, Access::Session { token: "tok".into(), porting_id: Some("prt_1".into()) });
    }

    #[test]
    fn a_session_without_a_porting_id_starts_with_the_create_step() {
        let config = read(&[(PROXY_BASE, "/api"), (SESSION, "tok"), (PORTING_ID, " ")]).unwrap();
        assert_eq!(config.access, Access::Session { token: "tok".into(), porting_id: None });
    }

    #[test]
    fn demo_needs_no_session() {
        assert_eq!(read(&[(PROXY_BASE, "/api"), (DEMO, "")]).unwrap().access, Access::Demo);
        assert_eq!(read(&[(PROXY_BASE, "/api"), (DEMO, "false")]), Err(ConfigError::Missing(SESSION)));
    }

    #[test]
    fn missing_and_invalid_values_are_named() {
        assert_eq!(read(&[]), Err(ConfigError::Missing(PROXY_BASE)));
        assert_eq!(read(&[(PROXY_BASE, "  ")]), Err(ConfigError::Missing(PROXY_BASE)));
        let error = read(&[(PROXY_BASE, "javascript:alert(1)"), (DEMO, "")]).unwrap_err();
        assert!(error.to_string().starts_with(PROXY_BASE));
    }

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
        ] {
            let error = read(&[(PROXY_BASE, unsafe_base), (DEMO, "")]).unwrap_err();
            assert!(matches!(error, ConfigError::Invalid { attribute: PROXY_BASE, .. }), "{unsafe_base}");
        }
    }
}
