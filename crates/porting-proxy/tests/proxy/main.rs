//! The proxy's integration tests, in one binary: real sockets on loopback, a real
//! `redis-server`, and the built binary where the process itself is under test. `support` holds
//! what they share.

mod cluster;
mod contract;
mod faults;
mod live_status;
mod ops;
mod redaction;
mod security;
mod shutdown;
mod start_up;
mod static_files;
mod support;
mod upstream_mode;
mod views;
mod widget_api;
