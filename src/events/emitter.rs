//! Where one widget's events go in the browser: its host element (a `porting:<name>` DOM event)
//! and the JS API's listeners.

use std::cell::RefCell;
use std::rc::Rc;

use super::{Event, Failure};

thread_local! {
    /// How many events are being told to the host now: its listeners may call back into the widget.
    static LISTENERS_RUNNING: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Whether the host is being told an event now, so that what it does runs inside the widget's work.
pub fn host_listener_running() -> bool {
    LISTENERS_RUNNING.get() > 0
}

/// The JS API's listeners, by event name.
pub type Listeners = Rc<RefCell<Vec<(String, js_sys::Function)>>>;

/// Where one widget's events go: its host element and the listeners added through `on`.
#[derive(Clone)]
pub struct Emitter {
    pub host: web_sys::EventTarget,
    pub listeners: Listeners,
    /// The porting the buyer created, heard here so a remounted widget shows it.
    created: Rc<RefCell<Option<String>>>,
    /// Whether the running widget stopped following as its session ended.
    ended: Rc<std::cell::Cell<bool>>,
}

impl Emitter {
    pub fn new(host: web_sys::EventTarget) -> Emitter {
        Emitter { host, listeners: Listeners::default(), created: Rc::default(), ended: Rc::default() }
    }

    /// The porting the buyer created in this widget, if any.
    pub fn created(&self) -> Option<String> {
        self.created.borrow().clone()
    }

    /// Whether the running widget's session ended while it followed the porting.
    pub fn session_ended(&self) -> bool {
        self.ended.get()
    }

    pub fn emit(&self, event: &Event) {
        match event {
            Event::StatusChange { porting_id, from: None, .. } => {
                *self.created.borrow_mut() = Some(porting_id.clone())
            }
            // A 401 on loading is a session that ended too, so a fresh one loads again.
            Event::LoadError(failure) => {
                self.ended.set(*failure == Failure::SESSION_ENDED || failure.status == Some(401))
            }
            Event::Ready(_) => self.ended.set(false),
            _ => {}
        }
        LISTENERS_RUNNING.set(LISTENERS_RUNNING.get() + 1);
        self.tell(event);
        LISTENERS_RUNNING.set(LISTENERS_RUNNING.get() - 1);
    }

    fn tell(&self, event: &Event) {
        let detail =
            crate::browser::js::dispatch(&self.host, &format!("porting:{}", event.name()), &event.detail());
        // A listener may call `off` (or `on`): call a copy of the list.
        let listeners: Vec<js_sys::Function> = self
            .listeners
            .borrow()
            .iter()
            .filter(|(name, _)| name == event.name())
            .map(|(_, f)| f.clone())
            .collect();
        for listener in listeners {
            if let Err(error) = listener.call1(&wasm_bindgen::JsValue::NULL, &detail) {
                // The error itself, not its text: the console shows its stack.
                let text = format!("porting-widget: a {} listener threw", event.name());
                web_sys::console::error_2(&text.into(), &error);
            }
        }
    }
}
