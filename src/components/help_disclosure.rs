use leptos::prelude::*;
use porting_model::Porting;

use super::form_state::form_state;
use crate::form::Field;
use crate::help::{keys, provider, shown, topic, HelpFile, Shown};
use crate::journey::decline::reopened;
use crate::messages::messages;

/// "Where do I find this?" under a field: a button that shows and hides the steps for the
/// provider picked in the form, else the one on file. Open from the start beside a field a decline
/// reopened; no focus trap, as the steps follow the button in reading order.
#[component]
pub fn HelpDisclosure(field: Field, porting: Signal<Porting>) -> impl IntoView {
    let state = form_state();
    let m = messages();
    let panel_id = state.element_id(&format!("help-{}", field.property()));
    let reopened_here =
        porting.with_untracked(|p| field.row().name.as_ref().is_some_and(|name| reopened(p).contains(name)));
    let open = RwSignal::new(reopened_here);
    let file = RwSignal::new(HelpFile::None);
    let load = fetcher(file, m.lang);
    if reopened_here {
        load();
    }
    let for_whom = move || {
        state.answers.read(Field::DonorProvider, |draft| {
            let id = draft.text(Field::DonorProvider);
            porting.with(|p| provider(id, draft.donor_name.as_deref(), p.donor_provider.as_ref()))
        })
    };
    let text = move || {
        let pin = state.rules.with(|rules| rules.ctx.pin);
        let (id, name) = for_whom();
        let keys = topic(field, pin).map(|topic| keys(topic, pin, &id, &name)).unwrap_or_default();
        match shown(&keys, |key| m.host_help(key), file.get()) {
            Shown::Text(text) => text,
            Shown::Loading => m.help_loading,
            Shown::Failed => m.help_failed,
        }
    };
    view! {
        <div class="pw-help">
            <button
                type="button"
                class="pw-link pw-help-toggle"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=panel_id.clone()
                on:click=move |_| {
                    open.update(|open| *open = !*open);
                    if open.get_untracked() {
                        load();
                    }
                }
            >
                {m.help_title}
            </button>
            <p class="pw-help-panel" id=panel_id hidden=move || !open.get()>
                {text}
            </p>
        </div>
    }
}

/// Fetches the help words into `file`, unless they are there: once, or again after a failure.
#[cfg(target_arch = "wasm32")]
fn fetcher(file: RwSignal<HelpFile>, lang: &'static str) -> impl Fn() + Copy {
    let tasks = StoredValue::new(crate::reactive::Tasks::here());
    move || {
        if file.with_untracked(|words| matches!(words, Some(Ok(_)))) {
            return;
        }
        file.set(None);
        tasks.with_value(|tasks| {
            tasks.spawn(async move {
                let words = crate::help::fetched::help_words(lang).await.map_err(|why| {
                    leptos::logging::warn!("porting-widget: no help words for \"{lang}\" ({why})");
                });
                let _ = file.try_set(Some(words));
            })
        });
    }
}

/// The server renders the disclosure as it starts; the browser fetches its words.
#[cfg(not(target_arch = "wasm32"))]
fn fetcher(_: RwSignal<HelpFile>, _: &'static str) -> impl Fn() + Copy {
    || {}
}
