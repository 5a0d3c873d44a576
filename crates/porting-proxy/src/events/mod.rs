//! Live porting status: a hub of per-porting channels that the change feeds publish into and
//! the Server-Sent Events route reads from, and the bound on open streams.

pub mod feed;
pub mod hub;
pub mod slots;
pub mod stream;

use std::time::Duration;

pub const DEFAULT_HEARTBEAT_SECS: u64 = 15;
pub const DEFAULT_POLL_INTERVAL_SECS: u64 = 30;
pub const DEFAULT_STREAMS_PER_SESSION: usize = 4;
/// Generous, as many buyers may share one address behind a carrier's NAT.
pub const DEFAULT_STREAMS_PER_IP: usize = 100;
pub const DEFAULT_MAX_STREAMS: usize = 1_000;

#[derive(Clone, Debug)]
pub struct Settings {
    /// Comment lines between events keep proxies and load balancers from closing the stream.
    pub heartbeat: Duration,
    /// Upstream mode: how often a watched porting is fetched when no webhook updated it.
    pub poll_interval: Duration,
    pub streams_per_session: usize,
    pub streams_per_ip: usize,
    pub max_streams: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            heartbeat: Duration::from_secs(DEFAULT_HEARTBEAT_SECS),
            poll_interval: Duration::from_secs(DEFAULT_POLL_INTERVAL_SECS),
            streams_per_session: DEFAULT_STREAMS_PER_SESSION,
            streams_per_ip: DEFAULT_STREAMS_PER_IP,
            max_streams: DEFAULT_MAX_STREAMS,
        }
    }
}
