//! Browser tests of embedding: the JS API's `mount` and its handle, the events a host page hears,
//! and the `<porting-widget>` element, against a fake proxy.
#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::RefCell;
use std::rc::Rc;

use porting_widget::embed::{mount_js, Handle};
use serde_json::{json, Value};
use support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn options(value: Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).unwrap()
}

fn widget_options(session: &str) -> JsValue {
    options(json!({"proxyBase": FAKE_BASE, "session": session, "portingId": "prt_1"}))
}

/// What a host page heard: `name detail-as-json`, in order, from DOM events and `on` alike.
#[derive(Clone, Default)]
struct Heard(Rc<RefCell<Vec<String>>>);

impl Heard {
    fn listener(&self, name: &'static str) -> js_sys::Function {
        let heard = self.0.clone();
        let listen = Closure::<dyn Fn(JsValue)>::new(move |detail: JsValue| {
            let detail = js_sys::JSON::stringify(&detail).unwrap().as_string().unwrap();
            heard.borrow_mut().push(format!("{name} {detail}"));
        });
        listen.into_js_value().unchecked_into()
    }

    /// Listens to every event's DOM form on `host`, as `dom:<name>`.
    fn dom(&self, host: &HtmlElement) {
        for name in porting_widget::events::Event::NAMES {
            let heard = self.0.clone();
            let listen = Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |event: web_sys::CustomEvent| {
                assert!(event.bubbles() && event.composed(), "{name} bubbles out of shadow roots too");
                let detail = js_sys::JSON::stringify(&event.detail()).unwrap().as_string().unwrap();
                heard.borrow_mut().push(format!("dom:{name} {detail}"));
            });
            let name = format!("porting:{name}");
            host.add_event_listener_with_callback(&name, listen.as_ref().unchecked_ref()).unwrap();
            listen.forget();
        }
    }

    fn names(&self) -> Vec<String> {
        self.0.borrow().iter().map(|line| line.split(' ').next().unwrap().to_owned()).collect()
    }

    fn all(&self) -> String {
        self.0.borrow().join("\n")
    }
}

fn type_error(result: Result<Handle, JsValue>) -> String {
    let error = result.err().expect("a bad option is refused");
    assert!(error.is_instance_of::<js_sys::TypeError>(), "a TypeError");
    error.unchecked_into::<js_sys::Error>().message().as_string().unwrap()
}

#[wasm_bindgen_test]
fn a_bad_option_is_a_type_error_naming_it() {
    let host = host();
    let target = || JsValue::from(host.clone());
    let cases = [
        (json!({"proxyBase": FAKE_BASE}), "options.session is required"),
        (json!({"proxyBase": FAKE_BASE, "session": 5}), "options.session must be a string"),
        (json!({"proxyBase": "http://shop.example/api", "session": "s"}), "options.proxyBase must be"),
        (
            json!({"proxyBase": FAKE_BASE, "session": "s", "portingID": "prt_1"}),
            "options.portingID is not an option",
        ),
    ];
    for (given, expected) in cases {
        let message = type_error(mount_js(target(), options(given.clone())));
        assert!(message.contains(expected), "{given}: {message}");
    }
    assert!(type_error(mount_js(target(), JsValue::from_str("s"))).contains("options must be an object"));
    let message = type_error(mount_js(JsValue::from_str("#nowhere"), widget_options("s")));
    assert!(message.contains("\"#nowhere\" matches no element"), "{message}");
    assert!(type_error(mount_js(JsValue::from(5), widget_options("s"))).contains("target must be"));
    assert!(host.inner_html().is_empty(), "nothing was mounted");
}

#[wasm_bindgen_test]
async fn the_host_hears_each_step_and_a_refreshed_session_keeps_what_was_typed() {
    let fake = FakeProxy::showing("informationRequired", &["accountPin"]);
    let host = host();
    host.set_id("embed-host");
    let heard = Heard::default();
    heard.dom(&host);
    let handle = mount_js(JsValue::from_str("#embed-host"), widget_options("session-1")).unwrap();
    let listened = ["ready", "validationchange", "submit", "statuschange"];
    for name in listened {
        handle.on(name, heard.listener(name)).unwrap();
    }
    assert!(handle.on("ready-ish", heard.listener("ready")).is_err(), "an unknown event is refused");
    appears(&host, "[data-field=accountPin]").await;

    submit_form(&host);
    until("the blank PIN is refused", || heard.names().contains(&"validationchange".to_owned())).await;
    type_into(&host, "accountPin", "8642");
    until("the fix is heard", || heard.names().iter().filter(|n| *n == "validationchange").count() == 2)
        .await;

    // The host refreshes the session: the next request carries it, and the PIN stays typed.
    handle.update(widget_options("session-2")).unwrap();
    assert_eq!(value_of(&host, "accountPin"), "8642");
    fake.answer("PATCH", "/portings/prt_1", 200, &porting_value("requested", &[]), json!({}));
    submit_form(&host);
    appears(&host, "[data-status=requested]").await;
    until("the status change is heard", || heard.names().contains(&"statuschange".to_owned())).await;
    let patch = &fake.sent("PATCH")[0];
    assert_eq!(patch["auth"], "Bearer session-2");

    let on: Vec<String> = heard.0.borrow().iter().filter(|l| !l.starts_with("dom:")).cloned().collect();
    assert_eq!(
        on,
        [
            r#"ready {"portingId":"prt_1","status":"informationRequired"}"#,
            r#"validationchange {"valid":false,"invalid":["accountPin"]}"#,
            r#"submit {"state":"error","reason":{"kind":"invalid","status":null}}"#,
            r#"validationchange {"valid":true,"invalid":[]}"#,
            r#"submit {"state":"loading"}"#,
            r#"submit {"state":"success"}"#,
            r#"statuschange {"portingId":"prt_1","from":"informationRequired","to":"requested"}"#,
        ],
        "{}",
        heard.all()
    );
    let listened = |line: &String| listened.iter().any(|name| line.starts_with(&format!("{name} ")));
    let dom: Vec<String> = heard
        .0
        .borrow()
        .iter()
        .filter_map(|l| l.strip_prefix("dom:").map(str::to_owned))
        .filter(listened)
        .collect();
    assert_eq!(dom, on, "the DOM events carry the same, in the same order");
    assert!(!heard.all().contains("8642"), "no event carries the PIN");
    handle.unmount();
}

fn submit_form(host: &HtmlElement) {
    find(host, "button[type=submit]").expect("a submit button").click();
}

#[wasm_bindgen_test]
async fn the_funnel_hears_each_step_and_each_field_by_name_never_a_value() {
    let fake = FakeProxy::showing("informationRequired", &["accountPin", "birthday", "firstName"]);
    let host = host();
    let heard = Heard::default();
    let handle = mount_js(host.clone().into(), widget_options("session-1")).unwrap();
    for name in ["step", "fieldfocus", "fieldblur"] {
        handle.on(name, heard.listener(name)).unwrap();
    }
    let pin = appears(&host, "[data-field=accountPin]").await;
    pin.focus().unwrap();
    type_into(&host, "accountPin", "8642");
    let [day, month, year] = ["birthday-day", "birthday-month", "birthday-year"]
        .map(|name| find(&host, &format!("[data-field={name}]")).unwrap());
    day.focus().unwrap();
    type_into(&host, "birthday-day", "7");
    month.focus().unwrap();
    year.focus().unwrap();
    type_into(&host, "birthday-year", "1985");
    let first = find(&host, "[data-field=firstName]").unwrap();
    first.focus().unwrap();
    type_into(&host, "firstName", "Jerry");
    type_into(&host, "birthday-month", "3");
    fake.answer("PATCH", "/portings/prt_1", 200, &porting_value("requested", &[]), json!({}));
    // As a buyer's press does, focus goes to the button first.
    let send = find(&host, "button[type=submit]").unwrap();
    send.focus().unwrap();
    send.click();
    appears(&host, "[data-status=requested]").await;
    until("the status step is heard", || heard.all().contains(r#""step":"status""#)).await;
    assert_eq!(
        *heard.0.borrow(),
        [
            r#"step {"step":"form","portingId":"prt_1","status":"informationRequired"}"#,
            r#"fieldfocus {"field":"accountPin"}"#,
            r#"fieldblur {"field":"accountPin"}"#,
            r#"fieldfocus {"field":"birthday"}"#,
            r#"fieldblur {"field":"birthday"}"#,
            r#"fieldfocus {"field":"firstName"}"#,
            r#"fieldblur {"field":"firstName"}"#,
            r#"step {"step":"status","portingId":"prt_1","status":"requested"}"#,
        ],
        "{}",
        heard.all()
    );
    for value in ["8642", "1985", "Jerry"] {
        assert!(!heard.all().contains(value), "no detail holds {value}");
    }
}

#[wasm_bindgen_test]
async fn a_porting_handed_in_as_an_object_is_shown_without_asking_the_proxy() {
    let fake = FakeProxy::install();
    fake.hang("GET", "/portings/prt_1/events");
    let host = host();
    let mut given = json!({"proxyBase": FAKE_BASE, "session": "s", "portingId": "prt_1"});
    given["porting"] = porting_value("requested", &[]);
    let handle = mount_js(JsValue::from(host.clone()), options(given)).unwrap();
    appears(&host, "[data-status=requested]").await;
    until("the stream is asked for", || !fake.sent("GET").is_empty()).await;
    let paths: Vec<Value> = fake.sent("GET").into_iter().map(|r| r["path"].clone()).collect();
    assert_eq!(paths, [json!("/api/portings/prt_1/events")], "only the stream is asked for");
    handle.unmount();

    // Not a porting: the widget loads it instead.
    fake.answer("GET", "/portings/prt_1", 200, &porting_value("pending", &["accountNumber"]), json!({}));
    let mut given = json!({"proxyBase": FAKE_BASE, "session": "s", "portingId": "prt_1"});
    given["porting"] = json!({"id": "prt_1"});
    let handle = mount_js(JsValue::from(host.clone()), options(given)).unwrap();
    appears(&host, "[data-status=pending]").await;
    assert!(fake.sent("GET").iter().any(|r| r["path"] == "/api/portings/prt_1"), "loaded");
    handle.unmount();
}

#[wasm_bindgen_test]
async fn unmount_removes_the_widget_and_off_stops_a_listener_added_once_however_often() {
    let fake = FakeProxy::showing("requested", &[]);
    let host = host();
    let heard = Heard::default();
    let handle = mount_js(JsValue::from(host.clone()), widget_options("s")).unwrap();
    let listener = heard.listener("ready");
    handle.on("ready", listener.clone()).unwrap();
    handle.off("ready", listener).unwrap();
    let twice = heard.listener("twice");
    handle.on("ready", twice.clone()).unwrap();
    handle.on("ready", twice).unwrap();
    appears(&host, "[data-status=requested]").await;
    assert_eq!(heard.names(), ["twice"], "a listener taken off hears nothing, one added twice hears once");
    let streams = fake.sent("GET").len();
    handle.unmount();
    assert!(find(&host, ".pw").is_none(), "the widget is gone");
    quiet_for(200).await;
    assert_eq!(fake.sent("GET").len(), streams, "nothing more is asked of the proxy");
    handle.unmount();
}

/// Frees `handle` through the glue, as its finalizer does once the page no longer holds it.
fn free(handle: Handle) {
    let handle = JsValue::from(handle);
    let free: js_sys::Function = js_sys::Reflect::get(&handle, &"free".into()).unwrap().unchecked_into();
    free.call0(&handle).unwrap();
}

#[wasm_bindgen_test]
async fn a_widget_whose_handle_the_page_let_go_of_stays_and_works() {
    let _fake = FakeProxy::showing("informationRequired", &["accountPin"]);
    let host = host();
    let heard = Heard::default();
    heard.dom(&host);
    free(mount_js(JsValue::from(host.clone()), widget_options("s")).unwrap());
    appears(&host, "[data-field=accountPin]").await;
    submit_form(&host);
    appears(&host, ".pw-field-error:not([hidden])").await;
    until("the host still hears it", || heard.names().contains(&"dom:validationchange".to_owned())).await;
    // It lives as long as the page: no handle is left to unmount it.
    let again = type_error(mount_js(JsValue::from(host.clone()), widget_options("s")));
    assert!(again.contains("already holds"), "still mounted: {again}");
}

#[wasm_bindgen_test]
async fn a_host_holds_one_widget_until_it_is_unmounted() {
    let fake = FakeProxy::showing("requested", &[]);
    let host = host();
    let first = mount_js(JsValue::from(host.clone()), widget_options("s")).unwrap();
    appears(&host, "[data-status=requested]").await;
    host.set_id("held-host");
    for target in [JsValue::from(host.clone()), JsValue::from_str("#held-host")] {
        let message = type_error(mount_js(target, widget_options("s")));
        assert!(message.ends_with("already holds a porting widget; unmount it first"), "{message}");
    }
    quiet_for(50).await;
    assert_eq!(find_all(&host, ".pw").len(), 1, "one widget");
    let streams = || fake.sent("GET").iter().filter(|r| r["path"] == "/api/portings/prt_1/events").count();
    assert_eq!(streams(), 1, "one stream");

    first.unmount();
    assert!(find(&host, ".pw").is_none(), "unmounted, the widget is gone");
    let second = mount_js(JsValue::from(host.clone()), widget_options("s")).unwrap();
    appears(&host, "[data-status=requested]").await;
    assert_eq!(find_all(&host, ".pw").len(), 1);
    second.unmount();
}

#[wasm_bindgen_test]
async fn the_custom_element_follows_its_attributes_and_cleans_up_when_removed() {
    let fake = FakeProxy::showing("informationRequired", &["firstName"]);
    porting_widget::define_custom_element();
    porting_widget::define_custom_element();
    let element: HtmlElement = document().create_element("porting-widget").unwrap().unchecked_into();
    for (name, value) in [("proxy-base", FAKE_BASE), ("session", "session-1"), ("porting-id", "prt_1")] {
        element.set_attribute(name, value).unwrap();
    }
    document().body().unwrap().append_child(&element).unwrap();
    appears(&element, "[data-field=firstName]").await;
    type_into(&element, "firstName", "Ada");

    element.set_attribute("session", "session-2").unwrap();
    fake.answer("PATCH", "/portings/prt_1", 200, &porting_value("requested", &[]), json!({}));
    submit_form(&element);
    appears(&element, "[data-status=requested]").await;
    assert_eq!(fake.sent("PATCH")[0]["auth"], "Bearer session-2");

    let message = type_error(mount_js(JsValue::from(element.clone()), widget_options("s")));
    assert!(message.contains("already holds a porting widget"), "{message}");

    element.set_attribute("proxy-base", "http://shop.example").unwrap();
    appears(&element, ".pw-error").await;
    element.remove();
    assert!(find(&element, ".pw").is_none(), "removed, the widget is unmounted");
    // Connected again, it mounts afresh: its own widget went when it was removed.
    document().body().unwrap().append_child(&element).unwrap();
    appears(&element, ".pw-error").await;
    assert_eq!(find_all(&element, ".pw").len(), 1);
    element.remove();
    assert!(find(&element, ".pw").is_none());
}

#[wasm_bindgen_test]
async fn the_language_is_the_hosts_choice_else_the_pages_and_texts_can_be_reworded() {
    let fake = FakeProxy::install();
    let waiting = waiting("informationRequired", &["accountPin"]).created_at("2026-03-15T12:00:00Z").json();
    fake.answer("GET", "/portings/prt_1", 200, &waiting, json!({}));
    fake.hang("GET", "/portings/prt_1/events");
    fake.serve_language("de");
    fake.serve_language("es");
    let (de, es) = (language("de"), language("es"));

    // Asked for German: labels, problems and dates in German, in words fetched once for the page.
    let german = host();
    let mut chosen = json!({"proxyBase": FAKE_BASE, "session": "s", "portingId": "prt_1", "locale": "de-AT"});
    let de_widget = mount_js(JsValue::from(german.clone()), options(chosen.clone())).unwrap();
    appears(&german, "[data-field=accountPin]").await;
    assert_eq!(text(&german, "h2"), de.title);
    assert_eq!(attr(&find(&german, ".pw").unwrap(), "lang").as_deref(), Some("de"));
    submit_form(&german);
    let error = appears(&german, ".pw-field-error:not([hidden])").await;
    assert!(error.text_content().unwrap().contains("Geben Sie den Code ein"), "{}", german.inner_html());
    assert!(text(&german, ".pw-timeline time").contains("15.03.2026"), "{}", text(&german, ".pw-timeline"));

    // Not asked: the page's language decides.
    let page = host();
    page.set_attribute("lang", "es").unwrap();
    let inner = document().create_element("div").unwrap();
    page.append_child(&inner).unwrap();
    let worded = json!({"submit": "Port it", "problem.accountPin.required": "{label}, por favor"});
    chosen = json!({"proxyBase": FAKE_BASE, "session": "s", "portingId": "prt_1", "text": worded});
    let es_widget = mount_js(inner.into(), options(chosen)).unwrap();
    appears(&page, "[data-field=accountPin]").await;
    assert_eq!(text(&page, "h2"), es.title);
    assert_eq!(text(&page, "button[type=submit]"), "Port it", "the host's own words");
    submit_form(&page);
    let error = appears(&page, ".pw-field-error:not([hidden])").await;
    assert!(
        error.text_content().unwrap().ends_with(&format!("{}, por favor", es.label_pin)),
        "{}",
        page.inner_html()
    );

    let unknown = json!({"proxyBase": FAKE_BASE, "session": "s", "text": {"submitt": "x"}});
    assert!(type_error(mount_js(JsValue::from(host()), options(unknown)))
        .contains("options.text.submitt is not a text key"));
    de_widget.unmount();
    es_widget.unmount();
}

#[wasm_bindgen_test]
fn the_theme_and_custom_properties_land_on_the_host_and_bad_ones_are_named() {
    let host = host();
    let given = json!({"proxyBase": FAKE_BASE, "session": "s", "theme": "dark", "appearance": {"--pw-accent": "#6d28d9"}});
    let handle = mount_js(JsValue::from(host.clone()), options(given)).unwrap();
    assert_eq!(attr(&host, "data-pw-theme").as_deref(), Some("dark"));
    assert_eq!(host.style().get_property_value("--pw-accent").unwrap(), "#6d28d9");
    handle.update(options(json!({"proxyBase": FAKE_BASE, "session": "s", "theme": "auto"}))).unwrap();
    assert_eq!(attr(&host, "data-pw-theme"), None, "auto follows the buyer's system");
    assert_eq!(host.style().get_property_value("--pw-accent").unwrap(), "", "left out, taken back");
    handle.update(options(json!({"proxyBase": FAKE_BASE, "session": "s", "theme": "light"}))).unwrap();
    handle.unmount();
    assert_eq!(attr(&host, "data-pw-theme"), None, "unmounted, the host is as it was");
    let again = handle.update(options(json!({"proxyBase": FAKE_BASE, "session": "s"}))).unwrap_err();
    assert!(again.is_instance_of::<js_sys::TypeError>(), "an unmounted widget is not brought back");
    for (given, expected) in [
        (json!({"theme": "sepia"}), "options.theme must be"),
        (json!({"appearance": {"color": "red"}}), "options.appearance.color is not a --pw-* custom property"),
        (json!({"appearance": {"--pw-accent": 3}}), "options.appearance.--pw-accent must be a string"),
    ] {
        let mut all = json!({"proxyBase": FAKE_BASE, "session": "s"});
        all.as_object_mut().unwrap().extend(given.as_object().unwrap().clone());
        let message = type_error(mount_js(JsValue::from(host.clone()), options(all)));
        assert!(message.contains(expected), "{message}");
    }
}

#[wasm_bindgen_test]
async fn a_created_porting_and_its_session_outlive_a_refresh_and_a_remount() {
    let fake = FakeProxy::install();
    fake.answer("GET", "/serviceProviders", 200, &empty_list(), json!({}));
    let created = porting_value("informationRequired", &["accountPin"]);
    fake.answer("POST", "/portings", 201, &created, json!({"Porting-Session": "session-2"}));
    fake.answer("GET", "/portings/prt_1", 200, &created, json!({}));
    fake.hang("GET", "/portings/prt_1/events");
    let host = host();
    let first = json!({"proxyBase": FAKE_BASE, "session": "session-1"});
    let handle = mount_js(JsValue::from(host.clone()), options(first.clone())).unwrap();
    appears(&host, "form [data-field=phoneNumber]").await;
    choose(&host, "phoneCountry", "US");
    type_into(&host, "phoneNumber", "(201) 555-0123");
    submit_form(&host);
    appears(&host, "[data-field=accountPin]").await;

    // The host repeats its first session with a theme: the session of the create stays.
    let mut themed = first.clone();
    themed["theme"] = json!("dark");
    handle.update(options(themed)).unwrap();
    // Another language mounts afresh, still on the created porting with its session.
    let mut german = first.clone();
    german["locale"] = json!("de");
    handle.update(options(german)).unwrap();
    appears(&host, "[data-field=accountPin]").await;
    let reads: Vec<Value> =
        fake.sent("GET").into_iter().filter(|r| r["path"] == "/api/portings/prt_1").collect();
    assert!(!reads.is_empty(), "the remounted widget reads the created porting");
    assert!(reads.iter().all(|r| r["auth"] == "Bearer session-2"), "{reads:?}");
    assert_eq!(text(&host, "h2"), language("de").title);
    handle.unmount();
}

#[wasm_bindgen_test]
async fn the_host_hears_when_the_session_ends_and_a_fresh_one_follows_again() {
    let fake = FakeProxy::install();
    fake.answer("GET", "/portings/prt_1", 200, &porting_value("requested", &[]), json!({}));
    let expired =
        json!({"object": "error", "type": "authenticationError", "code": "sessionExpired", "message": "No."});
    fake.answer("GET", "/portings/prt_1/events", 401, &expired, json!({}));
    let host = host();
    let heard = Heard::default();
    heard.dom(&host);
    let handle = mount_js(host.clone().into(), widget_options("session-1")).unwrap();
    appears(&host, ".pw-live-ended:not([hidden])").await;
    until("the host is told", || heard.all().contains(r#"dom:loaderror {"kind":"session","status":null}"#))
        .await;

    // The host mints a fresh session: the porting is read again with it and followed.
    fake.answer("GET", "/portings/prt_1", 200, &porting_value("declined", &[]), json!({}));
    fake.hang("GET", "/portings/prt_1/events");
    handle.update(widget_options("session-2")).unwrap();
    appears(&host, "[data-status=declined]").await;
    assert!(find(&host, ".pw-live-ended:not([hidden])").is_none(), "no longer says it stopped");
    let followed = || {
        fake.sent("GET")
            .iter()
            .any(|r| r["path"] == "/api/portings/prt_1/events" && r["auth"] == "Bearer session-2")
    };
    until("the stream is opened with the fresh session", followed).await;
    handle.unmount();
}

/// Mounts into `host` and hands the handle to the page as `window.__pwHandle`, for its listeners.
fn mount_for_page(host: &HtmlElement, event: &str, listener: &str) {
    let handle = mount_js(host.clone().into(), widget_options("session-1")).unwrap();
    handle.on(event, js_sys::Function::new_with_args("detail", listener)).unwrap();
    js_sys::Reflect::set(&js_sys::global(), &"__pwHandle".into(), &handle.into()).unwrap();
}

/// Records what the console is told as an error from now on.
fn watch_console() {
    js_sys::eval("window.__pwErrors = []; window.__pwError = console.error; console.error = (...a) => { __pwErrors.push(a.join(' ')); __pwError(...a); };").unwrap();
}

fn console_errors() -> String {
    js_sys::eval("console.error = window.__pwError; JSON.stringify(window.__pwErrors)")
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
async fn a_listener_may_unmount_the_widget_that_called_it() {
    let fake = FakeProxy::showing("informationRequired", &["accountPin"]);
    let host = host();
    mount_for_page(&host, "statuschange", "window.__pwHandle.unmount()");
    appears(&host, "[data-field=accountPin]").await;
    type_into(&host, "accountPin", "8642");
    fake.answer("PATCH", "/portings/prt_1", 200, &porting_value("requested", &[]), json!({}));
    watch_console();
    submit_form(&host);
    until("the widget is gone", || find(&host, ".pw").is_none()).await;
    quiet_for(300).await;
    assert_eq!(console_errors(), "[]", "the send's last steps ran on a widget still there");
}

#[wasm_bindgen_test]
async fn a_listener_may_remount_the_widget_that_called_it() {
    let fake = FakeProxy::showing("informationRequired", &["accountPin"]);
    let second = waiting("completed", &[]).id("prt_2").json();
    fake.answer("GET", "/portings/prt_2", 200, &second, json!({}));
    let host = host();
    let opts = r#"{"proxyBase": "https://fake.test/api", "session": "session-1", "portingId": "prt_2"}"#;
    mount_for_page(&host, "statuschange", &format!("window.__pwHandle.update({opts})"));
    appears(&host, "[data-field=accountPin]").await;
    type_into(&host, "accountPin", "8642");
    fake.answer("PATCH", "/portings/prt_1", 200, &porting_value("requested", &[]), json!({}));
    watch_console();
    submit_form(&host);
    // The widget mounted from inside the send shows its porting, and does not go with the first.
    appears(&host, "[data-status=completed]").await;
    quiet_for(300).await;
    assert!(find(&host, "[data-status=completed]").is_some(), "the new widget stays");
    assert_eq!(console_errors(), "[]");
    let handle = js_sys::Reflect::get(&js_sys::global(), &"__pwHandle".into()).unwrap();
    js_sys::Reflect::get(&handle, &"unmount".into())
        .unwrap()
        .unchecked_into::<js_sys::Function>()
        .call0(&handle)
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_fresh_session_after_an_ended_one_still_shows_the_porting_the_buyer_created() {
    let fake = FakeProxy::install();
    fake.answer("GET", "/serviceProviders", 200, &empty_list(), json!({}));
    let created = porting_value("requested", &[]);
    fake.answer("POST", "/portings", 201, &created, json!({"Porting-Session": "session-2"}));
    fake.answer("GET", "/portings/prt_1", 200, &created, json!({}));
    let expired =
        json!({"object": "error", "type": "authenticationError", "code": "sessionExpired", "message": "No."});
    fake.answer("GET", "/portings/prt_1/events", 401, &expired, json!({}));
    let host = host();
    let handle =
        mount_js(host.clone().into(), options(json!({"proxyBase": FAKE_BASE, "session": "s"}))).unwrap();
    appears(&host, "form [data-field=phoneNumber]").await;
    choose(&host, "phoneCountry", "US");
    type_into(&host, "phoneNumber", "(201) 555-0123");
    submit_form(&host);
    appears(&host, ".pw-live-ended:not([hidden])").await;

    fake.hang("GET", "/portings/prt_1/events");
    handle.update(options(json!({"proxyBase": FAKE_BASE, "session": "session-3"}))).unwrap();
    appears(&host, "[data-status=requested]").await;
    assert!(find(&host, "[data-field=phoneNumber]").is_none(), "not the create step again");
    let last = fake.sent("GET").into_iter().rfind(|r| r["path"] == "/api/portings/prt_1").unwrap();
    assert_eq!(last["auth"], "Bearer session-3");
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_fresh_session_after_one_refused_at_load_loads_the_porting() {
    let fake = FakeProxy::install();
    let expired =
        json!({"object": "error", "type": "authenticationError", "code": "sessionExpired", "message": "No."});
    fake.answer("GET", "/portings/prt_1", 401, &expired, json!({}));
    let host = host();
    let handle = mount_js(host.clone().into(), widget_options("session-1")).unwrap();
    appears(&host, ".pw-error").await;
    fake.answer("GET", "/portings/prt_1", 200, &porting_value("requested", &[]), json!({}));
    fake.hang("GET", "/portings/prt_1/events");
    handle.update(widget_options("session-2")).unwrap();
    appears(&host, "[data-status=requested]").await;
    handle.unmount();
}
