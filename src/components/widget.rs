use leptos::prelude::*;
use leptos::task::spawn_local;
use porting_model::Porting;

use super::{ErrorState, StatusPanel};
use crate::api::{demo_session, Api, ApiError};
use crate::config::{Access, Config, ConfigError};
use crate::messages::{messages, EN};
use crate::presentation::{error_text, is_retryable};

#[derive(Clone, Debug)]
enum Load {
    Loading,
    Ready(Box<Porting>),
    Failed(ApiError),
}

/// The whole widget: loads the buyer's porting through the proxy and shows it.
#[component]
pub fn PortingWidget(config: Result<Config, ConfigError>) -> impl IntoView {
    provide_context::<&'static crate::messages::Messages>(&EN);
    let m = messages();
    let body = match config {
        Ok(config) => loaded_view(config).into_any(),
        Err(error) => {
            leptos::logging::error!("porting-widget: {error}");
            view! { <ErrorState text=format!("{} {error}.", m.error_config)/> }.into_any()
        }
    };
    view! {
        <section class="pw" aria-labelledby="pw-title">
            <h2 id="pw-title" class="pw-title">{m.title}</h2>
            {body}
        </section>
    }
}

fn loaded_view(config: Config) -> impl IntoView {
    let m = messages();
    let state = RwSignal::new(Load::Loading);
    // The demo buyer is created once; a retry reuses it.
    let access = StoredValue::new(None::<(Api, String)>);
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
                api.porting(&id).await
            }
            .await;
            state.set(match result {
                Ok(porting) => Load::Ready(Box::new(porting)),
                Err(error) => Load::Failed(error),
            });
        });
    };
    load();
    let retry = Callback::new(move |()| load());
    // Re-render on a change of phase only, so the status panel (and its live region) stays
    // mounted while the porting inside it updates.
    let phase = Memo::new(move |_| std::mem::discriminant(&*state.read()));
    move || {
        phase.get();
        match state.get_untracked() {
            Load::Loading => view! { <p class="pw-loading" role="status">{m.loading}</p> }.into_any(),
            Load::Ready(first) => {
                let porting = Signal::derive(move || match &*state.read() {
                    Load::Ready(porting) => (**porting).clone(),
                    _ => (*first).clone(),
                });
                view! { <StatusPanel porting/> }.into_any()
            }
            Load::Failed(error) => {
                let retry = is_retryable(&error).then_some(retry);
                view! { <ErrorState text=error_text(&error, m) retry/> }.into_any()
            }
        }
    }
}

async fn resolve(config: &Config) -> Result<(Api, String), ApiError> {
    match &config.access {
        Access::Session { token, porting_id } => {
            Ok((Api::new(config.proxy_base.clone(), token.clone()), porting_id.clone()))
        }
        Access::Demo => {
            let demo = demo_session(&config.proxy_base).await?;
            Ok((Api::new(config.proxy_base.clone(), demo.session), demo.porting_id))
        }
    }
}
