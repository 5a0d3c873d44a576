//! The standalone page, as a newcomer opens it.

use fantoccini::Locator;
use porting_e2e::{assert_accessible, audit, run, wait_for_text};
use porting_proxy::routes::demo::DEMO_PHONE_NUMBER;
use porting_widget::messages::EN;

#[tokio::test]
async fn standalone_page_shows_the_demo_portings_number_and_status() {
    run(|world| async move {
        let browser = &world.browser;
        browser.goto(&world.proxy.url).await.unwrap();
        // The number as people write it.
        let written = porting_model::validate::written(DEMO_PHONE_NUMBER);
        assert_ne!(written, DEMO_PHONE_NUMBER);
        wait_for_text(browser, ".pw-number", |t| t == written).await;
        let status = browser.find(Locator::Css(".pw-status [data-status]")).await.unwrap();
        assert_eq!(status.attr("data-status").await.unwrap().as_deref(), Some("informationRequired"));
        assert!(status.text().await.unwrap().contains(EN.status_information_required));
        assert_accessible(browser, "demo porting loaded").await;
    })
    .await;
}

#[tokio::test]
async fn the_widget_explains_that_the_proxy_is_down() {
    run(|world| async move {
        let browser = &world.browser;
        // A proxy base where nothing listens: the page loads, every API call fails.
        let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
        let page = world.proxy.page(
            "down.html",
            &format!(r#"data-proxy-base="http://{dead}/api" data-session="s" data-porting-id="prt_1""#),
        );
        browser.goto(&page).await.unwrap();
        let alert = wait_for_text(browser, ".pw-error", |t| t.contains(EN.error_unreachable)).await;
        assert!(alert.contains(EN.retry), "a retry is offered: {alert}");
        assert_accessible(browser, "proxy unreachable").await;
    })
    .await;
}

#[tokio::test]
async fn a_session_for_another_porting_gets_not_found() {
    run(|world| async move {
        let browser = &world.browser;
        let session = world.proxy.session("usr_nobody", &["prt_missing"]);
        let page = world.proxy.page(
            "missing.html",
            &format!(r#"data-proxy-base="/api" data-session="{session}" data-porting-id="prt_missing""#),
        );
        browser.goto(&page).await.unwrap();
        wait_for_text(browser, "[role=alert]", |t| t.contains(EN.error_not_found)).await;
        assert_accessible(browser, "porting not found").await;
    })
    .await;
}

#[tokio::test]
async fn an_audit_fails_on_what_axe_cannot_decide_until_a_person_reviewed_it() {
    run(|world| async move {
        let browser = &world.browser;
        browser.goto(&world.proxy.url).await.unwrap();
        wait_for_text(browser, ".pw-title", |t| t == EN.title).await;
        // Text over a gradient: axe-core cannot tell its contrast, a person must.
        let paint = "const p = document.createElement('p'); p.textContent = 'Over a gradient';
                     p.style.backgroundImage = 'linear-gradient(#fff, #333)'; document.querySelector('.pw').append(p);";
        browser.execute(paint, vec![]).await.unwrap();
        let found = audit(browser).await;
        assert!(found.violations.is_empty(), "{:#?}", found.violations);
        assert!(found.incomplete.iter().any(|f| f["id"] == "color-contrast"), "{:#?}", found.incomplete);
        let checked = std::panic::AssertUnwindSafe(assert_accessible(browser, "text over a gradient"));
        assert!(futures_util::FutureExt::catch_unwind(checked).await.is_err(), "the unreviewed result fails");
    })
    .await;
}
