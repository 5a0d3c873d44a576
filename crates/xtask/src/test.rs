//! `cargo xtask test`: every check the project has, in one run, with one summary line.

use std::process::{Command, ExitCode};
use std::time::Instant;

use crate::process::{self, TestCounts};
use crate::tools::{Need, Tools};
use crate::{build, contract, root, size};

/// A check's outcome. Test steps count their tests; other steps count as one check each.
struct Outcome {
    name: &'static str,
    ok: bool,
    counts: TestCounts,
    seconds: u64,
}

pub fn run() -> ExitCode {
    let mut outcomes = Vec::new();
    let tools = timed(&mut outcomes, "setup", || Tools::ensure(Need::Everything).map(Some)).flatten();
    let Some(tools) = tools else {
        return summary(&outcomes);
    };
    let cargo = |args: &[&str]| {
        let mut command = tools.command("cargo");
        command.args(args).current_dir(root());
        command
    };
    timed(&mut outcomes, "rustfmt", || process::status(&mut cargo(&["fmt", "--all", "--check"])));
    timed(&mut outcomes, "clippy (native)", || {
        process::status(&mut cargo(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))
    });
    timed(&mut outcomes, "clippy (wasm32)", || {
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
        "native tests",
        cargo(&["test", "--workspace", "--exclude", "porting-e2e", "--no-fail-fast"]),
    );
    counted(&mut outcomes, "contract (schemathesis)", || match contract::run(&tools.schemathesis) {
        Ok(counts) => (counts.failed == 0, counts),
        Err(message) => {
            eprintln!("contract (schemathesis) FAILED: {message}");
            (false, TestCounts::default())
        }
    });
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
        "--no-fail-fast",
    ]);
    browser.env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    tests(&mut outcomes, "browser tests (headless Chromium)", browser);

    let dist = root().join("dist");
    let built = timed(&mut outcomes, "release build (trunk)", || build(&tools).map(Some)).is_some();
    if built {
        timed(&mut outcomes, "size budget", || size::report(&dist).and_then(|r| r.within_budget()));
        let mut e2e = cargo(&["test", "-p", "porting-e2e", "--no-fail-fast", "--", "--test-threads=2"]);
        e2e.env("PORTING_E2E_DIST", &dist).env("AXE_CORE_JS", &tools.axe_js);
        tests(&mut outcomes, "end-to-end tests (WebDriver)", e2e);
    }
    timed(&mut outcomes, "no process left running", leftover_processes);
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
/// counts as one.
fn counted(outcomes: &mut Vec<Outcome>, name: &'static str, step: impl FnOnce() -> (bool, TestCounts)) {
    println!("\n=== {name}");
    let start = Instant::now();
    let (ok, mut counts) = step();
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

fn summary(outcomes: &[Outcome]) -> ExitCode {
    println!("\n=== summary");
    for outcome in outcomes {
        println!(
            "  {:<4} {:<38} {:>4} passed {:>3} failed {:>5}s",
            if outcome.ok { "ok" } else { "FAIL" },
            outcome.name,
            outcome.counts.passed,
            outcome.counts.failed,
            outcome.seconds
        );
    }
    let passed: usize = outcomes.iter().map(|o| o.counts.passed).sum();
    let failed: usize = outcomes.iter().map(|o| o.counts.failed).sum();
    let all_ok = outcomes.iter().all(|o| o.ok);
    println!("{passed} passed, {failed} failed");
    if all_ok && failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
