//! What both server binaries do around their work: take Gigs' secrets from the environment
//! (never from flags, which other users can see in the process list), and stop on Ctrl-C or
//! SIGTERM.

/// The Gigs API key: the one the proxy calls Gigs with, or the simulator's own.
pub const API_KEY_ENV: &str = "GIGS_API_KEY";
/// The secret Gigs signs webhooks with.
pub const WEBHOOK_SECRET_ENV: &str = "GIGS_WEBHOOK_SECRET";

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("SIGTERM can be handled");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate.recv() => {}
    }
    tracing::info!("shutting down");
}
