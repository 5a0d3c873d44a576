//! The demo's number-transfer form in a real browser: what it asks for, and how it refuses invalid
//! answers, with the keyboard alone. (The journeys that send answers are in `journeys.rs`.)

use fantoccini::key::Key;
use fantoccini::Locator;
use porting_e2e::page::wait_for_focus;
use porting_e2e::{assert_accessible, run, wait_for_text};
use porting_model::validate::Problem;
use porting_widget::form::Field;
use porting_widget::messages::EN;

#[tokio::test]
async fn the_demo_form_refuses_invalid_answers_with_specific_messages_accessibly() {
    run(|world| async move {
        let browser = &world.browser;
        browser.goto(&world.proxy.url).await.unwrap();
        // The demo's donor (AT&T) requires an account number, PIN, names and address.
        wait_for_text(browser, ".pw-section-title", |t| t == EN.section_carrier).await;
        for name in
            ["accountNumber", "accountPin", "firstName", "lastName", "address.line1", "address.postalCode"]
        {
            browser
                .find(Locator::Css(&format!("[data-field='{name}']")))
                .await
                .unwrap_or_else(|_| panic!("{name}"));
        }
        assert_accessible(browser, "form, empty").await;

        browser.find(Locator::Css("[data-field=accountPin]")).await.unwrap().send_keys("12a4").await.unwrap();
        let zip = browser.find(Locator::Css("[data-field='address.postalCode']")).await.unwrap();
        zip.send_keys("1234").await.unwrap();
        // Enter in a text box submits the form, as in any HTML form.
        zip.send_keys(&Key::Enter.to_string()).await.unwrap();

        let pin = EN.problem(Field::AccountPin, &Problem::NotDigits);
        let summary = wait_for_text(browser, ".pw-error-summary:not([hidden])", |t| t.contains(&pin)).await;
        assert!(summary.contains(&EN.problem(Field::PostalCode, &Problem::InvalidZip)), "{summary}");
        assert!(summary.contains(&EN.problem(Field::FirstName, &Problem::Required)), "{summary}");
        wait_for_focus(browser, "pw-error-summary").await;
        assert_accessible(browser, "form, errors shown").await;
    })
    .await;
}
