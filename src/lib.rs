//! The porting widget: a Leptos component that lets a buyer keep their phone number, talking to
//! the merchant's porting proxy. Its modules, in the order data flows through them:
//!
//! - [`config`]: what the host page asked for (attributes or the JS API's options);
//! - [`api`]: the client for the proxy's widget API, and why a call failed;
//! - [`live`]: following the porting (its event stream, polling, the pause while hidden);
//! - [`journey`]: what a porting's status lets the buyer do, and its moments;
//! - [`form`]: the form's decisions: its fields, answers, checks, bodies and problems;
//! - [`messages`]: every word the buyer sees, in their language;
//! - [`reactive`]: the kit of hand-made reactive pieces and the Leptos primitive each replaces;
//! - [`components`]: the views, thin over all of the above;
//! - [`events`]: what the widget tells its host page;
//! - [`embed`]: how a page mounts it (`<porting-widget>`, `mount()`);
//! - [`browser`]: the browser's facts and effects the rest needs.

pub mod api;
pub mod browser;
pub mod components;
pub mod config;
pub mod embed;
pub mod events;
pub mod form;
pub mod journey;
pub mod live;
pub mod messages;
pub mod reactive;

pub use crate::embed::{define_custom_element, mount_all};
