// A React 19 app's checkout step: <porting-widget> in JSX, its porting:* events heard through a
// ref, and a refreshed session handed on by React changing the element's `session` attribute.
// esbuild bundles it (`cargo xtask test`), leaving the widget's module to load from the page.
import { useEffect, useRef, useState } from "react";
import { createRoot } from "react-dom/client";
import start, { type PortingWidgetElement } from "/embed/porting-widget.js";

const NAMES = ["ready", "validationchange", "submit", "statuschange", "completed", "loaderror"] as const;

function Checkout({ firstSession }: { firstSession: string }) {
  const widget = useRef<PortingWidgetElement | null>(null);
  const [session, setSession] = useState(firstSession);
  const [heard, setHeard] = useState<string[]>([]);
  useEffect(() => {
    const element = widget.current;
    if (!element) return;
    const note = (event: Event) => setHeard((names) => [...names, event.type.slice("porting:".length)]);
    for (const name of NAMES) element.addEventListener(`porting:${name}`, note);
    return () => NAMES.forEach((name) => element.removeEventListener(`porting:${name}`, note));
  }, []);
  useEffect(() => {
    // The app's session refresh: its backend minted a new session, which this event brings.
    const refreshed = (event: Event) => setSession((event as CustomEvent<string>).detail);
    window.addEventListener("shop:session", refreshed);
    return () => window.removeEventListener("shop:session", refreshed);
  }, []);
  return (
    <main>
      <h1>Checkout</h1>
      <porting-widget ref={widget} proxy-base="/api" session={session} />
      <h2>Events</h2>
      <ol id="events">
        {heard.map((name, at) => (
          <li key={at}>{name}</li>
        ))}
      </ol>
    </main>
  );
}

const app = document.getElementById("app")!;
createRoot(app).render(<Checkout firstSession={app.dataset.session ?? ""} />);
start();
