//! One form's reactive state over the pure `form` modules: the buyer's answers, the problems on
//! show, which fields are re-checked as the buyer types (those that have shown a problem since
//! the last submit), and the sending of the form.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use super::ids::id_prefix;
use super::prefill::Prefill;
use crate::api::ApiError;
use crate::events::{events, Event, Events, Failure, Submit};
use crate::form::checks::{Problems, Rules};
use crate::form::date::first_part_at_fault;
use crate::form::draft::{DatePart, Draft};
use crate::form::errors::{FieldIssues, Issue};
use crate::form::Field;
use crate::messages::{issue_text, messages};
use crate::platform::focus_soon;
use crate::reactive::{Answers, ByField, InFlight};

/// A request under way, answering with what to do once it succeeded. One boxed type for every
/// form, so the sending code is compiled once.
pub type Sending = Pin<Box<dyn Future<Output = Result<Box<dyn FnOnce()>, ApiError>>>>;

#[derive(Clone, Copy)]
pub struct FormState {
    prefix: StoredValue<String>,
    pub answers: Answers,
    /// The problems shown beside the fields, kept up to date as the buyer fixes them.
    pub errors: ByField<FieldIssues>,
    /// The problems of the last submit, for the error summary: it changes only on submit, so a
    /// screen reader does not hear it again at every keystroke.
    pub summary: RwSignal<FieldIssues>,
    live: RwSignal<Vec<Field>>,
    /// Each field's problem text, by `Field::index`: memos, so a new problem updates only the
    /// field it is about, not every message of the form.
    texts: [Memo<Option<String>>; Field::ALL.len()],
    pub rules: Signal<Rules>,
    /// The send under way, if any.
    pub sending: InFlight,
    /// Why the last send failed, when no field can show it.
    pub failure: RwSignal<Option<ApiError>>,
    /// What the buyer typed into the provider box before the widget ran, for the picker.
    pub provider_text: StoredValue<Option<String>>,
    events: Events,
}

/// The state of the form around the calling component.
pub fn form_state() -> FormState {
    expect_context()
}

impl FormState {
    /// A form's state, provided to the components inside it. Its element ids are its own, so
    /// several widgets on a page never share one.
    pub fn provide(answers: Answers, rules: Signal<Rules>) -> FormState {
        let typed = Prefill::take();
        let mut provider_text = None;
        if !typed.is_empty() {
            answers.change(|draft| provider_text = draft.take_typed(&typed));
        }
        let errors = ByField::new(FieldIssues::default());
        let state = FormState {
            prefix: StoredValue::new(id_prefix()),
            answers,
            errors,
            summary: RwSignal::default(),
            live: RwSignal::default(),
            texts: Field::ALL.map(|field| {
                Memo::new(move |_| {
                    errors.read(field, |e| e.get(field).map(|issue| issue_text(field, issue, messages())))
                })
            }),
            // Read by every input at each keystroke: computed once per change of the answers.
            rules: Memo::new(move |_| rules.get()).into(),
            sending: InFlight::here(),
            failure: RwSignal::new(None),
            provider_text: StoredValue::new(provider_text),
            events: events(),
        };
        provide_context(state);
        state
    }

    /// The id of `field`'s input (the first one, for a date).
    pub fn id(&self, field: Field) -> String {
        self.element_id(&field.property().replace('.', "-"))
    }

    /// The id of one box of the date of birth: the day box takes the field's own id.
    pub fn date_part_id(&self, part: DatePart) -> String {
        let id = self.id(Field::Birthday);
        match part {
            DatePart::Day => id,
            DatePart::Month => format!("{id}-month"),
            DatePart::Year => format!("{id}-year"),
        }
    }

    /// What a link to `field`'s `issue` focuses: the field, or the date's first box at fault.
    pub fn target_id(&self, field: Field, issue: &Issue) -> String {
        match field {
            Field::Birthday => {
                self.date_part_id(self.answers.untracked(|d| first_part_at_fault(issue, &d.birthday)))
            }
            _ => self.id(field),
        }
    }

    pub fn hint_id(&self, field: Field) -> String {
        format!("{}-hint", self.id(field))
    }

    pub fn error_id(&self, field: Field) -> String {
        format!("{}-error", self.id(field))
    }

    /// The id of the form's own element `name`.
    pub fn element_id(&self, name: &str) -> String {
        self.prefix.with_value(|prefix| format!("{prefix}-{name}"))
    }

    pub fn summary_id(&self) -> String {
        self.element_id("error-summary")
    }

    /// What was typed into `field`.
    pub fn value(&self, field: Field) -> Signal<String> {
        let answers = self.answers;
        Signal::derive(move || answers.read(field, |d| d.text(field).to_owned()))
    }

    /// The message of `field`'s problem, if it has one.
    pub fn error(&self, field: Field) -> Signal<Option<String>> {
        self.texts[field.index()].into()
    }

    // Signals, not closures, and parts hidden, not rebuilt: every input shares one compiled render.

    /// Whether `field` has a problem, for the error styling of its frame.
    pub fn has_error(&self, field: Field) -> Signal<bool> {
        let error = self.error(field);
        Signal::derive(move || error.with(Option::is_some))
    }

    /// `aria-invalid` for an input of `field`: set while it has a problem.
    pub fn invalid(&self, field: Field) -> Signal<Option<&'static str>> {
        let error = self.error(field);
        Signal::derive(move || error.with(|e| e.as_ref().map(|_| "true")))
    }

    /// `aria-describedby` for an input of `field`: its hint (when it has one) and its error.
    pub fn described_by(&self, field: Field, hint: bool) -> Signal<Option<String>> {
        let state = *self;
        let error = self.error(field);
        Signal::derive(move || {
            let ids: Vec<String> =
                [hint.then(|| state.hint_id(field)), error.get().map(|_| state.error_id(field))]
                    .into_iter()
                    .flatten()
                    .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        })
    }

    /// Changes the answers; the fields this can fix or break are checked again if they have
    /// shown a problem (see `FieldIssues::after_edit`).
    pub fn edit(&self, field: Field, change: impl FnOnce(&mut Draft)) {
        let before = self.answers.change(change);
        let rules = self.rules.get_untracked();
        self.live.with_untracked(|live| {
            self.answers.untracked(|after| {
                self.change_errors(|errors| errors.after_edit(field, &before, after, live, &rules))
            })
        });
    }

    /// Changes the problems on show, telling the host page when the fields at fault changed.
    fn change_errors(&self, change: impl FnOnce(&mut FieldIssues) -> bool) {
        let at_fault = |errors: &FieldIssues| errors.fields().map(|(f, _)| f.property()).collect::<Vec<_>>();
        let mut changed = false;
        let before = at_fault(&self.errors.change(|errors| changed = change(errors)));
        let after = self.errors.untracked(at_fault);
        if changed && after != before {
            self.events.emit(Event::ValidationChange { invalid: after });
        }
    }

    /// Shows `errors` beside their fields and in the summary, and moves focus to the summary.
    pub fn show(&self, errors: FieldIssues) {
        self.live.set(errors.fields().map(|(field, _)| field).collect());
        self.summary.set(errors.clone());
        self.change_errors(|shown| {
            *shown = errors;
            true
        });
        focus_soon(self.summary_id());
    }

    /// Builds a body from the answers and sends it, once even if submitted twice. A refusal lands
    /// on the fields of `shown`; any other failure keeps every answer, with a retry where it helps.
    pub fn submit<B>(
        &self,
        shown: Vec<Field>,
        build: impl FnOnce(&Draft, &Rules) -> Result<B, Problems>,
        request: impl FnOnce(B) -> Sending,
    ) {
        if self.sending.busy().get_untracked() {
            return;
        }
        let rules = self.rules.get_untracked();
        match self.answers.untracked(|draft| build(draft, &rules)) {
            // The body (which may hold the PIN) lives in the request only, and goes with it.
            Ok(body) => self.send(shown, rules, request(body)),
            Err(problems) => {
                self.show(FieldIssues::from_problems(problems));
                self.events.emit(Event::Submit(Submit::Invalid));
            }
        }
    }

    fn send(self, shown: Vec<Field>, rules: Rules, sending: Sending) {
        self.show_nothing();
        self.events.emit(Event::Submit(Submit::Loading));
        self.sending.send(sending, move |result| {
            self.events.emit(Event::Submit(match &result {
                Ok(_) => Submit::Success,
                Err(error) => Submit::Failed(Failure::of(error)),
            }));
            match result {
                Ok(then) => then(),
                Err(ApiError::Status { status: 400 | 422, error: Some(error) }) => {
                    let errors = self.answers.untracked(|draft| {
                        FieldIssues::from_server(&error.message, &error.details, &shown, draft, &rules)
                    });
                    self.show(errors);
                }
                Err(error) => self.failure.set(Some(error)),
            }
        });
    }

    fn show_nothing(&self) {
        self.live.set(Vec::new());
        self.change_errors(|shown| {
            *shown = FieldIssues::default();
            true
        });
        self.summary.set(FieldIssues::default());
        self.failure.set(None);
    }
}
