//! The first state rendered to HTML on the server by the widget's own components (Leptos' `ssr`):
//! what the proxy sends before the wasm arrives, and what the browser's widget then takes over.
//!
//! The markup is the widget's, inside a wrapper that carries what the page's script and the
//! takeover need: the ids' base, the porting as JSON (so no second request is made for it), and
//! the few sentences shown before the wasm runs, in the buyer's language.

use leptos::prelude::*;
use porting_model::Porting;

use crate::api::Api;
use crate::components::{CreateStep, Ids, PortingView, WidgetFrame};
use crate::messages::{language_for, server_catalog, Messages};
use crate::platform::Buyer;

/// The state the widget starts in.
#[derive(Clone, Debug)]
pub enum FirstState {
    /// No porting yet: the buyer creates one.
    Create,
    /// A porting, with where it stands and the form of what it still needs.
    Porting(Box<Porting>),
}

/// The class of the wrapper around a rendered first state, which the widget looks for to take it
/// over.
pub const WRAPPER_CLASS: &str = "pw-prerendered";

/// `state` as the widget first shows it to `buyer`, in the language `lang` asks for (a BCP 47
/// tag; English where the widget has no words for it).
pub fn render(state: &FirstState, lang: &str, buyer: Buyer) -> String {
    let catalog = catalog_for(lang);
    let base = ids_base(state);
    let porting_json = match state {
        FirstState::Porting(porting) => serde_json::to_string(porting).ok(),
        FirstState::Create => None,
    };
    let state = state.clone();
    let owner = Owner::new();
    owner.with(move || {
        provide_context(catalog);
        provide_context(buyer);
        Ids::provide(base.clone());
        let m = catalog;
        view! {
            <div
                class=WRAPPER_CLASS
                data-pw-ids=base
                data-pw-porting=porting_json
                data-pw-getting-ready=m.getting_ready
                data-pw-code-missing=m.code_missing
                data-pw-unsupported=m.unsupported_browser
            >
                <p class="pw-notice pw-prerendered-notice" role="alert" hidden></p>
                <WidgetFrame>{first_view(state)}</WidgetFrame>
            </div>
        }
        .to_html()
    })
}

/// The catalog of the language `lang` asks for (English unless the widget has words for it).
pub fn catalog_for(lang: &str) -> &'static Messages {
    server_catalog(language_for([lang]).unwrap_or("en"))
}

fn first_view(state: FirstState) -> AnyView {
    // The components' requests are never sent from here (see `api`): the client is only a name.
    let api = Api::new("", "");
    match state {
        FirstState::Create => view! { <CreateStep api on_created=Callback::new(|_| {}) /> }.into_any(),
        FirstState::Porting(porting) => view! {
            <PortingView
                porting=Signal::stored(*porting)
                api
                announcement=Signal::stored(String::new())
                session_ended=Signal::stored(false)
                on_changed=Callback::new(|_| {})
            />
        }
        .into_any(),
    }
}

/// A base for the ids that another porting's widget on the same page would not have: from the
/// porting's id, so the same state renders the same markup.
fn ids_base(state: &FirstState) -> String {
    let id = match state {
        FirstState::Porting(porting) => porting.id.as_str(),
        FirstState::Create => "",
    };
    // FNV-1a: a short, stable digest; nothing secret depends on it.
    let hash =
        id.bytes().fold(0x811c_9dc5_u32, |hash, byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193));
    format!("pw-{hash:08x}")
}

#[cfg(test)]
mod tests;
