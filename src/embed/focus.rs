//! The host's `fieldfocus` and `fieldblur`: which field the buyer is in, by name and never with
//! its value, from the focus events that bubble up to the widget's element. Moving between the
//! boxes of one field (the date's, a choice's radios) says nothing.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{EventTarget, FocusEvent, HtmlElement};

use crate::events::emitter::Emitter;
use crate::events::{field_name, Event};

type Listener = Closure<dyn Fn(FocusEvent)>;

/// The two listeners on the widget's element, removed when dropped (the widget unmounted).
pub struct FocusTelling {
    host: HtmlElement,
    listeners: [(&'static str, Listener); 2],
}

impl FocusTelling {
    pub fn start(host: &HtmlElement, emitter: Emitter) -> FocusTelling {
        let listener = |entering: bool| {
            let emitter = emitter.clone();
            Closure::<dyn Fn(FocusEvent)>::new(move |event: FocusEvent| {
                let (this, other) = (named(event.target()), named(event.related_target()));
                match this {
                    Some(field) if other.as_deref() != Some(&field) => emitter.emit(&if entering {
                        Event::FieldFocus { field }
                    } else {
                        Event::FieldBlur { field }
                    }),
                    _ => {}
                }
            })
        };
        let listeners = [("focusin", listener(true)), ("focusout", listener(false))];
        for (kind, listener) in &listeners {
            let _ = host.add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
        }
        FocusTelling { host: host.clone(), listeners }
    }
}

impl Drop for FocusTelling {
    fn drop(&mut self) {
        for (kind, listener) in &self.listeners {
            let _ = self.host.remove_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
        }
    }
}

/// The field name of an element of the form, by its `data-field`.
fn named(target: Option<EventTarget>) -> Option<String> {
    let element = target?.dyn_into::<web_sys::Element>().ok()?;
    field_name(&element.get_attribute("data-field")?).map(str::to_owned)
}
