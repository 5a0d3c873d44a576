/// The page is the browser's; natively the crate renders the first state for the proxy instead.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}

#[cfg(target_arch = "wasm32")]
fn main() {
    // A release build aborts at a panic before any hook runs (`panic=immediate-abort`).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    porting_widget::define_custom_element();
    porting_widget::mount_all();
}
