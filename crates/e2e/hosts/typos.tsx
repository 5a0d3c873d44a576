// Checked by tsc, never bundled: the declarations refuse a misspelt attribute in JSX and in DOM code.
import type { PortingWidgetElement } from "/embed/porting-widget.js";

export function Fine() {
  return <porting-widget proxy-base="/api" session="s" porting-id="prt_1" locale="de" data-pw-theme="dark" />;
}

export function Misspelt() {
  // @ts-expect-error: the attribute is proxy-base
  return <porting-widget proxy-bse="/api" session="s" />;
}

export function Missing() {
  // @ts-expect-error: proxy-base is required
  return <porting-widget session="s" />;
}

export function inDom(element: PortingWidgetElement): void {
  element.setAttribute("porting-id", "prt_1");
  // @ts-expect-error: the attribute is porting-id
  element.setAttribute("portingid", "prt_1");
  const found: PortingWidgetElement | null = document.querySelector("porting-widget");
  found?.setAttribute("session", "refreshed");
}
