//! The widget in the stacks telcos embed it from, each driven through the create step, the form
//! and live status with axe-core: a design system's page that renders it in an open shadow root,
//! a React 19 app, and a server-rendered page whose element arrives before any script.

use porting_e2e::page::{error_summary, focused, script, shown_fields, wait_for_focus, wait_until};
use porting_e2e::widget::{
    answer_shown, fill_create_step, submit, wait_for_form, wait_for_status, wait_for_takeover,
};
use porting_e2e::{assert_accessible, run, Proxy};
use porting_model::{Porting, Status};
use serde_json::{json, Value};

/// A US test number whose porting completes, as the buyer types it.
const COMPLETES: &str = "202 555 0100";

/// The events the host page logged in `#events`, each as its name.
async fn heard(browser: &fantoccini::Client) -> Vec<String> {
    let names = script(
        browser,
        "return [...document.querySelectorAll('#events li')].map(li => li.textContent.split(' ')[0]);",
        vec![],
    )
    .await;
    serde_json::from_value(names).expect("event names")
}

/// Creates the porting from the create step on show, subscribes it as the merchant's checkout
/// does, and waits for the form of what it requires; the porting as created.
async fn create_and_subscribe(browser: &fantoccini::Client, proxy: &Proxy, user: &str) -> Porting {
    fill_create_step(browser, "US", COMPLETES, "AT&T").await;
    submit(browser).await;
    wait_for_form(browser).await;
    let created = proxy.porting_of(user).expect("the porting was created");
    proxy.subscribe(&created.id);
    wait_for_status(browser, &Status::InformationRequired).await;
    created
}

#[tokio::test]
async fn in_a_shadow_root_the_widget_is_styled_labelled_and_heard_by_the_document() {
    run(|world| async move {
        let (browser, proxy) = (&world.browser, &world.proxy);
        let user = "usr_shadow";
        let page = proxy.host_page("shadow.html", &["shadow.js"], &proxy.session(user, &[]));
        browser.goto(&page).await.unwrap();
        let in_shadow = "const shadow = document.querySelector('shop-checkout').shadowRoot;
             return !!shadow.querySelector('[data-field=phoneNumber]') && !shadow.querySelector('.pw-prerendered');";
        wait_until(browser, "the widget runs the create step inside the component's shadow root", in_shadow, vec![]).await;
        assert_eq!(
            script(browser, "return document.querySelector('.pw');", vec![]).await,
            Value::Null,
            "nothing of the widget in the document itself"
        );
        // The widget's stylesheet, linked in the root, styles it there.
        let styled = "return parseFloat(getComputedStyle(root.querySelector('.pw-submit')).minHeight) >= 44;";
        assert_eq!(script(browser, styled, vec![]).await, json!(true));
        assert_accessible(browser, "shadow root, create step").await;
        create_and_subscribe(browser, proxy, user).await;

        // Labels and descriptions name elements of the same root.
        let unlinked = "return [...root.querySelectorAll('.pw [data-field]')].flatMap(f => {
                const broken = [];
                if (f.labels.length === 0 && !f.closest('fieldset')) broken.push(`${f.dataset.field}: no label`);
                for (const id of (f.getAttribute('aria-describedby') || '').split(' ').filter(Boolean))
                    if (!root.getElementById(id)) broken.push(`${f.dataset.field}: ${id}`);
                return broken;
            });";
        assert_eq!(script(browser, unlinked, vec![]).await, json!([]));
        // The error summary takes focus and its links move it to their fields, inside the root.
        submit(browser).await;
        let listed: Vec<Option<String>> = error_summary(browser).await.into_iter().map(|entry| entry.field).collect();
        let expected = [
            "accountNumber",
            "accountPin",
            "firstName",
            "lastName",
            "address.line1",
            "address.city",
            "address.state",
            "address.postalCode",
        ];
        assert_eq!(listed, expected.map(|name| Some(name.to_owned())), "each problem links to its field");
        wait_for_focus(browser, "pw-error-summary").await;
        assert_accessible(browser, "shadow root, problems").await;
        porting_e2e::page::find(browser, ".pw-error-summary a").await.expect("a link").click().await.unwrap();
        wait_for_focus(browser, "accountNumber").await;

        answer_shown(browser, &[]).await;
        assert_eq!(shown_fields(browser).await.first().map(String::as_str), Some("accountNumber"));
        // Scrolled to first: WebKit's WebDriver does not bring an element in a shadow root into
        // view before it clicks, and a click off screen reaches nothing.
        script(browser, "root.querySelector('.pw-submit').scrollIntoView({ block: 'center' });", vec![]).await;
        submit(browser).await;
        let sent = |calls: &[porting_e2e::Call]| calls.iter().any(|call| call.method == "PATCH" && call.status == 200);
        proxy.requests.wait_for("the answers are sent", sent).await;
        wait_for_status(browser, &Status::Completed).await;
        assert_accessible(browser, "shadow root, completed").await;
        assert_ne!(focused(browser).await, "BODY");
        let events = heard(browser).await;
        for name in ["ready", "validationchange", "submit", "statuschange", "completed"] {
            assert!(events.iter().any(|e| e == name), "{name} reached the document: {events:?}");
        }
    })
    .await;
}

#[tokio::test]
async fn in_a_react_app_the_widget_takes_its_attributes_events_and_a_refreshed_session() {
    run(|world| async move {
        let (browser, proxy) = (&world.browser, &world.proxy);
        let user = "usr_react";
        let page = proxy.host_page("react.html", &["react-checkout.js"], &proxy.session(user, &[]));
        browser.goto(&page).await.unwrap();
        wait_until(
            browser,
            "React renders the create step and the widget takes it over",
            // Typed into only once the widget runs: the takeover replaces the fetched rendering.
            "return !!root.querySelector('[data-field=phoneNumber]') && !root.querySelector('.pw-prerendered');",
            vec![],
        )
        .await;
        assert_accessible(browser, "React app, create step").await;
        let created = create_and_subscribe(browser, proxy, user).await;

        // The app's backend refreshes the session; React puts it on the element, which the widget
        // follows with instead of its own.
        let refreshed = proxy.session(user, &[&created.id]);
        let refresh = "window.dispatchEvent(new CustomEvent('shop:session', { detail: arguments[0] }));";
        script(browser, refresh, vec![json!(refreshed)]).await;
        let applied =
            "return document.querySelector('porting-widget').getAttribute('session') === arguments[0];";
        wait_until(browser, "React sets the refreshed session", applied, vec![json!(refreshed)]).await;
        assert_accessible(browser, "React app, form").await;
        answer_shown(browser, &[]).await;
        submit(browser).await;
        wait_for_status(browser, &Status::Completed).await;
        assert_accessible(browser, "React app, completed").await;
        let events = heard(browser).await;
        // Not `ready`: React adds its listener after its first paint, which the widget may beat.
        for name in ["submit", "statuschange", "completed"] {
            assert!(events.iter().any(|e| e == name), "{name} heard through the ref: {events:?}");
        }
        assert!(
            !events.iter().any(|e| e == "loaderror"),
            "the refreshed session reaches the porting: {events:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_server_rendered_page_is_upgraded_in_place_without_asking_for_the_porting_again() {
    run(|world| async move {
        let (browser, proxy) = (&world.browser, &world.proxy);
        let porting = proxy.waiting_porting("usr_ssr", "+12025550100", "svp_us_att");
        let page = proxy.prerendered_page("ssr.html", &porting).await;
        browser.goto(&page).await.unwrap();
        wait_for_form(browser).await;
        // Audited once the widget has taken over: an audit during the swap cannot decide.
        wait_for_takeover(browser).await;
        assert_accessible(browser, "server-rendered page, taken over").await;
        let path = format!("/api/portings/{}", porting.id);
        let streaming =
            |calls: &[porting_e2e::Call]| calls.iter().any(|c| c.path == format!("{path}/events"));
        proxy.requests.wait_for("the widget follows the porting live", streaming).await;
        answer_shown(browser, &[]).await;
        submit(browser).await;
        wait_for_status(browser, &Status::Completed).await;
        assert_accessible(browser, "server-rendered page, completed").await;
        let asked_again: Vec<_> = proxy
            .requests
            .api_calls()
            .into_iter()
            .filter(|call| call.method == "GET" && call.path == path)
            .collect();
        assert_eq!(asked_again, [], "the server's rendering was the porting's first state");
    })
    .await;
}

#[tokio::test]
async fn a_browser_without_webassembly_is_told_what_to_do_and_the_page_hears_it() {
    run(|world| async move {
        let (browser, proxy) = (&world.browser, &world.proxy);
        let page = proxy.host_page("no-wasm.html", &["no-wasm.js", "no-wasm-start.js"], &proxy.session("usr_old", &[]));
        browser.goto(&page).await.unwrap();
        let said = "const p = document.querySelector('porting-widget .pw-unavailable');
                    return p && [p.getAttribute('role'), p.textContent];";
        let said = wait_until(browser, "the element says the browser cannot run it", said, vec![]).await;
        assert_eq!(
            said,
            json!([
                "alert",
                "This browser can't run the form to keep your number. Open this page in an up-to-date browser, such as Safari, Chrome, Firefox or Edge, or contact us to transfer your number."
            ]),
            "announced as an alert"
        );
        let heard = "return [...document.querySelectorAll('#events li')].map(li => li.textContent);";
        assert_eq!(
            script(browser, heard, vec![]).await,
            json!([r#"loaderror {"kind":"unsupported","status":null}"#])
        );
        assert_accessible(browser, "no WebAssembly").await;
        assert_eq!(proxy.requests.api_calls(), [], "nothing asked of the proxy");
    })
    .await;
}
