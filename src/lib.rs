//! The porting widget: a Leptos component that lets a buyer keep their phone number, talking to
//! the merchant's porting proxy.

pub mod api;
pub mod components;
pub mod config;
mod dom;
pub mod embed;
pub mod events;
pub mod form;
mod js;
pub mod json;
mod languages;
pub mod live;
pub mod messages;
pub mod presentation;
pub mod status;

pub use crate::embed::{define_custom_element, mount_all};
