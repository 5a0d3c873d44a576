// Types of the porting widget's JS API, its options and the events a host page hears.

/** What a widget is configured with. A bad option makes `mount` and `update` throw a `TypeError` naming it. */
export interface PortingWidgetOptions {
  /** The porting proxy's widget API: a same-origin path such as `/api`, an `https://` URL, or `http://` on loopback. */
  proxyBase: string;
  /** The buyer's porting session, minted by your backend. Required unless `demo`. */
  session?: string;
  /** The porting to show; without it the widget starts with the create step. */
  portingId?: string;
  /**
   * That porting as your backend's Gigs call returned it (the object or its JSON), so the first render
   * waits for no request; the live stream then brings the current one. One that is not the porting
   * `portingId` names is loaded instead, with a console warning.
   */
  porting?: object | string;
  /** Ask the proxy's simulator for a demo buyer instead of a session (simulator mode only). */
  demo?: boolean;
  /**
   * BCP 47 language: `en`, `de` or `es` (else the page's `lang`, else the browser's, else English).
   * German and Spanish words are fetched from `lang/<tag>.json` beside this module.
   */
  locale?: string;
  /**
   * Your own words for any text, by key: a plain text (`submit`), a format with its values in braces
   * (`retry_in: "Again in {seconds} s"`, `retry_in.one` for a count of 1),
   * `guidance.<declinedCode>`, `problem.<property>.<code>`, `problem.<property>`, `problem.<code>`
   * or `problem.other` (`{label}` is the field's label), `country.<ISO code>`, or the help for one provider:
   * `help.<providerId>.accountNumber`, `help.<providerId>.pin`, `help.<providerId>.stac`. See docs/embedding.md.
   */
  text?: Record<string, string>;
  /** `light`, `dark`, or `auto` (the buyer's system, the default). */
  theme?: "light" | "dark" | "auto";
  /** The appearance contract's custom properties, e.g. `{ "--pw-accent": "#6d28d9" }`. */
  appearance?: Record<`--pw-${string}`, string>;
}

/** Why a request failed. */
export interface Failure {
  /** `unsupported`: this browser cannot run the widget (no WebAssembly); the host element says what to do instead. */
  kind: "config" | "unreachable" | "status" | "unparseable" | "busy" | "invalid" | "session" | "unsupported";
  /** The HTTP status, where there was one. */
  status: number | null;
}

/** Porting statuses as Gigs names them; a newer one may appear as another string. */
export type PortingStatus =
  | "draft" | "pending" | "informationRequired" | "requested" | "declined" | "completed" | "canceled" | "expired"
  | "failed"
  | (string & {});

/** Each event's `detail`. None ever carries what the buyer typed. */
export interface PortingWidgetEvents {
  /** The widget shows a porting, or (`portingId: null`) its create step. */
  ready: { portingId: string | null; status: PortingStatus | null };
  /**
   * The porting could not be loaded, or the configuration is wrong; `kind: "session"` (with `status: null`):
   * while following it, the session stopped reaching the porting (expired, revoked, or refreshed without it).
   * The widget then stops following until `update()` hands it a fresh session, which loads the porting again.
   */
  loaderror: Failure;
  /** The fields at fault changed; `invalid` names their Gigs properties (`accountPin`, `address.postalCode`). */
  validationchange: { valid: boolean; invalid: string[] };
  submit: { state: "loading" } | { state: "success" } | { state: "error"; reason: Failure };
  /** `from` is `null` for a porting the buyer just created. */
  statuschange: { portingId: string; from: PortingStatus | null; to: PortingStatus };
  completed: { portingId: string };
  /** `code` is Gigs' `declinedCode`. */
  declined: { portingId: string; code: string | null; attempts: number };
  canceled: { portingId: string };
  /** The porting ended without the number moving (Gigs' `failed`); the widget tells the buyer to contact you. */
  failed: { portingId: string };
  /** The porting requires names this widget cannot ask for. */
  "unknown-required": { names: string[] };
  /**
   * What the widget shows changed, for your funnel: the create step (`portingId: null`), the form, a decline
   * the buyer can fix (`fix`), or a status; sent again when the status moves.
   */
  step: { step: "create" | "form" | "fix" | "status"; portingId: string | null; status: PortingStatus | null };
  /** Focus came into a field, named by its Gigs property (`accountPin`, `address.postalCode`, `birthday`); never its value. */
  fieldfocus: { field: string };
  /** Focus left a field for something else (moving between a date's boxes says nothing). */
  fieldblur: { field: string };
}

export type PortingWidgetEventName = keyof PortingWidgetEvents;

/** A mounted widget. It stays mounted until `unmount()`, whether or not the page keeps this handle. */
export declare class PortingWidgetHandle {
  private constructor();
  /** Changes the options. A refreshed session, theme or appearance keeps everything the buyer typed. */
  update(options: PortingWidgetOptions): void;
  /** Removes the widget; it stops following its porting and says nothing more. */
  unmount(): void;
  /** Calls `listener` with each event's detail; added twice, it is called once (as with `addEventListener`). */
  on<E extends PortingWidgetEventName>(event: E, listener: (detail: PortingWidgetEvents[E]) => void): void;
  off<E extends PortingWidgetEventName>(event: E, listener: (detail: PortingWidgetEvents[E]) => void): void;
  /** Reads the host element's attributes again (used by `<porting-widget>`). */
  refresh(): void;
  /** Frees this handle only: the widget stays mounted, and cannot be unmounted any more. */
  free(): void;
}

/**
 * Mounts a widget into `target`: an element, or a selector for one. Throws a `TypeError` if `target` already
 * holds a porting widget (unmount it first).
 */
export declare function mount(target: HTMLElement | string, options: PortingWidgetOptions): PortingWidgetHandle;

/**
 * Runs the widget's wasm, which importing this module already started downloading: call (and await) it once
 * before `mount`, at page entry or when the page is idle in a checkout whose earlier steps come first. Elements
 * `<porting-widget>` are defined on import; they mount when it resolves. It rejects in a browser that cannot run
 * the widget (each element then says so and sends `porting:loaderror` with `kind: "unsupported"`).
 */
export default function start(options?: unknown): Promise<unknown>;

/** The DOM form of each event: `porting:<name>`, bubbling and composed, from the host element. */
declare global {
  interface HTMLElementEventMap {
    "porting:ready": CustomEvent<PortingWidgetEvents["ready"]>;
    "porting:loaderror": CustomEvent<PortingWidgetEvents["loaderror"]>;
    "porting:validationchange": CustomEvent<PortingWidgetEvents["validationchange"]>;
    "porting:submit": CustomEvent<PortingWidgetEvents["submit"]>;
    "porting:statuschange": CustomEvent<PortingWidgetEvents["statuschange"]>;
    "porting:completed": CustomEvent<PortingWidgetEvents["completed"]>;
    "porting:declined": CustomEvent<PortingWidgetEvents["declined"]>;
    "porting:canceled": CustomEvent<PortingWidgetEvents["canceled"]>;
    "porting:failed": CustomEvent<PortingWidgetEvents["failed"]>;
    "porting:unknown-required": CustomEvent<PortingWidgetEvents["unknown-required"]>;
    "porting:step": CustomEvent<PortingWidgetEvents["step"]>;
    "porting:fieldfocus": CustomEvent<PortingWidgetEvents["fieldfocus"]>;
    "porting:fieldblur": CustomEvent<PortingWidgetEvents["fieldblur"]>;
  }
  interface HTMLElementTagNameMap {
    "porting-widget": PortingWidgetElement;
  }
}

/**
 * The attributes of `<porting-widget>` (docs/embedding.md#options), as HTML and JSX write them. Changing
 * `session` on a live element hands the widget a fresh session (as `update()` does).
 */
export interface PortingWidgetAttributes {
  "proxy-base": string;
  session?: string;
  "porting-id"?: string;
  /** That porting as your backend's Gigs call returned it, as JSON. */
  porting?: string;
  demo?: boolean | "";
  locale?: string;
  "data-pw-theme"?: "light" | "dark" | "auto";
}

/** The element: its attributes typed, so a misspelt one fails `tsc` in plain DOM code too. */
export interface PortingWidgetElement extends HTMLElement {
  setAttribute(name: keyof PortingWidgetAttributes | "id" | "class" | "hidden", value: string): void;
  getAttribute(name: keyof PortingWidgetAttributes | "id" | "class" | "hidden"): string | null;
  removeAttribute(name: keyof PortingWidgetAttributes | "id" | "class" | "hidden"): void;
}

/**
 * `<porting-widget>` in React 19's JSX: its attributes, with what React adds to any element. Listen to
 * `porting:*` events through a `ref` (`addEventListener`); React's `on…` props do not reach them. Written without
 * React's own types, so this file also checks where React is not installed.
 */
export interface PortingWidgetJsxProps extends PortingWidgetAttributes {
  ref?: { current: PortingWidgetElement | null } | ((element: PortingWidgetElement | null) => void | (() => void)) | null;
  key?: string | number | bigint | null;
  id?: string;
  className?: string;
  hidden?: boolean;
  children?: never;
}

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "porting-widget": PortingWidgetJsxProps;
    }
  }
}
