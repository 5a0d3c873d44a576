fn main() {
    console_error_panic_hook::set_once();
    porting_widget::mount_all();
}
