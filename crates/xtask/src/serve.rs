//! `cargo xtask serve`: the proxy with its simulator (also serving the release-built widget, as a
//! telco's CDN would), `trunk serve` in front for the standalone page, and a telco's signup page
//! on an origin of its own, until Ctrl-C.

use std::net::TcpListener;
use std::process::{Child, Command};
use std::sync::{Arc, Mutex};

use crate::root;
use crate::tools::{Need, Tools};

/// Must match the `[[proxy]]` backend and `[serve]` port in Trunk.toml.
const PROXY_ADDR: &str = "127.0.0.1:8787";
const PAGE_ADDR: &str = "127.0.0.1:8080";
/// The signup page: another origin than the proxy's, which lets it call the API (CORS).
const SITE_ADDR: &str = "127.0.0.1:8081";

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
    let mut site = None;
    for (addr, what) in
        [(PROXY_ADDR, "the proxy"), (PAGE_ADDR, "trunk serve"), (SITE_ADDR, "the signup page")]
    {
        let listener = TcpListener::bind(addr)
            .map_err(|e| format!("{addr} is not free for {what} ({e}): stop what uses it"))?;
        if addr == SITE_ADDR {
            site = Some(listener);
        }
    }
    println!("serve: building the widget for the proxy to serve (release, with dist/embed)");
    crate::build(&tools)?;
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
    let site_origin = format!("http://{SITE_ADDR}");
    spawn(simulator_mode(proxy.args([
        "--listen",
        PROXY_ADDR,
        "--static-dir",
        "dist",
        "--allowed-origin",
        &site_origin,
        // Nothing balances it: Ctrl-C stops it at once.
        "--drain-secs",
        "0",
    ])))?;
    // Its own output folder, so its development builds never replace the release in dist/.
    spawn(tools.command("trunk").args(["serve", "--dist", "target/trunk-serve"]))?;
    if let Some(listener) = site {
        signup_site::spawn(listener, signup_site::folder(), format!("http://{PROXY_ADDR}"));
    }
    println!(
        "\nserve: open http://{PAGE_ADDR}/ (the widget with a demo buyer), or the signup page at \
         {site_origin}/ (the widget from {PROXY_ADDR}, another origin); Ctrl-C stops them all\n"
    );

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
