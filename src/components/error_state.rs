use leptos::prelude::*;

use crate::messages::messages;

/// A failure the buyer must know about, announced at once, with a retry when one can help.
#[component]
pub fn ErrorState(
    #[prop(into)] text: String,
    /// A second sentence, e.g. that the buyer's answers are kept.
    #[prop(optional)]
    note: Option<&'static str>,
    /// Offered as a "try again" button when set.
    #[prop(optional_no_strip)]
    retry: Option<Callback<()>>,
) -> impl IntoView {
    let m = messages();
    view! {
        <div class="pw-error" role="alert">
            <p>{text}</p>
            {note.map(|note| view! { <p>{note}</p> })}
            {retry.map(|retry| view! {
                <button type="button" class="pw-button" on:click=move |_| retry.run(())>{m.retry}</button>
            })}
        </div>
    }
}
