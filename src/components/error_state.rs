use leptos::prelude::*;

use crate::messages::messages;

/// A failure the buyer must know about, announced at once, with a retry when one can help. When
/// the proxy asked for a wait (`wait`, in seconds), the retry counts it down and works once it
/// is over; the count sits outside the alert, so it is not read out again every second.
#[component]
pub fn ErrorState(
    #[prop(into)] text: String,
    /// A second sentence, e.g. that the buyer's answers are kept.
    #[prop(optional)]
    note: Option<&'static str>,
    /// Offered as a "try again" button when set.
    #[prop(optional_no_strip)]
    retry: Option<Callback<()>>,
    #[prop(optional_no_strip)] wait: Option<u32>,
) -> impl IntoView {
    let m = messages();
    let left = RwSignal::new(wait.unwrap_or(0));
    if left.get_untracked() > 0 {
        let ticking = StoredValue::new(None::<IntervalHandle>);
        let tick = move || {
            left.update(|left| *left = left.saturating_sub(1));
            if left.get_untracked() == 0 {
                ticking.update_value(stop);
            }
        };
        if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_secs(1)) {
            ticking.set_value(Some(handle));
            on_cleanup(move || {
                ticking.try_update_value(stop);
            });
        }
    }
    let waiting = move || left.get() > 0;
    view! {
        <div class="pw-error">
            <div role="alert">
                <p>{text}</p>
                {note.map(|note| view! { <p>{note}</p> })}
            </div>
            {retry
                .map(|retry| {
                    view! {
                        // Focusable while it waits (aria-disabled), so a keyboard user can find it.
                        <button
                            type="button"
                            class="pw-button"
                            aria-disabled=move || waiting().then_some("true")
                            on:click=move |_| {
                                if !waiting() {
                                    retry.run(())
                                }
                            }
                        >
                            {move || if waiting() { m.retry_in(left.get()) } else { m.retry.to_owned() }}
                        </button>
                    }
                })}
        </div>
    }
}

/// Ends a countdown's ticking.
fn stop(ticking: &mut Option<IntervalHandle>) {
    if let Some(handle) = ticking.take() {
        handle.clear();
    }
}
