//! Taking over the server's rendering (`crate::render` on the proxy): what the buyer typed before
//! the wasm ran, where their focus and caret were and whether they pressed send are read just
//! before the widget mounts beside it; then the rendering goes and all of it is given back, in
//! the same task, so nothing is painted in between.

use porting_model::Porting;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlFormElement, HtmlInputElement, HtmlSelectElement};

use crate::config::{Access, Config};

/// The class of the server's wrapper (`render::WRAPPER_CLASS`).
const WRAPPER: &str = "pw-prerendered";
/// Set on the wrapper by the page's script when the buyer pressed send before the wasm ran.
pub const SEND_PRESSED: &str = "data-pw-send-pressed";

/// The server's rendering in a host, as the buyer left it.
pub struct Takeover {
    wrapper: Element,
    /// The base of its element ids, which the widget keeps.
    pub ids: String,
    /// What the buyer typed, by each field's `data-field`.
    pub typed: Vec<(String, String)>,
    /// The element that had focus, and its selection if it has one.
    focus: Option<(String, Option<Selection>)>,
    send_pressed: bool,
}

impl Takeover {
    /// The server's rendering of the state `config` shows, inside `host`; another one (a porting
    /// not the one configured) is dropped, as the widget will show its own.
    pub fn find(host: &HtmlElement, config: Option<&mut Config>) -> Option<Takeover> {
        let wrapper = host.query_selector(&format!(":scope > .{WRAPPER}")).ok().flatten()?;
        let porting: Option<Porting> =
            wrapper.get_attribute("data-pw-porting").and_then(|json| crate::api::json::parse(&json));
        let same_state = match config.map(|c| &mut c.access) {
            Some(Access::Session { porting_id, first, .. }) => match (porting_id.as_deref(), porting) {
                (None, None) => true,
                (Some(id), Some(porting)) if porting.id == id => {
                    // The porting the server read: no request for it again.
                    first.get_or_insert_with(|| Box::new(porting));
                    true
                }
                _ => false,
            },
            _ => false,
        };
        if !same_state {
            wrapper.remove();
            return None;
        }
        let focus = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .filter(|active| wrapper.contains(Some(active)))
            .map(|active| (active.id(), selection(&active)));
        Some(Takeover {
            ids: wrapper.get_attribute("data-pw-ids").unwrap_or_default(),
            typed: typed(&wrapper),
            send_pressed: wrapper.has_attribute(SEND_PRESSED),
            focus,
            wrapper,
        })
    }

    /// Removes the server's rendering, now that the widget stands beside it, and gives the buyer
    /// back their focus and caret, and the send they pressed.
    pub fn finish(self) {
        self.wrapper.remove();
        let document = web_sys::window().and_then(|w| w.document());
        let by_id = |id: &str| document.as_ref().and_then(|d| d.get_element_by_id(id));
        if let Some((id, selection)) = self.focus.clone() {
            if let Some(element) = by_id(&id).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = element.focus_with_options(&options);
                if let (Some(selection), Ok(input)) = (selection, element.dyn_into::<HtmlInputElement>()) {
                    select(&input, &selection);
                    // Again before the frame is painted: the widget's first updates may set the value.
                    leptos::prelude::request_animation_frame(move || select(&input, &selection));
                }
            }
        }
        if self.send_pressed {
            // The form on show: the widget's only one not inside a hidden part.
            let widget = by_id(&format!("{}-title", self.ids)).and_then(|title| title.parent_element());
            let forms = widget.and_then(|widget| widget.query_selector_all("form").ok());
            let shown =
                forms.into_iter().flat_map(|forms| (0..forms.length()).filter_map(move |i| forms.item(i)));
            let form = shown
                .filter_map(|node| node.dyn_into::<HtmlFormElement>().ok())
                .find(|form| form.closest("[hidden]").ok().flatten().is_none());
            if let Some(form) = form {
                let _ = form.request_submit();
            }
        }
    }
}

/// What every field of the rendering holds now: a box's text, a list's choice, a radio's value
/// when checked, a checkbox as `true` or `false`.
fn typed(wrapper: &Element) -> Vec<(String, String)> {
    let Ok(fields) = wrapper.query_selector_all("[data-field]") else { return Vec::new() };
    let mut typed = Vec::new();
    for i in 0..fields.length() {
        let Some(node) = fields.item(i) else { continue };
        let Some(name) = node.dyn_ref::<Element>().and_then(|e| e.get_attribute("data-field")) else {
            continue;
        };
        if let Some(input) = node.dyn_ref::<HtmlInputElement>() {
            match input.type_().as_str() {
                "checkbox" => typed.push((name, input.checked().to_string())),
                "radio" if !input.checked() => {}
                _ => typed.push((name, input.value())),
            }
        } else if let Some(select) = node.dyn_ref::<HtmlSelectElement>() {
            typed.push((name, select.value()));
        }
    }
    typed
}

/// Where a text box's selection (or caret) starts and ends, and which way it was made.
type Selection = (u32, u32, String);

fn selection(element: &Element) -> Option<Selection> {
    let input = element.dyn_ref::<HtmlInputElement>()?;
    let (start, end) = (input.selection_start().ok()??, input.selection_end().ok()??);
    Some((start, end, input.selection_direction().ok().flatten().unwrap_or_else(|| "none".into())))
}

/// Puts the caret (or selection) back where it was, if the box still has focus.
fn select(input: &HtmlInputElement, (start, end, direction): &Selection) {
    let focused = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    if focused.is_some_and(|focused| &focused == input.unchecked_ref::<Element>()) {
        let _ = input.set_selection_range_with_direction(*start, *end, direction);
    }
}
