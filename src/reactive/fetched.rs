//! A value fetched by a task, with a way to fetch it again: in place of `LocalResource` with
//! `refetch`.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use super::Tasks;
use crate::api::ApiError;

/// `None` while the value loads, then what the fetch answered.
pub struct Fetched<T: Send + Sync + 'static> {
    value: RwSignal<Option<Result<T, ApiError>>>,
    refetch: Callback<()>,
}

impl<T: Send + Sync + 'static> Clone for Fetched<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Fetched<T> {}

/// A fetch under way. Boxed, so the fetching code is compiled once.
pub type Fetching<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

impl<T: Send + Sync + 'static> Fetched<T> {
    /// Starts `fetch` now, and again at each [`Fetched::refetch`], in the calling component.
    pub fn new(fetch: impl Fn() -> Fetching<T> + Send + Sync + 'static) -> Fetched<T> {
        let value = RwSignal::new(None);
        let tasks = Tasks::here();
        let refetch = Callback::new(move |()| {
            value.set(None);
            let fetching = fetch();
            tasks.spawn(async move {
                let answer = fetching.await;
                let _ = value.try_set(Some(answer));
            });
        });
        refetch.run(());
        Fetched { value, refetch }
    }

    /// Reads the value as it stands (`None` while it loads).
    pub fn with<U>(&self, read: impl FnOnce(&Option<Result<T, ApiError>>) -> U) -> U {
        self.value.with(read)
    }

    /// Reads the value once (an event handler).
    pub fn with_untracked<U>(&self, read: impl FnOnce(&Option<Result<T, ApiError>>) -> U) -> U {
        self.value.with_untracked(read)
    }

    /// Fetches the value again ("Try again").
    pub fn refetch(&self) {
        self.refetch.run(());
    }
}
