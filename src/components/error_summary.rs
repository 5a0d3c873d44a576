use leptos::prelude::*;

use super::form_state::form_state;
use crate::form::errors::FieldIssues;
use crate::messages::{issue_text, messages};
use crate::platform::focus;

/// The problems of the last submit at the top of the form (GOV.UK error summary): each links to
/// its field; the form moves focus here after a refused submit.
#[component]
pub fn ErrorSummary() -> impl IntoView {
    let state = form_state();
    let m = messages();
    let id = state.summary_id();
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    // The frame stays (hidden while there is nothing to say); only the list is drawn anew.
    let links = move || {
        state.summary.with(|errors| {
            let fields = errors.fields().map(|(field, issue)| {
                let target = state.target_id(field, issue);
                view! {
                    <li>
                        <a
                            href=format!("#{target}")
                            // Focuses the field itself, without changing the host page's URL.
                            on:click=move |ev| {
                                ev.prevent_default();
                                focus(&target);
                            }
                        >
                            {issue_text(field, issue, m)}
                        </a>
                    </li>
                }
                .into_any()
            });
            let general = errors.general.iter().map(|text| view! { <li>{text.clone()}</li> }.into_any());
            fields.chain(general).collect_view()
        })
    };
    view! {
        <div
            class="pw-error-summary"
            id=id
            tabindex="-1"
            role="alert"
            aria-labelledby=labelled_by
            hidden=Signal::derive(move || state.summary.with(FieldIssues::is_empty))
        >
            <h3 class="pw-error-summary-title" id=title_id>
                {m.error_summary_title}
            </h3>
            <ul class="pw-error-summary-list">{links}</ul>
        </div>
    }
}
