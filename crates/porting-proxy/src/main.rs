use clap::Parser;
use porting_proxy::config::Args;
use porting_proxy::{cli, logging, server};

/// How long the runtime may take to stop once serving ended: a task stuck in work that never
/// yields must not keep the process past its grace period.
const RUNTIME_STOP: std::time::Duration = std::time::Duration::from_secs(1);

fn main() -> std::process::ExitCode {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("porting-proxy: cannot start the async runtime: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let code = runtime.block_on(run());
    runtime.shutdown_timeout(RUNTIME_STOP);
    code
}

async fn run() -> std::process::ExitCode {
    let args = Args::parse();
    logging::init(args.log_json);
    let (listen, settings) = match args.resolve(|name| std::env::var(name).ok()) {
        Ok(resolved) => resolved,
        Err(message) => {
            eprintln!("porting-proxy: {message}");
            return std::process::ExitCode::from(2);
        }
    };
    let simulated = matches!(settings.backend, server::Backend::Simulator);
    let prefix = settings.api_prefix.clone();
    let app = match server::build(settings) {
        Ok(app) => app,
        Err(message) => {
            eprintln!("porting-proxy: {message}");
            return std::process::ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(listen).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("porting-proxy: cannot listen on {listen}: {error}");
            return std::process::ExitCode::from(2);
        }
    };
    tracing::info!(%listen, %prefix, simulated, "porting-proxy listening");
    match server::serve(listener, app.router, cli::shutdown_signal()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("porting-proxy: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
