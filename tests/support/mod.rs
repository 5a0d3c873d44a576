//! What the browser test files share: a DOM host, queries that wait for the widget's
//! asynchronous updates, portings, and a fake proxy behind `window.fetch`.
// Each test file uses a part of this module.
#![allow(dead_code)]

use std::time::Duration;

use porting_model::testing::PortingBuilder;
use porting_model::Porting;
use porting_widget::config::{Access, Config};
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use web_sys::{Event, EventInit, HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit};

pub fn host() -> HtmlElement {
    let document = document();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host.unchecked_into()
}

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub fn find(root: &HtmlElement, selector: &str) -> Option<HtmlElement> {
    root.query_selector(selector).unwrap().map(JsCast::unchecked_into)
}

pub fn find_all(root: &HtmlElement, selector: &str) -> Vec<HtmlElement> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().unchecked_into()).collect()
}

pub fn text(root: &HtmlElement, selector: &str) -> String {
    find(root, selector)
        .unwrap_or_else(|| panic!("no {selector} in {}", root.inner_html()))
        .text_content()
        .unwrap()
}

/// Waits (up to five seconds) for `selector` to appear, as the widget updates asynchronously.
pub async fn appears(root: &HtmlElement, selector: &str) -> HtmlElement {
    for _ in 0..100 {
        if let Some(found) = find(root, selector) {
            return found;
        }
        pause().await;
    }
    panic!("{selector} never appeared in {}", root.inner_html());
}

/// Waits (up to five seconds) until `condition` holds.
pub async fn until(what: &str, condition: impl Fn() -> bool) {
    for _ in 0..100 {
        if condition() {
            return;
        }
        pause().await;
    }
    panic!("never: {what}");
}

pub async fn pause() {
    gloo_timers::future::sleep(Duration::from_millis(50)).await;
}

/// A window of `ms` in which something the widget must not do (a request, an error) would show:
/// an absence cannot be waited for, only watched for a while.
pub async fn quiet_for(ms: u64) {
    gloo_timers::future::sleep(Duration::from_millis(ms)).await;
}

/// The element with `id`, which may hold characters a CSS selector would need escaped.
pub fn by_id(id: &str) -> HtmlElement {
    document().get_element_by_id(id).unwrap_or_else(|| panic!("no #{id}")).unchecked_into()
}

pub fn focused_id() -> String {
    document().active_element().map(|e| e.id()).unwrap_or_default()
}

/// Types `value` into the input `name` as a buyer would: the value, then an `input` event.
pub fn type_into(root: &HtmlElement, name: &str, value: &str) {
    let input: HtmlInputElement = find(root, &format!("[data-field='{name}']"))
        .unwrap_or_else(|| panic!("no input {name} in {}", root.inner_html()))
        .unchecked_into();
    input.set_value(value);
    fire(&input, "input");
}

/// Chooses `value` in the drop-down list `name`.
pub fn choose(root: &HtmlElement, name: &str, value: &str) {
    let select: web_sys::HtmlSelectElement =
        find(root, &format!("select[data-field='{name}']")).expect("the list").unchecked_into();
    select.set_value(value);
    fire(&select, "change");
}

pub fn value_of(root: &HtmlElement, name: &str) -> String {
    find(root, &format!("[data-field='{name}']"))
        .expect("the input")
        .unchecked_into::<HtmlInputElement>()
        .value()
}

pub fn fire(target: &web_sys::EventTarget, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    target.dispatch_event(&Event::new_with_event_init_dict(kind, &init).unwrap()).unwrap();
}

pub fn press(target: &HtmlElement, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    target
        .dispatch_event(&KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap())
        .unwrap();
}

pub fn attr(element: &HtmlElement, name: &str) -> Option<String> {
    element.get_attribute(name)
}

/// `prt_1`, a US porting of `status` that holds nothing yet and requires `required`.
pub fn waiting(status: &str, required: &[&str]) -> PortingBuilder {
    PortingBuilder::new().status(status).required(required)
}

/// [`waiting`] as the proxy answers with it.
pub fn porting_value(status: &str, required: &[&str]) -> Value {
    waiting(status, required).json()
}

pub fn porting(status: &str, required: &[&str]) -> Porting {
    waiting(status, required).build()
}

pub fn providers_value() -> Value {
    let provider = |id: &str, name: &str| json!({"object": "serviceProvider", "id": id, "name": name, "recipientProviders": ["p9"]});
    json!({
        "object": "list",
        "items": [provider("svp_us_att", "AT&T"), provider("svp_us_verizon", "Verizon"), provider("svp_us_tmobile", "T-Mobile")],
        "moreItemsAfter": null, "moreItemsBefore": null
    })
}

/// A list with nothing in it.
pub fn empty_list() -> Value {
    json!({"object": "list", "items": [], "moreItemsAfter": null, "moreItemsBefore": null})
}

/// A widget's configuration with the session `session-1` for `porting_id`, from `proxy_base`.
pub fn session_config(proxy_base: &str, porting_id: Option<&str>) -> Config {
    Config {
        proxy_base: proxy_base.into(),
        access: Access::Session {
            token: "session-1".into(),
            porting_id: porting_id.map(Into::into),
            first: None,
        },
        locale: None,
        texts: Vec::new(),
        theme: None,
        appearance: Vec::new(),
    }
}

/// The proxy base the fake answers for.
pub const FAKE_BASE: &str = "https://fake.test/api";

/// A proxy answering from a table of routes, in place of `window.fetch` until dropped. A route
/// not in the table fails as an unreachable proxy does; every request is recorded.
pub struct FakeProxy;

impl FakeProxy {
    pub fn install() -> FakeProxy {
        js_sys::eval(
            r#"
            window.__pwRealFetch = window.__pwRealFetch || window.fetch;
            window.__pwFake = { routes: {}, requests: [], answered: 0 };
            window.fetch = async (input, init) => {
                const request = input instanceof Request ? input : new Request(input, init);
                const url = new URL(request.url);
                const body = request.method === "GET" ? null : await request.text();
                const fake = window.__pwFake;
                fake.requests.push({ method: request.method, path: url.pathname, query: url.search, body,
                                     auth: request.headers.get("Authorization") });
                const route = fake.routes[request.method + " " + url.pathname];
                if (!route) throw new TypeError("Failed to fetch");
                if (route.hang) return new Promise(() => {});
                if (route.late) await new Promise((done) => setTimeout(done, route.late));
                fake.answered += 1;
                return new Response(route.body, { status: route.status, headers: route.headers });
            };
            "#,
        )
        .unwrap();
        FakeProxy
    }

    /// A fake proxy holding `prt_1` in `status`, its event stream open and silent.
    pub fn showing(status: &str, required: &[&str]) -> FakeProxy {
        let fake = FakeProxy::install();
        fake.answer("GET", "/portings/prt_1", 200, &porting_value(status, required), json!({}));
        fake.hang("GET", "/portings/prt_1/events");
        fake
    }

    /// Answers `method path` (path under the fake base, e.g. `/portings/prt_1`).
    pub fn answer(&self, method: &str, path: &str, status: u16, body: &Value, headers: Value) {
        self.answer_text(method, path, status, &body.to_string(), headers);
    }

    /// Answers `method path` with `body` as it is (an event stream, say).
    pub fn answer_text(&self, method: &str, path: &str, status: u16, body: &str, headers: Value) {
        let route = json!({"status": status, "body": body, "headers": headers});
        self.set(method, path, route);
    }

    /// Answers `method path` after `ms` milliseconds.
    pub fn answer_late(&self, method: &str, path: &str, ms: u32, status: u16, body: &Value) {
        let route = json!({"status": status, "body": body.to_string(), "headers": {}, "late": ms});
        self.set(method, path, route);
    }

    /// Leaves `method path` without an answer, as a proxy that never replies.
    pub fn hang(&self, method: &str, path: &str) {
        self.set(method, path, json!({"hang": true}));
    }

    /// Makes `method path` fail as an unreachable proxy does.
    pub fn fail(&self, method: &str, path: &str) {
        js_sys::eval(&format!("delete window.__pwFake.routes[{}];", json!(Self::key(method, path)))).unwrap();
    }

    fn set(&self, method: &str, path: &str, route: Value) {
        Self::route(&Self::key(method, path), route);
    }

    fn route(key: &str, route: Value) {
        js_sys::eval(&format!("window.__pwFake.routes[{}] = {route};", json!(key))).unwrap();
    }

    /// Serves a language's words from its file, where the widget looks for them (`/lang/`,
    /// beside the test's own files).
    pub fn serve_language(&self, lang: &str) {
        let route = json!({"status": 200, "body": language_file(lang), "headers": {"Content-Type": "application/json"}});
        Self::route(&format!("GET /lang/{lang}.json"), route);
    }

    /// Serves a language's help words from their file (`/lang/help/`).
    pub fn serve_help(&self, lang: &str) {
        let words = match lang {
            "en" => include_str!("../../lang/help/en.json"),
            "de" => include_str!("../../lang/help/de.json"),
            "es" => include_str!("../../lang/help/es.json"),
            other => panic!("no help words for {other}"),
        };
        let route = json!({"status": 200, "body": words, "headers": {"Content-Type": "application/json"}});
        Self::route(&format!("GET /lang/help/{lang}.json"), route);
    }

    fn key(method: &str, path: &str) -> String {
        format!("{method} /api{path}")
    }

    /// Every request so far: `method`, `path`, `query`, `body` (text or null), `auth`.
    pub fn requests(&self) -> Vec<Value> {
        let json = js_sys::eval("JSON.stringify(window.__pwFake.requests)").unwrap().as_string().unwrap();
        serde_json::from_str(&json).unwrap()
    }

    /// How many requests were answered so far (late ones once their answer came).
    pub fn answered(&self) -> u32 {
        js_sys::eval("window.__pwFake.answered").unwrap().as_f64().unwrap_or_default() as u32
    }

    /// The requests with `method` (other than reading the provider list).
    pub fn sent(&self, method: &str) -> Vec<Value> {
        self.requests().into_iter().filter(|r| r["method"] == method).collect()
    }
}

impl Drop for FakeProxy {
    fn drop(&mut self) {
        let _ = js_sys::eval("window.fetch = window.__pwRealFetch;");
    }
}

fn language_file(lang: &str) -> &'static str {
    match lang {
        "de" => include_str!("../../lang/de.json"),
        "es" => include_str!("../../lang/es.json"),
        other => panic!("no words for {other}"),
    }
}

/// The catalog of `lang` as the widget makes it from its words.
pub fn language(lang: &str) -> &'static porting_widget::messages::Messages {
    porting_widget::messages::language_from_json(language_file(lang)).unwrap()
}
