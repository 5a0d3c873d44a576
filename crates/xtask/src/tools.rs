//! Finds the tools the build and tests need at their pinned versions, installing what is
//! missing. Everything comes from crates.io, npm, PyPI or Debian: nothing downloads a prebuilt
//! binary.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::engines::{self, Engine, Kind};
use crate::process::{output, status};
use crate::root;

pub const TRUNK_VERSION: &str = "0.21.14";
/// Must equal the `wasm-bindgen` version pinned in Cargo.toml and Trunk.toml.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
/// The contract step's property-based tester, from PyPI.
pub const SCHEMATHESIS_VERSION: &str = "4.32.5";
/// The toolchain of the widget's release build only (`-Zbuild-std` needs a nightly); everything
/// else builds with the stable one. `rustc -V` must end with this date.
pub const NIGHTLY: &str = "nightly-2026-05-19";
/// The code size profiler of `cargo xtask size --why`.
pub const TWIGGY_VERSION: &str = "0.8.0";
/// The formatter of `view!` bodies, which rustfmt leaves as they are.
pub const LEPTOSFMT_VERSION: &str = "0.1.33";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// How much of the tool set a command needs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// What `trunk build` needs.
    Build,
    /// Also the three browser engines, axe-core, schemathesis and Redis for the tests.
    Everything,
}

/// Where the tools are, and a `PATH` that finds them first.
pub struct Tools {
    path: OsString,
    /// The rustup name of the pinned nightly on this machine.
    pub nightly: String,
    /// Chromium (the browser tests and benchmarks), Firefox and WebKit (the end-to-end tests).
    pub engines: Vec<Engine>,
    pub axe_js: PathBuf,
    pub schemathesis: PathBuf,
    /// The Redis server the tests of several proxies start (`REDIS_SERVER` for them).
    pub redis_server: PathBuf,
}

impl Tools {
    pub fn ensure(need: Need) -> Result<Tools, String> {
        let tools_dir = tools_dir()?;
        let path = search_path(&tools_dir.join("node_modules/.bin"));
        ensure_wasm_target()?;
        let nightly = ensure_nightly()?;
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
        ensure_npm_tools(&tools_dir)?;
        if need == Need::Everything {
            ensure_cargo_tool(
                &path,
                "leptosfmt",
                &["--version"],
                &format!("leptosfmt {LEPTOSFMT_VERSION}"),
                || vec!["install".into(), "--locked".into(), format!("leptosfmt@{LEPTOSFMT_VERSION}")],
            )?;
        }
        let (engines, schemathesis, redis_server) = if need == Need::Everything {
            let engines = vec![engines::chromium()?, engines::firefox(&path)?, engines::webkit()?];
            (engines, schemathesis()?, ensure_redis()?)
        } else {
            Default::default()
        };
        let axe_js = tools_dir.join("node_modules/axe-core/axe.min.js");
        Ok(Tools { path, nightly, engines, axe_js, schemathesis, redis_server })
    }

    /// `cargo` set up for the widget's release build: the pinned nightly compiling the standard
    /// library too, so that a panic aborts at once and its formatting code is left out (12.6 KB
    /// of brotli wasm, BENCHMARKS.md). Its own target directory keeps the stable builds intact.
    pub fn release_cargo_env(&self, command: &mut Command) {
        command
            .env("RUSTUP_TOOLCHAIN", &self.nightly)
            .env("CARGO_TARGET_DIR", release_target_dir())
            .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
            // The standard library's smaller variants (its sorts, for one): 578 B less brotli wasm.
            .env("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size")
            // Replaces the flags of .cargo/config.toml, so they are repeated here; `{:?}` prints
            // nothing and no source location is kept (3.2 KB less brotli, BENCHMARKS.md).
            .env("RUSTFLAGS", "--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none");
    }

    /// The npm tools' `node_modules`.
    pub fn node_modules(&self) -> PathBuf {
        tools_dir().map(|dir| dir.join("node_modules")).unwrap_or_default()
    }

    /// Chromium, when the tools for the tests were ensured.
    pub fn chromium(&self) -> Option<&Engine> {
        self.engines.iter().find(|engine| engine.kind == Kind::Chromium)
    }

    /// twiggy, installed first if missing.
    pub fn twiggy(&self) -> Result<Command, String> {
        ensure_twiggy(&self.path)?;
        Ok(self.command("twiggy"))
    }

    /// `program` run with the tools on `PATH`.
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.env("PATH", &self.path).env("TRUNK_SKIP_VERSION_CHECK", "true");
        if let Some(chromium) = self.chromium() {
            // The wasm-bindgen test runner would otherwise look for geckodriver first.
            command
                .env(Kind::Chromium.driver_var(), &chromium.driver)
                .env(Kind::Chromium.browser_var(), &chromium.browser);
        }
        if !self.redis_server.as_os_str().is_empty() {
            command.env("REDIS_SERVER", &self.redis_server);
        }
        command
    }
}

/// Where the widget's release build goes: apart from the stable builds, which would otherwise
/// rebuild everything after it.
pub fn release_target_dir() -> PathBuf {
    crate::target_dir().join("release-wasm")
}

/// npm tools (and schemathesis' virtualenv, in `venv/`) live outside the checkout so a fresh
/// clone does not reinstall them.
fn tools_dir() -> Result<PathBuf, String> {
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

/// The pinned nightly with the standard library's source: the one rustup calls `nightly` when it
/// is that day's (as on this project's machines), else installed under its dated name.
fn ensure_nightly() -> Result<String, String> {
    let date = NIGHTLY.trim_start_matches("nightly-");
    let is_pinned = |toolchain: &str| {
        output(Command::new("rustc").arg(format!("+{toolchain}")).arg("-V"))
            .is_some_and(|version| version.trim_end().ends_with(&format!("{date})")))
    };
    let toolchain = match ["nightly", NIGHTLY].into_iter().find(|toolchain| is_pinned(toolchain)) {
        Some(toolchain) => toolchain,
        None => {
            println!("setup: installing the Rust toolchain {NIGHTLY} for the widget's release build");
            status(Command::new("rustup").args(["toolchain", "install", NIGHTLY, "--profile", "minimal"]))?;
            NIGHTLY
        }
    };
    let components =
        output(Command::new("rustup").args(["component", "list", "--installed", "--toolchain", toolchain]))
            .unwrap_or_default();
    if !components.lines().any(|line| line.starts_with("rust-src")) {
        println!("setup: adding rust-src to {toolchain} (build-std compiles the standard library from it)");
        status(Command::new("rustup").args(["component", "add", "rust-src", "--toolchain", toolchain]))?;
    }
    println!("setup: {toolchain} ({date}) with rust-src present");
    Ok(toolchain.to_owned())
}

fn ensure_twiggy(path: &OsString) -> Result<(), String> {
    // It names itself by its options crate.
    ensure_cargo_tool(path, "twiggy", &["--version"], &format!("twiggy-opt {TWIGGY_VERSION}"), || {
        vec!["install".into(), "--locked".into(), format!("twiggy@{TWIGGY_VERSION}")]
    })
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

pub fn ensure_cargo_tool(
    path: &OsString,
    program: &str,
    version_args: &[&str],
    expected: &str,
    install_args: impl Fn() -> Vec<String>,
) -> Result<(), String> {
    // The first line: some tools add a licence after it.
    let version = || {
        output(Command::new(program).args(version_args).env("PATH", path))
            .map(|text| text.lines().next().unwrap_or_default().to_owned())
    };
    ensure_version(program, expected, version, |found| {
        println!(
            "setup: installing {expected} with cargo (found {found}); this compiles it and takes minutes"
        );
        let mut install = Command::new("cargo");
        // Tools need not be as fast as their own release profiles make them (trunk's is fat LTO
        // in one unit): 500 s instead of 912 s for the four on 2 cores (docs/testing.md).
        install
            .args(install_args())
            .env("CARGO_PROFILE_RELEASE_LTO", "off")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16");
        status(&mut install)
    })
}

/// Runs `install` (given the version found) unless `version` already reports `expected`, and
/// checks that it does afterwards.
fn ensure_version(
    program: &str,
    expected: &str,
    version: impl Fn() -> Option<String>,
    install: impl FnOnce(&str) -> Result<(), String>,
) -> Result<(), String> {
    let found = version();
    if found.as_deref().is_some_and(|v| v.trim() == expected) {
        println!("setup: {expected} present");
        return Ok(());
    }
    install(found.as_deref().map_or("none", str::trim))?;
    let found = version();
    if found.as_deref().is_some_and(|v| v.trim() == expected) {
        Ok(())
    } else {
        Err(format!("after installing, {program} reports {found:?}, not {expected}: is another {program} earlier on PATH?"))
    }
}

/// schemathesis from PyPI, in a virtualenv of its own in the tools directory so nothing else on
/// the machine changes; returns the program.
pub fn schemathesis() -> Result<PathBuf, String> {
    let venv = tools_dir()?.join("venv");
    let program = venv.join("bin/schemathesis");
    let expected = format!("schemathesis, version {SCHEMATHESIS_VERSION}");
    let version = || output(Command::new(&program).arg("--version"));
    ensure_version("schemathesis", &expected, version, |found| {
        println!(
            "setup: installing schemathesis {SCHEMATHESIS_VERSION} with pip into {} (found {found})",
            venv.display()
        );
        let mut make_venv = Command::new("python3");
        make_venv.args(["-m", "venv", "--clear"]).arg(&venv);
        if status(&mut make_venv).is_err() {
            if !is_root() {
                return Err("python3 with venv is needed for the contract tests: install it (e.g. \
                    `sudo apt-get install python3 python3-venv`)"
                    .into());
            }
            println!("setup: installing python3 and python3-venv with apt");
            apt_install(&["python3", "python3-venv"])?;
            status(&mut make_venv)?;
        }
        status(Command::new(venv.join("bin/pip")).args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            &format!("schemathesis=={SCHEMATHESIS_VERSION}"),
        ]))
    })?;
    Ok(program)
}

/// binaryen's wasm-opt, terser, clean-css, axe-core, TypeScript, React and esbuild-wasm at the
/// versions of tools/package-lock.json.
fn ensure_npm_tools(dir: &Path) -> Result<(), String> {
    let lock = root().join("tools/package-lock.json");
    let wanted = std::fs::read(&lock).map_err(|e| format!("cannot read {}: {e}", lock.display()))?;
    let installed = dir.join("package-lock.json");
    let bins = [".bin/wasm-opt", ".bin/terser", ".bin/cleancss", ".bin/tsc", "esbuild-wasm/bin/esbuild"]
        .map(|bin| dir.join("node_modules").join(bin));
    if std::fs::read(&installed).is_ok_and(|have| have == wanted) && bins.iter().all(|bin| bin.exists()) {
        println!(
            "setup: wasm-opt (binaryen), terser, clean-css, axe-core, tsc, React and esbuild present in {}",
            dir.display()
        );
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
    println!(
        "setup: installing binaryen (wasm-opt), terser, clean-css, axe-core, TypeScript, React and esbuild-wasm with npm into {}",
        dir.display()
    );
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for file in ["package.json", "package-lock.json"] {
        std::fs::copy(root().join("tools").join(file), dir.join(file))
            .map_err(|e| format!("cannot copy tools/{file} to {}: {e}", dir.display()))?;
    }
    status(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(dir))
}

/// Debian's Redis server, for the tests that run several proxies on one Redis (`REDIS_SERVER`
/// when set). Only the binary is used: each test starts its own server on a free port.
fn ensure_redis() -> Result<PathBuf, String> {
    let redis = std::env::var_os("REDIS_SERVER")
        .map_or_else(|| PathBuf::from("/usr/bin/redis-server"), PathBuf::from);
    if redis.exists() {
        println!("setup: redis-server present");
        return Ok(redis);
    }
    if !is_root() {
        return Err(format!(
            "redis-server is needed for the tests of several proxies ({} not found): run \
             `sudo apt-get install redis-server`, or set REDIS_SERVER",
            redis.display()
        ));
    }
    println!("setup: installing redis-server with apt");
    apt_install(&["redis-server"])?;
    Ok(redis)
}

pub fn apt_install(packages: &[&str]) -> Result<(), String> {
    status(Command::new("apt-get").arg("update"))?;
    status(
        Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

pub fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}
