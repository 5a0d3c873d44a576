//! Work a component starts that outlives the click: a request, and what its answer changes.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;

/// The component being built, as the owner of the tasks it starts.
#[derive(Clone)]
pub struct Tasks(Option<Owner>);

impl Tasks {
    pub fn here() -> Tasks {
        Tasks(Owner::current())
    }

    /// Runs `task` until it ends or the component goes, whichever is first: an answer that comes
    /// after the widget was removed touches nothing disposed (that would trap the whole wasm). A
    /// task started by a button still lives on when the button goes.
    pub fn spawn(&self, task: impl Future<Output = ()> + 'static) {
        // Boxed, so the cancelling machinery is compiled once, not once per task.
        let task: Pin<Box<dyn Future<Output = ()>>> = Box::pin(task);
        let start = || spawn_local_scoped_with_cancellation(task);
        match &self.0 {
            Some(owner) => owner.with(start),
            None => start(),
        }
    }
}
