//! What the widget tells its host page: a bubbling, composed `porting:<name>` DOM event from the
//! host element, and the same detail to the JS API's `on(name, fn)` listeners. No detail ever
//! holds an answer the buyer typed, so never the PIN.

mod context;
#[cfg(target_arch = "wasm32")]
pub mod emitter;
mod step;

pub use context::{events, Events};
#[cfg(target_arch = "wasm32")]
pub use emitter::Emitter;
pub use step::{field_name, step_of};

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
    /// The porting ended without the number moving (Gigs' `failed`).
    Failed {
        porting_id: String,
    },
    /// The porting requires names this widget cannot ask for.
    UnknownRequired {
        names: Vec<String>,
    },
    /// What the widget shows changed: the create step (no porting yet), the form, a decline to
    /// fix or a status (see [`step_of`]), for the host's funnel.
    Step {
        step: &'static str,
        porting_id: Option<String>,
        status: Option<String>,
    },
    /// Focus came into a field (its property), never with its value.
    FieldFocus {
        field: String,
    },
    /// Focus left a field for something else.
    FieldBlur {
        field: String,
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
    pub const NAMES: [&'static str; 13] = [
        "ready",
        "loaderror",
        "validationchange",
        "submit",
        "statuschange",
        "completed",
        "declined",
        "canceled",
        "failed",
        "unknown-required",
        "step",
        "fieldfocus",
        "fieldblur",
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
            Event::Failed { .. } => 8,
            Event::UnknownRequired { .. } => 9,
            Event::Step { .. } => 10,
            Event::FieldFocus { .. } => 11,
            Event::FieldBlur { .. } => 12,
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
            Event::Completed { porting_id }
            | Event::Canceled { porting_id }
            | Event::Failed { porting_id } => {
                format!(r#"{{"portingId":{}}}"#, json(porting_id))
            }
            Event::Declined { porting_id, code, attempts } => {
                format!(r#"{{"portingId":{},"code":{},"attempts":{attempts}}}"#, json(porting_id), json(code))
            }
            Event::UnknownRequired { names } => format!(r#"{{"names":{}}}"#, json(names)),
            Event::Step { step, porting_id, status } => {
                format!(r#"{{"step":"{step}","portingId":{},"status":{}}}"#, json(porting_id), json(status))
            }
            Event::FieldFocus { field } | Event::FieldBlur { field } => {
                format!(r#"{{"field":{}}}"#, json(field))
            }
        }
    }

    /// What the creation of `porting` tells the host: its status, and the step it shows.
    pub fn created(porting: &Porting) -> Vec<Event> {
        let Shown { porting_id, status } = Shown::of(porting);
        vec![Event::StatusChange { porting_id, from: None, to: status }, Event::step(Some(porting))]
    }

    /// The step the widget shows for `porting`, or (`None`) the create step.
    pub fn step(porting: Option<&Porting>) -> Event {
        Event::Step {
            step: porting.map_or("create", step_of),
            porting_id: porting.map(|p| p.id.clone()),
            status: porting.map(|p| p.status.as_str().to_owned()),
        }
    }

    /// What a change of the porting from `before` to `after` tells the host: its new status and,
    /// for an end or a decline, that too; then the step it shows, when that or the status moved.
    pub fn of_change(before: &Porting, after: &Porting) -> Vec<Event> {
        let moved = before.status != after.status;
        let declined_again = after.declined_attempts > before.declined_attempts;
        let mut events = Vec::new();
        if moved || declined_again && after.status == Status::Declined {
            let porting_id = after.id.clone();
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
                Status::Failed => events.push(Event::Failed { porting_id }),
                Status::Declined => events.push(Event::Declined {
                    porting_id,
                    code: after.declined_code.as_ref().map(|code| code.as_str().to_owned()),
                    attempts: after.declined_attempts,
                }),
                _ => {}
            }
        }
        if moved || step_of(before) != step_of(after) {
            events.push(Event::step(Some(after)));
        }
        events
    }
}

/// `value` as JSON.
fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn detail(event: &Event) -> Value {
        serde_json::from_str(&event.detail()).expect("a detail is JSON")
    }
    use porting_model::testing::PortingBuilder;
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
        let before = PortingBuilder::new().required(&["accountPin"]).build();
        let mut after = before.clone();
        assert!(Event::of_change(&before, &after).is_empty(), "no change, nothing to tell");
        after.status = Status::Requested;
        let events = Event::of_change(&before, &after);
        assert_eq!(events.iter().map(Event::name).collect::<Vec<_>>(), ["statuschange", "step"]);
        assert_eq!(
            detail(&events[1]),
            json!({"step": "status", "portingId": "prt_1", "status": "requested"})
        );
        assert_eq!(detail(&events[0])["from"], "informationRequired");
        assert_eq!(detail(&events[0])["to"], "requested");
        let mut declined = after.clone();
        declined.status = Status::Declined;
        declined.declined_attempts = 1;
        declined.declined_code = Some(DeclineCode::AccountPinRequiredOrInvalid);
        let events = Event::of_change(&after, &declined);
        assert_eq!(events.iter().map(Event::name).collect::<Vec<_>>(), ["statuschange", "declined", "step"]);
        assert_eq!(detail(&events[2])["step"], "fix");
        assert_eq!(detail(&events[1])["code"], "portingAccountPinRequiredOrInvalid");
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
        let mut failed = after.clone();
        failed.status = Status::Failed;
        let events = Event::of_change(&after, &failed);
        assert_eq!(events.iter().map(Event::name).collect::<Vec<_>>(), ["statuschange", "failed", "step"]);
        assert_eq!(
            (detail(&events[0])["to"].clone(), detail(&events[1])),
            (json!("failed"), json!({"portingId": "prt_1"}))
        );
    }

    #[test]
    fn the_create_step_and_a_field_are_told_by_name_only() {
        assert_eq!(detail(&Event::step(None)), json!({"step": "create", "portingId": null, "status": null}));
        let focus = Event::FieldFocus { field: "accountPin".into() };
        assert_eq!((focus.name(), detail(&focus)), ("fieldfocus", json!({"field": "accountPin"})));
        let blur = Event::FieldBlur { field: "birthday".into() };
        assert_eq!((blur.name(), detail(&blur)), ("fieldblur", json!({"field": "birthday"})));
        let created =
            Event::created(&PortingBuilder::new().status("draft").required(&["accountPin"]).build());
        assert_eq!(created.iter().map(Event::name).collect::<Vec<_>>(), ["statuschange", "step"]);
        assert_eq!(detail(&created[1])["step"], "form");
    }

    #[test]
    fn no_detail_carries_what_the_buyer_typed() {
        let mut porting = PortingBuilder::new().required(&["accountPin"]).build();
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
