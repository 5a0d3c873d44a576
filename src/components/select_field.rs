use leptos::prelude::*;

use super::field_parts::FieldFrame;
use super::form_state::form_state;
use crate::form::Field;
use crate::messages::messages;

/// A labelled drop-down list for one field. Its first option, "Choose", stands for no answer.
#[component]
pub fn SelectField(
    field: Field,
    #[prop(into)] label: Signal<&'static str>,
    /// (value, text) of each option, in the order offered.
    options: Vec<(&'static str, String)>,
) -> impl IntoView {
    let state = form_state();
    let value = state.value(field);
    // Each option says whether it is selected: a select's own value cannot be set before its
    // options exist.
    let option = move |code: &'static str, text: String| {
        view! { <option value=code prop:selected=Signal::derive(move || value.get() == code)>{text}</option> }
    };
    view! {
        <FieldFrame field label hint=None>
            <select
                class="pw-input pw-select"
                id=state.id(field)
                name=field.property()
                autocomplete=field.autocomplete()
                aria-invalid=state.invalid(field)
                aria-describedby=state.described_by(field, false)
                on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    state.edit(field, |draft| draft.set_text(field, chosen));
                }
            >
                {option("", messages().choose.to_owned())}
                {options.into_iter().map(|(code, text)| option(code, text)).collect_view()}
            </select>
        </FieldFrame>
    }
}
