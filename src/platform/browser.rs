//! The browser's facts and effects: today and dates in the buyer's locale and time zone (the
//! browser's `Intl`), the browser's language, and moving focus, also inside a host page's shadow
//! roots.

use std::cell::RefCell;

use porting_model::validate::CalendarDate;
use wasm_bindgen::JsCast;
use web_sys::{DocumentFragment, Node};

use super::date_locale;

/// Today in the buyer's time zone, which is the day they mean when they type a date.
pub fn today() -> CalendarDate {
    let now = js_sys::Date::new_0();
    CalendarDate::new(now.get_full_year() as u16, now.get_month() as u8 + 1, now.get_date() as u8)
        .expect("the browser's calendar gives a real date of years 1 to 9999")
}

/// The browser's preferred language tag, e.g. `en-GB`.
pub fn language() -> String {
    web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default()
}

/// A timestamp as Gigs writes it (RFC 3339), in the buyer's locale and time zone; anything the
/// browser cannot read comes back as it was.
pub fn local_time(timestamp: &str, lang: &str) -> String {
    let date = js_sys::Date::new(&timestamp.into());
    if date.get_time().is_nan() {
        return timestamp.to_owned();
    }
    date.to_locale_string(
        date_locale(lang, &language()),
        &options(&[("dateStyle", "medium"), ("timeStyle", "short")]),
    )
    .into()
}

/// A calendar day (`YYYY-MM-DD`) in the buyer's locale, with its weekday: a day, not a moment,
/// so no time zone shifts it.
pub fn local_day(day: &str, lang: &str) -> String {
    let Ok(parsed) = day.parse::<CalendarDate>() else { return day.to_owned() };
    let date = js_sys::Date::new_with_year_month_day(
        parsed.year().into(),
        i32::from(parsed.month()) - 1,
        parsed.day().into(),
    );
    let fields = [("weekday", "long"), ("day", "numeric"), ("month", "long"), ("year", "numeric")];
    date.to_locale_date_string(date_locale(lang, &language()), &options(&fields)).into()
}

fn options(pairs: &[(&str, &str)]) -> wasm_bindgen::JsValue {
    let options = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&options, &(*key).into(), &(*value).into());
    }
    options.into()
}

/// Moves focus to the element `id` once the pending DOM updates are painted.
pub fn focus_soon(id: String) {
    leptos::prelude::request_animation_frame(move || focus(&id));
}

/// Moves focus to the element `id` now (focusing scrolls it into view).
pub fn focus(id: &str) {
    if let Some(element) = element(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Scrolls the element `id` into view, as little as needed, once the pending DOM updates are
/// painted: for an option that keeps focus in its combobox, which focusing would not.
pub fn reveal_soon(id: String) {
    leptos::prelude::request_animation_frame(move || {
        if let Some(element) = element(&id) {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            element.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
}

thread_local! {
    /// The shadow roots widgets are mounted in, whose ids `document` cannot see.
    static SHADOW_ROOTS: RefCell<Vec<DocumentFragment>> = const { RefCell::new(Vec::new()) };
}

/// The element `id`: in the document, else in a shadow root a widget is mounted in.
fn element(id: &str) -> Option<web_sys::Element> {
    let found = web_sys::window()?.document()?.get_element_by_id(id);
    found.or_else(|| {
        SHADOW_ROOTS.with_borrow(|roots| roots.iter().find_map(|root| root.get_element_by_id(id)))
    })
}

/// While it lives, the ids of the widget mounted in `host` are found when `host` is in a shadow
/// root (a design system's page); nothing when it is in the document.
pub struct ShadowRootIds(Option<DocumentFragment>);

impl ShadowRootIds {
    pub fn of(host: &web_sys::HtmlElement) -> ShadowRootIds {
        let root = host.get_root_node();
        let shadow = (root.node_type() == Node::DOCUMENT_FRAGMENT_NODE)
            .then(|| root.unchecked_into::<DocumentFragment>());
        if let Some(shadow) = &shadow {
            SHADOW_ROOTS.with_borrow_mut(|roots| roots.push(shadow.clone()));
        }
        ShadowRootIds(shadow)
    }
}

impl Drop for ShadowRootIds {
    fn drop(&mut self) {
        if let Some(shadow) = &self.0 {
            SHADOW_ROOTS.with_borrow_mut(|roots| {
                if let Some(at) = roots.iter().position(|root| root == shadow) {
                    roots.swap_remove(at);
                }
            });
        }
    }
}
