use leptos::prelude::*;

use super::form_state::form_state;
use super::{ErrorState, ErrorSummary};
use crate::api::{is_retryable, wait_of};
use crate::messages::{error_text, messages};
use crate::platform::focus;

/// A form of the widget: the error summary, an introduction, the fields (children) and, when
/// `actions` holds, the end of the form. Submitting runs `send`. (Typed children, as in
/// `FieldFrame`.)
#[component]
pub fn FormFrame<T: IntoView + 'static>(
    #[prop(into)] intro: Signal<&'static str>,
    label: &'static str,
    busy_label: &'static str,
    send: Callback<()>,
    #[prop(into)] actions: Signal<bool>,
    children: TypedChildren<T>,
) -> impl IntoView {
    view! {
        // `dialog`: a send before the widget runs (on the server's rendering) does nothing.
        <form
            class="pw-form"
            method="dialog"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                send.run(());
            }
        >
            <ErrorSummary />
            <p class="pw-intro">{intro}</p>
            {children.into_inner()()}
            <div hidden=Signal::derive(move || !actions.get())>
                <FormActions label busy_label retry=send />
            </div>
        </form>
    }
}

/// The end of a form: why the last send failed (answers kept, retry where it can help) and the
/// submit button, which says it is busy while a send is under way. The button stays focusable
/// then (`aria-disabled`, not `disabled`), so focus is not lost; the form ignores it meanwhile.
#[component]
fn FormActions(label: &'static str, busy_label: &'static str, retry: Callback<()>) -> impl IntoView {
    let state = form_state();
    let m = messages();
    let busy = state.sending.busy();
    let submit_id = state.element_id("submit");
    // "Try again" vanishes as the send starts: focus first goes to the submit button, which stays.
    let retry = {
        let submit_id = submit_id.clone();
        Callback::new(move |()| {
            focus(&submit_id);
            retry.run(());
        })
    };
    view! {
        {move || {
            state
                .failure
                .get()
                .map(|error| {
                    let retry = is_retryable(&error).then_some(retry);
                    view! {
                        <ErrorState
                            text=error_text(&error, m)
                            note=m.answers_kept
                            retry
                            wait=wait_of(&error)
                        />
                    }
                })
        }}
        <p class="pw-visually-hidden" role="status">
            {Signal::derive(move || busy.get().then_some(busy_label))}
        </p>
        <button
            id=submit_id
            type="submit"
            class="pw-button pw-submit"
            class:pw-busy=busy
            aria-disabled=Signal::derive(move || busy.get().then_some("true"))
        >
            {Signal::derive(move || if busy.get() { busy_label } else { label })}
        </button>
    }
}
