//! The JS API: `mount(target, options)` and the handle it returns.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use std::cell::RefCell;
use std::rc::Rc;

use super::registry::{configure, register, unregister, Embedded, Source};
use super::type_error;
use crate::config::options;
use crate::events::Event;

/// A mounted widget, as the JS API hands it out: freeing it leaves the widget mounted.
#[wasm_bindgen(js_name = PortingWidgetHandle)]
pub struct Handle(pub(super) Rc<RefCell<Embedded>>);

#[wasm_bindgen(js_class = PortingWidgetHandle)]
impl Handle {
    /// Changes the options; a bad one throws a `TypeError` naming it and changes nothing.
    pub fn update(&self, options: JsValue) -> Result<(), JsValue> {
        if self.0.borrow().closed {
            return Err(type_error("this widget was unmounted: mount a new one".into()));
        }
        configure(&self.0, Ok(options::read(&options).map_err(type_error)?));
        Ok(())
    }

    /// Removes the widget; it stops following its porting and says nothing more.
    pub fn unmount(&self) {
        unregister(&self.0);
        let mounted = {
            let mut this = self.0.borrow_mut();
            this.closed = true;
            this.apply_appearance(None);
            this.emitter.listeners.borrow_mut().clear();
            this.mounted.take()
        };
        drop(mounted);
    }

    /// Calls `listener` with the detail of each event `name` (once, however often it is added).
    pub fn on(&self, name: &str, listener: js_sys::Function) -> Result<(), JsValue> {
        let name = event_name(name)?;
        let embedded = self.0.borrow();
        let mut listeners = embedded.emitter.listeners.borrow_mut();
        // Added twice, it is called once, as `addEventListener` does.
        if !listeners.iter().any(|(n, f)| n == name && *f == listener) {
            listeners.push((name.to_owned(), listener));
        }
        Ok(())
    }

    /// Stops calling `listener` for `name`.
    pub fn off(&self, name: &str, listener: js_sys::Function) -> Result<(), JsValue> {
        let name = event_name(name)?;
        let embedded = self.0.borrow();
        embedded.emitter.listeners.borrow_mut().retain(|(n, f)| !(n == name && *f == listener));
        Ok(())
    }

    /// Reads the host element's attributes again (the custom element calls it when they change).
    pub fn refresh(&self) {
        let config = self.0.borrow().attributes();
        if let Some(config) = config {
            configure(&self.0, config);
        }
    }
}

/// `mount(target, options)`: a widget in `target` (an element, or a selector for one).
#[wasm_bindgen(js_name = mount)]
pub fn mount_js(target: JsValue, options: JsValue) -> Result<Handle, JsValue> {
    let host = target_element(&target)?;
    let config = options::read(&options).map_err(type_error)?;
    let handle = Handle(register(host, Source::Options)?);
    configure(&handle.0, Ok(config));
    Ok(handle)
}

fn event_name(name: &str) -> Result<&'static str, JsValue> {
    Event::NAMES.into_iter().find(|known| *known == name).ok_or_else(|| {
        type_error(format!("\"{name}\" is not an event (they are {})", Event::NAMES.join(", ")))
    })
}

fn target_element(target: &JsValue) -> Result<HtmlElement, JsValue> {
    if let Some(selector) = target.as_string() {
        let document =
            web_sys::window().and_then(|w| w.document()).ok_or_else(|| type_error("no document".into()))?;
        let found = document
            .query_selector(&selector)
            .map_err(|_| type_error(format!("target \"{selector}\" is not a selector")))?;
        return found
            .and_then(|element| element.dyn_into::<HtmlElement>().ok())
            .ok_or_else(|| type_error(format!("target \"{selector}\" matches no element")));
    }
    target
        .dyn_ref::<HtmlElement>()
        .cloned()
        .ok_or_else(|| type_error("target must be an element or a selector".into()))
}
