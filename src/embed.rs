//! How a page embeds the widget: `data-porting-widget` elements found at start, the
//! `<porting-widget>` custom element, and the JS API's `mount(target, options)` with its handle.
//! A widget lives until unmounted, whatever becomes of its handle, and a host holds one at a time.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::api::Session;
use crate::components::PortingWidget;
use crate::config::{Access, Config, ConfigError, Names, DATA_ATTRIBUTES, ELEMENT_ATTRIBUTES, OPTIONS};
use crate::dom::{browser_languages, page_language, string_entries};
use crate::events::{telling, Emitter, Event, Events};
use crate::languages::language;
use crate::messages::{language_for, with_texts, Messages, EN};

/// One widget on the page; dropping it unmounts the widget, which stops following its porting.
pub struct Mounted {
    _unmount: Box<dyn std::any::Any>,
}

/// A widget's view and the owner of all it runs. Leptos' own handle leaves its owner to whatever
/// still holds it (event listeners do), so a removed widget would go on following its porting.
struct Running {
    view: Option<Box<dyn std::any::Any>>,
    owner: Owner,
}

impl Drop for Running {
    fn drop(&mut self) {
        drop(self.view.take());
        if telling() {
            // A host listener unmounts from inside the widget's work, whose signals must outlive it.
            let owner = self.owner.clone();
            wasm_bindgen_futures::spawn_local(async move { owner.cleanup() });
        } else {
            self.owner.cleanup();
        }
    }
}

/// Mounts a widget into `host` with `config` (an error is shown as the widget's error state),
/// telling its events to `emitter`: at once in English, else once its language's words are here.
pub fn mount(host: HtmlElement, config: Result<Config, ConfigError>, emitter: Emitter) -> Mounted {
    // The host's choice, else the page's language, else the browser's.
    let mut wanted: Vec<String> = config.as_ref().ok().and_then(|c| c.locale.clone()).into_iter().collect();
    wanted.extend(page_language(&host));
    wanted.extend(browser_languages());
    let start = move |words: &'static Messages| {
        let catalog = with_texts(words, config.as_ref().map_or(&[][..], |c| &c.texts));
        let owner = Owner::new();
        let view = owner.with(|| {
            leptos::mount::mount_to(host, move || {
                provide_context(catalog);
                Events::provide(emitter);
                view! { <PortingWidget config/> }
            })
        });
        Running { view: Some(Box::new(view)), owner }
    };
    let running: Rc<RefCell<Option<Box<dyn std::any::Any>>>> = Rc::default();
    let lang = language_for(wanted.iter().map(String::as_str));
    // Mounted from inside a widget's task (a host listener remounting), it starts once that task
    // ended, so that it is no child of that widget's owner, to go with it.
    if lang.is_none() && Owner::current().is_none() {
        *running.borrow_mut() = Some(Box::new(start(&EN)));
    } else {
        // Unmounted meanwhile: nothing to start.
        let waiting = Rc::downgrade(&running);
        // Not Leptos' executor, which the first mount starts.
        wasm_bindgen_futures::spawn_local(async move {
            let words = match lang {
                Some(lang) => language(lang).await,
                None => &EN,
            };
            if let Some(running) = waiting.upgrade() {
                *running.borrow_mut() = Some(Box::new(start(words)));
            }
        });
    }
    Mounted { _unmount: Box::new(running) }
}

/// The host element's attribute that picks the light or dark preset (see `style/widget.css`).
const THEME_ATTRIBUTE: &str = "data-pw-theme";

/// Where a widget's configuration comes from.
enum Source {
    /// The JS API's options object.
    Options,
    /// The attributes of its host element, named thus.
    Attributes(&'static Names),
}

struct Embedded {
    host: HtmlElement,
    source: Source,
    emitter: Emitter,
    /// The configuration as the host last gave it (its own session, not one a create refreshed).
    given: Option<Config>,
    /// The running widget's session: the host's, or the one its create step refreshed.
    session: Session,
    mounted: Option<Mounted>,
    /// What the theme and appearance options set on the host element, to take back.
    themed: bool,
    dressed: Vec<String>,
    /// Unmounted for good.
    closed: bool,
}

impl Embedded {
    fn new(host: HtmlElement, source: Source) -> Rc<RefCell<Embedded>> {
        let emitter = Emitter::new(host.clone().into());
        Rc::new(RefCell::new(Embedded {
            host,
            source,
            emitter,
            given: None,
            session: Session::default(),
            mounted: None,
            themed: false,
            dressed: Vec::new(),
            closed: false,
        }))
    }

    /// Sets the theme and custom properties `config` asks for on the host element (through the
    /// CSSOM, which a strict style-src allows), after taking back what an earlier one set.
    fn dress(&mut self, config: Option<&Config>) {
        if std::mem::take(&mut self.themed) {
            let _ = self.host.remove_attribute(THEME_ATTRIBUTE);
        }
        let style = self.host.style();
        for name in self.dressed.drain(..) {
            let _ = style.remove_property(&name);
        }
        let Some(config) = config else { return };
        if let Some(theme) = config.theme.filter(|theme| *theme != "auto") {
            self.themed = self.host.set_attribute(THEME_ATTRIBUTE, theme).is_ok();
        }
        for (name, value) in &config.appearance {
            if style.set_property(name, value).is_ok() {
                self.dressed.push(name.clone());
            }
        }
    }

    fn attributes(&self) -> Option<Result<Config, ConfigError>> {
        let Source::Attributes(names) = self.source else { return None };
        Some(Config::read(names, |name| self.host.get_attribute(name)))
    }
}

/// Applies a configuration to a widget. A refreshed session, theme or appearance reaches the
/// running widget, so nothing the buyer typed is lost (unless its session had ended, which
/// stopped it following the porting); anything else mounts it afresh, still
/// showing the porting the buyer created and with its session, unless the host named others.
fn configure(embedded: &Rc<RefCell<Embedded>>, config: Result<Config, ConfigError>) {
    let (host, config, emitter, old) = {
        let mut this = embedded.borrow_mut();
        if this.closed {
            return;
        }
        this.dress(config.as_ref().ok());
        let host_token = |config: Option<&Config>| match config.map(|c| &c.access) {
            Some(Access::Session { token, .. }) => Some(token.get()),
            _ => None,
        };
        let given = host_token(config.as_ref().ok());
        let renewed = given != host_token(this.given.as_ref());
        // A widget whose session ended no longer follows its porting: a fresh session starts it again.
        let revived = renewed && this.emitter.session_ended();
        let in_place = this.mounted.is_some()
            && !revived
            && matches!((&this.given, &config), (Some(old), Ok(new)) if old.same_widget(new));
        this.given = config.as_ref().ok().cloned();
        match given.filter(|_| renewed) {
            // The running widget's client shares this cell.
            Some(token) if in_place => this.session.set(token),
            Some(token) => this.session = Session::from(token),
            None => {}
        }
        if in_place {
            return;
        }
        let mut config = config;
        if let Ok(Config { access: Access::Session { token, porting_id, .. }, .. }) = &mut config {
            *token = this.session.clone();
            if porting_id.is_none() && (!renewed || revived) {
                *porting_id = this.emitter.created();
            }
        }
        (this.host.clone(), config, this.emitter.clone(), this.mounted.take())
    };
    // Mounting runs the widget, whose events may call back into this handle: no borrow is held.
    drop(old);
    let mounted = mount(host, config, emitter);
    let mut this = embedded.borrow_mut();
    if !this.closed {
        this.mounted = Some(mounted);
    }
}

thread_local! {
    /// Every widget mounted and not yet unmounted, by its host: what keeps it alive, since the
    /// glue frees a handle the page lets go of (a `FinalizationRegistry` calls `free()`).
    static MOUNTED: RefCell<Vec<(HtmlElement, Rc<RefCell<Embedded>>)>> = const { RefCell::new(Vec::new()) };
}

/// A new widget in `host`, kept until unmounted; a `TypeError` if `host` already holds one (two
/// would each tell the host everything and each follow the porting).
fn register(host: HtmlElement, source: Source) -> Result<Handle, JsValue> {
    if MOUNTED.with_borrow(|mounted| mounted.iter().any(|(held, _)| *held == host)) {
        return Err(type_error("the target already holds a porting widget; unmount it first".into()));
    }
    let embedded = Embedded::new(host.clone(), source);
    MOUNTED.with_borrow_mut(|mounted| mounted.push((host, embedded.clone())));
    Ok(Handle(embedded))
}

/// Lets go of `embedded`, which lives on only as long as its handles.
fn unregister(embedded: &Rc<RefCell<Embedded>>) {
    // Taken out and dropped after the registry's borrow ends.
    let _gone = MOUNTED.with_borrow_mut(|mounted| {
        let at = mounted.iter().position(|(_, held)| Rc::ptr_eq(held, embedded))?;
        Some(mounted.swap_remove(at))
    });
}

/// A mounted widget, as the JS API hands it out: freeing it leaves the widget mounted.
#[wasm_bindgen(js_name = PortingWidgetHandle)]
pub struct Handle(Rc<RefCell<Embedded>>);

#[wasm_bindgen(js_class = PortingWidgetHandle)]
impl Handle {
    /// Changes the options; a bad one throws a `TypeError` naming it and changes nothing.
    pub fn update(&self, options: JsValue) -> Result<(), JsValue> {
        if self.0.borrow().closed {
            return Err(type_error("this widget was unmounted: mount a new one".into()));
        }
        configure(&self.0, Ok(options_config(&options)?));
        Ok(())
    }

    /// Removes the widget; it stops following its porting and says nothing more.
    pub fn unmount(&self) {
        unregister(&self.0);
        let mounted = {
            let mut this = self.0.borrow_mut();
            this.closed = true;
            this.dress(None);
            this.emitter.listeners.borrow_mut().clear();
            this.mounted.take()
        };
        drop(mounted);
    }

    /// Calls `listener` with the detail of each event `name` (once, however often it is added).
    pub fn on(&self, name: &str, listener: js_sys::Function) -> Result<(), JsValue> {
        let name = event_name(name)?;
        let embedded = self.0.borrow();
        let mut listeners = embedded.emitter.listeners.borrow_mut();
        // Added twice, it is called once, as `addEventListener` does.
        if !listeners.iter().any(|(n, f)| n == name && *f == listener) {
            listeners.push((name.to_owned(), listener));
        }
        Ok(())
    }

    /// Stops calling `listener` for `name`.
    pub fn off(&self, name: &str, listener: js_sys::Function) -> Result<(), JsValue> {
        let name = event_name(name)?;
        let embedded = self.0.borrow();
        embedded.emitter.listeners.borrow_mut().retain(|(n, f)| !(n == name && *f == listener));
        Ok(())
    }

    /// Reads the host element's attributes again (the custom element calls it when they change).
    pub fn refresh(&self) {
        let config = self.0.borrow().attributes();
        if let Some(config) = config {
            configure(&self.0, config);
        }
    }
}

/// `mount(target, options)`: a widget in `target` (an element, or a selector for one).
#[wasm_bindgen(js_name = mount)]
pub fn mount_js(target: JsValue, options: JsValue) -> Result<Handle, JsValue> {
    let host = target_element(&target)?;
    let config = options_config(&options)?;
    let handle = register(host, Source::Options)?;
    configure(&handle.0, Ok(config));
    Ok(handle)
}

/// A widget configured by `host`'s attributes, named as `names` says.
fn mount_attributes(host: HtmlElement, names: &'static Names) -> Result<Handle, JsValue> {
    let handle = register(host, Source::Attributes(names))?;
    handle.refresh();
    Ok(handle)
}

/// Mounts a widget into every element marked `data-porting-widget` on the page, for good.
pub fn mount_all() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(hosts) = document.query_selector_all("[data-porting-widget]") else { return };
    for i in 0..hosts.length() {
        if let Some(host) = hosts.item(i).and_then(|node| node.dyn_into::<HtmlElement>().ok()) {
            if let Err(error) = mount_attributes(host, &DATA_ATTRIBUTES) {
                web_sys::console::error_1(&error);
            }
        }
    }
}

/// Defines `<porting-widget>`, configured by its attributes and unmounted when removed (so
/// connected again, it mounts afresh).
pub fn define_custom_element() {
    let connect = Closure::<dyn Fn(HtmlElement) -> Result<JsValue, JsValue>>::new(|host: HtmlElement| {
        mount_attributes(host, &ELEMENT_ATTRIBUTES).map(JsValue::from)
    });
    let observed = ELEMENT_ATTRIBUTES.all().into_iter().map(JsValue::from_str).collect();
    crate::js::define_element(connect.as_ref(), observed);
    // Lives as long as the page: every element connected later calls it.
    connect.forget();
}

fn type_error(message: String) -> JsValue {
    js_sys::TypeError::new(&format!("porting-widget: {message}")).into()
}

fn target_element(target: &JsValue) -> Result<HtmlElement, JsValue> {
    if let Some(selector) = target.as_string() {
        let document =
            web_sys::window().and_then(|w| w.document()).ok_or_else(|| type_error("no document".into()))?;
        let found = document
            .query_selector(&selector)
            .map_err(|_| type_error(format!("target \"{selector}\" is not a selector")))?;
        return found
            .and_then(|element| element.dyn_into::<HtmlElement>().ok())
            .ok_or_else(|| type_error(format!("target \"{selector}\" matches no element")));
    }
    target
        .dyn_ref::<HtmlElement>()
        .cloned()
        .ok_or_else(|| type_error("target must be an element or a selector".into()))
}

/// The configuration the JS API's `options` give, or a `TypeError` naming the option at fault.
fn options_config(options: &JsValue) -> Result<Config, JsValue> {
    if !options.is_object() {
        return Err(type_error("options must be an object".into()));
    }
    let names = OPTIONS.all();
    let mut values = Vec::new();
    let (mut texts, mut appearance, mut theme) = (Vec::new(), Vec::new(), None);
    for key in js_sys::Object::keys(options.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        let value = js_sys::Reflect::get(options, &JsValue::from_str(&key)).unwrap_or_default();
        match key.as_str() {
            TEXT_OPTION => {
                texts =
                    string_entries(&value, &format!("options.{TEXT_OPTION}"), Messages::is_key, "a text key")
                        .map_err(type_error)?;
                continue;
            }
            APPEARANCE_OPTION => {
                let variable = |key: &str| key.starts_with("--pw-");
                appearance = string_entries(
                    &value,
                    &format!("options.{APPEARANCE_OPTION}"),
                    variable,
                    "a --pw-* custom property",
                )
                .map_err(type_error)?;
                continue;
            }
            THEME_OPTION => {
                let given = value.as_string().unwrap_or_default();
                theme = ["light", "dark", "auto"].into_iter().find(|known| *known == given);
                if theme.is_none() && !value.is_undefined() {
                    let message = format!("options.{THEME_OPTION} must be \"light\", \"dark\" or \"auto\"");
                    return Err(type_error(message));
                }
                continue;
            }
            _ => {}
        }
        let Some(name) = names.into_iter().find(|name| *name == key) else {
            return Err(type_error(format!(
                "options.{key} is not an option (they are {}, {TEXT_OPTION})",
                names.join(", ")
            )));
        };
        let text = match (value.as_string(), value.as_bool()) {
            (Some(text), _) => Some(text),
            (None, Some(flag)) if name == OPTIONS.demo => Some(flag.to_string()),
            // The porting as the backend's own Gigs call returned it, an object or its JSON.
            _ if name == OPTIONS.porting && value.is_object() => {
                js_sys::JSON::stringify(&value).ok().map(String::from)
            }
            _ if value.is_undefined() || value.is_null() => None,
            _ => return Err(type_error(format!("options.{name} must be a string"))),
        };
        values.push((name, text));
    }
    let config =
        Config::read(&OPTIONS, |name| values.iter().find(|(n, _)| *n == name).and_then(|(_, v)| v.clone()))
            .map_err(|error| type_error(format!("options.{error}")))?;
    Ok(Config { texts, theme, appearance, ..config })
}

/// The option that rewords texts: `{ key: "text" }` by the catalog's keys.
const TEXT_OPTION: &str = "text";
/// `"light"`, `"dark"` or `"auto"` (the buyer's system).
const THEME_OPTION: &str = "theme";
/// `{ "--pw-accent": "#6d28d9" }`: the appearance contract's custom properties.
const APPEARANCE_OPTION: &str = "appearance";

fn event_name(name: &str) -> Result<&'static str, JsValue> {
    Event::NAMES.into_iter().find(|known| *known == name).ok_or_else(|| {
        type_error(format!("\"{name}\" is not an event (they are {})", Event::NAMES.join(", ")))
    })
}
