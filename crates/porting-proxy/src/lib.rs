//! The merchant proxy: holds the Gigs API key, checks each buyer's porting session, and passes
//! only the porting calls the widget needs. By default the Gigs behind it is the embedded
//! [`simulator`].
//!
//! Modules, in the order a request meets them:
//! - [`config`]: the command line and environment, checked once at start-up.
//! - [`server`]: builds the router from the settings and serves it, with graceful shutdown.
//! - [`guard`]: session, client IP, rate limits, porting cap, body and in-flight limits, CORS,
//!   security headers.
//! - [`routes`]: the widget API's handlers and their shared state, the simulator's demo routes,
//!   the probes and the built widget's files.
//! - [`events`]: live porting status: the hub of changes, what feeds it, and the event stream.
//! - [`gigs`]: Gigs itself: the API client, the service-provider lists, the webhook intake.
//! - [`shared`]: the state several instances share in Redis (a leaf: it uses nothing above).
//! - [`metrics`]: the Prometheus metrics, served on an address of their own.

pub mod config;
pub mod events;
pub mod gigs;
pub mod guard;
pub mod metrics;
pub mod routes;
pub mod server;
pub mod shared;

// Shared with the simulator, which never depends on the proxy, so they live in its crates.
pub use gigs_http::{cli, clock, error, extract, ids, logging, webhook};
pub use gigs_simulator as simulator;

pub use gigs_simulator::{SIMULATOR_API_KEY, SIMULATOR_PROJECT};
