//! The widgets on the page, one per host: each with where its configuration comes from, the
//! session it runs with, and the theme and appearance it set on its host. A widget lives here
//! until unmounted, whatever becomes of its handle; a new configuration reaches it in place or
//! mounts it afresh (see [`configure`]).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::HtmlElement;

use super::mount::{mount, Mounted};
use super::type_error;
use crate::api::Session;
use crate::config::{Access, Config, ConfigError, Names};
use crate::events::emitter::Emitter;

/// The host element's attribute that picks the light or dark preset (see `style/widget.css`).
const THEME_ATTRIBUTE: &str = "data-pw-theme";

/// Where a widget's configuration comes from.
pub(super) enum Source {
    /// The JS API's options object.
    Options,
    /// The attributes of its host element, named thus.
    Attributes(&'static Names),
}

pub(super) struct Embedded {
    pub(super) host: HtmlElement,
    pub(super) source: Source,
    pub(super) emitter: Emitter,
    /// The configuration as the host last gave it (its own session, not one a create refreshed).
    pub(super) host_config: Option<Config>,
    /// The running widget's session: the host's, or the one its create step refreshed.
    pub(super) session: Session,
    pub(super) mounted: Option<Mounted>,
    /// What the theme and appearance options set on the host element, to take back.
    pub(super) theme_set: bool,
    pub(super) set_properties: Vec<String>,
    /// Unmounted for good.
    pub(super) closed: bool,
}

impl Embedded {
    fn new(host: HtmlElement, source: Source) -> Rc<RefCell<Embedded>> {
        let emitter = Emitter::new(host.clone().into());
        Rc::new(RefCell::new(Embedded {
            host,
            source,
            emitter,
            host_config: None,
            session: Session::default(),
            mounted: None,
            theme_set: false,
            set_properties: Vec::new(),
            closed: false,
        }))
    }

    /// Sets the theme and custom properties `config` asks for on the host element (through the
    /// CSSOM, which a strict style-src allows), after taking back what an earlier one set.
    pub(super) fn apply_appearance(&mut self, config: Option<&Config>) {
        if std::mem::take(&mut self.theme_set) {
            let _ = self.host.remove_attribute(THEME_ATTRIBUTE);
        }
        let style = self.host.style();
        for name in self.set_properties.drain(..) {
            let _ = style.remove_property(&name);
        }
        let Some(config) = config else { return };
        if let Some(theme) = config.theme.filter(|theme| *theme != "auto") {
            self.theme_set = self.host.set_attribute(THEME_ATTRIBUTE, theme).is_ok();
        }
        for (name, value) in &config.appearance {
            if style.set_property(name, value).is_ok() {
                self.set_properties.push(name.clone());
            }
        }
    }

    pub(super) fn attributes(&self) -> Option<Result<Config, ConfigError>> {
        let Source::Attributes(names) = self.source else { return None };
        Some(Config::read(names, |name| self.host.get_attribute(name)))
    }
}

/// Applies a configuration to a widget. A refreshed session, theme or appearance reaches the
/// running widget, so nothing the buyer typed is lost (unless its session had ended, which
/// stopped it following the porting); anything else mounts it afresh, still
/// showing the porting the buyer created and with its session, unless the host named others.
pub(super) fn configure(embedded: &Rc<RefCell<Embedded>>, config: Result<Config, ConfigError>) {
    let (host, config, emitter, old) = {
        let mut this = embedded.borrow_mut();
        if this.closed {
            return;
        }
        this.apply_appearance(config.as_ref().ok());
        let host_token = |config: Option<&Config>| match config.map(|c| &c.access) {
            Some(Access::Session { token, .. }) => Some(token.get()),
            _ => None,
        };
        let host_token_now = host_token(config.as_ref().ok());
        let renewed = host_token_now != host_token(this.host_config.as_ref());
        // A widget whose session ended no longer follows its porting: a fresh session starts it again.
        let revived = renewed && this.emitter.session_ended();
        let in_place = this.mounted.is_some()
            && !revived
            && matches!((&this.host_config, &config), (Some(old), Ok(new)) if old.same_widget(new));
        this.host_config = config.as_ref().ok().cloned();
        match host_token_now.filter(|_| renewed) {
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
pub(super) fn register(host: HtmlElement, source: Source) -> Result<Rc<RefCell<Embedded>>, JsValue> {
    if MOUNTED.with_borrow(|mounted| mounted.iter().any(|(held, _)| *held == host)) {
        return Err(type_error("the target already holds a porting widget; unmount it first".into()));
    }
    let embedded = Embedded::new(host.clone(), source);
    MOUNTED.with_borrow_mut(|mounted| mounted.push((host, embedded.clone())));
    Ok(embedded)
}

/// Lets go of `embedded`, which lives on only as long as its handles.
pub(super) fn unregister(embedded: &Rc<RefCell<Embedded>>) {
    // Taken out and dropped after the registry's borrow ends.
    let _gone = MOUNTED.with_borrow_mut(|mounted| {
        let at = mounted.iter().position(|(_, held)| Rc::ptr_eq(held, embedded))?;
        Some(mounted.swap_remove(at))
    });
}
