use leptos::prelude::*;
use porting_model::Porting;

use super::{CreateStep, ErrorState, PortingActions, PortingForm, StatusPanel};
use crate::api::{demo_session, is_retryable, wait_of, Api, ApiError};
use crate::browser::dom::{focus_soon, id_prefix};
use crate::config::{Access, Config, ConfigError};
use crate::events::{events, Event, Failure, Shown};
use crate::journey::news::{is_behind, is_news};
use crate::live;
use crate::messages::{announcement_of, error_text, messages};
use crate::reactive::{Load, Loaded, Tasks};

/// The whole widget: loads the buyer's porting through the proxy (or first creates it), shows
/// where it stands and asks for what it still needs.
#[component]
pub fn PortingWidget(config: Result<Config, ConfigError>) -> impl IntoView {
    let m = messages();
    let prefix = id_prefix();
    let title_id = format!("{prefix}-title");
    let labelled_by = title_id.clone();
    let body = match config {
        Ok(config) => loaded_view(config, &prefix).into_any(),
        Err(error) => {
            leptos::logging::error!("porting-widget: {error}");
            events().emit(Event::LoadError(Failure { kind: "config", status: None }));
            view! { <ErrorState text=m.config_error(&error) /> }.into_any()
        }
    };
    view! {
        <section class="pw" lang=m.lang aria-labelledby=labelled_by>
            <h2 id=title_id class="pw-title" tabindex="-1">
                {m.title}
            </h2>
            {body}
        </section>
    }
}

fn loaded_view(config: Config, prefix: &str) -> impl IntoView {
    let m = messages();
    let state = RwSignal::new(Load::Loading);
    let [title_id, status_id, loading_id] =
        ["title", "status", "loading"].map(|name| format!("{prefix}-{name}"));
    let status_id = StoredValue::new(status_id);
    // After the buyer's retry, focus follows the answer, as the button they pressed is gone.
    let retried = StoredValue::new(false);
    let tasks = Tasks::here();
    // The demo buyer is created once; a retry reuses it.
    let access = StoredValue::new(None::<(Api, Option<String>)>);
    // The porting the host page handed in stands for the first load only.
    let snapshot = StoredValue::new(match &config.access {
        Access::Session { first, .. } => first.clone(),
        Access::Demo => None,
    });
    let events = events();
    let load = move || {
        state.set(Load::Loading);
        let config = config.clone();
        let title_id = title_id.clone();
        tasks.spawn(async move {
            let result = async {
                let (api, id) = match access.get_value() {
                    Some(resolved) => resolved,
                    None => {
                        let resolved = resolve(&config).await?;
                        access.set_value(Some(resolved.clone()));
                        resolved
                    }
                };
                match (id, snapshot.try_update_value(Option::take).flatten()) {
                    (Some(_), Some(porting)) => Ok((Some(*porting), api)),
                    (Some(id), None) => api.porting(&id).await.map(|porting| (Some(porting), api)),
                    (None, _) => Ok((None, api)),
                }
            }
            .await;
            events.emit(match &result {
                Ok((Some(porting), _)) => Event::Ready(Some(Shown::of(porting))),
                Ok((None, _)) => Event::Ready(None),
                Err(error) => Event::LoadError(Failure::of(error)),
            });
            let ready = matches!(result, Ok((Some(_), _)));
            state.set(match result {
                Ok((Some(porting), api)) => Load::Ready(Loaded::new(porting, api)),
                Ok((None, api)) => Load::Create(api),
                Err(error) => Load::Failed(error),
            });
            if retried.get_value() {
                focus_soon(if ready { status_id.get_value() } else { title_id });
            }
        });
    };
    load();
    let retry = {
        let loading_id = loading_id.clone();
        Callback::new(move |()| {
            retried.set_value(true);
            load();
            focus_soon(loading_id.clone());
        })
    };
    // Set only when the phase changes, so the live region stays mounted while the porting updates.
    move || match state.get() {
        Load::Loading => view! {
            <p class="pw-loading" id=loading_id.clone() tabindex="-1" role="status">
                {m.loading}
            </p>
        }
        .into_any(),
        Load::Create(api) => {
            let client = api.clone();
            let on_created = Callback::new(move |porting: Porting| {
                events.emit(Event::created(&porting));
                access.set_value(Some((client.clone(), Some(porting.id.clone()))));
                state.set(Load::Ready(Loaded::new(porting, client.clone())));
                // The focused button went with the create step: go on from the new status.
                focus_soon(status_id.get_value());
            });
            view! { <CreateStep api on_created /> }.into_any()
        }
        Load::Ready(loaded) => view! { <LivePorting loaded status_id=status_id.get_value() /> }.into_any(),
        Load::Failed(error) => {
            let retry = is_retryable(&error).then_some(retry);
            view! { <ErrorState text=error_text(&error, m) retry wait=wait_of(&error) /> }.into_any()
        }
    }
}

/// A porting shown to its buyer and followed live while it can change: its status, the form
/// while it takes answers, and what the buyer can do. Each change that is news (see
/// [`is_news`]) is announced once in a polite live region; focus never moves on its own.
#[component]
fn LivePorting(loaded: Loaded, status_id: String) -> impl IntoView {
    let m = messages();
    let Loaded { porting: current, api } = loaded;
    let porting = Signal::from(current);
    let announcement = RwSignal::new(String::new());
    let session_ended = RwSignal::new(false);
    let events = events();
    // A late answer to the buyer's own action may come after the stream brought a newer porting.
    let behind = move |updated: &Porting| current.with_untracked(|shown| is_behind(shown, updated));
    let changed = Callback::new(move |updated: Porting| {
        if behind(&updated) {
            return;
        }
        current.update(|shown| {
            if is_news(shown, &updated) {
                announcement.set(announcement_of(&updated, m));
            }
            Event::of_change(shown, &updated).into_iter().for_each(|event| events.emit(event));
            *shown = updated;
        })
    });
    let following = StoredValue::new_local(None::<live::Following>);
    if !current.with_untracked(|p| p.status.is_final()) {
        let first = current.get_untracked();
        following.set_value(Some(live::follow(
            api.clone(),
            first,
            move |updated| {
                changed.try_run(updated);
            },
            move || {
                session_ended.try_set(true);
                announcement.try_set(m.live_ended.into());
                events.emit(Event::LoadError(Failure::SESSION_ENDED));
            },
        )));
    }
    // What the buyer's own actions answered with: shown, and told to the follower.
    let own_answer = Callback::new(move |updated: Porting| {
        if behind(&updated) {
            return;
        }
        following.with_value(|f| {
            if let Some(following) = f {
                following.own_answer(updated.clone());
            }
        });
        changed.run(updated);
    });
    // Stops at once when the widget goes, or when the porting ended through the buyer's action.
    Effect::new(move || {
        if current.with(|p| p.status.is_final()) {
            following.set_value(None);
        }
    });
    on_cleanup(move || {
        following.try_set_value(None);
    });
    view! {
        <p class="pw-visually-hidden pw-announcer" role="status">
            {announcement}
        </p>
        <StatusPanel porting id=status_id.clone() />
        <p class="pw-notice pw-live-ended" hidden=move || !session_ended.get()>
            {m.live_ended}
        </p>
        <PortingForm porting api=api.clone() on_saved=own_answer />
        <PortingActions porting api changed=own_answer status_id />
    }
}

async fn resolve(config: &Config) -> Result<(Api, Option<String>), ApiError> {
    match &config.access {
        Access::Session { token, porting_id, .. } => {
            Ok((Api::new(config.proxy_base.clone(), token.clone()), porting_id.clone()))
        }
        Access::Demo => {
            let demo = demo_session(&config.proxy_base).await?;
            Ok((Api::new(config.proxy_base.clone(), demo.session), Some(demo.porting_id)))
        }
    }
}
