//! One status line and one labelled input, mounted by Leptos: what any Leptos page pays before
//! its own code, built and served as the widget is.

use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        view! {
            <p data-status="ready">"Ready"</p>
            <label for="number">"Phone number"</label>
            <input id="number" type="tel"/>
        }
    });
}
