//! Finds the tools the build and tests need at their pinned versions, installing what is
//! missing. Everything comes from crates.io, npm or Debian: nothing downloads a prebuilt binary.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::{output, status};
use crate::root;

pub const TRUNK_VERSION: &str = "0.21.14";
/// Must equal the `wasm-bindgen` version pinned in Cargo.toml and Trunk.toml.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// How much of the tool set a command needs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// What `trunk build` needs.
    Build,
    /// Also Chromium, chromedriver and axe-core for the tests.
    Everything,
}

/// Where the tools are, and a `PATH` that finds them first.
pub struct Tools {
    path: OsString,
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
    pub axe_js: PathBuf,
}

impl Tools {
    pub fn ensure(need: Need) -> Result<Tools, String> {
        let npm_dir = npm_tools_dir()?;
        let path = search_path(&npm_dir.join("node_modules/.bin"));
        ensure_wasm_target()?;
        ensure_cargo_tool(&path, "trunk", &["--version"], &format!("trunk {TRUNK_VERSION}"), || {
            vec!["install".into(), "--locked".into(), format!("trunk@{TRUNK_VERSION}")]
        })?;
        // wasm-bindgen-cli's own lockfile names a crate version the registry no longer serves,
        // so it is installed without --locked.
        ensure_cargo_tool(
            &path,
            "wasm-bindgen",
            &["--version"],
            &format!("wasm-bindgen {WASM_BINDGEN_VERSION}"),
            || {
                vec![
                    "install".into(),
                    "wasm-bindgen-cli".into(),
                    "--version".into(),
                    WASM_BINDGEN_VERSION.into(),
                ]
            },
        )?;
        ensure_npm_tools(&npm_dir)?;
        let (chromium, chromedriver) =
            if need == Need::Everything { ensure_chromium()? } else { Default::default() };
        Ok(Tools { path, chromium, chromedriver, axe_js: npm_dir.join("node_modules/axe-core/axe.min.js") })
    }

    /// `program` run with the tools on `PATH`.
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.env("PATH", &self.path).env("TRUNK_SKIP_VERSION_CHECK", "true");
        if !self.chromedriver.as_os_str().is_empty() {
            // The wasm-bindgen test runner would otherwise look for geckodriver first.
            command.env("CHROMEDRIVER", &self.chromedriver).env("CHROMIUM", &self.chromium);
        }
        command
    }
}

/// npm tools live outside the checkout so a fresh clone does not reinstall them.
fn npm_tools_dir() -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("PORTING_TOOLS_DIR") {
        return Ok(dir.into());
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cache")))
        .ok_or("neither XDG_CACHE_HOME nor HOME is set; set PORTING_TOOLS_DIR")?;
    Ok(cache.join("porting-widget/tools"))
}

/// `PATH` with the npm tools and cargo's install directory in front.
fn search_path(npm_bin: &Path) -> OsString {
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .map(|home| home.join("bin"));
    let existing = std::env::var_os("PATH").unwrap_or_default();
    let dirs = [npm_bin.to_path_buf()].into_iter().chain(cargo_bin).chain(std::env::split_paths(&existing));
    std::env::join_paths(dirs).expect("tool paths contain no separator")
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]))
        .ok_or("rustup is needed to add the wasm32 target (install Rust with rustup)")?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        println!("setup: {WASM_TARGET} target present");
        return Ok(());
    }
    println!("setup: adding the {WASM_TARGET} target");
    status(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

fn ensure_cargo_tool(
    path: &OsString,
    program: &str,
    version_args: &[&str],
    expected: &str,
    install_args: impl Fn() -> Vec<String>,
) -> Result<(), String> {
    let found = output(Command::new(program).args(version_args).env("PATH", path));
    if found.as_deref().is_some_and(|v| v.trim() == expected) {
        println!("setup: {expected} present");
        return Ok(());
    }
    println!(
        "setup: installing {expected} with cargo (found {}); this compiles it and takes minutes",
        found.as_deref().map_or("none", str::trim)
    );
    status(Command::new("cargo").args(install_args()))?;
    let found = output(Command::new(program).args(version_args).env("PATH", path));
    if found.as_deref().is_some_and(|v| v.trim() == expected) {
        Ok(())
    } else {
        Err(format!("after installing, {program} reports {found:?}, not {expected}: is another {program} earlier on PATH?"))
    }
}

/// binaryen's wasm-opt and axe-core at the versions of tools/package-lock.json.
fn ensure_npm_tools(dir: &Path) -> Result<(), String> {
    let lock = root().join("tools/package-lock.json");
    let wanted = std::fs::read(&lock).map_err(|e| format!("cannot read {}: {e}", lock.display()))?;
    let installed = dir.join("package-lock.json");
    let wasm_opt = dir.join("node_modules/.bin/wasm-opt");
    if std::fs::read(&installed).is_ok_and(|have| have == wanted) && wasm_opt.exists() {
        println!("setup: wasm-opt (binaryen) and axe-core present in {}", dir.display());
        return Ok(());
    }
    if output(Command::new("npm").arg("--version")).is_none() {
        if !is_root() {
            return Err(
                "npm is missing: install Node.js and npm (e.g. `sudo apt-get install nodejs npm`)".into()
            );
        }
        println!("setup: installing Node.js and npm with apt");
        apt_install(&["nodejs", "npm"])?;
    }
    println!("setup: installing binaryen (wasm-opt) and axe-core with npm into {}", dir.display());
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for file in ["package.json", "package-lock.json"] {
        std::fs::copy(root().join("tools").join(file), dir.join(file))
            .map_err(|e| format!("cannot copy tools/{file} to {}: {e}", dir.display()))?;
    }
    status(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(dir))
}

/// Chromium and its driver: `CHROMIUM`/`CHROMEDRIVER` when set, else Debian's packages.
fn ensure_chromium() -> Result<(PathBuf, PathBuf), String> {
    let chromium =
        std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    let chromedriver = std::env::var_os("CHROMEDRIVER")
        .map_or_else(|| PathBuf::from("/usr/bin/chromedriver"), PathBuf::from);
    if chromium.exists() && chromedriver.exists() {
        println!("setup: Chromium and chromedriver present");
        return Ok((chromium, chromedriver));
    }
    if !is_root() {
        return Err(format!(
            "Chromium and chromedriver are needed for the browser tests ({} / {} not found): \
             run `sudo apt-get install chromium chromium-driver`, or set CHROMIUM and CHROMEDRIVER",
            chromium.display(),
            chromedriver.display()
        ));
    }
    println!("setup: installing Chromium and chromedriver with apt");
    apt_install(&["chromium", "chromium-driver"])?;
    Ok((chromium, chromedriver))
}

fn apt_install(packages: &[&str]) -> Result<(), String> {
    status(Command::new("apt-get").arg("update"))?;
    status(
        Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}
