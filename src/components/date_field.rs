use leptos::prelude::*;

use super::field_parts::{ErrorMessage, Hint};
use super::form_state::form_state;
use crate::form::date::part_at_fault;
use crate::form::draft::DatePart;
use crate::form::Field;
use crate::messages::messages;

/// The account holder's date of birth as three boxes (the GOV.UK date input): easier to type
/// and to read back than one box, and each box has its own autocomplete token.
#[component]
pub fn DateField() -> impl IntoView {
    let state = form_state();
    let m = messages();
    let field = Field::Birthday;
    // Only the boxes at fault are marked; the message stays with the group.
    let invalid = move |part| {
        Signal::derive(move || {
            state.errors.read(field, |errors| {
                let issue = errors.get(field)?;
                state.answers.read(field, |d| part_at_fault(issue, &d.birthday, part)).then_some("true")
            })
        })
    };
    let parts = [
        (DatePart::Day, m.label_day, "birthday-day", "bday-day", "pw-input-2"),
        (DatePart::Month, m.label_month, "birthday-month", "bday-month", "pw-input-2"),
        (DatePart::Year, m.label_year, "birthday-year", "bday-year", "pw-input-4"),
    ];
    let boxes = parts
        .into_iter()
        .map(|(part, label, field_name, autocomplete, width)| {
            let id = state.date_part_id(part);
            let value =
                Signal::derive(move || state.answers.read(field, |d| d.birthday.part(part).to_owned()));
            view! {
                <div class="pw-date-part">
                    <label class="pw-label" for=id.clone()>
                        {label}
                    </label>
                    <input
                        class=format!("pw-input {width}")
                        id=id
                        data-field=field_name
                        autocomplete=autocomplete
                        inputmode="numeric"
                        aria-invalid=invalid(part)
                        value=value.get_untracked()
                        prop:value=value
                        on:input=move |ev| {
                            let typed = event_target_value(&ev);
                            state.edit(field, |draft| draft.birthday.set(part, typed));
                        }
                    />
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="pw-field" class:pw-field-invalid=state.has_error(field)>
            <fieldset class="pw-fieldset" aria-describedby=state.described_by(field, true)>
                <legend class="pw-label">{m.label_birthday}</legend>
                <Hint field text=m.hint_birthday />
                <ErrorMessage field />
                <div class="pw-date">{boxes}</div>
            </fieldset>
        </div>
    }
}
