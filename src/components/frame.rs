//! What the browser and the server render alike: the widget's frame, and a porting as the buyer
//! sees it. The browser's widget loads and follows the porting around them (`widget.rs`); the
//! server renders them once, for the first state (`crate::render`).

use leptos::prelude::*;
use porting_model::Porting;

use super::ids::ids;
use super::{PortingActions, PortingForm, StatusPanel};
use crate::api::Api;
use crate::messages::messages;

/// The widget's landmark, in the catalog's language and titled; the widget's state inside.
#[component]
pub fn WidgetFrame(children: Children) -> impl IntoView {
    let m = messages();
    let title_id = ids().of("title");
    let labelled_by = title_id.clone();
    view! {
        <section class="pw" lang=m.lang aria-labelledby=labelled_by>
            <h2 id=title_id class="pw-title" tabindex="-1">
                {m.title}
            </h2>
            {children()}
        </section>
    }
}

/// A porting as the buyer sees it: the polite live region that announces what is news, where the
/// transfer stands, a notice once the session ended, the form while it takes answers, and what the
/// buyer can do. What the buyer's own actions answer with goes to `on_changed`.
#[component]
pub fn PortingView(
    porting: Signal<Porting>,
    api: Api,
    announcement: Signal<String>,
    session_ended: Signal<bool>,
    on_changed: Callback<Porting>,
) -> impl IntoView {
    let m = messages();
    let status_id = ids().of("status");
    view! {
        <p class="pw-visually-hidden pw-announcer" role="status">
            {announcement}
        </p>
        <StatusPanel porting id=status_id.clone() />
        <p class="pw-notice pw-live-ended" hidden=move || !session_ended.get()>
            {m.live_ended}
        </p>
        <PortingForm porting api=api.clone() on_saved=on_changed />
        <PortingActions porting api changed=on_changed status_id />
    }
}
