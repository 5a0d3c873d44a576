// A host page's use of the declarations: `tsc` must accept it, and refuse each @ts-expect-error line.
import start, { mount, type PortingWidgetEvents } from "../porting-widget";

export async function begin(): Promise<void> {
  await start();
  const widget = mount("#porting", { proxyBase: "/api", session: "s", locale: "de", theme: "dark" });
  widget.on("statuschange", (detail) => console.log(detail.from ?? "new", "→", detail.to));
  widget.on("submit", (detail) => {
    if (detail.state === "error") console.log(detail.reason.kind, detail.reason.status);
  });
  widget.update({ proxyBase: "/api", session: "refreshed", appearance: { "--pw-accent": "#6d28d9" } });
  widget.on("loaderror", (detail) => {
    if (detail.kind === "session") widget.update({ proxyBase: "/api", session: "minted again" });
  });
  document.querySelector("porting-widget")?.addEventListener("porting:declined", (event) => {
    const code: string | null = event.detail.code;
    console.log(code, event.detail.attempts);
  });
  const ready: PortingWidgetEvents["ready"] = { portingId: null, status: null };
  console.log(ready);

  // @ts-expect-error: proxyBase is required
  mount("#porting", { session: "s" });
  // @ts-expect-error: not an event
  widget.on("finished", () => {});
  // @ts-expect-error: a submit detail has no portingId
  widget.on("submit", (detail) => detail.portingId);
  // @ts-expect-error: only the --pw-* properties are the appearance contract
  widget.update({ proxyBase: "/api", appearance: { color: "red" } });
  // @ts-expect-error: the theme is light, dark or auto
  widget.update({ proxyBase: "/api", theme: "sepia" });
  // The element's attributes are typed through HTMLElementTagNameMap.
  const element = document.querySelector("porting-widget");
  element?.setAttribute("session", "refreshed");
  // @ts-expect-error: the attribute is proxy-base
  element?.setAttribute("proxy_base", "/api");
  widget.unmount();
}
