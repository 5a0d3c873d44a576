use leptos::prelude::*;
use porting_model::Porting;

use crate::messages::messages;
use crate::presentation::Tone;

/// The number being transferred and where its transfer stands. The status line is a polite live
/// region, so a screen reader announces each change. The panel can take focus (by script only),
/// for when the buyer's transfer starts here.
#[component]
pub fn StatusPanel(
    #[prop(into)] porting: Signal<Porting>,
    /// An id, for moving focus here.
    #[prop(optional)]
    id: Option<String>,
) -> impl IntoView {
    let m = messages();
    // Signals rather than closures, as in the form (see `FormState::invalid`).
    let status = move || porting.with(|p| p.status.clone());
    let number = Signal::derive(move || porting.with(|p| p.phone_number.clone()));
    view! {
        <div class="pw-status" id=id tabindex="-1">
            <p class="pw-status-row">
                <span class="pw-label">{m.number_label}</span>
                " "
                <span class="pw-number">{number}</span>
            </p>
            <p class="pw-status-row" role="status" data-status=Signal::derive(move || status().to_string())>
                <span class="pw-label">{m.status_label}</span>
                " "
                <span class=Signal::derive(move || format!("pw-badge {}", Tone::of(&status()).class()))>
                    {Signal::derive(move || m.status(&status()))}
                </span>
            </p>
        </div>
    }
}
