//! Reading the widget as a buyer (and their assistive technology) meets it: texts, the fields on
//! show, the problems tied to each field, the error summary and where focus is. Every query
//! waits for the widget's asynchronous updates where it must.

use std::future::Future;
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use porting_widget::messages::EN;
use serde_json::{json, Value};

/// How long a query waits for the page to get where it expects: far longer than any update
/// takes, short enough that a broken journey fails quickly.
const PATIENCE: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);

/// Tries `attempt` until it finds something, for up to [`PATIENCE`].
async fn eventually<T, Fut: Future<Output = Option<T>>>(mut attempt: impl FnMut() -> Fut) -> Option<T> {
    for _ in 0..PATIENCE.as_millis() / POLL.as_millis() {
        if let Some(found) = attempt().await {
            return Some(found);
        }
        tokio::time::sleep(POLL).await;
    }
    None
}

/// Fails the test: `what` never happened. The message holds the page as it is.
async fn never(browser: &Client, what: &str) -> ! {
    let html = browser.source().await.unwrap_or_default();
    panic!("never: {what}; page:\n{html}");
}

/// Runs `code` (a function body) in the page with `args`, for the value it returns.
pub async fn script(browser: &Client, code: &str, args: Vec<Value>) -> Value {
    browser.execute(code, args).await.unwrap_or_else(|e| panic!("a script failed: {e}\n{code}"))
}

/// The text `code` returns, if it returns one.
async fn script_text(browser: &Client, code: &str, args: Vec<Value>) -> Option<String> {
    script(browser, code, args).await.as_str().map(str::to_owned)
}

/// Waits until `css` matches an element whose text satisfies `accept`, and returns that text.
pub async fn wait_for_text(browser: &Client, css: &str, accept: impl Fn(&str) -> bool) -> String {
    let found = eventually(|| async {
        let text = browser.find(Locator::Css(css)).await.ok()?.text().await.ok()?;
        accept(&text).then_some(text)
    })
    .await;
    match found {
        Some(text) => text,
        None => never(browser, &format!("{css} shows the expected text")).await,
    }
}

/// Waits until `code` (a function body) returns something other than `null`, `false` or
/// `undefined`, and returns it. `what` names the wait in a failure.
pub async fn wait_until(browser: &Client, what: &str, code: &str, args: Vec<Value>) -> Value {
    let found = eventually(|| async {
        Some(script(browser, code, args.clone()).await)
            .filter(|v| !matches!(v, Value::Null | Value::Bool(false)))
    })
    .await;
    match found {
        Some(value) => value,
        None => never(browser, what).await,
    }
}

/// Waits until an element matching `css` has exactly the text `text`, and returns it.
pub async fn with_text(browser: &Client, css: &str, text: &str) -> Element {
    let found = eventually(|| async {
        for element in browser.find_all(Locator::Css(css)).await.unwrap_or_default() {
            if element.text().await.is_ok_and(|shown| shown == text) {
                return Some(element);
            }
        }
        None
    })
    .await;
    match found {
        Some(element) => element,
        None => never(browser, &format!("a {css} reads {text:?}")).await,
    }
}

/// The input, select or checkbox the form submits as `name`.
pub async fn field(browser: &Client, name: &str) -> Element {
    browser
        .find(Locator::Css(&format!("[data-field='{name}']")))
        .await
        .unwrap_or_else(|_| panic!("no field {name} on the page"))
}

/// What the field `name` holds now: its value (the PIN's too, although masked), or `"on"` /
/// `""` for a checkbox.
pub async fn value(browser: &Client, name: &str) -> String {
    let code = "const f = document.querySelector(`[data-field='${arguments[0]}']`);
                return f.type === 'checkbox' ? (f.checked ? 'on' : '') : f.value;";
    script_text(browser, code, vec![json!(name)]).await.unwrap_or_default()
}

/// The names of the fields the buyer can see now, in page order.
pub async fn shown_fields(browser: &Client) -> Vec<String> {
    let code = "return [...document.querySelectorAll('.pw [data-field]')]
                    .filter(f => f.getClientRects().length > 0)
                    .map(f => f.getAttribute('data-field'));";
    serde_json::from_value(script(browser, code, vec![]).await).expect("a list of names")
}

/// The problem shown at the field `name`, as assistive technology gets it: only when the field
/// is `aria-invalid`, from the visible error its `aria-describedby` names (the date's boxes are
/// described by their fieldset), without the hidden "Error:" prefix, which must be there.
pub async fn field_error(browser: &Client, name: &str) -> Option<String> {
    let code = "const f = document.querySelector(`[data-field='${arguments[0]}']`);
        if (f.getAttribute('aria-invalid') !== 'true') return null;
        const described = f.hasAttribute('aria-describedby') ? f : f.closest('[aria-describedby]');
        const ids = (described ? described.getAttribute('aria-describedby') : '').split(' ');
        const shown = ids.map(id => document.getElementById(id))
            .filter(e => e && e.classList.contains('pw-field-error') && !e.hidden);
        return shown.length ? shown.map(e => e.textContent).join(' ') : null;";
    script_text(browser, code, vec![json!(name)]).await.map(|text| {
        text.strip_prefix(EN.error_prefix)
            .unwrap_or_else(|| panic!("the error of {name} lacks its prefix: {text:?}"))
            .to_owned()
    })
}

/// One entry of the error summary: its text, and the name of the field its link moves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryEntry {
    pub text: String,
    pub field: Option<String>,
}

/// The error summary's entries once it shows, in order.
pub async fn error_summary(browser: &Client) -> Vec<SummaryEntry> {
    let entries = wait_until(
        browser,
        "the error summary shows",
        "const summary = document.querySelector('.pw-error-summary:not([hidden])');
         if (!summary) return null;
         return [...summary.querySelectorAll('li')].map(li => {
             const link = li.querySelector('a');
             const target = link && document.getElementById(link.getAttribute('href').slice(1));
             return [li.textContent, target && target.getAttribute('data-field')];
         });",
        vec![],
    )
    .await;
    let entries: Vec<(String, Option<String>)> = serde_json::from_value(entries).expect("summary entries");
    entries.into_iter().map(|(text, field)| SummaryEntry { text, field }).collect()
}

/// What has focus, as a tester names it: a field by its `data-field`, a button by its text, anything
/// else by its first class (`BODY` when nothing in particular has focus).
pub async fn focused(browser: &Client) -> String {
    let code = "const e = document.activeElement;
        if (e.hasAttribute('data-field')) return e.getAttribute('data-field');
        if (e.tagName === 'BUTTON') return e.textContent.trim();
        return e.classList.length ? e.classList[0] : e.tagName;";
    script_text(browser, code, vec![]).await.unwrap_or_default()
}

/// Waits until what has focus is `expected` (as [`focused`] names it): the widget moves focus
/// once its update is painted.
pub async fn wait_for_focus(browser: &Client, expected: &str) {
    if eventually(|| async { (focused(browser).await == expected).then_some(()) }).await.is_none() {
        let last = focused(browser).await;
        never(browser, &format!("focus reaches {expected:?} (it is on {last:?})")).await;
    }
}

/// Asserts that the form refused its answers with exactly `expected`, each a field's name and
/// its message: listed in that order in the error summary, which has focus and links each to
/// its field, and each shown at its field.
pub async fn assert_problems(browser: &Client, expected: &[(&str, String)]) {
    let listed = error_summary(browser).await;
    let wanted: Vec<SummaryEntry> = expected
        .iter()
        .map(|(name, text)| SummaryEntry { text: text.clone(), field: Some((*name).to_owned()) })
        .collect();
    assert_eq!(listed, wanted, "the error summary");
    for (name, text) in expected {
        assert_eq!(field_error(browser, name).await.as_deref(), Some(text.as_str()), "the error at {name}");
    }
    wait_for_focus(browser, "pw-error-summary").await;
}
