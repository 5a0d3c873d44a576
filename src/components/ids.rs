//! The element ids of one widget: a base no other widget on the page has, and a count of the
//! parts that asked for a prefix, so the server's rendering of a state and the browser's give
//! every element the same id.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use leptos::prelude::*;

/// The ids of the widget around the calling component.
#[derive(Clone)]
pub struct Ids {
    base: Arc<str>,
    parts: Arc<AtomicUsize>,
}

impl Ids {
    /// Ids from `base` for the widget built from here on.
    pub fn provide(base: String) -> Ids {
        let ids = Ids { base: base.into(), parts: Arc::default() };
        provide_context(ids.clone());
        ids
    }

    /// A base no other widget on this page has.
    pub fn fresh_base() -> String {
        static NEXT: AtomicUsize = AtomicUsize::new(1);
        format!("pw{}", NEXT.fetch_add(1, Ordering::Relaxed))
    }

    /// The id of the widget's own element `name`, e.g. its title.
    pub fn of(&self, name: &str) -> String {
        format!("{}-{name}", self.base)
    }
}

/// The ids of the widget around the calling component; a fresh base for a part mounted alone.
pub fn ids() -> Ids {
    use_context::<Ids>().unwrap_or_else(|| Ids { base: Ids::fresh_base().into(), parts: Arc::default() })
}

/// A prefix for the ids of one part of the widget (a form, the actions), unique on the page.
pub fn id_prefix() -> String {
    let ids = ids();
    let part = ids.parts.fetch_add(1, Ordering::Relaxed) + 1;
    format!("{}-{part}", ids.base)
}
