//! Gigs itself: the client the proxy calls it with, the service-provider lists it caches, and
//! the webhooks Gigs posts back.

pub mod client;
pub mod deliveries;
pub mod providers;
pub mod webhooks;
