//! The release bundle's sizes as a buyer's browser downloads them, and the budget they must fit.

use std::path::Path;

use crate::compress::{brotli, gzip};

/// Upper bounds, in bytes over the wire (brotli), that fail `cargo xtask test` when exceeded.
/// Raise one only with a reason in BENCHMARKS.md.
pub const BUDGET_BROTLI: &[(&str, usize)] = &[("wasm", 164_200), ("js", 4_500), ("css", 2_000)];

pub struct Entry {
    pub kind: &'static str,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

pub struct Report(pub Vec<Entry>);

/// Measures the `.wasm`, `.js` and `.css` files of `dist` (all files of a kind add up).
pub fn report(dist: &Path) -> Result<Report, String> {
    let files = std::fs::read_dir(dist).map_err(|e| {
        format!("cannot read {} ({e}): build the widget first with `cargo xtask build`", dist.display())
    })?;
    let mut entries: Vec<Entry> =
        BUDGET_BROTLI.iter().map(|(kind, _)| Entry { kind, raw: 0, gzip: 0, brotli: 0 }).collect();
    for file in files.flatten() {
        let path = file.path();
        let Some(entry) = entries.iter_mut().find(|e| path.extension().is_some_and(|ext| ext == e.kind))
        else {
            continue;
        };
        let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        entry.raw += bytes.len();
        entry.gzip += gzip(&bytes).len();
        entry.brotli += brotli(&bytes).len();
    }
    if entries.iter().any(|e| e.kind == "wasm" && e.raw == 0) {
        return Err(format!("{} holds no .wasm file: build the widget first", dist.display()));
    }
    let report = Report(entries);
    report.print();
    Ok(report)
}

impl Report {
    fn print(&self) {
        println!("release bundle      raw     gzip   brotli   budget (brotli)");
        for entry in &self.0 {
            println!(
                "  {:<6} {:>12} {:>8} {:>8} {:>8}",
                entry.kind,
                entry.raw,
                entry.gzip,
                entry.brotli,
                budget(entry.kind)
            );
        }
    }

    /// Fails naming every part over its budget.
    pub fn within_budget(&self) -> Result<(), String> {
        let over: Vec<String> = self
            .0
            .iter()
            .filter(|e| e.brotli > budget(e.kind))
            .map(|e| {
                format!("{} is {} bytes brotli, over its budget of {}", e.kind, e.brotli, budget(e.kind))
            })
            .collect();
        if over.is_empty() {
            Ok(())
        } else {
            Err(over.join("; "))
        }
    }
}

fn budget(kind: &str) -> usize {
    BUDGET_BROTLI.iter().find(|(k, _)| *k == kind).map_or(0, |(_, b)| *b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_shrinks_repetitive_bytes_and_budgets_are_enforced() {
        let bytes = vec![b'a'; 10_000];
        assert!(gzip(&bytes).len() < 200 && brotli(&bytes).len() < 100);
        let over = Report(vec![Entry { kind: "css", raw: 1, gzip: 1, brotli: budget("css") + 1 }]);
        assert!(over.within_budget().unwrap_err().contains("css"));
        let under = Report(vec![Entry { kind: "css", raw: 1, gzip: 1, brotli: budget("css") }]);
        assert!(under.within_budget().is_ok());
    }
}
