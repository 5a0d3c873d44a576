//! Reading the widget as a buyer (and their assistive technology) meets it: texts, the fields on
//! show, the problems tied to each field, the error summary and where focus is. Every query
//! waits for the widget's asynchronous updates where it must, and looks where the widget is
//! mounted: in the document, or in a host page's open shadow root ([`ROOT`]).

use std::future::Future;
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::Client;
use porting_widget::messages::EN;
use serde_json::{json, Value};

/// How long a query waits for the page to get where it expects: far longer than any update
/// takes, short enough that a broken journey fails quickly.
const PATIENCE: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);

/// A script's first line: `root` is where the widget is, the open shadow root of a host page's
/// component that holds it, else the document (both have `querySelector`, `getElementById` and
/// `activeElement`).
pub const ROOT: &str = "const root = [...document.querySelectorAll('*')]
    .map(e => e.shadowRoot).find(r => r && r.querySelector('.pw')) || document;";

/// Tries `attempt` until it finds something, for up to [`PATIENCE`].
pub async fn eventually<T, Fut: Future<Output = Option<T>>>(mut attempt: impl FnMut() -> Fut) -> Option<T> {
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
    let code =
        format!("{ROOT}\nreturn root === document ? document.documentElement.outerHTML : root.innerHTML;");
    let html = browser.execute(&code, vec![]).await.unwrap_or_default();
    panic!("never: {what}; where the widget is:\n{}", html.as_str().unwrap_or_default());
}

/// Runs `code` (a function body, which may use [`ROOT`]'s `root`) in the page with `args`, for
/// the value it returns.
pub async fn script(browser: &Client, code: &str, args: Vec<Value>) -> Value {
    let code = format!("{ROOT}\n{code}");
    browser.execute(&code, args).await.unwrap_or_else(|e| panic!("a script failed: {e}\n{code}"))
}

/// The elements matching `css` where the widget is, in page order.
pub async fn find_all(browser: &Client, css: &str) -> Vec<Element> {
    elements(
        browser,
        script(browser, "return [...root.querySelectorAll(arguments[0])];", vec![json!(css)]).await,
    )
}

/// The elements a script returned, as WebDriver references them.
fn elements(browser: &Client, found: Value) -> Vec<Element> {
    let references = found.as_array().cloned().unwrap_or_default();
    references
        .iter()
        .filter_map(|reference| reference.as_object()?.values().next()?.as_str().map(str::to_owned))
        .map(|id| Element::from_element_id(browser.clone(), id.into()))
        .collect()
}

/// The first element matching `css` where the widget is.
pub async fn find(browser: &Client, css: &str) -> Option<Element> {
    find_all(browser, css).await.into_iter().next()
}

/// The text `code` returns, if it returns one.
async fn script_text(browser: &Client, code: &str, args: Vec<Value>) -> Option<String> {
    script(browser, code, args).await.as_str().map(str::to_owned)
}

/// A script's second line: `text(e)` is the text of `e` as a screen reader reads it: rendered,
/// visually hidden text included (WebKit's WebDriver leaves that out of an element's text), and
/// nothing of an element not shown.
const TEXT: &str =
    "const text = e => e.getClientRects().length ? e.innerText.replace(/\\s+/g, ' ').trim() : '';";

/// The texts of the elements matching `css` where the widget is, in page order.
async fn texts(browser: &Client, css: &str) -> Vec<String> {
    let code = format!("{TEXT}\nreturn [...root.querySelectorAll(arguments[0])].map(text);");
    serde_json::from_value(script(browser, &code, vec![json!(css)]).await).unwrap_or_default()
}

/// Waits until `css` matches an element whose text satisfies `accept`, and returns that text.
pub async fn wait_for_text(browser: &Client, css: &str, accept: impl Fn(&str) -> bool) -> String {
    let found = eventually(|| async {
        let text = texts(browser, css).await.into_iter().next()?;
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
    // Found and read in one script, so the element cannot be replaced in between.
    let code = format!(
        "{TEXT}\nreturn [...root.querySelectorAll(arguments[0])].filter(e => text(e) === arguments[1]);"
    );
    let found = eventually(|| async {
        elements(browser, script(browser, &code, vec![json!(css), json!(text)]).await).into_iter().next()
    })
    .await;
    match found {
        Some(element) => element,
        None => never(browser, &format!("a {css} reads {text:?}")).await,
    }
}

/// The input, select or checkbox the form submits as `name`.
pub async fn field(browser: &Client, name: &str) -> Element {
    find(browser, &format!("[data-field='{name}']"))
        .await
        .unwrap_or_else(|| panic!("no field {name} on the page"))
}

/// What the field `name` holds now: its value (the PIN's too, although masked), or `"on"` /
/// `""` for a checkbox.
pub async fn value(browser: &Client, name: &str) -> String {
    let code = "const f = root.querySelector(`[data-field='${arguments[0]}']`);
                return f.type === 'checkbox' ? (f.checked ? 'on' : '') : f.value;";
    script_text(browser, code, vec![json!(name)]).await.unwrap_or_default()
}

/// The names of the fields the buyer can see now, in page order.
pub async fn shown_fields(browser: &Client) -> Vec<String> {
    let code = "return [...root.querySelectorAll('.pw [data-field]')]
                    .filter(f => f.getClientRects().length > 0)
                    .map(f => f.getAttribute('data-field'));";
    serde_json::from_value(script(browser, code, vec![]).await).expect("a list of names")
}

/// The problem shown at the field `name`, as assistive technology gets it: only when the field
/// is `aria-invalid`, from the visible error its `aria-describedby` names (the date's boxes are
/// described by their fieldset), without the hidden "Error:" prefix, which must be there.
pub async fn field_error(browser: &Client, name: &str) -> Option<String> {
    let code = "const f = root.querySelector(`[data-field='${arguments[0]}']`);
        if (f.getAttribute('aria-invalid') !== 'true') return null;
        const described = f.hasAttribute('aria-describedby') ? f : f.closest('[aria-describedby]');
        const ids = (described ? described.getAttribute('aria-describedby') : '').split(' ');
        const shown = ids.map(id => root.getElementById(id))
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
        "const summary = root.querySelector('.pw-error-summary:not([hidden])');
         if (!summary) return null;
         return [...summary.querySelectorAll('li')].map(li => {
             const link = li.querySelector('a');
             const target = link && root.getElementById(link.getAttribute('href').slice(1));
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
    let code = "const e = root.activeElement;
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
