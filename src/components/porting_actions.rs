use leptos::prelude::*;
use porting_model::Porting;

use super::ids::id_prefix;
use super::ErrorState;
use crate::api::{is_retryable, wait_of, Api, ApiError};
use crate::journey::actions::actions;
use crate::messages::{error_text, messages};
use crate::platform::{focus, focus_soon, today};
use crate::reactive::InFlight;

/// What the buyer can do besides the form: try again once they sorted a decline out with their
/// old provider, and cancel (after a confirmation that says what cancelling means). Each answer
/// goes to `changed`; a 409 (the porting moved on meanwhile) reloads it and says so.
#[component]
pub fn PortingActions(
    #[prop(into)] porting: Signal<Porting>,
    api: Api,
    changed: Callback<Porting>,
    /// The status panel's id: focus goes there once the transfer is canceled, as it says so.
    status_id: String,
) -> impl IntoView {
    let m = messages();
    let today = today();
    let allowed = Signal::derive(move || porting.with(|p| actions(p, today)));
    let confirming = RwSignal::new(false);
    let sending = InFlight::here();
    let busy = sending.busy();
    // Whether the action under way is a cancel, for the words that say what is under way.
    let canceling = RwSignal::new(false);
    // The last failure, and whether it was a cancel.
    let failure = RwSignal::new(None::<(ApiError, bool)>);
    let outcome = RwSignal::new(None::<&'static str>);
    let prefix = id_prefix();
    let [cancel_id, confirm_id, outcome_id, try_again_id] =
        ["cancel", "confirm", "outcome", "try-again"].map(|name| format!("{prefix}-{name}"));
    // The button of each action, which stays while it runs and after it fails: focus waits there.
    let button_of = {
        let (cancel_id, try_again_id) = (cancel_id.clone(), try_again_id.clone());
        move |cancel: bool| if cancel { cancel_id.clone() } else { try_again_id.clone() }
    };
    let api = StoredValue::new(api);
    let status_id = StoredValue::new(status_id);

    let run = Callback::new({
        let (outcome_id, button_of) = (outcome_id.clone(), button_of.clone());
        move |cancel: bool| {
            if busy.get_untracked() {
                return;
            }
            canceling.set(cancel);
            failure.set(None);
            outcome.set(None);
            let id = porting.with_untracked(|p| p.id.clone());
            let api = api.get_value();
            let (outcome_id, button) = (outcome_id.clone(), button_of(cancel));
            let request = Box::pin(async move {
                let sent = if cancel { api.cancel(&id).await } else { api.retry(&id).await };
                // What to tell beside the new status: a cancel's is the canceled view itself.
                api.or_where_it_stands(&id, sent).await.map(|(p, moved_on)| {
                    let said = if moved_on { Some(m.moved_on) } else { (!cancel).then_some(m.tried_again) };
                    (p, said)
                })
            });
            sending.send(request, move |result| {
                confirming.set(false);
                match result {
                    Ok((updated, said)) => {
                        changed.run(updated);
                        outcome.set(said);
                        focus_soon(if said.is_some() { outcome_id } else { status_id.get_value() });
                    }
                    Err(error) => {
                        failure.set(Some((error, cancel)));
                        focus_soon(button);
                    }
                }
            });
        }
    });
    // What is under way, for the live region.
    let doing = move || busy.get().then(|| if canceling.get() { m.canceling } else { m.trying_again });

    // The stream moved the porting on during the confirmation: it goes, focus to the status.
    Effect::new(move || {
        if !allowed.with(|a| a.cancel) && confirming.get_untracked() && !busy.get_untracked() {
            confirming.set(false);
            focus_soon(status_id.get_value());
        }
    });
    let ask = {
        let confirm_id = confirm_id.clone();
        move |_| {
            confirming.set(true);
            focus_soon(confirm_id.clone());
        }
    };
    let keep = {
        let cancel_id = cancel_id.clone();
        move |_| {
            confirming.set(false);
            focus_soon(cancel_id.clone());
        }
    };
    let nothing_to_do = move || {
        allowed.with(|a| !a.cancel && !a.retry)
            && failure.with(Option::is_none)
            && outcome.with(Option::is_none)
    };
    view! {
        <div class="pw-actions" hidden=nothing_to_do>
            // Not a live region: focus goes to it, which reads it once.
            <p class="pw-saved" id=outcome_id tabindex="-1">
                {outcome}
            </p>
            <p class="pw-visually-hidden" role="status">
                {doing}
            </p>
            {move || {
                failure
                    .get()
                    .map(|(error, cancel)| {
                        let button = button_of(cancel);
                        let retry = is_retryable(&error)
                            .then_some(
                                Callback::new(move |()| {
                                    focus(&button);
                                    run.run(cancel)
                                }),
                            );
                        view! { <ErrorState text=error_text(&error, m) retry wait=wait_of(&error) /> }
                    })
            }}
            <button
                type="button"
                id=try_again_id
                class="pw-button pw-try-again"
                hidden=move || !allowed.get().retry
                aria-disabled=move || busy.get().then_some("true")
                on:click=move |_| run.run(false)
            >
                {m.try_again_done}
            </button>
            <button
                type="button"
                id=cancel_id
                class="pw-button pw-button-secondary pw-cancel"
                hidden=move || !allowed.get().cancel || confirming.get()
                on:click=ask
            >
                {m.cancel}
            </button>
            <div class="pw-confirm" hidden=move || !confirming.get()>
                <h3 class="pw-confirm-title" id=confirm_id tabindex="-1">
                    {m.cancel_title}
                </h3>
                <p>{m.cancel_explain}</p>
                <button
                    type="button"
                    class="pw-button pw-danger pw-cancel-confirm"
                    aria-disabled=move || busy.get().then_some("true")
                    on:click=move |_| run.run(true)
                >
                    {m.cancel_confirm}
                </button>
                " "
                <button type="button" class="pw-link pw-cancel-keep" on:click=keep>
                    {m.cancel_keep}
                </button>
            </div>
        </div>
    }
}
