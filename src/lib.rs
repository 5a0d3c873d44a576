//! The porting widget: a Leptos component that lets a buyer keep their phone number, talking to
//! the merchant's porting proxy. Its modules, in the order data flows through them:
//!
//! - [`config`]: what the host page asked for (attributes or the JS API's options);
//! - [`api`]: the client for the proxy's widget API, and why a call failed;
//! - [`live`]: following the porting (its event stream, polling, the pause while hidden);
//! - [`journey`]: what a porting's status lets the buyer do, and its moments;
//! - [`form`]: the form's decisions: its fields, answers, checks, bodies and problems;
//! - [`messages`]: every word the buyer sees, in their language;
//! - [`help`]: where the buyer finds their account number and PIN, by provider;
//! - [`reactive`]: the kit of hand-made reactive pieces and the Leptos primitive each replaces;
//! - [`platform`]: the facts and effects that differ between the browser and the server;
//! - [`components`]: the views, thin over all of the above;
//! - [`events`]: what the widget tells its host page;
//! - `embed` (browser): how a page mounts it (`<porting-widget>`, `mount()`), and takes over
//!   the server's rendering;
//! - `browser` (browser): the page's languages, the JS objects a host hands in, the JS snippet;
//! - `render` (server): the first state rendered to HTML by the same components.

// The server's rendering compiles each view's full type (the browser build erases them).
#![recursion_limit = "256"]

pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod browser;
pub mod components;
pub mod config;
#[cfg(target_arch = "wasm32")]
pub mod embed;
pub mod events;
pub mod form;
pub mod help;
pub mod journey;
pub mod live;
pub mod messages;
pub mod platform;
pub mod reactive;
#[cfg(not(target_arch = "wasm32"))]
pub mod render;

#[cfg(target_arch = "wasm32")]
pub use crate::embed::{define_custom_element, mount_all};
