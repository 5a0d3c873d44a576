//! The form before the code: a merchant's page with the widget's first state rendered by the
//! proxy inside `<porting-widget>`, its wasm held back by the harness, then let through (or
//! refused). What the buyer did before the widget ran must survive its taking over.

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use porting_e2e::page::{eventually, script, value, wait_until};
use porting_e2e::widget::{answer_shown, fill, wait_for_status, wait_for_takeover};
use porting_e2e::{assert_accessible, run, wait_for_text, Call, World};
use porting_model::{Porting, Status};
use porting_widget::messages::EN;
use serde_json::{json, Value};

/// The widget's code, which the harness holds back or refuses.
const WASM: &str = "_bg.wasm";

/// A porting waiting for AT&T's details, shown on a page with its rendering inside the element,
/// the widget's code held back.
async fn held_page(world: &World, user: &str) -> Porting {
    let porting = world.proxy.waiting_porting(user, "+12025550100", "svp_us_att");
    world.proxy.requests.delay(WASM);
    let page = world.proxy.prerendered_page(&format!("{user}.html"), &porting).await;
    world.browser.goto(&page).await.unwrap();
    wait_until(
        &world.browser,
        "the server's rendering shows",
        "return document.querySelector('porting-widget > .pw-prerendered [data-field=accountPin]');",
        vec![],
    )
    .await;
    porting
}

/// Where focus is and the caret in it: the element's id, selection start and end.
async fn caret(browser: &Client) -> Value {
    let code = "const a = document.activeElement; return [a.id, a.selectionStart, a.selectionEnd];";
    script(browser, code, vec![]).await
}

/// The box of the field `name` on the page, as [left, top, width, height].
async fn place(browser: &Client, name: &str) -> Value {
    let code = "const r = document.querySelector(`[data-field='${arguments[0]}']`).getBoundingClientRect();
                return [r.left, r.top, r.width, r.height];";
    script(browser, code, vec![json!(name)]).await
}

fn patches(world: &World) -> Vec<Call> {
    world.proxy.requests.api_calls().into_iter().filter(|c| c.method == "PATCH").collect()
}

#[tokio::test]
async fn what_was_typed_focus_and_caret_survive_the_takeover_and_sending_works() {
    run(|world| async move {
        let browser = &world.browser;
        let porting = held_page(&world, "usr_typed_early").await;
        let pin = browser.find(Locator::Css("[data-field=accountPin]")).await.unwrap();
        assert_eq!(pin.attr("type").await.unwrap().as_deref(), Some("password"), "masked before the code");
        assert_accessible(browser, "the server's rendering").await;

        fill(browser, "firstName", "Ada").await;
        fill(browser, "accountPin", "8642").await;
        pin.send_keys(&format!("{}{}", Key::Left, Key::Left)).await.unwrap();
        let before = caret(browser).await;
        assert_eq!((before[1].clone(), before[2].clone()), (json!(2), json!(2)), "{before}");
        let (pin_box, name_box) = (place(browser, "accountPin").await, place(browser, "firstName").await);

        world.proxy.requests.release();
        wait_for_takeover(browser).await;
        assert_eq!(value(browser, "firstName").await, "Ada");
        assert_eq!(value(browser, "accountPin").await, "8642", "the PIN too");
        assert_eq!(caret(browser).await, before, "focus and the caret where they were");
        assert_eq!(place(browser, "accountPin").await, pin_box, "nothing moved");
        assert_eq!(place(browser, "firstName").await, name_box, "nothing moved");
        let read_again = Call::new("GET", &format!("/api/portings/{}", porting.id), 200, false);
        assert!(
            !world.proxy.requests.api_calls().contains(&read_again),
            "the rendered porting is not asked for again"
        );

        answer_shown(browser, &[("firstName", "Ada"), ("accountPin", "8642")]).await;
        porting_e2e::widget::submit(browser).await;
        wait_for_status(browser, &Status::Requested).await;
        assert_eq!(patches(&world).len(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_send_pressed_before_the_takeover_is_honoured_once() {
    run(|world| async move {
        let browser = &world.browser;
        held_page(&world, "usr_sent_early").await;
        answer_shown(browser, &[]).await;
        browser.find(Locator::Css(".pw-submit")).await.unwrap().click().await.unwrap();
        let button = wait_for_text(browser, ".pw-submit", |text| text == EN.getting_ready).await;
        assert_eq!(button, EN.getting_ready, "the button says it is getting ready");
        assert_eq!(browser.current_url().await.unwrap().query(), None, "no answer in a URL");
        assert!(patches(&world).is_empty(), "nothing is sent before the widget runs");

        world.proxy.requests.release();
        wait_for_status(browser, &Status::Requested).await;
        assert_eq!(patches(&world).len(), 1, "sent once");
    })
    .await;
}

#[tokio::test]
async fn without_its_code_the_form_says_so_and_keeps_the_answers() {
    run(|world| async move {
        let browser = &world.browser;
        held_page(&world, "usr_no_code").await;
        fill(browser, "accountPin", "8642").await;
        world.proxy.requests.refuse(WASM, 404);
        world.proxy.requests.release();
        let said = wait_for_text(browser, ".pw-prerendered-notice:not([hidden])", |t| !t.is_empty()).await;
        assert_eq!(said, EN.code_missing);
        assert_eq!(value(browser, "accountPin").await, "8642", "what was typed stays");
        assert_accessible(browser, "the server's rendering without its code").await;
    })
    .await;
}

/// Every element, its attributes and its text, in order; comments (the renderer's markers among
/// them) and the splits between text nodes set aside.
const MARKUP: &str = "const canon = (element) => {
    const attributes = [...element.attributes].map(a => `${a.name}=${JSON.stringify(a.value)}`).sort();
    let inside = '', text = '';
    const flush = () => { const t = text.replace(/\\s+/g, ' ').trim(); if (t) inside += JSON.stringify(t); text = ''; };
    for (const child of element.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += child.textContent;
      else if (child.nodeType === Node.ELEMENT_NODE) { flush(); inside += canon(child); }
    }
    flush();
    return `<${element.localName} ${attributes.join(' ')}>${inside}</${element.localName}>`;
  };
  return canon(document.querySelector(arguments[0]));";

#[tokio::test]
async fn the_servers_markup_is_the_one_the_widget_renders() {
    run(|world| async move {
        let browser = &world.browser;
        held_page(&world, "usr_same_markup").await;
        let rendered =
            script(browser, MARKUP, vec![json!("porting-widget > .pw-prerendered > section.pw")]).await;
        world.proxy.requests.release();
        wait_for_takeover(browser).await;
        let widget = script(browser, MARKUP, vec![json!("porting-widget > section.pw")]).await;
        assert_eq!(rendered.as_str().unwrap(), widget.as_str().unwrap(), "one source of truth");
        for part in [r#"<input "#, r#"aria-describedby="#, r#"for="#, r#"id="#] {
            assert!(widget.as_str().unwrap().contains(part), "compared {part}");
        }
    })
    .await;
}

/// Whether `path` is the widget's JS glue or its snippet (not the stable entry point).
fn is_glue(path: &str) -> bool {
    (path.starts_with("/embed/porting-widget-") && path.ends_with(".js"))
        || path.starts_with("/embed/snippets/")
}

#[tokio::test]
async fn the_entry_point_asks_for_the_wasm_at_once_and_the_glue_once_the_first_state_is_in() {
    run(|world| async move {
        let porting = world.proxy.waiting_porting("usr_first_state", "+12025550100", "svp_us_att");
        world.proxy.requests.delay("/view");
        let page = world.proxy.fetching_page("first-state.html", &porting);
        world.browser.goto(&page).await.unwrap();
        let wasm = || async {
            let calls = world.proxy.requests.calls();
            calls.iter().any(|call| call.path.ends_with(WASM)).then_some(calls)
        };
        let calls = eventually(wasm).await.expect("the wasm is answered while the first state is held");
        let glue: Vec<_> = calls.iter().filter(|call| is_glue(&call.path)).collect();
        assert!(glue.is_empty(), "the glue waits for the first state: {glue:?}");

        world.proxy.requests.release();
        wait_for_takeover(&world.browser).await;
        let paths: Vec<String> = world.proxy.requests.calls().into_iter().map(|call| call.path).collect();
        let view = paths.iter().position(|path| path.ends_with("/view")).expect("the first state");
        let glue = paths.iter().position(|path| is_glue(path));
        assert!(glue.is_some_and(|glue| glue > view), "the glue after the first state: {paths:?}");
    })
    .await;
}
