//! `cargo xtask serve`: the proxy with its simulator and `trunk serve` in front, until Ctrl-C.

use std::net::TcpListener;
use std::process::{Child, Command};
use std::sync::{Arc, Mutex};

use crate::root;
use crate::tools::{Need, Tools};

/// Must match the `[[proxy]]` backend and `[serve]` port in Trunk.toml.
const PROXY_ADDR: &str = "127.0.0.1:8787";
const PAGE_ADDR: &str = "127.0.0.1:8080";

/// The settings that put the proxy in front of a real Gigs. The proxy refuses to start with any of
/// them but no base URL, so a shell that exported them cannot stop the simulator-mode runs here.
const UPSTREAM_ENV: &[&str] =
    &["GIGS_BASE_URL", "GIGS_PROJECT", "GIGS_API_KEY", "PORTING_SESSION_KEY", "GIGS_WEBHOOK_SECRET"];

/// `proxy` without the upstream settings of this environment: it runs the embedded simulator.
pub(crate) fn simulator_mode(proxy: &mut Command) -> &mut Command {
    UPSTREAM_ENV.iter().fold(proxy, |proxy, name| proxy.env_remove(name))
}

pub fn run() -> Result<(), String> {
    let tools = Tools::ensure(Need::Build)?;
    for (addr, what) in [(PROXY_ADDR, "the proxy"), (PAGE_ADDR, "trunk serve")] {
        TcpListener::bind(addr)
            .map_err(|e| format!("{addr} is not free for {what} ({e}): stop what uses it"))?;
    }
    println!("serve: building the proxy");
    crate::process::status(Command::new("cargo").args(["build", "-p", "porting-proxy"]).current_dir(root()))?;

    let children: Arc<Mutex<Vec<Child>>> = Arc::default();
    let stop = children.clone();
    ctrlc::set_handler(move || {
        for child in stop.lock().unwrap_or_else(|p| p.into_inner()).iter_mut() {
            let _ = child.kill();
        }
        std::process::exit(0);
    })
    .map_err(|e| format!("cannot handle Ctrl-C: {e}"))?;

    let spawn = |command: &mut Command| -> Result<(), String> {
        let child =
            command.current_dir(root()).spawn().map_err(|e| format!("cannot start {command:?}: {e}"))?;
        children.lock().unwrap_or_else(|p| p.into_inner()).push(child);
        Ok(())
    };
    // The binary itself, not `cargo run`: killing cargo would leave the proxy running.
    let mut proxy = Command::new(crate::target_dir().join("debug/porting-proxy"));
    spawn(simulator_mode(proxy.args(["--listen", PROXY_ADDR])))?;
    spawn(tools.command("trunk").arg("serve"))?;
    println!("\nserve: open http://{PAGE_ADDR}/ (the widget with a demo buyer); Ctrl-C stops both\n");

    // Whichever ends first ends the session; the other is stopped with it.
    loop {
        std::thread::sleep(std::time::Duration::from_millis(300));
        let mut running = children.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(ended) = running.iter_mut().position(|c| c.try_wait().ok().flatten().is_some()) {
            let status = running[ended].wait().map_err(|e| e.to_string())?;
            for child in running.iter_mut() {
                let _ = child.kill();
                let _ = child.wait();
            }
            return Err(format!("a server stopped ({status}); stopped the other one too"));
        }
    }
}
