//! The host pages of the end-to-end tests that need building (`crates/e2e/hosts/`): the React 19
//! app, whose TSX `tsc` checks against the widget's declarations (with `typos.tsx`, which must be
//! refused) and esbuild-wasm bundles, with React from the tools' `node_modules`.

use std::path::{Path, PathBuf};

use crate::process::status;
use crate::root;
use crate::tools::Tools;

fn hosts() -> PathBuf {
    root().join("crates/e2e/hosts")
}

/// Where the built host files go: `PORTING_E2E_BUILT_HOSTS` for the tests.
pub fn built() -> PathBuf {
    root().join("target/e2e-hosts")
}

/// Links the tools' `node_modules` beside the sources (ignored by git), where `tsc` and esbuild
/// resolve `react` from.
fn link_node_modules(tools: &Tools) -> Result<(), String> {
    let link = hosts().join("node_modules");
    let target = tools.node_modules();
    if std::fs::read_link(&link).is_ok_and(|found| found == target) {
        return Ok(());
    }
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&target, &link).map_err(|e| format!("cannot link {}: {e}", link.display()))
}

/// `tsc` over the React host and the misspellings the declarations must refuse.
pub fn check(tools: &Tools) -> Result<(), String> {
    link_node_modules(tools)?;
    status(tools.command("tsc").args(["-p", "crates/e2e/hosts"]).current_dir(root()))
}

/// Bundles the React host into [`built`]`/react-checkout.js`, the widget's module left to the page.
pub fn bundle(tools: &Tools) -> Result<(), String> {
    link_node_modules(tools)?;
    let out = built();
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let esbuild = tools.node_modules().join("esbuild-wasm/bin/esbuild");
    status(
        tools
            .command("node")
            .arg(&esbuild)
            .arg(Path::new("checkout.tsx"))
            .args([
                "--bundle",
                "--format=esm",
                "--jsx=automatic",
                "--minify",
                "--external:/embed/porting-widget.js",
                "--define:process.env.NODE_ENV=\"production\"",
                "--log-level=warning",
            ])
            .arg(format!("--outfile={}", out.join("react-checkout.js").display()))
            .current_dir(hosts()),
    )
}
