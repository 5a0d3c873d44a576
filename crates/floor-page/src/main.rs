//! One status line and one labelled input that flags itself while empty, mounted by Leptos: what
//! any Leptos page pays before its own code, built and served as the widget is.

#[cfg(target_arch = "wasm32")]
use leptos::prelude::*;

#[cfg(not(target_arch = "wasm32"))]
fn main() {}

#[cfg(target_arch = "wasm32")]
fn main() {
    leptos::mount::mount_to_body(|| {
        let (number, set_number) = signal(String::new());
        view! {
            <p data-status="ready">"Ready"</p>
            <label for="number">"Phone number"</label>
            <input
                id="number"
                data-field="accountNumber"
                type="tel"
                aria-invalid=move || number.with(String::is_empty).then_some("true")
                on:input=move |ev| set_number.set(event_target_value(&ev))
            />
        }
    });
}
