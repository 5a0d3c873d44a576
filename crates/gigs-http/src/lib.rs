//! The Gigs-shaped HTTP parts that the merchant proxy and the Gigs simulator both use: the Gigs
//! error shape and its answers ([`error`]), JSON bodies read into it ([`extract`]), time
//! ([`clock`]), ids ([`ids`]), webhook signing ([`webhook`]), request logs ([`logging`]) and
//! what a server binary does on a signal ([`cli`]).

pub mod cli;
pub mod clock;
pub mod error;
pub mod extract;
pub mod ids;
pub mod logging;
pub mod webhook;
