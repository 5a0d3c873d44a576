//! `cargo xtask bench [--seconds N] [--connections N]`: requests/s and p50/p99 latency of
//! `GET porting` through the proxy versus the simulator directly. The harness
//! (`crates/porting-proxy/benches/gateway.rs`) is built in the `native-release` profile; its
//! `bench-result:` line becomes a row of BENCHMARKS.md.
//!
//! `cargo xtask bench widget [--runs N] [--keys N] [--minutes N]`: the release widget's load
//! against a minimal Leptos page, its keystroke-to-feedback time and its memory left open, in
//! headless Chromium (`crates/e2e/benches/widget.rs`); each `bench-table:` line it prints becomes
//! a row of its table in BENCHMARKS.md.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::process::{describe, output};
use crate::root;
use crate::tools::{Need, Tools};

/// A table of BENCHMARKS.md, in a section of its own.
#[derive(Debug)]
struct Table {
    section: &'static str,
    intro: &'static str,
    header: &'static str,
}

const THROUGHPUT: Table = Table { section: SECTION, intro: INTRO, header: HEADER };
const SECTION: &str = "## Proxy throughput (`cargo xtask bench`)";
const INTRO: &str = "`GET porting` with a session through `porting-proxy` in upstream mode, in front of the \
Gigs simulator in its own process, versus the simulator directly (API key); all on loopback, load \
generator included, so all compete for the same 2 cores (through the proxy: three processes and two \
HTTP hops); and through two proxies sharing one `redis-server` (`--redis-url`), half the connections \
to each, so the difference to one proxy is what Redis adds per request (rate limits, one round trip \
each); and through a proxy with `--metrics-listen` (metrics recorded), so the difference is what the \
metrics cost. The simulator directly, the proxy and the proxy with metrics take turns in halves of the \
time (since 2026-12-01; the simulator ran first before), so a change in the machine's load falls on \
all three alike. Built with the `native-release` profile; request logs at `info` go to /dev/null. The \
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

/// `cargo bench` of `package`'s bench `name` in the `native-release` profile, its `flags` (each
/// with a number from `least` up) passed in the environment variables `known` names for them.
fn cargo_bench(
    package: &str,
    name: &str,
    args: &[String],
    known: &[(&str, &str)],
    least: u32,
) -> Result<Command, String> {
    let mut command = Command::new("cargo");
    command
        .args(["bench", "--profile", "native-release", "-p", package, "--bench", name])
        .current_dir(root());
    let usage = || known.iter().map(|(flag, _)| format!("{flag} N")).collect::<Vec<_>>().join(", ");
    let mut flags = args.iter();
    while let Some(flag) = flags.next() {
        let Some((_, env)) = known.iter().find(|(known, _)| known == flag) else {
            return Err(format!("{name}: unknown flag {flag:?} ({})", usage()));
        };
        let value = flags.next().filter(|v| v.parse::<u32>().is_ok_and(|n| n >= least));
        command.env(env, value.ok_or_else(|| format!("{name}: {flag} needs a number from {least} up"))?);
    }
    println!("{name}: {}", describe(&command));
    Ok(command)
}

pub fn run(args: &[String]) -> Result<(), String> {
    if args.first().is_some_and(|arg| arg == "widget") {
        return widget(&args[1..]);
    }
    let known = [("--seconds", "PORTING_BENCH_SECS"), ("--connections", "PORTING_BENCH_CONNECTIONS")];
    let command = cargo_bench("porting-proxy", "gateway", args, &known, 1)?;
    let results = lines_of(command, "bench-result: ")?;
    let result = results.last().ok_or("the benchmark printed no bench-result line")?;
    add_rows(&[(&THROUGHPUT, table_row(result, &today())?)])
}

const LOAD: Table = Table {
    section: "## Widget load, embedded (`cargo xtask bench widget`)",
    intro: "Cold loads in headless Chromium (cache disabled through the DevTools protocol), taking turns, \
medians of the runs: a minimal Leptos 0.8 page (`crates/floor-page`: a status line and an input, built \
with the same nightly, flags, wasm-opt and minifiers), the yardstick; the standalone page (trunk's, \
with its preloads); and a merchant's page on another origin embedding the widget as the README says \
(the widget's stylesheet and `porting-widget.js` from the proxy's origin, preconnected, `start()` at \
entry): with its first state fetched by the entry point, or put inside `<porting-widget>` by the \
merchant's server, or behind a plan step the buyer spends 3 s on before pressing Continue (there \
`start()` when the page is idle). Input: the frame that first paints a visible input (for the step, \
from Continue); live: the frame that first paints the widget's own markup (its wasm took over). \
Bytes: the requests answered before each, headers included. The mobile profile is Lighthouse's: 4× \
CPU slowdown, 1.6 Mb/s down, 750 kb/s up, 150 ms added to each request.",
    header: "| date | profile | runs | page | first input ms | ÷ floor | live ms | ÷ floor | bytes before input | \
bytes before live |\n|---|---|---|---|---|---|---|---|---|---|",
};

const TRACE: Table = Table {
    section: "## Widget start-up on a phone (`cargo xtask bench widget`)",
    intro: "What runs on the main thread from navigation until the widget runs, on the embedded page whose \
entry point fetches the first state, at 4× CPU: the DevTools profiler (sampling every 0.2 ms) started \
on a blank page of the merchant's origin, which the page replaces; the ten items with the most time of \
their own (the browser's own work in parentheses, the widget's JS and wasm by function and file).",
    header: "| date | profile | item | self ms |\n|---|---|---|---|",
};

const KEYS: Table = Table {
    section: "## Widget keystroke to feedback (`cargo xtask bench widget`)",
    intro: "From a keystroke's event time stamp to the change of the field's `aria-invalid` it causes, on \
the mobile CPU profile (4× slowdown) in headless Chromium: the widget's account number flagged by a \
submit of the empty form, then a digit (mends it) and a backspace (empties it again) in turns, sent by \
WebDriver; the same into the floor page's input, which a Leptos signal flags while it is empty.",
    header:
        "| date | profile | keystrokes | widget p50 ms | p99 ms | max ms | floor p50 ms | p99 ms | max ms |\n\
|---|---|---|---|---|---|---|---|---|",
};

const MEMORY: Table = Table {
    section: "## Widget left open (`cargo xtask bench widget`)",
    intro: "The widget showing a porting that waits for the buyer, with its live status followed, while the \
porting changes every 30 s; measured after a garbage collection (DevTools `HeapProfiler.collectGarbage`, \
`Runtime.getHeapUsage`), the wasm memory from the module's exports, the elements from the page. \
Streams: how many times the widget opened the porting's event stream.",
    header: "| date | minutes | JS heap KiB start | end | peak | wasm memory KiB start | end | elements start | end | \
peak | streams |\n|---|---|---|---|---|---|---|---|---|---|---|",
};

/// `cargo xtask bench widget`: builds the widget and the floor page, runs the browser harness and
/// adds its rows.
fn widget(args: &[String]) -> Result<(), String> {
    let known = [
        ("--runs", "PORTING_BENCH_RUNS"),
        ("--keys", "PORTING_BENCH_KEYS"),
        ("--minutes", "PORTING_BENCH_MINUTES"),
    ];
    // 0 leaves that part out.
    let mut command = cargo_bench("porting-e2e", "widget", args, &known, 0)?;
    let tools = Tools::ensure(Need::Everything)?;
    crate::build(&tools)?;
    let floor = crate::build_floor(&tools)?;
    command.env("PORTING_E2E_DIST", root().join("dist")).env("PORTING_BENCH_FLOOR_DIST", floor);
    if let Some(chromium) = tools.chromium() {
        chromium.name_to(&mut command);
    }
    let date = today();
    let rows = lines_of(command, "bench-table: ")?
        .iter()
        .map(|line| widget_row(line, &date))
        .collect::<Result<Vec<_>, _>>()?;
    if rows.is_empty() {
        return Err("the widget benchmark printed no bench-table line".into());
    }
    add_rows(&rows)
}

/// `load | … |` as a row of the load table, dated.
fn widget_row(line: &str, date: &str) -> Result<(&'static Table, String), String> {
    let (name, cells) = line.split_once(' ').unwrap_or((line, ""));
    let table = match name {
        "load" => &LOAD,
        "trace" => &TRACE,
        "keys" => &KEYS,
        "memory" => &MEMORY,
        other => return Err(format!("the widget benchmark printed a row of an unknown table {other:?}")),
    };
    let cells = cells.strip_prefix("| ").ok_or_else(|| format!("not a table row: {line:?}"))?;
    Ok((table, format!("| {date} | {cells}")))
}

/// Runs `command`, echoing its output, for the lines that start with `prefix` (without it).
fn lines_of(mut command: Command, prefix: &str) -> Result<Vec<String>, String> {
    command.stdout(Stdio::piped());
    let mut child = command.spawn().map_err(|e| format!("cannot run {}: {e}", describe(&command)))?;
    let mut found = Vec::new();
    for line in BufReader::new(child.stdout.take().expect("piped")).lines().map_while(Result::ok) {
        println!("{line}");
        if let Some(rest) = line.strip_prefix(prefix) {
            found.push(rest.to_owned());
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("the benchmark failed ({status})"));
    }
    Ok(found)
}

/// Adds each row to the end of its table in BENCHMARKS.md.
fn add_rows(rows: &[(&Table, String)]) -> Result<(), String> {
    let path = root().join("BENCHMARKS.md");
    let mut text =
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    for (table, row) in rows {
        text = with_row(&text, table, row);
        println!("bench: added to BENCHMARKS.md ({}):\n{row}", table.section);
    }
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// `cargo xtask soak [--seconds N] [--streams N]`: runs `benches/soak.rs` and prints its numbers.
pub fn soak(args: &[String]) -> Result<(), String> {
    let known = [("--seconds", "PORTING_SOAK_SECS"), ("--streams", "PORTING_SOAK_STREAMS")];
    crate::process::status(&mut cargo_bench("porting-proxy", "soak", args, &known, 1)?)
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

/// `text` with `row` added to the end of `table` (not of a table in the notes below it), which is
/// created if missing.
fn with_row(text: &str, table: &Table, row: &str) -> String {
    let Table { section, intro, header } = table;
    let Some(start) = text.find(section) else {
        return format!("{}\n\n{section}\n\n{intro}\n\n{header}\n{row}\n", text.trim_end());
    };
    let section_end =
        text[start + section.len()..].find("\n## ").map_or(text.len(), |i| start + section.len() + i);
    let header_line = header.lines().next().unwrap_or(header);
    let Some(table_start) = text[start..section_end].find(header_line).map(|i| start + i) else {
        return format!("{}\n{header}\n{row}\n{}", &text[..section_end], &text[section_end..]);
    };
    let rows: usize = text[table_start..section_end]
        .split_inclusive('\n')
        .take_while(|line| line.starts_with('|') && line.ends_with('\n'))
        .map(str::len)
        .sum();
    let end = table_start + rows;
    format!("{}{row}\n{}", &text[..end], &text[end..])
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
        let first = with_row("# Benchmarks\n\n## Sizes\n\n| a |\n|---|\n| 1 |\n", &THROUGHPUT, &row);
        assert!(first.ends_with(&format!("{HEADER}\n{row}\n")), "{first}");
        let second = with_row(&format!("{first}\n## Later\n\ntext\n"), &THROUGHPUT, "| next |");
        assert!(second.contains(&format!("{row}\n| next |\n\n## Later")), "{second}");
        assert!(second.contains("| 1 |\n\n"), "the other table is untouched");
        let noted = format!("{first}\n- a note with its own table:\n\n  | x |\n  |---|\n  | 2 |\n");
        let third = with_row(&noted, &THROUGHPUT, "| third |");
        assert!(third.contains(&format!("{row}\n| third |\n\n- a note")), "{third}");
    }

    #[test]
    fn widget_rows_are_dated_and_go_to_their_own_tables() {
        let (table, load) =
            widget_row("load | mobile | 7 | 900 | 910 | 190000 | 600 | 610 | 1.50× | 62000 | 128000 |", "d")
                .unwrap();
        assert_eq!(table.section, LOAD.section);
        assert_eq!(load, "| d | mobile | 7 | 900 | 910 | 190000 | 600 | 610 | 1.50× | 62000 | 128000 |");
        let (table, keys) = widget_row("keys | mobile CPU | 200 | 4.0 | 9.0 | 12.0 |", "d").unwrap();
        assert_eq!(table.section, KEYS.section);
        let text = with_row(&with_row("# Benchmarks\n", &LOAD, &load), &KEYS, &keys);
        let again = with_row(&text, &LOAD, "| e | again |");
        assert!(again.contains(&format!("{load}\n| e | again |\n\n{}", KEYS.section)), "{again}");
        assert!(again.ends_with(&format!("{keys}\n")), "{again}");
        assert_eq!(widget_row("memory | 10 | 1 |", "d").unwrap().0.section, MEMORY.section);
        assert!(widget_row("speed | 1 |", "d").unwrap_err().contains("\"speed\""));
        assert!(widget_row("load 1 2", "d").unwrap_err().contains("not a table row"));
    }

    #[test]
    fn a_result_missing_a_field_is_an_error() {
        assert!(table_row("connections=32", "d").unwrap_err().contains("seconds"));
    }
}
