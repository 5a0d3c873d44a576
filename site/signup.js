// The telco's own script. The integration is the widget's module, the element and two listeners.
const origin = document.querySelector('meta[name="porting-widget-origin"]').content;
// Loads while the buyer picks a plan; defines <porting-widget>.
const widgetReady = import(`${origin}/embed/porting-widget.js`).then((widget) => widget.default());

const log = document.getElementById("event-log");
const note = (name, detail) => {
  const entry = document.createElement("li");
  entry.dataset.event = name;
  entry.textContent = `${name} ${JSON.stringify(detail)}`;
  log.append(entry);
};
// A real page would report these; here they show in the log (and a test reads them).
document.addEventListener("securitypolicyviolation", (event) => note("csp-violation", event.violatedDirective));

const show = (id) => {
  for (const step of document.querySelectorAll(".step")) step.hidden = step.id !== id;
  for (const item of document.querySelectorAll(".steps li")) {
    if (item.dataset.step === id) item.setAttribute("aria-current", "step");
    else item.removeAttribute("aria-current");
  }
  document.getElementById(id).querySelector("h2")?.focus();
};

document.getElementById("plan").addEventListener("submit", (event) => {
  event.preventDefault();
  show("number");
});

document.getElementById("number").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (new FormData(event.target).get("number") === "new") return show("done");
  const widget = document.createElement("porting-widget");
  widget.setAttribute("proxy-base", `${origin}/api`);
  widget.setAttribute("demo", "");
  widget.setAttribute("locale", document.getElementById("language").value);
  for (const name of ["ready", "loaderror", "validationchange", "submit", "statuschange", "declined", "completed", "canceled"]) {
    widget.addEventListener(`porting:${name}`, (event) => note(name, event.detail));
  }
  widget.addEventListener("porting:statuschange", (event) => {
    if (event.detail.to !== "informationRequired") {
      document.getElementById("done-text").textContent = `Your order is placed. Number transfer: ${event.detail.to}.`;
      show("done");
    }
  });
  show("porting");
  await widgetReady;
  document.getElementById("porting-place").replaceChildren(widget);
});

document.getElementById("language").addEventListener("change", (event) => {
  document.querySelector("porting-widget")?.setAttribute("locale", event.target.value);
});
