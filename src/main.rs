fn main() {
    // A release build aborts at a panic before any hook runs (`panic=immediate-abort`).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    porting_widget::define_custom_element();
    porting_widget::mount_all();
}
