//! What differs between the browser, where the widget runs, and the server, where its first state
//! is rendered: the same facts and effects (today, the buyer's language, dates in their locale,
//! focus), each place's way. Components take them from here.

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(not(target_arch = "wasm32"))]
mod server;

#[cfg(target_arch = "wasm32")]
pub use browser::{focus, focus_soon, language, local_day, local_time, reveal_soon, today, ShadowRootIds};
#[cfg(not(target_arch = "wasm32"))]
pub use server::{focus, focus_soon, language, local_day, local_time, reveal_soon, today, Buyer};

/// The locale dates are written in, for a catalog in `lang` and a browser set to `browser`:
/// American or British English, German or Spanish, so the server writes them as the browser will.
pub fn date_locale(lang: &str, browser: &str) -> &'static str {
    let mut parts = browser.split(['-', '_']);
    let (language, region) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
    match lang {
        "de" => "de",
        "es" => "es",
        _ if language.eq_ignore_ascii_case("en")
            && !region.is_empty()
            && !["US", "CA", "PH", "PR", "UM", "AS", "GU", "MP", "VI"]
                .iter()
                .any(|r| r.eq_ignore_ascii_case(region)) =>
        {
            "en-GB"
        }
        _ => "en-US",
    }
}

#[cfg(test)]
mod tests {
    use super::date_locale;

    #[test]
    fn dates_follow_the_catalog_and_the_browsers_region_of_english() {
        assert_eq!(date_locale("en", "en-GB"), "en-GB");
        assert_eq!(date_locale("en", "en_au"), "en-GB");
        assert_eq!(date_locale("en", "en-US"), "en-US");
        assert_eq!(date_locale("en", "en-CA"), "en-US");
        assert_eq!(date_locale("en", "en"), "en-US");
        assert_eq!(date_locale("en", "de-DE"), "en-US", "an English catalog in a German browser");
        assert_eq!(date_locale("de", "en-GB"), "de");
        assert_eq!(date_locale("es", "es-MX"), "es");
    }
}
