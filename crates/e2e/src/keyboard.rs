//! The keyboard alone: keys go to whatever has focus, as a keyboard user's do; nothing is
//! clicked or focused by the test.

use fantoccini::key::Key;
use fantoccini::Client;

/// Types `keys` (text, or [`Key`]s as text) into the element that has focus.
pub async fn press(browser: &Client, keys: &str) {
    let focused = browser.active_element().await.expect("an element has focus");
    focused.send_keys(keys).await.unwrap_or_else(|e| panic!("cannot type {keys:?}: {e}"));
}

/// Presses `key` alone.
pub async fn key(browser: &Client, key: Key) {
    press(browser, &key.to_string()).await;
}

/// Moves focus to the next element in tab order.
pub async fn tab(browser: &Client) {
    key(browser, Key::Tab).await;
}

/// Moves focus to the previous element in tab order. (Shift stays down to the end of the keys.)
pub async fn shift_tab(browser: &Client) {
    press(browser, &format!("{}{}", Key::Shift, Key::Tab)).await;
}
