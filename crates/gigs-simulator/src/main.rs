//! `gigs-simulator`: the embedded Gigs simulator as a server of its own (`--help` for flags).

use std::process::ExitCode;

use clap::Parser;
use gigs_http::{cli, logging};
use gigs_simulator::standalone::{self, Args};

#[tokio::main]
async fn main() -> ExitCode {
    logging::init(false);
    let config = match Args::parse().resolve(|name| std::env::var(name).ok()) {
        Ok(config) => config,
        Err(message) => return fail(&message),
    };
    let listen = config.listen;
    let listener = match tokio::net::TcpListener::bind(listen).await {
        Ok(listener) => listener,
        Err(error) => return fail(&format!("cannot listen on {listen}: {error}")),
    };
    tracing::info!(%listen, project = %config.project, webhooks = config.webhook.is_some(), "gigs-simulator listening");
    match standalone::run(config, listener, cli::shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gigs-simulator: {error}");
            ExitCode::FAILURE
        }
    }
}

/// A start-up error: said on stderr, exit status 2 (as for a bad flag).
fn fail(message: &str) -> ExitCode {
    eprintln!("gigs-simulator: {message}");
    ExitCode::from(2)
}
