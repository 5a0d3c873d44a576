//! `cargo xtask <command>`: the project's set-up, serve, test and measurement commands.

mod bench;
mod compress;
mod contract;
#[cfg(test)]
mod doc_links;
mod engines;
mod hosts;
mod http;
mod minify;
#[cfg(test)]
mod module_graph;
mod package;
mod process;
mod serve;
mod size;
mod test;
mod tools;
mod why;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "\
usage: cargo xtask <command>

  setup     install what is missing: wasm target, the pinned nightly's rust-src, trunk,
            wasm-bindgen-cli, wasm-opt, terser, clean-css, axe-core, schemathesis, twiggy,
            geckodriver, and Chromium, Firefox ESR, WebKitGTK's MiniBrowser and WebDriver and xvfb
            (through apt, when running as root)
  serve     run the proxy with its Gigs simulator (serving the release-built widget), `trunk serve`
            at http://127.0.0.1:8080/ and the signup page at http://127.0.0.1:8081/
  test      every check: fmt, clippy, native tests, the API contract (schemathesis), browser
            tests, the TypeScript declarations, release build, size budget, end-to-end tests;
            ends with `N passed, N failed`
  contract  only the API contract step of `test`: schemathesis against the proxy
  build     release-build the widget into dist/ with trunk (the pinned nightly, build-std),
            minified, the distributable dist/embed/, and a .br and .gz beside each file
  size      print the sizes of the release bundle in dist/ (raw, gzip, brotli) against the budget;
            --why: the 20 largest crates and functions of the release wasm (twiggy)
  bench     requests/s and p50/p99 latency of GET porting through the proxy versus the simulator
            directly (native-release build; --seconds N, --connections N); adds a row to
            BENCHMARKS.md
  bench widget
            in headless Chromium: the release widget's time to its first form input against a
            minimal Leptos page (unthrottled and Lighthouse's mobile profile, --runs N, default 7),
            keystroke to feedback on a 4× slower CPU (--keys N, default 200), and its memory left
            open with live status (--minutes N, default 10); 0 leaves a part out; adds rows to
            BENCHMARKS.md
  soak      1,000 live streams held against one proxy for 10 minutes: its memory at the start and
            the end, and the heartbeat traffic (--seconds N, --streams N)";

fn main() -> ExitCode {
    let command = std::env::args().nth(1).unwrap_or_default();
    let result = match command.as_str() {
        // twiggy too, which only `size --why` needs, so `test` does not compile it.
        "setup" => tools::Tools::ensure(tools::Need::Everything).and_then(|tools| tools.twiggy()).map(|_| ()),
        "serve" => serve::run(),
        "test" => return test::run(),
        "build" => tools::Tools::ensure(tools::Need::Build).and_then(|tools| build(&tools)),
        "size" if std::env::args().nth(2).as_deref() == Some("--why") => {
            tools::Tools::ensure(tools::Need::Build).and_then(|tools| why::run(&tools))
        }
        "size" => size::report(&root().join("dist")).and_then(|report| report.within_budget()),
        "bench" => bench::run(&std::env::args().skip(2).collect::<Vec<_>>()),
        "soak" => bench::soak(&std::env::args().skip(2).collect::<Vec<_>>()),
        "contract" => tools::schemathesis().and_then(|program| contract::run(&program)).and_then(|counts| {
            println!("{} passed, {} failed", counts.passed, counts.failed);
            if counts.failed == 0 {
                Ok(())
            } else {
                Err("schemathesis found failures".into())
            }
        }),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo build` of `package`'s release wasm, as trunk builds it.
pub fn release_wasm(tools: &tools::Tools, package: &str) -> Command {
    let mut cargo = tools.command("cargo");
    tools.release_cargo_env(&mut cargo);
    cargo
        .args(["build", "--release", "--target", "wasm32-unknown-unknown", "-p", package])
        .current_dir(root());
    cargo
}

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().nth(2).expect("crates/xtask is two levels deep").into()
}

/// Cargo's target directory, where the workspace's binaries are built.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), Into::into)
}

/// `trunk build --release` of the page `html` (of `package`) into `dist`, minified.
fn trunk_release(tools: &tools::Tools, package: &str, html: &Path, dist: &Path) -> Result<(), String> {
    // Built once by cargo first: trunk builds offline, and build-std may need to fetch the
    // standard library's own dependencies from crates.io the first time.
    process::status(&mut release_wasm(tools, package))?;
    let mut trunk = tools.command("trunk");
    tools.release_cargo_env(&mut trunk);
    trunk.arg("build").arg(html).arg("--release").arg("--dist").arg(dist).current_dir(root());
    process::status(&mut trunk)?;
    minify::minify(tools, dist)
}

/// `trunk build --release` into `dist/`, the distributable folder `dist/embed/`, and a `.br` and
/// `.gz` beside each of their files.
pub fn build(tools: &tools::Tools) -> Result<(), String> {
    let dist = root().join("dist");
    trunk_release(tools, "porting-widget", &root().join("index.html"), &dist)?;
    package::write(tools, &dist, &root().join("embed/porting-widget.d.ts"))?;
    let written = compress::precompress(&dist)?;
    println!("build: wrote {written} compressed files (.br, .gz) beside the files of dist/");
    Ok(())
}

/// The minimal Leptos page (`crates/floor-page`), built and compressed as the widget is, into
/// `target/floor-dist/`.
pub fn build_floor(tools: &tools::Tools) -> Result<PathBuf, String> {
    let dist = target_dir().join("floor-dist");
    trunk_release(tools, "floor-page", &root().join("crates/floor-page/index.html"), &dist)?;
    compress::precompress(&dist)?;
    Ok(dist)
}
