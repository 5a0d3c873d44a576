//! The few lines of JS the widget runs, in one snippet: one module for the browser to fetch.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function define_element(connect, observed) {
  if (!window.customElements) return;
  const defined = customElements.get('porting-widget');
  // The entry point defined it before the wasm ran: it hands its elements over.
  if (defined) return defined.adopt && defined.adopt(connect);
  customElements.define('porting-widget', class extends HTMLElement {
    static get observedAttributes() { return observed; }
    connectedCallback() { if (!this.widget) this.widget = connect(this); }
    disconnectedCallback() { if (this.widget) { this.widget.unmount(); this.widget.free(); this.widget = null; } }
    attributeChangedCallback() { if (this.widget) this.widget.refresh(); }
  });
}

const languages = {};

export function language_words(lang) {
  if (!languages[lang]) {
    const url = new URL('../../lang/' + lang + '.json', import.meta.url).href;
    languages[lang] = fetch(url)
      .then((answer) => {
        if (!answer.ok) throw new Error(url + ' answered HTTP ' + answer.status);
        return answer.json();
      })
      .catch((error) => {
        delete languages[lang];
        throw error;
      });
  }
  return languages[lang];
}

// The entry point's words for `lang`, fetched before the wasm ran: taken, so they are asked for once.
export function offer_words(lang, words) {
  if (!languages[lang]) {
    languages[lang] = words.catch((error) => {
      delete languages[lang];
      throw error;
    });
  }
}

export function dispatch(target, name, detail) {
  detail = JSON.parse(detail);
  target.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
  return detail;
}
"#)]
extern "C" {
    /// Defines `<porting-widget>`, whose elements call `connect` when connected and follow the
    /// `observed` attributes.
    pub fn define_element(connect: &JsValue, observed: js_sys::Array);

    /// The words of `lang` (`de`, or `help/de` for its help) as an object, fetched from `lang/`
    /// beside the widget's JS (found from this snippet's own place in `snippets/<crate>-<hash>/`):
    /// one request for every widget waiting, tried again after a failure.
    pub fn language_words(lang: &str) -> js_sys::Promise;

    /// Dispatches the event `name` from `target`, bubbling and composed, with the JSON `detail`
    /// as an object, which it returns. One call where building the event in Rust took seven.
    pub fn dispatch(target: &web_sys::EventTarget, name: &str, detail: &str) -> JsValue;
}
