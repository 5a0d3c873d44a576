//! The JS API's options object read into a [`Config`], by the same rules as the attributes, with
//! the options only the JS API has: `text`, `theme` and `appearance`.

use wasm_bindgen::{JsCast, JsValue};

use super::{Config, OPTIONS};
use crate::browser::dom::string_entries;
use crate::messages::Messages;

/// The configuration the JS API's `options` give, or a `TypeError` naming the option at fault.
pub fn read(options: &JsValue) -> Result<Config, String> {
    if !options.is_object() {
        return Err("options must be an object".into());
    }
    let names = OPTIONS.all();
    let mut values = Vec::new();
    let (mut texts, mut appearance, mut theme) = (Vec::new(), Vec::new(), None);
    for key in js_sys::Object::keys(options.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        let value = js_sys::Reflect::get(options, &JsValue::from_str(&key)).unwrap_or_default();
        match key.as_str() {
            TEXT_OPTION => {
                texts = string_entries(
                    &value,
                    &format!("options.{TEXT_OPTION}"),
                    Messages::is_key,
                    "a text key",
                )?;
                continue;
            }
            APPEARANCE_OPTION => {
                let variable = |key: &str| key.starts_with("--pw-");
                appearance = string_entries(
                    &value,
                    &format!("options.{APPEARANCE_OPTION}"),
                    variable,
                    "a --pw-* custom property",
                )?;
                continue;
            }
            THEME_OPTION => {
                let given = value.as_string().unwrap_or_default();
                theme = ["light", "dark", "auto"].into_iter().find(|known| *known == given);
                if theme.is_none() && !value.is_undefined() {
                    let message = format!("options.{THEME_OPTION} must be \"light\", \"dark\" or \"auto\"");
                    return Err(message);
                }
                continue;
            }
            _ => {}
        }
        let Some(name) = names.into_iter().find(|name| *name == key) else {
            return Err(format!(
                "options.{key} is not an option (they are {}, {TEXT_OPTION})",
                names.join(", ")
            ));
        };
        let text = match (value.as_string(), value.as_bool()) {
            (Some(text), _) => Some(text),
            (None, Some(flag)) if name == OPTIONS.demo => Some(flag.to_string()),
            // The porting as the backend's own Gigs call returned it, an object or its JSON.
            _ if name == OPTIONS.porting && value.is_object() => {
                js_sys::JSON::stringify(&value).ok().map(String::from)
            }
            _ if value.is_undefined() || value.is_null() => None,
            _ => return Err(format!("options.{name} must be a string")),
        };
        values.push((name, text));
    }
    let config =
        Config::read(&OPTIONS, |name| values.iter().find(|(n, _)| *n == name).and_then(|(_, v)| v.clone()))
            .map_err(|error| format!("options.{error}"))?;
    Ok(Config { texts, theme, appearance, ..config })
}

/// The option that rewords texts: `{ key: "text" }` by the catalog's keys.
const TEXT_OPTION: &str = "text";

/// `"light"`, `"dark"` or `"auto"` (the buyer's system).
const THEME_OPTION: &str = "theme";

/// `{ "--pw-accent": "#6d28d9" }`: the appearance contract's custom properties.
const APPEARANCE_OPTION: &str = "appearance";
