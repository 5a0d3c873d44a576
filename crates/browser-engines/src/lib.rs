//! The browser engines the end-to-end tests drive, and the environment variables that name each
//! one's WebDriver server and browser: one table for `cargo xtask test`, which sets them, and
//! `crates/e2e`, which reads them.

/// Names the engine an end-to-end run drives (`chromium`, `firefox`, `webkit`).
pub const ENGINE_VAR: &str = "PORTING_E2E_ENGINE";

/// The engines a buyer's browser runs on: Chromium (Chrome, Edge, Android), Firefox, and WebKit
/// (Safari, and every browser on an iPhone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    Firefox,
    WebKit,
}

impl Engine {
    /// In the order `cargo xtask test` runs them.
    pub const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::WebKit];

    /// The engine's name in [`ENGINE_VAR`] and in the test summary.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::WebKit => "webkit",
        }
    }

    /// The engine [`Engine::name`] gives `name`, if any.
    pub fn named(name: &str) -> Option<Engine> {
        Engine::ALL.into_iter().find(|engine| engine.name() == name)
    }

    /// The variable naming the engine's WebDriver server.
    pub fn driver_var(self) -> &'static str {
        match self {
            Engine::Chromium => "CHROMEDRIVER",
            Engine::Firefox => "GECKODRIVER",
            Engine::WebKit => "WEBKIT_DRIVER",
        }
    }

    /// The variable naming the engine's browser binary.
    pub fn browser_var(self) -> &'static str {
        match self {
            Engine::Chromium => "CHROMIUM",
            Engine::Firefox => "FIREFOX",
            Engine::WebKit => "MINIBROWSER",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Engine;

    #[test]
    fn each_name_finds_its_engine_and_nothing_else_does() {
        assert_eq!(Engine::named("chromium"), Some(Engine::Chromium));
        assert_eq!(Engine::named("firefox"), Some(Engine::Firefox));
        assert_eq!(Engine::named("webkit"), Some(Engine::WebKit));
        assert_eq!(Engine::named("safari"), None);
        assert_eq!(Engine::named("WebKit"), None);
    }

    #[test]
    fn each_engine_has_its_driver_and_browser_variables() {
        assert_eq!(
            (Engine::Chromium.driver_var(), Engine::Chromium.browser_var()),
            ("CHROMEDRIVER", "CHROMIUM")
        );
        assert_eq!((Engine::Firefox.driver_var(), Engine::Firefox.browser_var()), ("GECKODRIVER", "FIREFOX"));
        assert_eq!(
            (Engine::WebKit.driver_var(), Engine::WebKit.browser_var()),
            ("WEBKIT_DRIVER", "MINIBROWSER")
        );
    }
}
