use leptos::prelude::*;

use super::field_parts::ErrorMessage;
use super::form_state::form_state;
use crate::form::Field;
use crate::messages::messages;

/// The buyer's confirmation that they approved the transfer with their current provider.
#[component]
pub fn ApprovalField() -> impl IntoView {
    let state = form_state();
    let m = messages();
    let field = Field::Approval;
    let id = state.id(field);
    let checked = Signal::derive(move || state.answers.read(field, |draft| draft.approved));
    view! {
        <div class="pw-field pw-checkbox" class:pw-field-invalid=state.has_error(field)>
            <ErrorMessage field />
            <div class="pw-checkbox-row">
                <input
                    class="pw-checkbox-input"
                    type="checkbox"
                    id=id.clone()
                    data-field=field.property()
                    aria-invalid=state.invalid(field)
                    aria-describedby=state.described_by(field, false)
                    checked=checked.get_untracked()
                    prop:checked=checked
                    on:change=move |ev| {
                        let approved = event_target_checked(&ev);
                        state.edit(field, |draft| draft.approved = approved);
                    }
                />
                <label class="pw-checkbox-label" for=id>
                    {m.label_approval}
                </label>
            </div>
        </div>
    }
}
