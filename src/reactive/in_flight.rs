//! One request at a time, with a busy flag: in place of `Action::new_local`.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use super::Tasks;

/// Sends one request at a time; while it is out, [`InFlight::busy`] holds and another is ignored.
#[derive(Clone, Copy)]
pub struct InFlight {
    busy: RwSignal<bool>,
    tasks: StoredValue<Tasks>,
}

impl InFlight {
    /// Requests sent from the calling component, and ended with it.
    pub fn here() -> InFlight {
        InFlight { busy: RwSignal::new(false), tasks: StoredValue::new(Tasks::here()) }
    }

    /// Whether a request is out.
    pub fn busy(&self) -> Signal<bool> {
        self.busy.into()
    }

    /// Sends `request` unless one is out (then false), and hands its answer to `then` once the
    /// busy flag is down again.
    pub fn send<R: 'static>(
        &self,
        request: Pin<Box<dyn Future<Output = R>>>,
        then: impl FnOnce(R) + 'static,
    ) -> bool {
        if self.busy.get_untracked() {
            return false;
        }
        self.busy.set(true);
        let busy = self.busy;
        self.tasks.with_value(|tasks| {
            tasks.spawn(async move {
                let answer = request.await;
                busy.set(false);
                then(answer);
            })
        });
        true
    }
}
