// @ts-check
// The porting widget's stable entry point: serve it with `Cache-Control: no-cache`; the files it
// names are content-hashed. Evaluating it starts the wasm and the server's rendering of each
// <porting-widget> that has none yet at once; what only the running wasm needs (the JS glue and its
// snippet, side by side, and the words of a German or Spanish page) follows as soon as those
// renderings are in. It defines <porting-widget>, so a form rendered by the server is guarded (a
// send is kept for the widget, never submitted) until the wasm takes it over.
// `cargo xtask build` writes it to dist/embed/porting-widget.js with the hashed names filled in.

const FILES = { glue: "__GLUE__", wasm: "__WASM__", snippet: "__SNIPPET__" };
/** The attributes of <porting-widget>, as the widget reads them (`ELEMENT_ATTRIBUTES`). */
const ATTRIBUTES = ["proxy-base", "session", "porting-id", "demo", "locale", "porting"];
/** The languages with words besides English (`messages::LANGUAGES`). */
const LANGUAGES = ["de", "es"];
/** How long the wasm may take before a rendered form says it cannot be sent yet. */
const PATIENCE_MS = 12000;
/** The longest the glue, its snippet and the words wait for the first states to come. */
const FIRST_STATES_AHEAD_MS = 1000;
/** What a page without the server's rendering shows when the widget cannot run (the catalog's `code_missing`, `unsupported_browser`). */
const ENGLISH = {
  codeMissing: "This form couldn't finish loading, so it can't be sent yet. Check your connection and reload the page. What you typed stays here until you do.",
  unsupported: "This browser can't run the form to keep your number. Open this page in an up-to-date browser, such as Safari, Chrome, Firefox or Edge, or contact us to transfer your number.",
};
const WRAPPER = ".pw-prerendered";

const at = (/** @type {string} */ name) => new URL(name, import.meta.url).href;

/** What the widget needs of the browser: WebAssembly with streaming compilation, custom elements, and the finalizer its glue uses. */
const supported =
  typeof WebAssembly === "object" &&
  typeof WebAssembly.instantiateStreaming === "function" &&
  typeof customElements === "object" &&
  typeof FinalizationRegistry === "function";

/** The first states being fetched; what only the wasm needs loads once none is (or after a second). */
let firstStates = 0;
/** @type {() => void} */
let letCodeLoad = () => {};
// Requests beside a first state slow it on a phone's line (by 37 ms, BENCHMARKS.md), and these are
// needed only once the wasm is in, a second later there.
const codeMayLoad = new Promise((resolve) => (letCodeLoad = () => resolve(undefined)));
setTimeout(letCodeLoad, FIRST_STATES_AHEAD_MS);

/** @type {Promise<any> | null} */
let glue = null;
/** @type {Promise<Response> | null} */
let wasm = null;
/** @type {Promise<any> | null} */
let snippet = null;
if (supported) {
  // The longest download starts first; at low priority, behind the first state on a shared line.
  wasm = fetch(at(FILES.wasm), { priority: "low" });
  glue = codeMayLoad.then(() => import(at(FILES.glue)));
  // The glue imports its snippet: fetched beside it, not after it.
  snippet = codeMayLoad.then(() => import(at(FILES.snippet)));
  snippet.catch(() => {});
}

/** The language a widget in `host` speaks: its `locale`, else the page's, else the browser's. */
function wanted(/** @type {Element} */ host) {
  const tags = [host.getAttribute("locale"), host.closest("[lang]")?.getAttribute("lang"), ...navigator.languages];
  for (const tag of tags) {
    const language = (tag || "").trim().split(/[-_]/)[0].toLowerCase();
    if (language === "en") return "en";
    if (LANGUAGES.includes(language)) return language;
  }
  return "en";
}

/** The words of `lang`, asked for once, and offered to the snippet, which would ask for them otherwise. */
const words = new Map();
function prefetchWords(/** @type {string} */ lang) {
  if (!supported || lang === "en" || words.has(lang)) return;
  const url = at(`lang/${lang}.json`);
  const promise = codeMayLoad.then(() => fetch(url)).then((answer) => {
    if (!answer.ok) throw new Error(`${url} answered HTTP ${answer.status}`);
    return answer.json();
  });
  promise.catch(() => {});
  words.set(lang, promise);
  snippet?.then((module) => module.offer_words(lang, promise), () => {});
}

/** Keeps a send pressed on the server's rendering for the widget, which honours it once it runs. */
function guard(/** @type {Element} */ wrapper) {
  if (wrapper.hasAttribute("data-pw-guarded")) return;
  wrapper.setAttribute("data-pw-guarded", "");
  wrapper.addEventListener("submit", (event) => {
    event.preventDefault();
    wrapper.setAttribute("data-pw-send-pressed", "");
    const button = wrapper.querySelector("button[type=submit]");
    if (button) {
      button.textContent = wrapper.getAttribute("data-pw-getting-ready");
      button.setAttribute("aria-disabled", "true");
    }
  });
}

/** Says `text` in `host`: in the rendering's own notice, else in a paragraph of its own. */
function say(/** @type {Element} */ host, /** @type {string} */ text) {
  const wrapper = host.matches(WRAPPER) ? host : host.querySelector(WRAPPER);
  const notice = wrapper?.querySelector(".pw-prerendered-notice");
  if (notice) {
    notice.textContent = text;
    notice.removeAttribute("hidden");
  } else if (!host.querySelector(".pw, .pw-unavailable")) {
    const paragraph = document.createElement("p");
    paragraph.className = "pw-unavailable";
    paragraph.setAttribute("role", "alert");
    paragraph.textContent = text;
    host.append(paragraph);
  }
}

/** Fetches the server's rendering of `host`'s first state, and shows it unless the widget is there first. */
function prerender(/** @type {HTMLElement} */ host) {
  const wrapper = host.querySelector(WRAPPER);
  if (wrapper) return guard(wrapper);
  const base = host.getAttribute("proxy-base")?.trim().replace(/\/+$/, "");
  const session = host.getAttribute("session")?.trim();
  if (!supported || !base || !session || host.hasAttribute("demo") || host.querySelector(".pw")) return;
  const id = host.getAttribute("porting-id")?.trim();
  const lang = wanted(host);
  prefetchWords(lang);
  const query = new URLSearchParams({
    lang,
    locale: navigator.language || "en",
    tz: String(-new Date().getTimezoneOffset()),
  });
  const url = `${base}${id ? `/portings/${encodeURIComponent(id)}` : ""}/view?${query}`;
  firstStates += 1;
  fetch(url, { headers: { Authorization: `Bearer ${session}` }, priority: "high" })
    .then((answer) => (answer.ok ? answer.text() : null))
    .then((html) => {
      if (!html || host.querySelector(`${WRAPPER}, .pw`) || !host.isConnected) return;
      host.insertAdjacentHTML("afterbegin", html);
      const inserted = host.querySelector(WRAPPER);
      if (inserted) guard(inserted);
    })
    .catch(() => {})
    .finally(() => {
      firstStates -= 1;
      if (firstStates === 0) letCodeLoad();
    });
}

/** Tells `host`'s page the widget cannot run here, and says so in it. */
function unsupported(/** @type {Element} */ host) {
  const wrapper = host.querySelector(WRAPPER);
  wrapper?.querySelector(".pw")?.setAttribute("hidden", "");
  say(host, wrapper?.getAttribute("data-pw-unsupported") || ENGLISH.unsupported);
  const detail = { kind: "unsupported", status: null };
  host.dispatchEvent(new CustomEvent("porting:loaderror", { bubbles: true, composed: true, detail }));
}

/** The element's connection to the wasm once it runs (`define_element` in the snippet hands it over). */
/** @type {((host: HTMLElement) => any) | null} */
let connect = null;
/** @type {Set<PortingWidgetElement>} */
const waiting = new Set();

class PortingWidgetElement extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  /** The wasm is running: every element connected so far mounts its widget. */
  static adopt(/** @type {(host: HTMLElement) => any} */ connectTo) {
    connect = connectTo;
    for (const element of waiting) element.connectedCallback();
    waiting.clear();
  }

  connectedCallback() {
    if (!supported) return unsupported(this);
    if (connect) {
      waiting.delete(this);
      // @ts-ignore: the widget's handle
      if (!this.widget) this.widget = connect(this);
      return;
    }
    waiting.add(this);
    prerender(this);
  }

  disconnectedCallback() {
    waiting.delete(this);
    // @ts-ignore
    if (this.widget) {
      // @ts-ignore
      this.widget.unmount();
      // @ts-ignore
      this.widget.free();
      // @ts-ignore
      this.widget = null;
    }
  }

  attributeChangedCallback() {
    // @ts-ignore
    if (this.widget) this.widget.refresh();
  }
}

if (typeof customElements === "object" && !customElements.get("porting-widget")) {
  customElements.define("porting-widget", PortingWidgetElement);
}
for (const wrapper of document.querySelectorAll(WRAPPER)) guard(wrapper);
for (const host of document.querySelectorAll("[data-porting-widget]")) {
  if (!supported) unsupported(host);
  else prefetchWords(wanted(host));
}
if (firstStates === 0) letCodeLoad();

/** The widget's code could not be had: every rendering and waiting host says so. */
function missing() {
  for (const wrapper of document.querySelectorAll(WRAPPER)) {
    say(wrapper, wrapper.getAttribute("data-pw-code-missing") || ENGLISH.codeMissing);
  }
  for (const element of waiting) say(element, ENGLISH.codeMissing);
}

/** The widget's own exports, once it runs. */
/** @type {any} */
let exports = null;
/** @type {Promise<unknown> | null} */
let started = null;

/**
 * Runs the widget's wasm (once, however often it is called) and resolves when it runs; rejects in a
 * browser that cannot run it. Call it at page entry, or when the page is idle in a checkout whose
 * earlier steps come first: its wasm is downloading from the moment this module is evaluated.
 */
export default function start(/** @type {any} */ options) {
  if (!started) {
    if (!glue || !wasm) {
      started = Promise.reject(new Error("porting-widget: this browser cannot run the widget"));
    } else {
      const late = setTimeout(missing, PATIENCE_MS);
      started = glue
        .then(async (module) => {
          const value = await module.default(options ?? { module_or_path: wasm });
          exports = module;
          return value;
        })
        .finally(() => clearTimeout(late));
      started.catch(missing);
    }
  }
  return started;
}

/**
 * Mounts a widget into `target` (an element or a selector); call it once `start()` resolved.
 * @param {HTMLElement | string} target
 * @param {object} options
 */
export function mount(target, options) {
  if (!exports) throw new TypeError("porting-widget: call start() and await it before mount()");
  return exports.mount(target, options);
}
