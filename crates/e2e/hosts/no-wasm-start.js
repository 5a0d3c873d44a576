import start from "/embed/porting-widget.js";
// start() rejects where the widget cannot run; the element has said so already.
start().catch(() => {});
