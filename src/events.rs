//! What the widget tells its host page: a bubbling, composed `porting:<name>` DOM event from the
//! host element, and the same detail to the JS API's `on(name, fn)` listeners. No detail ever
//! holds an answer the buyer typed, so never the PIN.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use porting_model::{Porting, Status};

use crate::api::ApiError;

/// One thing that happened, as the host page hears of it.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// The widget shows a porting, or (with `None`) its create step.
    Ready(Option<Shown>),
    LoadError(Failure),
    /// The fields with a problem on show changed; `invalid` names their properties.
    ValidationChange {
        invalid: Vec<&'static str>,
    },
    Submit(Submit),
    /// `from` is `None` for a porting the buyer just created.
    StatusChange {
        porting_id: String,
        from: Option<String>,
        to: String,
    },
    Completed {
        porting_id: String,
    },
    Declined {
        porting_id: String,
        code: Option<String>,
        attempts: u32,
    },
    Canceled {
        porting_id: String,
    },
    /// The porting requires names this widget cannot ask for.
    UnknownRequired {
        names: Vec<String>,
    },
}

/// The porting a `ready` is about.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    pub porting_id: String,
    pub status: String,
}

/// Why a request failed, without the server's words (they are for the buyer, in the widget).
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    /// `config`, `unreachable`, `status`, `unparseable`, `busy` or `session`.
    pub kind: &'static str,
    pub status: Option<u16>,
}

impl Shown {
    pub fn of(porting: &Porting) -> Shown {
        Shown { porting_id: porting.id.clone(), status: porting.status.as_str().to_owned() }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Submit {
    Loading,
    Success,
    /// Refused by the widget's own rules before anything was sent.
    Invalid,
    Failed(Failure),
}

impl Failure {
    /// While the widget followed the porting, the session stopped reaching it (expired, revoked,
    /// or refreshed without it): it stops following until the host hands it a fresh one.
    pub const SESSION_ENDED: Failure = Failure { kind: "session", status: None };

    pub fn of(error: &ApiError) -> Failure {
        let (kind, status) = match error {
            ApiError::Unreachable => ("unreachable", None),
            ApiError::Status { status, .. } => ("status", Some(*status)),
            ApiError::Unparseable => ("unparseable", None),
            ApiError::Busy { .. } => ("busy", Some(429)),
        };
        Failure { kind, status }
    }

    fn detail(&self) -> String {
        format!(r#"{{"kind":"{}","status":{}}}"#, self.kind, json(&self.status))
    }
}

impl Event {
    /// Every name `on` accepts, as the `.d.ts` lists them.
    pub const NAMES: [&'static str; 9] = [
        "ready",
        "loaderror",
        "validationchange",
        "submit",
        "statuschange",
        "completed",
        "declined",
        "canceled",
        "unknown-required",
    ];

    pub fn name(&self) -> &'static str {
        let index = match self {
            Event::Ready(_) => 0,
            Event::LoadError(_) => 1,
            Event::ValidationChange { .. } => 2,
            Event::Submit(_) => 3,
            Event::StatusChange { .. } => 4,
            Event::Completed { .. } => 5,
            Event::Declined { .. } => 6,
            Event::Canceled { .. } => 7,
            Event::UnknownRequired { .. } => 8,
        };
        Event::NAMES[index]
    }

    /// The event's `detail` as JSON, as the `.d.ts` types it (written by hand: a JSON value type
    /// would bring its map and printer into the wasm).
    pub fn detail(&self) -> String {
        match self {
            Event::Ready(shown) => format!(
                r#"{{"portingId":{},"status":{}}}"#,
                json(&shown.as_ref().map(|s| &s.porting_id)),
                json(&shown.as_ref().map(|s| &s.status))
            ),
            Event::LoadError(failure) => failure.detail(),
            Event::ValidationChange { invalid } => {
                format!(r#"{{"valid":{},"invalid":{}}}"#, invalid.is_empty(), json(invalid))
            }
            Event::Submit(Submit::Failed(failure)) => {
                format!(r#"{{"state":"error","reason":{}}}"#, failure.detail())
            }
            Event::Submit(Submit::Invalid) => {
                r#"{"state":"error","reason":{"kind":"invalid","status":null}}"#.into()
            }
            Event::Submit(Submit::Loading) => r#"{"state":"loading"}"#.into(),
            Event::Submit(Submit::Success) => r#"{"state":"success"}"#.into(),
            Event::StatusChange { porting_id, from, to } => {
                format!(r#"{{"portingId":{},"from":{},"to":{}}}"#, json(porting_id), json(from), json(to))
            }
            Event::Completed { porting_id } | Event::Canceled { porting_id } => {
                format!(r#"{{"portingId":{}}}"#, json(porting_id))
            }
            Event::Declined { porting_id, code, attempts } => {
                format!(r#"{{"portingId":{},"code":{},"attempts":{attempts}}}"#, json(porting_id), json(code))
            }
            Event::UnknownRequired { names } => format!(r#"{{"names":{}}}"#, json(names)),
        }
    }

    /// What the creation of `porting` tells the host.
    pub fn created(porting: &Porting) -> Event {
        let Shown { porting_id, status } = Shown::of(porting);
        Event::StatusChange { porting_id, from: None, to: status }
    }

    /// What a change of the porting from `before` to `after` tells the host: its new status and,
    /// for an end or a decline, that too.
    pub fn of_change(before: &Porting, after: &Porting) -> Vec<Event> {
        let moved = before.status != after.status;
        let declined_again = after.declined_attempts > before.declined_attempts;
        if !(moved || declined_again && after.status == Status::Declined) {
            return Vec::new();
        }
        let porting_id = after.id.clone();
        let mut events = Vec::new();
        if moved {
            events.push(Event::StatusChange {
                porting_id: porting_id.clone(),
                from: Some(before.status.as_str().to_owned()),
                to: after.status.as_str().to_owned(),
            });
        }
        match after.status {
            Status::Completed => events.push(Event::Completed { porting_id }),
            Status::Canceled => events.push(Event::Canceled { porting_id }),
            Status::Declined => events.push(Event::Declined {
                porting_id,
                code: after.declined_code.as_ref().map(|code| code.as_str().to_owned()),
                attempts: after.declined_attempts,
            }),
            _ => {}
        }
        events
    }
}

/// `value` as JSON.
fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

thread_local! {
    /// How many events are being told to the host now: its listeners may call back into the widget.
    static TELLING: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Whether the host is being told an event now, so that what it does runs inside the widget's work.
pub fn telling() -> bool {
    TELLING.get() > 0
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
        TELLING.set(TELLING.get() + 1);
        self.tell(event);
        TELLING.set(TELLING.get() - 1);
    }

    fn tell(&self, event: &Event) {
        let detail = crate::js::dispatch(&self.host, &format!("porting:{}", event.name()), &event.detail());
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

/// The events of the widget around the calling component; silent where none were provided
/// (a component mounted on its own, as in the browser tests of its parts).
#[derive(Clone, Copy)]
pub struct Events(Option<StoredValue<Emitter, LocalStorage>>);

impl Events {
    /// Sends the events of the components created from here on to `emitter`.
    pub fn provide(emitter: Emitter) {
        provide_context(Events(Some(StoredValue::new_local(emitter))));
    }

    pub fn emit(&self, event: Event) {
        if let Some(emitter) = self.0 {
            // A widget already unmounted says nothing more.
            let _ = emitter.try_with_value(|emitter| emitter.emit(&event));
        }
    }
}

pub fn events() -> Events {
    use_context::<Events>().unwrap_or(Events(None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn detail(event: &Event) -> Value {
        serde_json::from_str(&event.detail()).expect("a detail is JSON")
    }
    use crate::form::testing::bare_porting;
    use porting_model::DeclineCode;

    #[test]
    fn every_event_has_its_own_name() {
        let mut names = Event::NAMES.to_vec();
        names.dedup();
        assert_eq!(names.len(), Event::NAMES.len());
        assert_eq!(Event::Submit(Submit::Loading).name(), "submit");
        assert_eq!(Event::UnknownRequired { names: vec![] }.name(), "unknown-required");
    }

    #[test]
    fn details_are_typed_as_the_declarations_say() {
        let ready = Event::Ready(Some(Shown { porting_id: "prt_1".into(), status: "draft".into() }));
        assert_eq!(detail(&ready), json!({"portingId": "prt_1", "status": "draft"}));
        assert_eq!(detail(&Event::Ready(None)), json!({"portingId": null, "status": null}));
        let invalid = Event::ValidationChange { invalid: vec!["accountPin"] };
        assert_eq!(detail(&invalid), json!({"valid": false, "invalid": ["accountPin"]}));
        assert_eq!(detail(&Event::ValidationChange { invalid: vec![] })["valid"], true);
        let busy = Event::Submit(Submit::Failed(Failure::of(&ApiError::Busy { retry_after: 3 })));
        assert_eq!(detail(&busy), json!({"state": "error", "reason": {"kind": "busy", "status": 429}}));
        let down = Event::LoadError(Failure::of(&ApiError::Unreachable));
        assert_eq!(detail(&down), json!({"kind": "unreachable", "status": null}));
        let ended = Event::LoadError(Failure::SESSION_ENDED);
        assert_eq!((ended.name(), detail(&ended)), ("loaderror", json!({"kind": "session", "status": null})));
    }

    #[test]
    fn a_change_of_status_is_told_with_its_ending() {
        let before = bare_porting(&["accountPin"]);
        let mut after = before.clone();
        assert!(Event::of_change(&before, &after).is_empty(), "no change, nothing to tell");
        after.status = Status::Requested;
        let told = Event::of_change(&before, &after);
        assert_eq!(told.iter().map(Event::name).collect::<Vec<_>>(), ["statuschange"]);
        assert_eq!(detail(&told[0])["from"], "informationRequired");
        assert_eq!(detail(&told[0])["to"], "requested");
        let mut declined = after.clone();
        declined.status = Status::Declined;
        declined.declined_attempts = 1;
        declined.declined_code = Some(DeclineCode::AccountPinRequiredOrInvalid);
        let told = Event::of_change(&after, &declined);
        assert_eq!(told.iter().map(Event::name).collect::<Vec<_>>(), ["statuschange", "declined"]);
        assert_eq!(detail(&told[1])["code"], "portingAccountPinRequiredOrInvalid");
        // A second decline read without the request in between is still a decline.
        let mut again = declined.clone();
        again.declined_attempts = 2;
        assert_eq!(
            Event::of_change(&declined, &again).iter().map(Event::name).collect::<Vec<_>>(),
            ["declined"]
        );
        let mut done = after.clone();
        done.status = Status::Completed;
        assert_eq!(Event::of_change(&after, &done)[1], Event::Completed { porting_id: done.id.clone() });
    }

    #[test]
    fn no_detail_carries_what_the_buyer_typed() {
        let mut porting = bare_porting(&["accountPin"]);
        porting.account_pin_exists = true;
        porting.first_name = Some("Jerry".into());
        let mut after = porting.clone();
        after.status = Status::Declined;
        for event in Event::of_change(&porting, &after) {
            let detail = event.detail();
            assert!(!detail.contains("Jerry") && !detail.to_lowercase().contains("pin\":"), "{detail}");
        }
    }
}
