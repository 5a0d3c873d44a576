//! One widget's life: mounted into its host in the buyer's language, with every task and
//! listener it starts owned by it, and all of it cleaned up when it is unmounted.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use web_sys::HtmlElement;

use super::focus::FocusTelling;
use super::takeover::Takeover;
use crate::browser::dom::{browser_languages, page_language};
use crate::components::{PortingWidget, Prefill};
use crate::config::{Config, ConfigError};
use crate::events::emitter::{host_listener_running, Emitter};
use crate::events::Events;
use crate::messages::{language, language_for, with_texts, Messages, EN};
use crate::platform::ShadowRootIds;

/// One widget on the page; dropping it unmounts the widget, which stops following its porting.
pub struct Mounted {
    _unmount: Box<dyn std::any::Any>,
}

/// A widget's view and the owner of all it runs. Leptos' own handle leaves its owner to whatever
/// still holds it (event listeners do), so a removed widget would go on following its porting.
struct Running {
    view: Option<Box<dyn std::any::Any>>,
    owner: Owner,
    _focus: FocusTelling,
    _ids: ShadowRootIds,
}

impl Drop for Running {
    fn drop(&mut self) {
        drop(self.view.take());
        if host_listener_running() {
            // A host listener unmounts from inside the widget's work, whose signals must outlive it.
            let owner = self.owner.clone();
            wasm_bindgen_futures::spawn_local(async move { owner.cleanup() });
        } else {
            self.owner.cleanup();
        }
    }
}

/// Mounts a widget into `host` with `config` (an error is shown as the widget's error state),
/// telling its events to `emitter`: at once in English, else once its language's words are here.
/// The server's rendering of its first state, if the host holds one, stays until then and is
/// taken over: what the buyer typed, their focus and caret, and a send they pressed.
pub fn mount(host: HtmlElement, config: Result<Config, ConfigError>, emitter: Emitter) -> Mounted {
    // The host's choice, else the page's language, else the browser's.
    let mut wanted: Vec<String> = config.as_ref().ok().and_then(|c| c.locale.clone()).into_iter().collect();
    wanted.extend(page_language(&host));
    wanted.extend(browser_languages());
    let start = move |words: &'static Messages| {
        let mut config = config;
        // Read now, not before the words came: the buyer may have typed meanwhile.
        let mut takeover = Takeover::find(&host, config.as_mut().ok());
        let ids = takeover.as_ref().map(|t| t.ids.clone());
        let typed = takeover.as_mut().map(|t| std::mem::take(&mut t.typed)).unwrap_or_default();
        let catalog = with_texts(words, config.as_ref().map_or(&[][..], |c| &c.texts));
        let owner = Owner::new();
        let focus = FocusTelling::start(&host, emitter.clone());
        let shadow_ids = ShadowRootIds::of(&host);
        let view = owner.with(|| {
            leptos::mount::mount_to(host, move || {
                provide_context(catalog);
                Events::provide(move |event| emitter.emit(event));
                Prefill::provide(typed);
                view! { <PortingWidget config ids /> }
            })
        });
        if let Some(takeover) = takeover {
            takeover.finish();
        }
        Running { view: Some(Box::new(view)), owner, _focus: focus, _ids: shadow_ids }
    };
    let running: Rc<RefCell<Option<Box<dyn std::any::Any>>>> = Rc::default();
    let lang = language_for(wanted.iter().map(String::as_str));
    // From inside a widget's task (a listener remounting) it starts after, to be no child of it.
    if lang.is_none() && Owner::current().is_none() {
        *running.borrow_mut() = Some(Box::new(start(&EN)));
    } else {
        // Unmounted meanwhile: nothing to start.
        let waiting = Rc::downgrade(&running);
        // Not Leptos' executor, which the first mount starts.
        wasm_bindgen_futures::spawn_local(async move {
            let words = match lang {
                Some(lang) => language(lang).await,
                None => &EN,
            };
            if let Some(running) = waiting.upgrade() {
                *running.borrow_mut() = Some(Box::new(start(words)));
            }
        });
    }
    Mounted { _unmount: Box::new(running) }
}
