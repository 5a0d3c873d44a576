//! The telco's signup page (`site/`) on its own origin, embedding `<porting-widget>` from the
//! proxy's origin under a strict Content-Security-Policy, as a real integration would.

use fantoccini::{Client, Locator};
use porting_e2e::page::wait_until;
use porting_e2e::widget::{answer_shown, language, submit, wait_for_form};
use porting_e2e::{assert_accessible, run, wait_for_text};
use porting_widget::messages::EN;
use serde_json::{json, Value};

async fn script(browser: &Client, code: &str) -> Value {
    browser.execute(code, vec![]).await.unwrap_or_else(|e| panic!("{code}: {e}"))
}

/// The names of the events the page logged, in order.
async fn logged(browser: &Client) -> Vec<String> {
    let lines =
        script(browser, "return [...document.querySelectorAll('#event-log li')].map(li => li.textContent);")
            .await;
    serde_json::from_value(lines).unwrap()
}

async fn choose_language(browser: &Client, code: &str, title: &str) {
    let list = browser.find(Locator::Css("#language")).await.unwrap();
    list.select_by_value(code).await.unwrap();
    wait_for_text(browser, ".pw-title", |text| text == title).await;
}

#[tokio::test]
async fn a_buyer_keeps_their_number_on_the_telcos_signup_page() {
    run(|world| async move {
        let browser = &world.browser;
        assert_ne!(world.signup, world.proxy.url, "two origins");
        browser.goto(&world.signup).await.unwrap();
        browser.find(Locator::Css("#plan button")).await.unwrap().click().await.unwrap();
        browser.find(Locator::Css("#number button")).await.unwrap().click().await.unwrap();
        wait_for_form(browser).await;
        // Loading and running the widget broke no rule of the page's policy (checked before the
        // audits, as axe-core itself adds a style element the policy refuses).
        let before_audits = logged(browser).await;
        assert!(!before_audits.iter().any(|line| line.starts_with("csp-violation")), "{before_audits:#?}");
        assert_accessible(browser, "signup page, English").await;

        // The page's language choice reaches the widget: German labels and German problems, in
        // words fetched from the widget's origin.
        let (de, es) = (language("de"), language("es"));
        choose_language(browser, "de", de.title).await;
        wait_for_text(browser, ".pw-intro", |text| text == de.form_intro).await;
        answer_shown(browser, &[("accountPin", "12a4")]).await;
        submit(browser).await;
        let problem = de.problem(porting_widget::form::Field::AccountPin, &porting_model::validate::Problem::NotDigits);
        let shown = wait_for_text(browser, ".pw-field-error:not([hidden])", |text| text.contains(&problem)).await;
        let shown = shown.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(shown, format!("{}{problem}", de.error_prefix), "the German prefix for screen readers too");
        assert_accessible(browser, "signup page, German, a problem shown").await;
        choose_language(browser, "es", es.title).await;
        assert_accessible(browser, "signup page, Spanish").await;
        choose_language(browser, "en", EN.title).await;
        wait_for_form(browser).await;

        // The appearance contract: a theme variable set by the host restyles the widget.
        let accent = "return getComputedStyle(document.querySelector('.pw-submit')).backgroundColor;";
        assert_ne!(script(browser, accent).await, json!("rgb(1, 2, 3)"));
        script(browser, "document.querySelector('porting-widget').style.setProperty('--pw-accent', 'rgb(1, 2, 3)');").await;
        let restyled = "return getComputedStyle(document.querySelector('.pw-submit')).backgroundColor === 'rgb(1, 2, 3)';";
        wait_until(browser, "the accent reaches the submit button (after its transition)", restyled, vec![]).await;

        // Ordinary element styles of a host page stop at the widget, and the widget's stay in it.
        script(
            browser,
            "const sheet = [...document.styleSheets].find(s => s.href && s.href.endsWith('signup.css'));
             for (const rule of ['* { line-height: 1.1 }',
                                 'input, select { height: 22px; width: 70px; font-size: 12px; padding: 0 }',
                                 'button { font-size: 12px; letter-spacing: 3px; min-height: 0; padding: 2px }',
                                 'label { text-transform: uppercase; font-size: 13px }']) {
               sheet.insertRule(rule, sheet.cssRules.length);
             }",
        )
        .await;
        let looks = script(
            browser,
            "const px = (el, p) => parseFloat(getComputedStyle(el)[p]);
             const pin = document.querySelector('[data-field=accountPin]');
             const send = document.querySelector('.pw-submit');
             const label = document.querySelector('.pw label');
             const host = document.getElementById('language');
             return { pinHeight: px(pin, 'height'), pinWidth: px(pin, 'width'), pinFont: px(pin, 'fontSize'),
                      sendHeight: px(send, 'height'), sendSpacing: getComputedStyle(send).letterSpacing,
                      labelCase: getComputedStyle(label).textTransform, hostSelectFont: px(host, 'fontSize') };",
        )
        .await;
        assert!(looks["pinHeight"].as_f64().unwrap() >= 44.0, "{looks}");
        assert!(looks["pinWidth"].as_f64().unwrap() > 120.0, "{looks}");
        assert!(looks["pinFont"].as_f64().unwrap() >= 16.0, "{looks}");
        assert!(looks["sendHeight"].as_f64().unwrap() >= 44.0, "{looks}");
        assert_eq!((&looks["sendSpacing"], &looks["labelCase"]), (&json!("normal"), &json!("none")), "{looks}");
        assert_eq!(looks["hostSelectFont"].as_f64(), Some(12.0), "the host's own styles still apply to the host");
        assert_accessible(browser, "signup page under the host's element styles").await;

        answer_shown(browser, &[]).await;
        submit(browser).await;
        let done = wait_for_text(browser, "#done-text", |text| text.contains("Number transfer:")).await;
        assert!(done.ends_with("requested."), "{done}");

        let log = logged(browser).await;
        let first = |name: &str| {
            log.iter().position(|line| line.split(' ').next() == Some(name)).unwrap_or_else(|| panic!("no {name}: {log:#?}"))
        };
        assert!(first("ready") < first("validationchange"), "{log:#?}");
        assert!(first("validationchange") < first("submit"), "{log:#?}");
        assert!(first("submit") < first("statuschange"), "{log:#?}");
        assert!(!log.iter().any(|line| line.contains("1234") || line.contains("12a4")), "no PIN: {log:#?}");
    })
    .await;
}

#[tokio::test]
async fn a_hundred_mounts_and_unmounts_leave_nothing_behind() {
    run(|world| async move {
        let browser = &world.browser;
        let porting = world.proxy.waiting_porting("usr_remount", "+12025550118", "svp_us_att");
        let session = world.proxy.session(&porting.user, &[&porting.id]);
        browser.goto(&world.signup).await.unwrap();
        wait_for_text(browser, "#plan button", |_| true).await;
        // The page's own widget runs and follows its porting before the counting starts, so its
        // listeners and stream are not counted as left over (a race on a busy machine).
        porting_e2e::widget::wait_for_takeover(browser).await;
        let following = |calls: &[porting_e2e::Call]| calls.iter().any(|call| call.path.ends_with("/events"));
        world.proxy.requests.wait_for("the page's own widget follows its porting", following).await;
        let outcome = browser
            .execute_async(
                "const [origin, session, id, done] = arguments;
                 // An async function of its own: WebDriver runs the script as a plain function body.
                 (async () => {
                 // Count the listeners on window and document, and the event streams opened and aborted.
                 let listeners = 0, streams = 0, aborted = 0;
                 for (const target of [window, document]) {
                   const add = target.addEventListener, remove = target.removeEventListener;
                   target.addEventListener = function (...args) { listeners++; return add.apply(this, args); };
                   target.removeEventListener = function (...args) { listeners--; return remove.apply(this, args); };
                 }
                 const fetch = window.fetch;
                 // Passed on as called: a Request made here could be collected with its signal.
                 window.fetch = (input, init) => {
                   const url = typeof input === 'string' ? input : input.url;
                   const signal = init?.signal ?? input.signal;
                   if (url.endsWith('/events')) {
                     streams++;
                     signal?.addEventListener('abort', () => aborted++);
                   }
                   return fetch(input, init);
                 };
                 const widget = await import(`${origin}/embed/porting-widget.js`);
                 await widget.default();
                 // A place of its own: the page's own <porting-widget> holds the server's rendering.
                 const place = document.createElement('div');
                 document.querySelector('main').append(place);
                 const shown = () => new Promise(resolve => {
                   const look = () => place.querySelector('[data-status]') ? resolve() : setTimeout(look, 5);
                   look();
                 });
                 for (let i = 0; i < 100; i++) {
                   const handle = widget.mount(place, { proxyBase: `${origin}/api`, session, portingId: id });
                   await shown();
                   await new Promise(resolve => setTimeout(resolve, 10));
                   handle.unmount();
                 }
                 const violations = [...document.querySelectorAll('#event-log li')].filter(li => li.dataset.event === 'csp-violation').length;
                 done({ listeners, streams, aborted, left: place.children.length, violations });
                 })();",
                vec![json!(world.proxy.url), json!(session), json!(porting.id)],
            )
            .await
            .expect("the page mounts and unmounts");
        assert_eq!(outcome["left"], 0, "every widget is gone: {outcome}");
        assert_eq!(outcome["listeners"], 0, "no listener on window or document is left: {outcome}");
        assert!(outcome["streams"].as_u64().unwrap() > 0, "the widgets opened streams: {outcome}");
        // Every stream the hundred widgets opened is closed, as the proxy counts them: the page's
        // own widget's stream alone stays open.
        let open = || world.proxy.metrics.render().lines().find(|l| l.starts_with("porting_proxy_streams_open ")).map(str::to_owned);
        let one_open = || async { open().filter(|line| line == "porting_proxy_streams_open 1") };
        porting_e2e::page::eventually(one_open).await;
        assert_eq!(open().as_deref(), Some("porting_proxy_streams_open 1"), "the proxy's open streams: {outcome}");
        assert_eq!(outcome["violations"], 0, "no Content-Security-Policy violation: {outcome}");

        let before = world.proxy.requests.api_calls().len();
        tokio::time::sleep(std::time::Duration::from_secs(3)).await;
        let after = world.proxy.requests.api_calls();
        assert_eq!(after.len(), before, "no request after the last unmount: {:?}", &after[before..]);
    })
    .await;
}
