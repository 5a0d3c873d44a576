//! Reading the widget as a buyer (and their assistive technology) meets it: texts, the fields on
//! show, the problems tied to each field, the error summary and where focus is. Every query
//! waits for the widget's asynchronous updates where it must.

use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use porting_widget::messages::EN;
use serde_json::{json, Value};

/// How long a query waits for the page to get where it expects: far longer than any update
/// takes, short enough that a broken journey fails quickly.
const PATIENCE: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);

/// Waits until `css` matches an element whose text satisfies `accept`, and returns that text.
pub async fn wait_for_text(browser: &Client, css: &str, accept: impl Fn(&str) -> bool) -> String {
    let mut last = String::new();
    let tries = PATIENCE.as_millis() / POLL.as_millis();
    for _ in 0..tries {
        if let Ok(element) = browser.find(Locator::Css(css)).await {
            last = element.text().await.unwrap_or_default();
            if accept(&last) {
                return last;
            }
        }
        tokio::time::sleep(POLL).await;
    }
    let html = browser.source().await.unwrap_or_default();
    panic!("{css} never showed the expected text (last: {last:?}); page:\n{html}");
}

/// Waits until `script` (a function body returning a value) returns something other than
/// `null`, `false` or `undefined`, and returns it. `what` names the wait in a failure.
pub async fn wait_until(browser: &Client, what: &str, script: &str, args: Vec<Value>) -> Value {
    let tries = PATIENCE.as_millis() / POLL.as_millis();
    for _ in 0..tries {
        let found = browser.execute(script, args.clone()).await.expect("the script runs");
        if !matches!(found, Value::Null | Value::Bool(false)) {
            return found;
        }
        tokio::time::sleep(POLL).await;
    }
    let html = browser.source().await.unwrap_or_default();
    panic!("never: {what}; page:\n{html}");
}

/// Waits until an element matching `css` has exactly the text `text`, and returns it.
pub async fn with_text(browser: &Client, css: &str, text: &str) -> Element {
    let tries = PATIENCE.as_millis() / POLL.as_millis();
    for _ in 0..tries {
        for element in browser.find_all(Locator::Css(css)).await.unwrap_or_default() {
            if element.text().await.is_ok_and(|shown| shown == text) {
                return element;
            }
        }
        tokio::time::sleep(POLL).await;
    }
    let html = browser.source().await.unwrap_or_default();
    panic!("no {css} ever read {text:?}; page:\n{html}");
}

/// The input, select or checkbox the form submits as `name`.
pub async fn field(browser: &Client, name: &str) -> Element {
    browser
        .find(Locator::Css(&format!("[name='{name}']")))
        .await
        .unwrap_or_else(|_| panic!("no field {name} on the page"))
}

/// What the field `name` holds now: its value (the PIN's too, although masked), or `"on"` /
/// `""` for a checkbox.
pub async fn value(browser: &Client, name: &str) -> String {
    let value = browser
        .execute(
            "const f = document.querySelector(`[name='${arguments[0]}']`);
             return f.type === 'checkbox' ? (f.checked ? 'on' : '') : f.value;",
            vec![json!(name)],
        )
        .await
        .expect("the field is read");
    value.as_str().unwrap_or_default().to_owned()
}

/// The names of the fields the buyer can see now, in page order.
pub async fn shown_fields(browser: &Client) -> Vec<String> {
    let names = browser
        .execute(
            "return [...document.querySelectorAll('.pw [name]')]
                 .filter(f => f.getClientRects().length > 0)
                 .map(f => f.getAttribute('name'));",
            vec![],
        )
        .await
        .expect("the fields are listed");
    serde_json::from_value(names).expect("a list of names")
}

/// The problem shown at the field `name`, as assistive technology gets it: only when the field
/// is `aria-invalid`, from the visible error its `aria-describedby` names (the date's boxes are
/// described by their fieldset), without the hidden "Error:" prefix, which must be there.
pub async fn field_error(browser: &Client, name: &str) -> Option<String> {
    let text = browser
        .execute(
            "const f = document.querySelector(`[name='${arguments[0]}']`);
             if (f.getAttribute('aria-invalid') !== 'true') return null;
             const described = f.hasAttribute('aria-describedby') ? f : f.closest('[aria-describedby]');
             const ids = (described ? described.getAttribute('aria-describedby') : '').split(' ');
             const shown = ids.map(id => document.getElementById(id))
                 .filter(e => e && e.classList.contains('pw-field-error') && !e.hidden);
             return shown.length ? shown.map(e => e.textContent).join(' ') : null;",
            vec![json!(name)],
        )
        .await
        .expect("the field's error is read");
    text.as_str().map(|text| {
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
             return [li.textContent, target && target.getAttribute('name')];
         });",
        vec![],
    )
    .await;
    let entries: Vec<(String, Option<String>)> = serde_json::from_value(entries).expect("summary entries");
    entries.into_iter().map(|(text, field)| SummaryEntry { text, field }).collect()
}

/// What has focus, as a tester names it: a field by its `name`, a button by its text, anything
/// else by its first class (`BODY` when nothing in particular has focus).
pub async fn focused(browser: &Client) -> String {
    let named = browser
        .execute(
            "const e = document.activeElement;
             if (e.hasAttribute('name')) return e.getAttribute('name');
             if (e.tagName === 'BUTTON') return e.textContent.trim();
             return e.classList.length ? e.classList[0] : e.tagName;",
            vec![],
        )
        .await
        .expect("the focused element is read");
    named.as_str().unwrap_or_default().to_owned()
}

/// Waits until what has focus is `expected` (as [`focused`] names it): the widget moves focus
/// once its update is painted.
pub async fn wait_for_focus(browser: &Client, expected: &str) {
    let mut last = String::new();
    let tries = PATIENCE.as_millis() / POLL.as_millis();
    for _ in 0..tries {
        last = focused(browser).await;
        if last == expected {
            return;
        }
        tokio::time::sleep(POLL).await;
    }
    panic!("focus never reached {expected:?}; it is on {last:?}");
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
