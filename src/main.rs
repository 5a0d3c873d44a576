fn main() {
    console_error_panic_hook::set_once();
    porting_widget::define_custom_element();
    porting_widget::mount_all();
}
