//! `cargo xtask bench [--seconds N] [--connections N]`: requests/s and p50/p99 latency of
//! `GET porting` through the proxy versus the simulator directly. The harness
//! (`crates/porting-proxy/benches/gateway.rs`) is built in the `native-release` profile; its
//! `bench-result:` line becomes a row of BENCHMARKS.md.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::process::{describe, output};
use crate::root;

const SECTION: &str = "## Proxy throughput (`cargo xtask bench`)";
const INTRO: &str = "`GET porting` with a session through `porting-proxy` in upstream mode, in front of the \
Gigs simulator in its own process, versus the simulator directly (API key); all on loopback, load \
generator included, so all compete for the same 2 cores (through the proxy: three processes and two \
HTTP hops); and through two proxies sharing one `redis-server` (`--redis-url`), half the connections \
to each, so the difference to one proxy is what Redis adds per request (rate limits, one round trip \
each); and through a proxy with `--metrics-listen` (metrics recorded), taking turns in halves of the \
time with one without, so the difference is what the metrics cost. Built with the `native-release` profile; request logs at `info` go to /dev/null. The \
machine is shared with other builds, so runs vary by ±30 %: compare rows measured together.";
const HEADER: &str =
    "| date | connections | seconds | simulator req/s | p50 ms | p99 ms | proxy req/s | p50 ms | p99 ms | \
proxy with metrics req/s | p50 ms | p99 ms | two proxies on Redis req/s | p50 ms | p99 ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
/// The `bench-result:` fields, in table order.
const FIELDS: [&str; 14] = [
    "connections",
    "seconds",
    "sim_rps",
    "sim_p50",
    "sim_p99",
    "proxy_rps",
    "proxy_p50",
    "proxy_p99",
    "metrics_rps",
    "metrics_p50",
    "metrics_p99",
    "redis_rps",
    "redis_p50",
    "redis_p99",
];

/// `cargo bench` of the proxy's bench `name` in the `native-release` profile, its `flags` (each
/// with a positive number) passed in the environment variables `known` names for them.
fn cargo_bench(name: &str, args: &[String], known: &[(&str, &str)]) -> Result<Command, String> {
    let mut command = Command::new("cargo");
    command
        .args(["bench", "--profile", "native-release", "-p", "porting-proxy", "--bench", name])
        .current_dir(root());
    let usage = || known.iter().map(|(flag, _)| format!("{flag} N")).collect::<Vec<_>>().join(", ");
    let mut flags = args.iter();
    while let Some(flag) = flags.next() {
        let Some((_, env)) = known.iter().find(|(known, _)| known == flag) else {
            return Err(format!("{name}: unknown flag {flag:?} ({})", usage()));
        };
        let value = flags.next().filter(|v| v.parse::<u32>().is_ok_and(|n| n > 0));
        command.env(env, value.ok_or_else(|| format!("{name}: {flag} needs a positive number"))?);
    }
    println!("{name}: {}", describe(&command));
    Ok(command)
}

pub fn run(args: &[String]) -> Result<(), String> {
    let known = [("--seconds", "PORTING_BENCH_SECS"), ("--connections", "PORTING_BENCH_CONNECTIONS")];
    let mut command = cargo_bench("gateway", args, &known)?;
    command.stdout(Stdio::piped());
    let mut child = command.spawn().map_err(|e| format!("cannot run cargo bench: {e}"))?;
    let mut result = None;
    for line in BufReader::new(child.stdout.take().expect("piped")).lines().map_while(Result::ok) {
        println!("{line}");
        if let Some(fields) = line.strip_prefix("bench-result: ") {
            result = Some(fields.to_owned());
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("the benchmark failed ({status})"));
    }
    let row = table_row(&result.ok_or("the benchmark printed no bench-result line")?, &today())?;
    let path = root().join("BENCHMARKS.md");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    std::fs::write(&path, with_row(&text, &row))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("bench: added to BENCHMARKS.md:\n{row}");
    Ok(())
}

/// `cargo xtask soak [--seconds N] [--streams N]`: runs `benches/soak.rs` and prints its numbers.
pub fn soak(args: &[String]) -> Result<(), String> {
    let known = [("--seconds", "PORTING_SOAK_SECS"), ("--streams", "PORTING_SOAK_STREAMS")];
    crate::process::status(&mut cargo_bench("soak", args, &known)?)
}

fn today() -> String {
    output(Command::new("date").args(["-u", "+%Y-%m-%d"])).map_or_else(|| "?".into(), |d| d.trim().to_owned())
}

/// `key=value …` as a table row, in the order of [`FIELDS`].
fn table_row(fields: &str, date: &str) -> Result<String, String> {
    let value = |key: &str| {
        fields
            .split_whitespace()
            .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
            .ok_or_else(|| format!("the bench-result line lacks {key}"))
    };
    let cells = FIELDS.iter().map(|key| value(key)).collect::<Result<Vec<_>, _>>()?;
    Ok(format!("| {date} | {} |", cells.join(" | ")))
}

/// `text` with `row` added to the end of the throughput table, which is created if missing.
fn with_row(text: &str, row: &str) -> String {
    let Some(start) = text.find(SECTION) else {
        return format!("{}\n\n{SECTION}\n\n{INTRO}\n\n{HEADER}\n{row}\n", text.trim_end());
    };
    let section_end =
        text[start + SECTION.len()..].find("\n## ").map_or(text.len(), |i| start + SECTION.len() + i);
    let last_row_end = text[start..section_end].rfind("|\n").map_or(section_end, |i| start + i + 2);
    format!("{}{row}\n{}", &text[..last_row_end], &text[last_row_end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESULT: &str = "connections=32 seconds=10 sim_rps=20000 sim_p50=1.50 sim_p99=4.00 proxy_rps=9000 proxy_p50=3.20 proxy_p99=9.10 metrics_rps=8900 metrics_p50=3.30 metrics_p99=9.20 redis_rps=7000 redis_p50=4.10 redis_p99=12.00";

    #[test]
    fn a_result_becomes_a_row_in_a_new_then_the_existing_table() {
        let row = table_row(RESULT, "2026-11-26").unwrap();
        assert_eq!(
            row,
            "| 2026-11-26 | 32 | 10 | 20000 | 1.50 | 4.00 | 9000 | 3.20 | 9.10 | 8900 | 3.30 | 9.20 | 7000 | 4.10 | 12.00 |"
        );
        let first = with_row("# Benchmarks\n\n## Sizes\n\n| a |\n|---|\n| 1 |\n", &row);
        assert!(first.ends_with(&format!("{HEADER}\n{row}\n")), "{first}");
        let second = with_row(&format!("{first}\n## Later\n\ntext\n"), "| next |");
        assert!(second.contains(&format!("{row}\n| next |\n\n## Later")), "{second}");
        assert!(second.contains("| 1 |\n\n"), "the other table is untouched");
    }

    #[test]
    fn a_result_missing_a_field_is_an_error() {
        assert!(table_row("connections=32", "d").unwrap_err().contains("seconds"));
    }
}
