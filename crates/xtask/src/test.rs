//! `cargo xtask test`: every check the project has, in one run, with one summary line.

use std::process::{Command, ExitCode};
use std::time::Instant;

use crate::engines::Kind;
use crate::process::{self, TestCounts};
use crate::tools::{Need, Tools};
use crate::{build, contract, hosts, root, size};

/// A check's outcome. Test steps count their tests; other steps count as one check each.
struct Outcome {
    name: &'static str,
    ok: bool,
    counts: TestCounts,
    seconds: u64,
}

/// Every step, in the order it runs: one that did not run is shown and counted as failed.
mod step {
    pub const SETUP: &str = "setup";
    pub const RUSTFMT: &str = "rustfmt";
    pub const CLIPPY: &str = "clippy (native)";
    pub const CLIPPY_WASM: &str = "clippy (wasm32)";
    pub const NATIVE: &str = "native tests";
    pub const CONTRACT: &str = "contract (schemathesis)";
    pub const BROWSER: &str = "browser tests (headless Chromium)";
    pub const BROWSER_FIREFOX: &str = "browser tests (headless Firefox)";
    pub const TYPES: &str = "TypeScript declarations (tsc)";
    pub const BUILD: &str = "release build (trunk)";
    pub const SIZE: &str = "size budget";
    /// One row per engine, in the order of `Tools::engines`.
    pub const E2E: [&str; 3] =
        ["end-to-end tests (Chromium)", "end-to-end tests (Firefox)", "end-to-end tests (WebKit)"];
    pub const LEFTOVERS: &str = "no process left running";
    pub const ALL: [&str; 15] = [
        SETUP,
        RUSTFMT,
        CLIPPY,
        CLIPPY_WASM,
        NATIVE,
        CONTRACT,
        BROWSER,
        BROWSER_FIREFOX,
        TYPES,
        BUILD,
        SIZE,
        E2E[0],
        E2E[1],
        E2E[2],
        LEFTOVERS,
    ];
}

pub fn run() -> ExitCode {
    let mut outcomes = Vec::new();
    let tools = timed(&mut outcomes, step::SETUP, || Tools::ensure(Need::Everything).map(Some)).flatten();
    let Some(tools) = tools else {
        return summary(&outcomes);
    };
    let cargo = |args: &[&str]| {
        let mut command = tools.command("cargo");
        command.args(args).current_dir(root());
        command
    };
    timed(&mut outcomes, step::RUSTFMT, || {
        // The `view!` bodies first, which rustfmt leaves alone (leptosfmt.toml matches rustfmt.toml).
        let mut views = tools.command("leptosfmt");
        views.args(["--check", "--quiet", "-c", "leptosfmt.toml", "src", "tests"]).current_dir(root());
        process::status(&mut views)?;
        process::status(&mut cargo(&["fmt", "--all", "--check"]))
    });
    timed(&mut outcomes, step::CLIPPY, || {
        process::status(&mut cargo(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))
    });
    timed(&mut outcomes, step::CLIPPY_WASM, || {
        process::status(&mut cargo(&[
            "clippy",
            "-p",
            "porting-widget",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    });
    tests(
        &mut outcomes,
        step::NATIVE,
        cargo(&["test", "--workspace", "--exclude", "porting-e2e", "--no-fail-fast"]),
    );
    counted(&mut outcomes, step::CONTRACT, || match contract::run(&tools.schemathesis) {
        Ok(counts) => (counts.failed == 0, counts),
        Err(message) => {
            eprintln!("contract (schemathesis) FAILED: {message}");
            (false, TestCounts::default())
        }
    });
    let browser_tests = || {
        let mut browser = cargo(&[
            "test",
            "-p",
            "porting-widget",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "web",
            "--test",
            "live",
            "--test",
            "form",
            "--test",
            "embed",
            "--test",
            "languages",
            "--no-fail-fast",
        ]);
        browser.env("WASM_BINDGEN_TEST_TIMEOUT", "120");
        browser
    };
    tests(&mut outcomes, step::BROWSER, browser_tests());
    // The same tests in Firefox: the runner takes geckodriver when chromedriver is not named.
    let mut firefox = browser_tests();
    if let Some(engine) = tools.engines.iter().find(|engine| engine.kind == Kind::Firefox) {
        firefox.env_remove(Kind::Chromium.driver_var()).env(Kind::Firefox.driver_var(), &engine.driver);
    }
    tests(&mut outcomes, step::BROWSER_FIREFOX, firefox);

    // A host page's TypeScript against the declarations the build ships.
    timed(&mut outcomes, step::TYPES, || {
        process::status(tools.command("tsc").args(["-p", "embed/check"]).current_dir(root()))?;
        hosts::check(&tools)
    });

    let dist = root().join("dist");
    let built = timed(&mut outcomes, step::BUILD, || build(&tools).map(Some)).is_some();
    if built {
        timed(&mut outcomes, step::SIZE, || size::report(&dist).and_then(|r| r.within_budget()));
        let bundled = hosts::bundle(&tools);
        if let Err(message) = &bundled {
            eprintln!("the React host page did not build: {message}");
        }
        for (engine, name) in tools.engines.iter().zip(step::E2E) {
            let mut e2e = engine.command(&tools, "cargo");
            e2e.args(["test", "-p", "porting-e2e", "--no-fail-fast", "--", "--test-threads=2"]);
            e2e.current_dir(root()).env("PORTING_E2E_DIST", &dist).env("AXE_CORE_JS", &tools.axe_js);
            e2e.env("PORTING_E2E_BUILT_HOSTS", hosts::built());
            engine.name_to(&mut e2e);
            tests(&mut outcomes, name, e2e);
        }
    }
    timed(&mut outcomes, step::LEFTOVERS, leftover_processes);
    summary(&outcomes)
}

/// Runs a non-test step; its `Ok` value is returned when it passed.
fn timed<T>(
    outcomes: &mut Vec<Outcome>,
    name: &'static str,
    step: impl FnOnce() -> Result<T, String>,
) -> Option<T> {
    println!("\n=== {name}");
    let start = Instant::now();
    let result = step();
    if let Err(message) = &result {
        eprintln!("{name} FAILED: {message}");
    }
    let ok = result.is_ok();
    let counts = TestCounts { passed: usize::from(ok), failed: usize::from(!ok) };
    outcomes.push(Outcome { name, ok, counts, seconds: start.elapsed().as_secs() });
    result.ok()
}

/// Runs a test command (see [`counted`]).
fn tests(outcomes: &mut Vec<Outcome>, name: &'static str, mut command: Command) {
    counted(outcomes, name, || process::tests(&mut command));
}

/// Runs a step that counts its own tests; a failure that reported no failed test (a build error)
/// counts as one, and so does a step that ran no test at all.
fn counted(outcomes: &mut Vec<Outcome>, name: &'static str, step: impl FnOnce() -> (bool, TestCounts)) {
    println!("\n=== {name}");
    let start = Instant::now();
    let (mut ok, mut counts) = step();
    if ok && counts.passed == 0 && counts.failed == 0 {
        eprintln!("{name} FAILED: it ran no test");
        ok = false;
    }
    if !ok && counts.failed == 0 {
        counts.failed = 1;
    }
    outcomes.push(Outcome { name, ok, counts, seconds: start.elapsed().as_secs() });
}

/// Browsers or drivers still running from the end-to-end tests (their profiles are marked).
fn leftover_processes() -> Result<(), String> {
    let ps = process::output(Command::new("ps").args(["-eo", "pid=,args="])).ok_or("cannot run ps")?;
    let leftovers: Vec<&str> = ps.lines().filter(|line| line.contains("porting-e2e-profile")).collect();
    if leftovers.is_empty() {
        return Ok(());
    }
    for line in &leftovers {
        if let Some(pid) = line.split_whitespace().next() {
            let _ = Command::new("kill").args(["-KILL", pid]).status();
        }
    }
    Err(format!(
        "{} browser processes outlived the tests (now killed):\n{}",
        leftovers.len(),
        leftovers.join("\n")
    ))
}

/// Every step in order: those that ran as they ended, the others failed and not run (`None`);
/// a step missing from [`step::ALL`] last, so no outcome is ever left out.
fn every_step(outcomes: &[Outcome]) -> Vec<(Option<&Outcome>, &'static str)> {
    let listed = step::ALL.iter().map(|name| (outcomes.iter().find(|o| o.name == *name), *name));
    let unlisted = outcomes.iter().filter(|o| !step::ALL.contains(&o.name)).map(|o| (Some(o), o.name));
    listed.chain(unlisted).collect()
}

fn summary(outcomes: &[Outcome]) -> ExitCode {
    println!("\n=== summary");
    let (mut passed, mut failed, mut all_ok) = (0, 0, true);
    for (outcome, name) in every_step(outcomes) {
        let (ok, counts, seconds) = match outcome {
            Some(o) => (o.ok, o.counts, format!("{}s", o.seconds)),
            None => (false, TestCounts { passed: 0, failed: 1 }, "not run".to_owned()),
        };
        println!(
            "  {:<4} {:<38} {:>4} passed {:>3} failed {:>7}",
            if ok { "ok" } else { "FAIL" },
            name,
            counts.passed,
            counts.failed,
            seconds
        );
        (passed, failed, all_ok) = (passed + counts.passed, failed + counts.failed, all_ok && ok);
    }
    println!("{passed} passed, {failed} failed");
    if all_ok && failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_that_did_not_run_are_listed_in_order_as_not_run() {
        let setup =
            Outcome { name: step::SETUP, ok: false, counts: TestCounts { passed: 0, failed: 1 }, seconds: 3 };
        let rows = every_step(std::slice::from_ref(&setup));
        assert_eq!(rows.len(), step::ALL.len());
        assert_eq!(rows[0].0.map(|o| o.name), Some(step::SETUP));
        assert!(rows[1..].iter().all(|(outcome, _)| outcome.is_none()));
        assert_eq!(rows.last().unwrap().1, step::LEFTOVERS);
        let stray =
            Outcome { name: "stray", ok: false, counts: TestCounts { passed: 0, failed: 1 }, seconds: 0 };
        assert_eq!(every_step(std::slice::from_ref(&stray)).last().map(|r| r.1), Some("stray"));
    }
}
