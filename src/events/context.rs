//! The context through which components tell their widget's events; silent where none was
//! provided (on the server, and for a component mounted on its own).

use std::rc::Rc;

use leptos::prelude::*;

use super::Event;

/// Where the events go.
type Tell = Rc<dyn Fn(&Event)>;

/// The events of the widget around the calling component; silent where none were provided
/// (a component mounted on its own, as in the browser tests of its parts).
#[derive(Clone, Copy)]
pub struct Events(Option<StoredValue<Tell, LocalStorage>>);

impl Events {
    /// Sends the events of the components created from here on to `tell`.
    pub fn provide(tell: impl Fn(&Event) + 'static) {
        provide_context(Events(Some(StoredValue::new_local(Rc::new(tell) as Tell))));
    }

    pub fn emit(&self, event: Event) {
        if let Some(emitter) = self.0 {
            // A widget already unmounted says nothing more.
            let _ = emitter.try_with_value(|tell| tell(&event));
        }
    }
}

pub fn events() -> Events {
    use_context::<Events>().unwrap_or(Events(None))
}
