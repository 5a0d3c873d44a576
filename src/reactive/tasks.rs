//! Work a component starts that outlives the click: a request, and what its answer changes.

use std::future::Future;
#[cfg(target_arch = "wasm32")]
use std::pin::Pin;

#[cfg(target_arch = "wasm32")]
use leptos::prelude::*;
#[cfg(target_arch = "wasm32")]
use leptos::task::spawn_local_scoped_with_cancellation;

/// The component being built, as the owner of the tasks it starts.
#[derive(Clone)]
pub struct Tasks {
    #[cfg(target_arch = "wasm32")]
    owner: Option<Owner>,
}

impl Tasks {
    pub fn here() -> Tasks {
        Tasks {
            #[cfg(target_arch = "wasm32")]
            owner: Owner::current(),
        }
    }

    /// Runs `task` until it ends or the component goes, whichever is first: an answer that comes
    /// after the widget was removed touches nothing disposed (that would trap the whole wasm). A
    /// task started by a button still lives on when the button goes.
    #[cfg(target_arch = "wasm32")]
    pub fn spawn(&self, task: impl Future<Output = ()> + 'static) {
        // Boxed, so the cancelling machinery is compiled once, not once per task.
        let task: Pin<Box<dyn Future<Output = ()>>> = Box::pin(task);
        let start = || spawn_local_scoped_with_cancellation(task);
        match &self.owner {
            Some(owner) => owner.with(start),
            None => start(),
        }
    }

    /// The server renders one moment of the widget: what its components would start, it drops.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn spawn(&self, task: impl Future<Output = ()> + 'static) {
        drop(task);
    }
}
