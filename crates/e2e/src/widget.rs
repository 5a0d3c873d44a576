//! The steps the journeys share: the create step, answering what the form asks, submitting and
//! waiting for a status. These use the mouse where a buyer might; the keyboard journey uses
//! [`crate::keyboard`] alone.

use fantoccini::Client;
use porting_model::Status;
use porting_widget::messages::EN;
use serde_json::json;

use crate::page::{field, find, shown_fields, value, wait_for_text, wait_until, with_text};
use crate::proxy::Proxy;

/// The test buyer's valid answer to each field by name. Address line 2 is optional and left out.
const ANSWERS: &[(&str, &str)] = &[
    ("accountNumber", "123456789"),
    ("accountPin", "1234"),
    ("firstName", "Jerry"),
    ("lastName", "Seinfeld"),
    ("birthday-day", "21"),
    ("birthday-month", "7"),
    ("birthday-year", "1980"),
    ("address.country", "US"),
    ("address.line1", "129 West 81st Street"),
    ("address.city", "New York"),
    ("address.state", "NY"),
    ("address.postalCode", "10024"),
    ("donorProviderApproval", "on"),
];

/// The test buyer's answer to the field `name`.
pub fn answer(name: &str) -> &'static str {
    ANSWERS.iter().find(|(field, _)| *field == name).map(|(_, value)| *value).unwrap_or_default()
}

/// Replaces what the text box `name` holds with `text`, typed.
pub async fn fill(browser: &Client, name: &str, text: &str) {
    let input = field(browser, name).await;
    input.clear().await.unwrap_or_else(|e| panic!("cannot clear {name}: {e}"));
    input.send_keys(text).await.unwrap_or_else(|e| panic!("cannot type into {name}: {e}"));
}

/// Chooses the option `code` of the drop-down list `name`.
pub async fn select(browser: &Client, name: &str, code: &str) {
    let list = field(browser, name).await;
    list.select_by_value(code).await.unwrap_or_else(|e| panic!("cannot choose {code} in {name}: {e}"));
}

/// Gives the field `name` the answer `text`, whatever kind of field it is.
async fn answer_field(browser: &Client, name: &str, text: &str) {
    let element = field(browser, name).await;
    let kind = element.attr("type").await.unwrap().unwrap_or_default();
    match (element.tag_name().await.unwrap().as_str(), kind.as_str()) {
        ("select", _) => select(browser, name, text).await,
        (_, "checkbox") => {
            if value(browser, name).await != text {
                element.click().await.unwrap();
            }
        }
        _ => fill(browser, name, text).await,
    }
}

/// Answers every field the form shows, and only those, from [`ANSWERS`] with `changed` instead
/// where it names the field. Returns the names of the fields shown.
pub async fn answer_shown(browser: &Client, changed: &[(&str, &str)]) -> Vec<String> {
    let shown = shown_fields(browser).await;
    for name in &shown {
        let text = changed.iter().find(|(field, _)| field == name).map_or(answer(name), |(_, text)| *text);
        if !text.is_empty() {
            answer_field(browser, name, text).await;
        }
    }
    shown
}

/// Waits for the create step.
async fn wait_for_create_step(browser: &Client) {
    wait_until(
        browser,
        "the create step shows",
        "return !!root.querySelector('[data-field=phoneNumber]');",
        vec![],
    )
    .await;
}

/// Waits for the porting's form.
pub async fn wait_for_form(browser: &Client) {
    wait_for_text(browser, ".pw-intro", |text| text == EN.form_intro).await;
}

/// Waits until the widget has taken the server's rendering over: the rendering gone, the widget's
/// own section in its element.
pub async fn wait_for_takeover(browser: &Client) {
    let code = "return !document.querySelector('.pw-prerendered') && !!document.querySelector('porting-widget > section.pw');";
    wait_until(browser, "the widget takes the server's rendering over", code, vec![]).await;
}

/// Opens the merchant's checkout page for `user`, a new buyer, and waits for the create step.
pub async fn open_create_step(browser: &Client, proxy: &Proxy, user: &str) {
    browser.goto(&proxy.create_step_page(&format!("{user}.html"), user)).await.unwrap();
    wait_for_create_step(browser).await;
}

/// Fills in the create step: the number's `country` and `number` as the buyer knows it, and
/// `donor` found by typing its name into the provider combobox and picked from the list.
pub async fn fill_create_step(browser: &Client, country: &str, number: &str, donor: &str) {
    select(browser, "phoneCountry", country).await;
    fill(browser, "phoneNumber", number).await;
    fill(browser, "donorProvider", donor).await;
    with_text(browser, "[role=option]", donor).await.click().await.unwrap();
    assert_eq!(value(browser, "donorProvider").await, donor);
}

/// Submits the form on show with its submit button.
pub async fn submit(browser: &Client) {
    let button = find(browser, ".pw-submit").await.expect("a submit button");
    button.click().await.unwrap();
}

/// Waits until the widget shows `status` as the porting's.
pub async fn wait_for_status(browser: &Client, status: &Status) {
    wait_until(
        browser,
        &format!("the widget shows the status {status}"),
        "const shown = root.querySelector('.pw-status [data-status]');
         return shown && shown.dataset.status === arguments[0];",
        vec![json!(status.to_string())],
    )
    .await;
}

/// The catalog of `lang` as the widget makes it from the words it fetches (`lang/<tag>.json`).
pub fn language(lang: &str) -> &'static porting_widget::messages::Messages {
    let path = format!("{}/../../lang/{lang}.json", env!("CARGO_MANIFEST_DIR"));
    let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    porting_widget::messages::language_from_json(&json).unwrap_or_else(|e| panic!("{path}: {e}"))
}
