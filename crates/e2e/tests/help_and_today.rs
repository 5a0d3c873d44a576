//! Help for the buyer's own provider, and today's Gigs porting, against the real proxy and
//! simulator: a wrong Verizon PIN reopened with Verizon's help, the help open in every language
//! under axe-core, and the page behind "Track your number transfer".

use fantoccini::{Client, Locator};
use porting_e2e::page::{shown_fields, wait_until};
use porting_e2e::widget::{answer_shown, fill, language, submit, wait_for_form, wait_for_status};
use porting_e2e::{assert_accessible, run, wait_for_text};
use porting_model::Status;
use porting_widget::messages::EN;
use serde_json::json;

/// The text of the help panel that is open beside the field `name`, once its words are in.
async fn open_help(browser: &Client, name: &str) -> String {
    let found = wait_until(
        browser,
        &format!("the help beside {name} is open with its words"),
        "const field = document.querySelector(`[data-field='${arguments[0]}']`);
         const button = field && field.closest('.pw-field').nextElementSibling.querySelector('.pw-help-toggle');
         const panel = button && document.getElementById(button.getAttribute('aria-controls'));
         return panel && !panel.hidden && button.getAttribute('aria-expanded') === 'true'
           && !panel.textContent.endsWith('…') && panel.textContent;",
        vec![json!(name)],
    )
    .await;
    found.as_str().unwrap().to_owned()
}

/// Presses the "Where do I find this?" button under the field `name`.
async fn press_help(browser: &Client, name: &str) {
    let field = browser.find(Locator::Css(&format!("[data-field='{name}']"))).await.unwrap();
    let frame = field.find(Locator::XPath("./ancestor::div[contains(@class,'pw-field')][1]")).await.unwrap();
    let button = frame.find(Locator::XPath("following-sibling::div[1]//button")).await.unwrap();
    button.click().await.unwrap();
}

#[tokio::test]
async fn a_verizon_buyer_declined_for_a_wrong_pin_gets_verizons_help_and_the_fix_completes() {
    run(|world| async move {
        let browser = &world.browser;
        // +1 202 555 0102: the donor declines the PIN once, then completes.
        let porting = world.proxy.waiting_porting("usr_verizon", "+12025550102", "svp_us_verizon");
        browser.goto(&world.proxy.porting_page("usr_verizon.html", &porting)).await.unwrap();
        wait_for_form(browser).await;
        answer_shown(browser, &[]).await;
        submit(browser).await;
        wait_for_status(browser, &Status::Declined).await;
        wait_for_text(browser, ".pw-intro", |t| t == EN.fix_intro).await;
        assert_eq!(shown_fields(browser).await, ["accountPin"], "only the PIN is asked again");

        // The reopened PIN shows Verizon's own help, open without asking.
        let help = open_help(browser, "accountPin").await;
        assert!(help.contains("Verizon"), "{help}");
        assert_accessible(browser, "declined, the PIN to correct with Verizon's help").await;

        fill(browser, "accountPin", "5678").await;
        submit(browser).await;
        wait_for_status(browser, &Status::Completed).await;
        assert_eq!(world.proxy.simulator.get(&porting.id).unwrap().declined_attempts, 1);
    })
    .await;
}

#[tokio::test]
async fn the_help_open_has_no_accessibility_violation_in_any_language() {
    run(|world| async move {
        let browser = &world.browser;
        let porting = world.proxy.waiting_porting("usr_help", "+12025550100", "svp_us_tmobile");
        let session = world.proxy.session(&porting.user, &[&porting.id]);
        for (lang, anchor) in [("en", "T-Life"), ("de", "T-Life"), ("es", "T-Life")] {
            let attributes = format!(
                r#"data-proxy-base="/api" data-session="{session}" data-porting-id="{}" data-locale="{lang}""#,
                porting.id
            );
            browser.goto(&world.proxy.page(&format!("help-{lang}.html"), &attributes)).await.unwrap();
            let words = if lang == "en" { &EN } else { language(lang) };
            wait_for_text(browser, ".pw-intro", |t| t == words.form_intro).await;
            for name in ["accountNumber", "accountPin"] {
                press_help(browser, name).await;
            }
            assert!(open_help(browser, "accountPin").await.contains(anchor), "{lang}");
            open_help(browser, "accountNumber").await;
            assert_accessible(browser, &format!("the form with both helps open, {lang}")).await;
        }
    })
    .await;
}

#[tokio::test]
async fn the_confirmation_links_to_a_page_that_follows_the_transfer_alone() {
    run(|world| async move {
        let browser = &world.browser;
        browser.goto(&world.signup).await.unwrap();
        browser.find(Locator::Css("#plan button")).await.unwrap().click().await.unwrap();
        browser.find(Locator::Css("#number button")).await.unwrap().click().await.unwrap();
        wait_for_form(browser).await;
        answer_shown(browser, &[]).await;
        submit(browser).await;
        wait_for_text(browser, "#done-text", |text| text.contains("Number transfer:")).await;
        let link = browser.find(Locator::Css("#track")).await.unwrap();
        assert!(link.is_displayed().await.unwrap());
        assert_eq!(link.text().await.unwrap(), "Track your number transfer");
        // As written in the page (WebKit's WebDriver answers the resolved URL for `href`).
        let href = browser.execute("return document.getElementById('track').getAttribute('href');", vec![]).await.unwrap();
        let href = href.as_str().expect("the link has an href").to_owned();
        let id = href.strip_prefix("track.html?porting=").expect("the link names the porting");
        link.click().await.unwrap();

        // The tracking page: the widget alone, for that porting, with a session of its own.
        wait_until(browser, "the tracking page", "return location.pathname === '/track.html';", vec![]).await;
        wait_for_status(browser, &Status::Completed).await;
        let page = browser.execute("return { steps: !!document.querySelector('.steps'), widgets: document.querySelectorAll('porting-widget').length };", vec![]).await.unwrap();
        assert_eq!(page, json!({"steps": false, "widgets": 1}), "no checkout around it");
        assert_eq!(world.proxy.simulator.get(id).unwrap().status, Status::Completed, "that porting");
        assert_accessible(browser, "the tracking page, completed").await;
    })
    .await;
}

/// Starts recording every `porting:*` event the page hears, as `name detail-json`.
async fn record_events(browser: &Client) {
    let names = json!(porting_widget::events::Event::NAMES);
    browser
        .execute(
            "window.__heard = [];
             for (const name of arguments[0]) {
               document.addEventListener(`porting:${name}`, (e) => window.__heard.push(`${name} ${JSON.stringify(e.detail)}`));
             }",
            vec![names],
        )
        .await
        .unwrap();
}

async fn heard(browser: &Client) -> Vec<String> {
    serde_json::from_value(browser.execute("return window.__heard;", vec![]).await.unwrap()).unwrap()
}

#[tokio::test]
async fn a_failed_porting_is_told_as_ended_offers_nothing_and_asks_nothing_more() {
    run(|world| async move {
        let browser = &world.browser;
        // +1 202 555 0121: the donor's answer ends the porting `failed`.
        let porting = world.proxy.waiting_porting("usr_failed", "+12025550121", "svp_us_att");
        browser.goto(&world.proxy.porting_page("usr_failed.html", &porting)).await.unwrap();
        wait_for_form(browser).await;
        record_events(browser).await;
        answer_shown(browser, &[]).await;
        submit(browser).await;
        wait_for_status(browser, &Status::Failed).await;
        wait_for_text(browser, ".pw-announcer", |said| said == EN.announce(EN.status_failed)).await;
        wait_for_text(browser, ".pw-next", |t| t == EN.next_failed).await;
        let offered = browser
            .execute(
                "return [...document.querySelectorAll('.pw button, .pw input')]
                   .filter((e) => e.offsetParent !== null).map((e) => e.className || e.type);",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(offered, json!([]), "no cancel, no retry, no form");
        assert_accessible(browser, "failed").await;
        let told = heard(browser).await;
        let failed = format!(r#"failed {{"portingId":"{}"}}"#, porting.id);
        assert!(told.contains(&failed), "{told:#?}");
        assert!(
            told.iter().any(|e| e.starts_with("statuschange") && e.ends_with(r#""to":"failed"}"#)),
            "{told:#?}"
        );

        // Ended: nothing follows it any more.
        let before = world.proxy.requests.api_calls();
        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
        let after = world.proxy.requests.api_calls();
        assert_eq!(after.len(), before.len(), "no request after the failure: {:?}", &after[before.len()..]);
        let failed_at = world.proxy.simulator.get(&porting.id).unwrap().failed_at;
        assert!(failed_at.is_some(), "Gigs' failedAt is set");
    })
    .await;
}

#[tokio::test]
async fn an_irish_buyer_is_asked_the_kind_of_account_and_it_is_sent() {
    run(|world| async move {
        let browser = &world.browser;
        // Gigs Ireland (`p5`) and eir, which needs the kind of account; +353 20 910 0050 completes.
        let porting = world.proxy.waiting_porting_on("p5", "usr_irish", "+353209100050", "svp_ie_eir");
        assert_eq!(porting.required.iter().map(|n| n.as_str()).collect::<Vec<_>>(), ["accountType"]);
        browser.goto(&world.proxy.porting_page("usr_irish.html", &porting)).await.unwrap();
        wait_for_form(browser).await;
        assert_eq!(shown_fields(browser).await, ["accountType"; 4], "four choices");
        assert_accessible(browser, "the kind of account to choose").await;
        browser
            .find(Locator::Css("[data-field=accountType][value=prepaidRegistered]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        submit(browser).await;
        wait_for_status(browser, &Status::Completed).await;
        let sent = world.proxy.simulator.get(&porting.id).unwrap();
        assert_eq!(sent.account_type.as_ref().map(|t| t.as_str()), Some("prepaidRegistered"));
    })
    .await;
}

#[tokio::test]
async fn a_billing_pin_is_sent_and_never_kept_told_or_stored() {
    run(|world| async move {
        let browser = &world.browser;
        // Optimum Mobile asks a billing PIN beside the transfer PIN.
        let porting = world.proxy.waiting_porting("usr_billing", "+12025550100", "svp_us_optimum");
        browser.goto(&world.proxy.porting_page("usr_billing.html", &porting)).await.unwrap();
        wait_for_form(browser).await;
        record_events(browser).await;
        let billing = porting_e2e::page::field(browser, "billingPin").await;
        assert_eq!(billing.attr("type").await.unwrap().as_deref(), Some("password"), "masked");
        assert_eq!(billing.attr("autocomplete").await.unwrap().as_deref(), Some("one-time-code"));
        answer_shown(browser, &[("billingPin", "97531")]).await;
        submit(browser).await;
        wait_for_status(browser, &Status::Requested).await;
        let held = world.proxy.simulator.get(&porting.id).unwrap();
        assert!(held.billing_pin_exists, "Gigs has it");

        let traces = browser
            .execute(
                "return [document.documentElement.outerHTML, JSON.stringify(localStorage),
                         JSON.stringify(sessionStorage), location.href, JSON.stringify(window.__heard)];",
                vec![],
            )
            .await
            .unwrap();
        assert!(
            !traces.to_string().contains("97531"),
            "not in the page, storage, URL or any event: {traces}"
        );
        let answer = world
            .proxy
            .fetch(
                &format!("/api/portings/{}", porting.id),
                &world.proxy.session(&porting.user, &[&porting.id]),
            )
            .await;
        assert!(!answer.contains("97531") && answer.contains(r#""billingPinExists":true"#), "{answer}");
    })
    .await;
}
