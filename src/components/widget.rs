//! The widget as the browser runs it: it loads the buyer's porting (or starts with the create
//! step), follows it live, and shows what the buyer can do; from a state handed in (a snapshot, or
//! the server's rendering taken over) it starts at once, with no request.

use leptos::prelude::*;
use porting_model::Porting;

use super::frame::{PortingView, WidgetFrame};
use super::ids::Ids;
use super::{CreateStep, ErrorState};
use crate::api::{demo_session, is_retryable, wait_of, Api, ApiError};
use crate::config::{Access, Config, ConfigError};
use crate::events::{events, Event, Failure, Shown};
use crate::journey::news::{is_behind, is_news};
use crate::live;
use crate::messages::{announcement_of, error_text, messages};
use crate::platform::focus_soon;
use crate::reactive::{Load, Loaded, Tasks};

/// The whole widget: loads the buyer's porting through the proxy (or first creates it), shows
/// where it stands and asks for what it still needs. Its element ids start with `ids` (the
/// server's, when it takes over the server's rendering), else with a base new on the page.
#[component]
pub fn PortingWidget(
    config: Result<Config, ConfigError>,
    #[prop(optional_no_strip)] ids: Option<String>,
) -> impl IntoView {
    let m = messages();
    Ids::provide(ids.unwrap_or_else(Ids::fresh_base));
    let body = match config {
        Ok(config) => loaded_view(config).into_any(),
        Err(error) => {
            leptos::logging::error!("porting-widget: {error}");
            events().emit(Event::LoadError(Failure { kind: "config", status: None }));
            view! { <ErrorState text=m.config_error(&error) /> }.into_any()
        }
    };
    view! { <WidgetFrame>{body}</WidgetFrame> }
}

/// Where the widget starts without a request: the porting the page handed in, or the create step.
fn first_state(config: &Config) -> Option<(Load, Api, Option<String>)> {
    let Access::Session { token, porting_id, first } = &config.access else { return None };
    let api = Api::new(config.proxy_base.clone(), token.clone());
    match (porting_id, first) {
        (None, _) => Some((Load::Create(api.clone()), api, None)),
        (Some(id), Some(porting)) => {
            Some((Load::Ready(Loaded::new((**porting).clone(), api.clone())), api, Some(id.clone())))
        }
        (Some(_), None) => None,
    }
}

fn loaded_view(config: Config) -> impl IntoView {
    let m = messages();
    let ids = super::ids::ids();
    let [title_id, status_id, loading_id] = ["title", "status", "loading"].map(|name| ids.of(name));
    let status_id = StoredValue::new(status_id);
    // After the buyer's retry, focus follows the answer, as the button they pressed is gone.
    let retried = StoredValue::new(false);
    let tasks = Tasks::here();
    let telling = tasks.clone();
    let events = events();
    let first = first_state(&config);
    let state = RwSignal::new(first.as_ref().map_or(Load::Loading, |(load, ..)| load.clone()));
    // The client and the porting once known; the demo buyer is created once, a retry reuses it.
    let access = StoredValue::new(first.map(|(_, api, id)| (api, id)));
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
                match id {
                    Some(id) => api.porting(&id).await.map(|porting| Load::Ready(Loaded::new(porting, api))),
                    None => Ok(Load::Create(api)),
                }
            }
            .await;
            let ready = matches!(result, Ok(Load::Ready(_)));
            let result = result.unwrap_or_else(Load::Failed);
            shown(&result).into_iter().for_each(|event| events.emit(event));
            state.set(result);
            if retried.get_value() {
                focus_soon(if ready { status_id.get_value() } else { title_id });
            }
        });
    };
    if state.with_untracked(|load| matches!(load, Load::Loading)) {
        load();
    } else {
        // Told once the widget is in the page, as after a load.
        let told = state.get_untracked();
        telling.spawn(async move { shown(&told).into_iter().for_each(|event| events.emit(event)) });
    }
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
                Event::created(&porting).into_iter().for_each(|event| events.emit(event));
                access.set_value(Some((client.clone(), Some(porting.id.clone()))));
                state.set(Load::Ready(Loaded::new(porting, client.clone())));
                // The focused button went with the create step: go on from the new status.
                focus_soon(status_id.get_value());
            });
            view! { <CreateStep api on_created /> }.into_any()
        }
        Load::Ready(loaded) => view! { <LivePorting loaded /> }.into_any(),
        Load::Failed(error) => {
            let retry = is_retryable(&error).then_some(retry);
            view! { <ErrorState text=error_text(&error, m) retry wait=wait_of(&error) /> }.into_any()
        }
    }
}

/// What the host hears of the widget's first state: that it is ready, and the step it shows.
fn shown(load: &Load) -> Vec<Event> {
    match load {
        Load::Ready(loaded) => {
            vec![Event::Ready(Some(Shown::of(&loaded.porting))), Event::step(Some(&loaded.porting))]
        }
        Load::Failed(error) => vec![Event::LoadError(Failure::of(error))],
        Load::Create(_) | Load::Loading => vec![Event::Ready(None), Event::step(None)],
    }
}

/// A porting shown to its buyer and followed live while it can change. Each change that is news
/// (see [`is_news`]) is announced once in a polite live region; focus never moves on its own.
#[component]
fn LivePorting(loaded: Loaded) -> impl IntoView {
    let m = messages();
    let Loaded { porting, api } = loaded;
    // The porting as last read, the view's own: its readers take what they need of it.
    let current = RwSignal::new(*porting);
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
        <PortingView
            porting=current.into()
            api
            announcement=announcement.into()
            session_ended=session_ended.into()
            on_changed=own_answer
        />
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
