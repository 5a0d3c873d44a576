use leptos::prelude::*;

use super::field_parts::ErrorMessage;
use super::form_state::form_state;
use crate::form::Field;

/// One answer out of a few, as radio buttons in a fieldset whose legend asks the question; each
/// choice explained in a sentence under its label.
#[component]
pub fn ChoiceField(
    field: Field,
    legend: &'static str,
    /// (value, label, explanation) of each choice, in the order offered.
    choices: Vec<(&'static str, &'static str, &'static str)>,
) -> impl IntoView {
    let state = form_state();
    let value = state.value(field);
    let base = state.id(field);
    // Each radio is described by its own explanation and, while there is one, the problem.
    let problem = state.described_by(field, false);
    let choices = choices
        .into_iter()
        .enumerate()
        .map(|(i, (code, label, explanation))| {
            // The first choice takes the field's own id, which error links focus.
            let id = if i == 0 { base.clone() } else { format!("{base}-{i}") };
            let hint_id = format!("{id}-hint");
            let described_by = {
                let hint_id = hint_id.clone();
                Signal::derive(move || {
                    problem.with(|p| p.as_ref().map_or(hint_id.clone(), |p| format!("{hint_id} {p}")))
                })
            };
            view! {
                <div class="pw-choice">
                    <input
                        class="pw-choice-input"
                        type="radio"
                        id=id.clone()
                        data-field=field.property()
                        // A radio group needs a name; this one is the widget's own, no answer's.
                        name=state.id(field)
                        value=code
                        aria-describedby=described_by
                        aria-invalid=state.invalid(field)
                        // The attribute for the server's rendering, the property as the answer changes.
                        checked=value.with_untracked(|v| v == code)
                        prop:checked=Signal::derive(move || value.with(|v| v == code))
                        on:change=move |_| state.edit(field, |draft| draft.set_text(field, code.to_owned()))
                    />
                    <label class="pw-choice-label" for=id>
                        {label}
                    </label>
                    <p class="pw-hint pw-choice-hint" id=hint_id>
                        {explanation}
                    </p>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="pw-fieldset pw-field" class:pw-field-invalid=state.has_error(field)>
            <legend class="pw-label">{legend}</legend>
            <ErrorMessage field />
            {choices}
        </fieldset>
    }
}
