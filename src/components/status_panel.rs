use leptos::prelude::*;
use porting_model::validate::written;
use porting_model::Porting;

use crate::journey::decline::provider_words;
use crate::journey::timeline::timeline;
use crate::journey::tone::Tone;
use crate::messages::{messages, next_text};
use crate::platform::{local_day, local_time};

/// The number being transferred, where its transfer stands, what happens next (for a decline,
/// what to do) and its history. Changes are announced by the widget's live region, not here. The
/// panel can take focus (by script only), for when the buyer's transfer starts here.
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
    let number = Signal::derive(move || porting.with(|p| written(&p.phone_number)));
    let next = Signal::derive(move || porting.with(|p| next_text(p, m, |day| local_day(day, m.lang))));
    // Gigs' words are shown as text, never as HTML.
    let words = Signal::derive(move || porting.with(provider_words));
    let moments = move || {
        porting.with(|p| {
            timeline(p)
                .into_iter()
                .map(|(moment, at)| {
                    view! {
                        <li>
                            <span class="pw-moment">{m.moment(&moment)}</span>
                            " "
                            <time datetime=at.clone()>{local_time(&at, m.lang)}</time>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="pw-status" id=id tabindex="-1">
            <p class="pw-status-row">
                <span class="pw-label">{m.number_label}</span>
                " "
                <span class="pw-number">{number}</span>
            </p>
            <p class="pw-status-row" data-status=Signal::derive(move || status().to_string())>
                <span class="pw-label">{m.status_label}</span>
                " "
                <span class=Signal::derive(move || {
                    format!("pw-badge {}", Tone::of(&status()).class())
                })>{Signal::derive(move || m.status(&status()))}</span>
            </p>
            <p class="pw-next">{next}</p>
            <p class="pw-provider-words" hidden=Signal::derive(move || words.with(Option::is_none))>
                {m.declined_message}
                " "
                <q>{words}</q>
            </p>
            <h3 class="pw-history-title">{m.history}</h3>
            <ol class="pw-timeline">{moments}</ol>
        </div>
    }
}
