use clap::Parser;
use porting_proxy::config::Args;
use porting_proxy::routes::probes;
use porting_proxy::{cli, logging, metrics, server};

/// glibc's allocator took a quarter of the proxy's time under load, waiting on its arena locks
/// among it (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    let (serving, settings) = match args.resolve(|name| std::env::var(name).ok()) {
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
    let bind = |address| async move {
        tokio::net::TcpListener::bind(address)
            .await
            .map_err(|error| eprintln!("porting-proxy: cannot listen on {address}: {error}"))
    };
    let Ok(listener) = bind(serving.listen).await else { return std::process::ExitCode::from(2) };
    // Scrapes go on while the proxy drains, and end with it.
    let (metrics_stop, metrics_stopped) = tokio::sync::oneshot::channel::<()>();
    if let Some(address) = serving.metrics_listen {
        let Ok(metrics_listener) = bind(address).await else { return std::process::ExitCode::from(2) };
        tracing::info!(%address, "metrics listening");
        let stopped = async {
            let _ = metrics_stopped.await;
        };
        tokio::spawn(server::serve(metrics_listener, metrics::router(app.metrics.clone()), stopped));
    }
    tracing::info!(listen = %serving.listen, %prefix, simulated, "porting-proxy listening");
    let shutdown =
        probes::drain_after(cli::shutdown_signal(), app.readiness, serving.drain, cli::shutdown_signal());
    let served = server::serve(listener, app.router, shutdown).await;
    drop(metrics_stop);
    match served {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("porting-proxy: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
