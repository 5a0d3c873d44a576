//! The widget's configuration, read from its host element's `data-` attributes, the
//! `<porting-widget>` element's attributes or the JS API's options, by the same rules.

use porting_model::Porting;

mod names;
#[cfg(target_arch = "wasm32")]
pub mod options;
mod proxy_base;

pub use names::{Names, DATA_ATTRIBUTES, ELEMENT_ATTRIBUTES, OPTIONS};

use crate::api::Session;
use proxy_base::safe_base;

/// How the widget reaches the proxy and which porting it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Base URL of the merchant proxy's widget API, e.g. `/api` or `https://shop.example/porting`.
    pub proxy_base: String,
    pub access: Access,
    /// The language the host asked for (BCP 47), before the page's and the browser's.
    pub locale: Option<String>,
    /// The host page's own words for some texts, by catalog key (JS API only).
    pub texts: Vec<(String, String)>,
    /// `light`, `dark`, or `auto` for the buyer's system; none leaves the host's choice (JS API only).
    pub theme: Option<&'static str>,
    /// `--pw-*` custom properties set on the host element (JS API only).
    pub appearance: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Access {
    /// A porting session minted by the merchant's backend, and the porting it is for; without
    /// one, the widget first asks for the number and creates the porting. `first` is that
    /// porting as the backend last read it, so the first render waits for no request (the live
    /// stream then brings the current one).
    Session { token: Session, porting_id: Option<String>, first: Option<Box<Porting>> },
    /// The standalone demo: ask the proxy's simulator for a demo buyer first.
    Demo,
}

/// A configuration the host page got wrong, named as the host wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    Missing(&'static str),
    Invalid { name: &'static str, reason: &'static str },
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::Missing(name) => write!(f, "{name} is required"),
            ConfigError::Invalid { name, reason } => write!(f, "{name} {reason}"),
        }
    }
}

impl Config {
    /// Whether `other` shows the same widget, told only a new session, theme or appearance.
    pub fn same_widget(&self, other: &Config) -> bool {
        let same_access = match (&self.access, &other.access) {
            (Access::Session { porting_id, .. }, Access::Session { porting_id: other, .. }) => {
                porting_id == other
            }
            (Access::Demo, Access::Demo) => true,
            _ => false,
        };
        same_access
            && self.proxy_base == other.proxy_base
            && self.locale == other.locale
            && self.texts == other.texts
    }

    /// Reads the configuration through `value`, which gives a setting's value by its name in
    /// `names`, if set.
    pub fn read(names: &Names, value: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let present = |name: &'static str| value(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let proxy_base = present(names.proxy_base).ok_or(ConfigError::Missing(names.proxy_base))?;
        if !safe_base(&proxy_base) {
            return Err(ConfigError::Invalid {
                name: names.proxy_base,
                reason: "must be a same-origin path such as /api, an https:// URL, or http:// on loopback",
            });
        }
        let proxy_base = proxy_base.trim_end_matches('/').to_owned();
        let access = if value(names.demo).is_some_and(|v| v != "false") {
            Access::Demo
        } else {
            let porting_id = present(names.porting_id);
            // Only a speed-up: a snapshot the widget cannot use is loaded instead, and said why.
            let first =
                value(names.porting).and_then(|json| match first_state(&json, porting_id.as_deref()) {
                    Ok(porting) => Some(Box::new(porting)),
                    Err(reason) => {
                        leptos::logging::warn!(
                            "porting-widget: {} {reason}; the porting is loaded instead",
                            names.porting
                        );
                        None
                    }
                });
            Access::Session {
                token: present(names.session).ok_or(ConfigError::Missing(names.session))?.into(),
                porting_id,
                first,
            }
        };
        Ok(Config {
            proxy_base,
            access,
            locale: present(names.locale),
            texts: Vec::new(),
            theme: None,
            appearance: Vec::new(),
        })
    }
}

/// The porting the host page handed in as JSON, if it is the one `porting_id` names.
fn first_state(json: &str, porting_id: Option<&str>) -> Result<Porting, &'static str> {
    let porting: Porting =
        crate::api::json::parse(json).ok_or("is not a porting as Gigs returns it (JSON)")?;
    match porting_id {
        Some(id) if id == porting.id => Ok(porting),
        Some(_) => Err("is another porting than the one named to show"),
        None => Err("needs the id of the porting to show"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROXY_BASE: &str = DATA_ATTRIBUTES.proxy_base;
    const SESSION: &str = DATA_ATTRIBUTES.session;
    const PORTING_ID: &str = DATA_ATTRIBUTES.porting_id;
    const DEMO: &str = DATA_ATTRIBUTES.demo;

    pub fn read(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::read(&DATA_ATTRIBUTES, |name| {
            pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn session_configuration_is_read_and_the_base_normalised() {
        let config =
            read(&[(PROXY_BASE, "https://shop.example/api/"), (SESSION, "tok"), (PORTING_ID, "prt_1")])
                .unwrap();
        assert_eq!(config.proxy_base, "https://shop.example/api");
        assert_eq!(
            config.access,
            Access::Session { token: "tok".into(), porting_id: Some("prt_1".into()), first: None }
        );
    }

    #[test]
    fn a_session_without_a_porting_id_starts_with_the_create_step() {
        let config = read(&[(PROXY_BASE, "/api"), (SESSION, "tok"), (PORTING_ID, " ")]).unwrap();
        assert_eq!(config.access, Access::Session { token: "tok".into(), porting_id: None, first: None });
    }

    #[test]
    fn the_porting_handed_in_is_taken_only_for_the_porting_to_show() {
        let json: &str = &serde_json::to_string(
            &porting_model::testing::PortingBuilder::new().required(&["accountPin"]).build(),
        )
        .unwrap();
        let config = |id: &str, porting: &str| {
            read(&[
                (PROXY_BASE, "/api"),
                (SESSION, "tok"),
                (PORTING_ID, id),
                (DATA_ATTRIBUTES.porting, porting),
            ])
            .unwrap()
            .access
        };
        let Access::Session { first: Some(first), .. } = config("prt_1", json) else { panic!("taken") };
        assert_eq!((first.id.as_str(), first.required.len()), ("prt_1", 1));
        for (id, porting) in [("prt_2", json), ("", json), ("prt_1", "{"), ("prt_1", "[]"), ("prt_1", "<b>")]
        {
            assert!(matches!(config(id, porting), Access::Session { first: None, .. }), "{id} {porting}");
        }
        assert!(first_state(json, Some("prt_2")).unwrap_err().contains("another porting"));
        assert!(first_state("{", Some("prt_1")).unwrap_err().contains("JSON"));
    }

    #[test]
    fn each_way_of_configuring_names_its_own_settings() {
        let options = |pairs: &[(&str, &str)]| {
            Config::read(&OPTIONS, |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string()))
        };
        assert_eq!(options(&[("proxyBase", "/api")]), Err(ConfigError::Missing("session")));
        let error = options(&[("proxyBase", "http://shop.example")]).unwrap_err();
        assert!(error.to_string().starts_with("proxyBase must be"), "{error}");
        let element = Config::read(&ELEMENT_ATTRIBUTES, |name| (name == "session").then(|| "tok".into()));
        assert_eq!(element.unwrap_err().to_string(), "proxy-base is required");
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
}
