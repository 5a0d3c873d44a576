// A design system that renders its components in open shadow roots, with the widget inside one.
// The page's stylesheets stop at a shadow root, so the component links the widget's stylesheet in
// its own root (README: "In a shadow root").
import start from "/embed/porting-widget.js";

class ShopCheckout extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: "open" });
    const styles = document.createElement("link");
    styles.rel = "stylesheet";
    styles.href = "/embed/porting-widget.css";
    const title = document.createElement("h2");
    title.textContent = "Keep your number";
    const widget = document.createElement("porting-widget");
    widget.setAttribute("proxy-base", "/api");
    widget.setAttribute("session", this.getAttribute("session"));
    root.append(styles, title, widget);
  }
}
customElements.define("shop-checkout", ShopCheckout);

// The widget's events are composed: they leave the shadow root and reach the document.
const log = document.getElementById("events");
for (const name of ["ready", "validationchange", "submit", "statuschange", "completed"]) {
  document.addEventListener(`porting:${name}`, (event) => {
    const entry = document.createElement("li");
    entry.textContent = `${name} ${JSON.stringify(event.detail)}`;
    log.append(entry);
  });
}
start();
