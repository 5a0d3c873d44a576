use leptos::prelude::*;

use super::form_state::form_state;
use crate::form::Field;
use crate::messages::messages;

/// A field's frame: its label, hint and problem above its input (the children), with the error
/// border while it has a problem. The children are typed, not boxed into a view of any type,
/// which would compile more code for each kind of field.
#[component]
pub fn FieldFrame<T: IntoView + 'static>(
    field: Field,
    #[prop(into)] label: Signal<&'static str>,
    #[prop(optional_no_strip)] hint: Option<Signal<String>>,
    /// An id for the label, for a widget that names something else by it.
    #[prop(optional)]
    label_id: Option<String>,
    /// More classes for the frame.
    #[prop(optional)]
    class: &'static str,
    children: TypedChildren<T>,
) -> impl IntoView {
    let state = form_state();
    view! {
        <div
            class=format!("pw-field {class}").trim_end().to_owned()
            class:pw-field-invalid=state.has_error(field)
        >
            <label class="pw-label" id=label_id for=state.id(field)>
                {label}
            </label>
            {hint.map(|text| view! { <Hint field text /> })}
            <ErrorMessage field />
            {children.into_inner()()}
        </div>
    }
}

/// A field's hint, which its input names in `aria-describedby`.
#[component]
pub fn Hint(field: Field, #[prop(into)] text: Signal<String>) -> impl IntoView {
    view! {
        <p class="pw-hint" id=form_state().hint_id(field)>
            {text}
        </p>
    }
}

/// A field's problem, shown while it has one (hidden, not removed, otherwise: see
/// `FormState::invalid`). The hidden prefix tells a screen reader it is an error, which sighted
/// buyers see from its colour and place.
#[component]
pub fn ErrorMessage(field: Field) -> impl IntoView {
    let state = form_state();
    let m = messages();
    let error = state.error(field);
    view! {
        <p
            class="pw-field-error"
            id=state.error_id(field)
            hidden=Signal::derive(move || error.with(Option::is_none))
        >
            <span class="pw-visually-hidden">{m.error_prefix}</span>
            {error}
        </p>
    }
}
