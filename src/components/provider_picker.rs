use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use porting_model::ServiceProvider;

use super::field_parts::FieldFrame;
use super::form_state::form_state;
use crate::api::Api;
use crate::form::picker::{exact, for_recipient, moved, options, Move};
use crate::form::Field;
use crate::messages::messages;
use crate::platform::{focus, reveal_soon};
use crate::reactive::Fetched;

/// The providers to choose from: `None` while they load.
pub type Providers = Fetched<Vec<ServiceProvider>>;

/// Starts loading the providers a number can come from to `recipient` (when known).
pub fn load_providers(api: Api, recipient: Option<String>) -> Providers {
    Fetched::new(move || {
        let (api, recipient) = (api.clone(), recipient.clone());
        Box::pin(
            async move { api.service_providers().await.map(|all| for_recipient(all, recipient.as_deref())) },
        )
    })
}

/// Whether the list loaded and has a provider to choose.
pub fn offers_any(providers: Providers) -> bool {
    providers.with(|list| matches!(list, Some(Ok(all)) if !all.is_empty()))
}

/// The buyer's current provider, chosen from a searchable list: an editable combobox with a list
/// popup (WAI-ARIA APG). Typing filters the list; the arrow keys move through it, Enter chooses,
/// Escape closes it (or, closed, clears the box); typing a whole name chooses that provider. The
/// list's loading, emptiness and failure are said in a polite live region.
#[component]
pub fn ProviderPicker(
    providers: Providers,
    /// The name of the provider already on file, shown at first.
    #[prop(optional, into)]
    initial: String,
) -> impl IntoView {
    let state = form_state();
    let m = messages();
    let field = Field::DonorProvider;
    let id = state.id(field);
    let (label_id, list_id) = (format!("{id}-label"), format!("{id}-list"));
    let retry_focus = id.clone();
    let option_id = move |i: usize| format!("{}-option-{i}", state.id(field));
    // What the buyer typed before the widget ran, else the provider on file.
    let query =
        RwSignal::new(state.provider_text.try_update_value(Option::take).flatten().unwrap_or(initial));
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let chosen = state.value(field);
    let shown = Signal::derive(move || {
        providers.with(|list| match list {
            Some(Ok(all)) => {
                query.with(|q| chosen.with(|c| options(all, q, c).into_iter().cloned().collect()))
            }
            _ => Vec::new(),
        })
    });
    let expanded = Memo::new(move |_| open.get() && shown.with(|s| !s.is_empty()));
    // A whole name typed while the list loaded (or before the widget ran) chooses once it is here.
    Effect::new(move || {
        let found = providers.with(|list| match list {
            Some(Ok(all)) => query.with_untracked(|typed| exact(all, typed).cloned()),
            _ => None,
        });
        if let Some(provider) = found.filter(|_| chosen.with_untracked(String::is_empty)) {
            state.edit(field, |draft| draft.pick_donor(Some(&provider)));
        }
    });
    let close = move || {
        open.set(false);
        active.set(None);
    };
    let choose = move |provider: ServiceProvider| {
        state.edit(field, |draft| draft.pick_donor(Some(&provider)));
        query.set(provider.name);
        close();
    };
    let on_input = move |ev| {
        let typed = event_target_value(&ev);
        let found = providers.with(|list| match list {
            Some(Ok(all)) => exact(all, &typed).cloned(),
            _ => None,
        });
        state.edit(field, |draft| draft.pick_donor(found.as_ref()));
        query.set(typed);
        open.set(true);
        active.set(None);
    };
    let on_keydown = move |ev: KeyboardEvent| match ev.key().as_str() {
        key @ ("ArrowDown" | "ArrowUp") => {
            ev.prevent_default();
            open.set(true);
            // Alt with an arrow only opens the list, as the pattern asks.
            if !ev.alt_key() {
                let step = if key == "ArrowDown" { Move::Down } else { Move::Up };
                let len = shown.with_untracked(Vec::len);
                active.update(|i| *i = moved(*i, len, step));
                // The list scrolls, and focus stays in the box: the option must come into sight.
                if let Some(i) = active.get_untracked() {
                    reveal_soon(option_id(i));
                }
            }
        }
        "Enter" if open.get_untracked() => {
            // An open list takes Enter, so it never submits the form by surprise.
            ev.prevent_default();
            match active.get_untracked().and_then(|i| shown.with_untracked(|s| s.get(i).cloned())) {
                Some(provider) => choose(provider),
                None => close(),
            }
        }
        "Escape" if open.get_untracked() => close(),
        "Escape" => {
            query.set(String::new());
            state.edit(field, |draft| draft.pick_donor(None));
        }
        _ => {}
    };
    let list = move || {
        shown
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, provider)| {
                let is_active = Signal::derive(move || active.get() == Some(i));
                view! {
                    <li
                        class="pw-option"
                        class:pw-option-active=is_active
                        id=option_id(i)
                        role="option"
                        aria-selected=Signal::derive(move || is_active.get().to_string())
                        // Keeps focus in the box, so choosing by mouse or touch does not close first.
                        on:mousedown=|ev| ev.prevent_default()
                        on:click=move |_| choose(provider.clone())
                    >
                        {provider.name.clone()}
                    </li>
                }
            })
            .collect_view()
    };
    let failed = move || providers.with(|list| matches!(list, Some(Err(_))));
    let status = move || {
        providers.with(|list| match list {
            None => Some(m.providers_loading.to_owned()),
            Some(Err(_)) => Some(m.providers_failed.to_owned()),
            Some(Ok(all)) if all.is_empty() => Some(m.providers_none.to_owned()),
            Some(Ok(_)) if open.get() && shown.with(Vec::is_empty) => Some(m.no_provider_match(&query.get())),
            Some(Ok(_)) => None,
        })
    };
    view! {
        <FieldFrame
            field
            label=m.label_donor
            hint=Some(m.hint_donor.into())
            label_id=label_id.clone()
            class="pw-picker"
        >
            <input
                class="pw-input"
                id=id
                data-field=field.property()
                type="text"
                role="combobox"
                autocomplete="off"
                spellcheck="false"
                aria-autocomplete="list"
                aria-controls=list_id.clone()
                aria-expanded=Signal::derive(move || expanded.get().to_string())
                aria-activedescendant=Signal::derive(move || {
                    active.get().filter(|_| expanded.get()).map(option_id)
                })
                aria-invalid=state.invalid(field)
                aria-describedby=state.described_by(field, true)
                value=query.get_untracked()
                prop:value=query
                on:input=on_input
                on:keydown=on_keydown
                on:click=move |_| open.update(|o| *o = !*o)
                on:blur=move |_| close()
            />
            <ul
                class="pw-listbox"
                id=list_id
                role="listbox"
                aria-labelledby=label_id
                hidden=Signal::derive(move || !expanded.get())
            >
                {list}
            </ul>
            <div class="pw-picker-status" role="status">
                <span class="pw-visually-hidden">
                    {Signal::derive(move || expanded.get().then(|| m.provider_results(shown.with(Vec::len))))}
                </span>
                <p class="pw-hint">{Signal::derive(status)}</p>
            </div>
            <button
                type="button"
                class="pw-button pw-button-secondary"
                hidden=Signal::derive(move || !failed())
                // The button hides as the list loads again: focus goes back to the box first.
                on:click=move |_| {
                    focus(&retry_focus);
                    providers.refetch()
                }
            >
                {m.retry}
            </button>
        </FieldFrame>
    }
}
