use leptos::prelude::*;

use super::field_parts::FieldFrame;
use super::form_state::form_state;
use crate::form::Field;
use crate::messages::messages;

/// A labelled text box for one field, with its hint and problem tied to it, and the field's
/// `autocomplete` token and keyboard. The PIN is masked, with a button to show and hide it;
/// pasting into it works as anywhere else.
#[component]
pub fn TextField(
    field: Field,
    #[prop(into)] label: Signal<&'static str>,
    #[prop(optional_no_strip)] hint: Option<Signal<String>>,
) -> impl IntoView {
    let state = form_state();
    let m = messages();
    let id = state.id(field);
    let value = state.value(field);
    let secret = field.is_secret();
    let revealed = RwSignal::new(false);
    let input_type = if field == Field::PhoneNumber { "tel" } else { "text" };
    let kind = Signal::derive(move || if secret && !revealed.get() { "password" } else { input_type });
    let toggle = secret.then(|| {
        view! {
            <button
                type="button"
                class="pw-button pw-button-secondary"
                aria-controls=id.clone()
                // The words tell the state, so no aria-pressed to say it twice (GOV.UK password input).
                aria-label=Signal::derive(move || {
                    if revealed.get() { m.hide_label(label.get()) } else { m.show_label(label.get()) }
                })
                on:click=move |_| revealed.update(|shown| *shown = !*shown)
            >
                {Signal::derive(move || if revealed.get() { m.hide } else { m.show })}
            </button>
        }
    });
    let described_by = state.described_by(field, hint.is_some());
    // The PIN's keyboard follows its kind, which the provider picked may change.
    let inputmode = Signal::derive(move || state.rules.with(|rules| field.inputmode(rules.ctx.pin)));
    view! {
        <FieldFrame field label hint>
            <div class="pw-input-row">
                <input
                    class="pw-input"
                    id=id
                    data-field=field.property()
                    type=kind
                    autocomplete=field.autocomplete()
                    // Password managers that read no autocomplete token: not theirs to save.
                    data-1p-ignore=secret.then_some("")
                    data-lpignore=secret.then_some("true")
                    data-bwignore=secret.then_some("")
                    data-form-type=secret.then_some("other")
                    inputmode=inputmode
                    spellcheck="false"
                    aria-invalid=state.invalid(field)
                    aria-describedby=described_by
                    // The server's rendering starts from the attribute; never the PIN's, write-only.
                    value=(!secret).then(|| value.get_untracked())
                    prop:value=value
                    on:input=move |ev| {
                        let typed = event_target_value(&ev);
                        state.edit(field, |draft| draft.set_text(field, typed));
                    }
                />
                {toggle}
            </div>
        </FieldFrame>
    }
}
