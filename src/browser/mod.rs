//! What the widget needs of the browser, in one place: its facts and effects ([`dom`]: today,
//! languages, dates in the buyer's locale, focus) and the few lines of JS it runs ([`js`]).

pub mod dom;
pub mod js;
