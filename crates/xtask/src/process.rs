//! Running commands: plainly, or with their test counts read off their output.

use std::io::{BufRead, BufReader};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Runs `command` to completion; an error names the command and how it ended.
pub fn status(command: &mut Command) -> Result<(), String> {
    let status = command.status().map_err(|e| format!("cannot run {}: {e}", describe(command)))?;
    succeeded(command, status)
}

/// Like [`status`], but a command still running after `limit` is killed and counts as failed.
pub fn status_within(command: &mut Command, limit: Duration) -> Result<(), String> {
    let mut child = command.spawn().map_err(|e| format!("cannot run {}: {e}", describe(command)))?;
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().map_err(|e| format!("{}: {e}", describe(command)))? {
            return succeeded(command, status);
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("{} ran over {}s and was stopped", describe(command), limit.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn succeeded(command: &Command, status: ExitStatus) -> Result<(), String> {
    if status.success() {
        Ok(())
    } else {
        Err(format!("{} failed ({status})", describe(command)))
    }
}

/// The stdout of a command that succeeded, or `None` if it could not run or failed.
pub fn output(command: &mut Command) -> Option<String> {
    let output = command.stderr(Stdio::null()).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The passed and failed test counts a test command reported, and whether it succeeded.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TestCounts {
    pub passed: usize,
    pub failed: usize,
}

/// Runs a `cargo test`-style command, echoing its output and adding up its `test result:` lines.
pub fn tests(command: &mut Command) -> (bool, TestCounts) {
    command.stdout(Stdio::piped());
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => {
            eprintln!("cannot run {}: {e}", describe(command));
            return (false, TestCounts::default());
        }
    };
    let mut counts = TestCounts::default();
    let stdout = child.stdout.take().expect("stdout is piped");
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        println!("{line}");
        if let Some(found) = parse_result_line(&line) {
            counts.passed += found.passed;
            counts.failed += found.failed;
        }
    }
    let success = child.wait().is_ok_and(|status| status.success());
    (success, counts)
}

/// Reads `test result: ok. 3 passed; 1 failed; …` (cargo test and wasm-bindgen-test-runner).
pub fn parse_result_line(line: &str) -> Option<TestCounts> {
    let rest = line.trim().strip_prefix("test result: ")?;
    let count = |label: &str| {
        rest.split(';').find_map(|part| {
            part.trim()
                .trim_start_matches(|c: char| !c.is_ascii_digit())
                .strip_suffix(label)?
                .trim()
                .parse()
                .ok()
        })
    };
    Some(TestCounts { passed: count("passed")?, failed: count("failed")? })
}

pub fn describe(command: &Command) -> String {
    let mut words = vec![command.get_program().to_string_lossy().into_owned()];
    words.extend(command.get_args().map(|a| a.to_string_lossy().into_owned()));
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_lines_of_cargo_and_the_wasm_runner_are_read() {
        let cargo = "test result: FAILED. 12 passed; 3 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s";
        assert_eq!(parse_result_line(cargo), Some(TestCounts { passed: 12, failed: 3 }));
        assert_eq!(
            parse_result_line(
                "test result: ok. 4 passed; 0 failed; 0 ignored; 0 filtered out; finished in 1.2s"
            ),
            Some(TestCounts { passed: 4, failed: 0 })
        );
        assert_eq!(parse_result_line("running 4 tests"), None);
    }
}
