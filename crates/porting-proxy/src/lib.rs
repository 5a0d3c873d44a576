//! The merchant proxy: holds the Gigs API key, checks each buyer's porting session, and passes
//! only the porting calls the widget needs. By default the Gigs behind it is the embedded
//! [`simulator`].

pub mod client_ip;
pub mod config;
pub mod cors;
pub mod demo;
pub mod events;
pub mod headers;
pub mod limits;
pub mod metrics;
pub mod porting_cap;
pub mod probes;
pub mod provider_list;
pub mod rate_limit;
pub mod server;
pub mod session;
pub mod shared;
pub mod static_files;
pub mod upstream;
pub mod webhooks;
pub mod widget_api;

// The Gigs-shaped parts and the simulator live in crates of their own (the simulator never
// depends on the proxy); they keep their paths here.
pub use gigs_http::{cli, clock, error, extract, ids, logging, webhook};
pub use gigs_simulator as simulator;

pub use gigs_simulator::{SIMULATOR_API_KEY, SIMULATOR_PROJECT};
