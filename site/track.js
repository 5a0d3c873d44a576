// The page behind "Track your number transfer" (and the link in the confirmation email): the
// widget alone, which follows the porting live and asks for a fix if the transfer is declined.
const origin = document.querySelector('meta[name="porting-widget-origin"]').content;
import(`${origin}/embed/porting-widget.js`).then((widget) => widget.default());
