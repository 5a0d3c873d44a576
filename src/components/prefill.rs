//! What the buyer typed into the server's rendering before the widget ran: the first form the
//! widget builds takes it, so nothing they typed is lost, the PIN included.

use leptos::prelude::*;

/// The answers typed before the widget ran, by each field's `data-field`, until a form takes them.
#[derive(Clone, Copy)]
pub struct Prefill(StoredValue<Vec<(String, String)>>);

impl Prefill {
    /// Gives `typed` to the first form built from here on.
    pub fn provide(typed: Vec<(String, String)>) {
        provide_context(Prefill(StoredValue::new(typed)));
    }

    /// The answers typed before the widget ran, for the first form to ask; nothing afterwards.
    pub fn take() -> Vec<(String, String)> {
        use_context::<Prefill>()
            .map(|prefill| prefill.0.try_update_value(std::mem::take).unwrap_or_default())
            .unwrap_or_default()
    }
}
