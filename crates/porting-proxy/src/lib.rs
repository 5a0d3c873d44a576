//! The merchant proxy: holds the Gigs API key, checks each buyer's porting session, and passes
//! only the porting calls the widget needs. By default the Gigs behind it is the embedded
//! [`simulator`].

pub mod cli;
pub mod client_ip;
pub mod clock;
pub mod config;
pub mod cors;
pub mod demo;
pub mod error;
pub mod events;
pub mod extract;
pub mod headers;
pub mod ids;
pub mod limits;
pub mod logging;
pub mod porting_cap;
pub mod rate_limit;
pub mod rules;
pub mod server;
pub mod session;
pub mod simulator;
pub mod upstream;
pub mod webhook;
pub mod webhooks;
pub mod widget_api;

/// The project name of the embedded simulator.
pub const SIMULATOR_PROJECT: &str = "sim";
/// The embedded simulator's API key. It protects nothing real: the simulator is reached
/// in-process and only holds demo data.
pub const SIMULATOR_API_KEY: &str = "sim_test_key";
