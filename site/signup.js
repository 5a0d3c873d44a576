// The telco's own script. The integration is the widget's module, the element and two listeners.
const origin = document.querySelector('meta[name="porting-widget-origin"]').content;
// Loads and runs while the buyer picks a plan; defines <porting-widget>.
import(`${origin}/embed/porting-widget.js`).then((widget) => widget.default());

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

// The telco's server put the widget, its first state rendered inside, into the page: it shows at
// once when the buyer gets to this step, and runs by then.
const widget = document.querySelector("porting-widget");
for (const name of ["ready", "loaderror", "validationchange", "submit", "statuschange", "declined", "completed", "canceled"]) {
  widget.addEventListener(`porting:${name}`, (event) => note(name, event.detail));
}
widget.addEventListener("porting:statuschange", (event) => {
  if (event.detail.to !== "informationRequired") {
    document.getElementById("done-text").textContent = `Your order is placed. Number transfer: ${event.detail.to}.`;
    const track = document.getElementById("track");
    track.href = `track.html?porting=${encodeURIComponent(event.detail.portingId)}`;
    track.hidden = false;
    show("done");
  }
});

document.getElementById("number").addEventListener("submit", (event) => {
  event.preventDefault();
  show(new FormData(event.target).get("number") === "new" ? "done" : "porting");
});

document.getElementById("language").addEventListener("change", (event) => {
  document.querySelector("porting-widget")?.setAttribute("locale", event.target.value);
});
