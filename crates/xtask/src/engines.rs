//! The browsers the end-to-end tests drive, one per engine a buyer meets: Chromium, Firefox
//! (Debian's ESR with geckodriver from crates.io) and WebKit (Debian's WebKitGTK MiniBrowser with
//! its WebDriver, under a virtual display), found or installed, and the environment that names
//! them to `crates/e2e`.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Command;

pub use browser_engines::Engine as Kind;
use browser_engines::ENGINE_VAR;

/// geckodriver, Firefox's WebDriver server, from crates.io (Debian has none).
pub const GECKODRIVER_VERSION: &str = "0.37.1";
/// WebKitGTK's browser for automation, from `libwebkit2gtk-4.1-0` (pulled in by the driver).
const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/// An engine found on this machine: its driver and browser.
#[derive(Clone, Debug)]
pub struct Engine {
    pub kind: Kind,
    pub driver: PathBuf,
    pub browser: PathBuf,
}

impl Engine {
    /// The engine's name in the summary.
    pub fn name(&self) -> &'static str {
        self.kind.name()
    }

    /// Sets the variables `crates/e2e` reads for this engine on `command`.
    pub fn name_to(&self, command: &mut Command) {
        command
            .env(ENGINE_VAR, self.name())
            .env(self.kind.driver_var(), &self.driver)
            .env(self.kind.browser_var(), &self.browser);
    }

    /// The command that runs `program` for this engine with `tools`: under `xvfb-run` for WebKit,
    /// whose browser needs a display even when nothing is shown.
    pub fn command(&self, tools: &crate::tools::Tools, program: &str) -> Command {
        if self.kind != Kind::WebKit {
            return tools.command(program);
        }
        let mut command = tools.command("xvfb-run");
        command.args(["-a", "-s", "-screen 0 1280x1024x24", program]);
        command
    }
}

/// Chromium and its driver: `CHROMIUM`/`CHROMEDRIVER` when set, else Debian's packages.
pub fn chromium() -> Result<Engine, String> {
    let engine = Engine {
        kind: Kind::Chromium,
        driver: var_or(Kind::Chromium.driver_var(), "/usr/bin/chromedriver"),
        browser: var_or(Kind::Chromium.browser_var(), "/usr/bin/chromium"),
    };
    debian(&engine, &["chromium", "chromium-driver"], &[])?;
    Ok(engine)
}

/// Firefox ESR (`FIREFOX`, else Debian's) and geckodriver (`GECKODRIVER`, else the pinned one,
/// compiled from crates.io when missing).
pub fn firefox(path: &OsString) -> Result<Engine, String> {
    let browser = var_or(Kind::Firefox.browser_var(), "/usr/bin/firefox-esr");
    let driver = match std::env::var_os(Kind::Firefox.driver_var()) {
        Some(driver) => PathBuf::from(driver),
        None => geckodriver(path)?,
    };
    let engine = Engine { kind: Kind::Firefox, driver, browser };
    debian(&engine, &["firefox-esr"], &[])?;
    Ok(engine)
}

/// WebKitGTK's WebDriver and MiniBrowser (`WEBKIT_DRIVER`/`MINIBROWSER`, else Debian's), and
/// `xvfb-run` for their display.
pub fn webkit() -> Result<Engine, String> {
    let engine = Engine {
        kind: Kind::WebKit,
        driver: var_or(Kind::WebKit.driver_var(), "/usr/bin/WebKitWebDriver"),
        browser: var_or(Kind::WebKit.browser_var(), MINIBROWSER),
    };
    debian(&engine, &["webkit2gtk-driver", "xvfb", "xauth"], &["/usr/bin/xvfb-run"])?;
    Ok(engine)
}

fn var_or(name: &str, default: &str) -> PathBuf {
    std::env::var_os(name).map_or_else(|| PathBuf::from(default), PathBuf::from)
}

/// Installs Debian's `packages` unless the engine's programs and `also` are there.
fn debian(engine: &Engine, packages: &[&str], also: &[&str]) -> Result<(), String> {
    let wanted: Vec<PathBuf> = [engine.driver.clone(), engine.browser.clone()]
        .into_iter()
        .chain(also.iter().map(PathBuf::from))
        .collect();
    if wanted.iter().all(|path| path.exists()) {
        println!("setup: {} and its driver present", engine.name());
        return Ok(());
    }
    if !crate::tools::is_root() {
        return Err(format!(
            "the {} end-to-end tests need {} (not found): run `sudo apt-get install {}`",
            engine.name(),
            wanted.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "),
            packages.join(" ")
        ));
    }
    println!("setup: installing {} with apt", packages.join(", "));
    crate::tools::apt_install(packages)
}

/// The pinned geckodriver, installed with cargo if missing; its path.
fn geckodriver(path: &OsString) -> Result<PathBuf, String> {
    crate::tools::ensure_cargo_tool(
        path,
        "geckodriver",
        &["--version"],
        &format!("geckodriver {GECKODRIVER_VERSION}"),
        || vec!["install".into(), "--locked".into(), format!("geckodriver@{GECKODRIVER_VERSION}")],
    )?;
    std::env::split_paths(path)
        .map(|dir| dir.join("geckodriver"))
        .find(|candidate| candidate.exists())
        .ok_or_else(|| "geckodriver was installed but is not on PATH".into())
}
