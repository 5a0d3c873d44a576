use leptos::prelude::*;

use super::field_parts::FieldFrame;
use super::form_state::form_state;
use crate::form::Field;
use crate::messages::messages;

/// A labelled drop-down list for one field. Its first option stands for no answer: "Choose",
/// unless `blank` names what no answer means.
#[component]
pub fn SelectField(
    field: Field,
    #[prop(into)] label: Signal<&'static str>,
    /// (value, text) of each option, in the order offered.
    options: Vec<(String, String)>,
    #[prop(optional_no_strip)] blank: Option<&'static str>,
    #[prop(optional_no_strip)] hint: Option<Signal<String>>,
) -> impl IntoView {
    let state = form_state();
    let value = state.value(field);
    // Each option says whether it is selected: a select's value cannot precede its options.
    let option = move |code: String, text: String| {
        let selected = {
            let code = code.clone();
            Signal::derive(move || value.with(|v| *v == code))
        };
        view! {
            <option value=code selected=selected.get_untracked() prop:selected=selected>
                {text}
            </option>
        }
    };
    let has_hint = hint.is_some();
    view! {
        <FieldFrame field label hint>
            <select
                class="pw-input pw-select"
                id=state.id(field)
                data-field=field.property()
                autocomplete=field.autocomplete()
                aria-invalid=state.invalid(field)
                aria-describedby=state.described_by(field, has_hint)
                on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    state.edit(field, |draft| draft.set_text(field, chosen));
                }
            >
                {option(String::new(), blank.unwrap_or(messages().choose).to_owned())}
                {options.into_iter().map(|(code, text)| option(code, text)).collect_view()}
            </select>
        </FieldFrame>
    }
}
