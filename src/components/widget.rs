use leptos::prelude::*;
use leptos::task::spawn_local;
use porting_model::Porting;

use super::{CreateStep, ErrorState, PortingForm, StatusPanel};
use crate::api::{demo_session, Api, ApiError};
use crate::config::{Access, Config, ConfigError};
use crate::dom::{focus_soon, id_prefix};
use crate::messages::{messages, Messages, EN};
use crate::presentation::{error_text, is_retryable};

#[derive(Clone, Debug)]
enum Load {
    Loading,
    /// No porting yet: the buyer creates one.
    Create(Api),
    Ready(Box<Porting>, Api),
    Failed(ApiError),
}

/// The whole widget: loads the buyer's porting through the proxy (or first creates it), shows
/// where it stands and asks for what it still needs.
#[component]
pub fn PortingWidget(config: Result<Config, ConfigError>) -> impl IntoView {
    provide_context::<&'static Messages>(&EN);
    let m = messages();
    let title_id = format!("{}-title", id_prefix());
    let labelled_by = title_id.clone();
    let body = match config {
        Ok(config) => loaded_view(config).into_any(),
        Err(error) => {
            leptos::logging::error!("porting-widget: {error}");
            view! { <ErrorState text=m.config_error(&error)/> }.into_any()
        }
    };
    view! {
        <section class="pw" lang=m.lang aria-labelledby=labelled_by>
            <h2 id=title_id class="pw-title">{m.title}</h2>
            {body}
        </section>
    }
}

fn loaded_view(config: Config) -> impl IntoView {
    let m = messages();
    let state = RwSignal::new(Load::Loading);
    // The demo buyer is created once; a retry reuses it.
    let access = StoredValue::new(None::<(Api, Option<String>)>);
    let load = move || {
        state.set(Load::Loading);
        let config = config.clone();
        spawn_local(async move {
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
                    Some(id) => api.porting(&id).await.map(|porting| Load::Ready(Box::new(porting), api)),
                    None => Ok(Load::Create(api)),
                }
            }
            .await;
            state.set(result.unwrap_or_else(Load::Failed));
        });
    };
    load();
    let retry = Callback::new(move |()| load());
    let status_id = StoredValue::new(format!("{}-status", id_prefix()));
    // Re-render on a change of phase only, so the status panel (and its live region) stays
    // mounted while the porting inside it updates.
    let phase = Memo::new(move |_| std::mem::discriminant(&*state.read()));
    move || {
        phase.get();
        match state.get_untracked() {
            Load::Loading => view! { <p class="pw-loading" role="status">{m.loading}</p> }.into_any(),
            Load::Create(api) => {
                let on_created = Callback::new(move |(porting, api): (Porting, Api)| {
                    access.set_value(Some((api.clone(), Some(porting.id.clone()))));
                    state.set(Load::Ready(Box::new(porting), api));
                    // The create step went with the button that had focus: the buyer goes on
                    // from where their new transfer stands, just above its form.
                    focus_soon(status_id.get_value());
                });
                view! { <CreateStep api on_created/> }.into_any()
            }
            Load::Ready(first, api) => {
                let porting = Signal::derive(move || match &*state.read() {
                    Load::Ready(porting, _) => (**porting).clone(),
                    _ => (*first).clone(),
                });
                let on_saved = Callback::new(move |saved: Porting| {
                    state.update(|load| {
                        if let Load::Ready(porting, _) = load {
                            **porting = saved;
                        }
                    })
                });
                view! {
                    <StatusPanel porting id=status_id.get_value()/>
                    <PortingForm porting api on_saved/>
                }
                .into_any()
            }
            Load::Failed(error) => {
                let retry = is_retryable(&error).then_some(retry);
                view! { <ErrorState text=error_text(&error, m) retry/> }.into_any()
            }
        }
    }
}

async fn resolve(config: &Config) -> Result<(Api, Option<String>), ApiError> {
    match &config.access {
        Access::Session { token, porting_id } => {
            Ok((Api::new(config.proxy_base.clone(), token.clone()), porting_id.clone()))
        }
        Access::Demo => {
            let demo = demo_session(&config.proxy_base).await?;
            Ok((Api::new(config.proxy_base.clone(), demo.session), Some(demo.porting_id)))
        }
    }
}
