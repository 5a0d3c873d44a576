//! The release bundle's sizes as a buyer's browser downloads them, and the budget they must fit:
//! the wasm, its JS glue and the stylesheet; the entry point a page imports; and what a phone
//! receives before the first input when the merchant's server puts the widget's first state in
//! its page (the rendered form and the stylesheet: no script is needed to show it).

use std::path::Path;

use porting_model::testing::PortingBuilder;
use porting_widget::platform::Buyer;
use porting_widget::render::{render, FirstState};

use crate::compress::{brotli, gzip};

/// Upper bounds, in bytes over the wire (brotli), that fail `cargo xtask test` when exceeded.
/// Raise one only with a reason in BENCHMARKS.md.
pub const BUDGET_BROTLI: &[(&str, usize)] =
    &[("wasm", 176_000), ("js", 4_500), ("css", 2_000), ("entry", 3_000), ("first", 15_000)];

/// The first state measured for `first`: a porting waiting for AT&T's details (account number,
/// PIN, name and address), in English.
fn first_state() -> String {
    let required = ["accountNumber", "accountPin", "address", "firstName", "lastName"];
    let porting = PortingBuilder::new().required(&required).donor("svp_us_att", "AT&T").build();
    let today = porting_model::validate::CalendarDate::new(2026, 12, 7).expect("a day");
    let buyer = Buyer { locale: "en-US".into(), utc_offset_minutes: 0, today };
    render(&FirstState::Porting(Box::new(porting)), "en", buyer)
}

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
    let entry_js = dist.join("embed/porting-widget.js");
    let entry_js =
        std::fs::read(&entry_js).map_err(|e| format!("cannot read {}: {e}", entry_js.display()))?;
    let css =
        entries.iter().find(|e| e.kind == "css").map_or((0, 0, 0), |css| (css.raw, css.gzip, css.brotli));
    let first = first_state().into_bytes();
    for (kind, bytes, plus) in [("entry", entry_js, (0, 0, 0)), ("first", first, css)] {
        let entry = entries.iter_mut().find(|e| e.kind == kind).expect("every budgeted kind has an entry");
        entry.raw = bytes.len() + plus.0;
        entry.gzip = gzip(&bytes).len() + plus.1;
        entry.brotli = brotli(&bytes).len() + plus.2;
    }
    let report = Report(entries);
    report.print();
    Ok(report)
}

impl Report {
    fn print(&self) {
        println!("release bundle      raw     gzip   brotli   budget (brotli)");
        println!("  (entry: dist/embed/porting-widget.js; first: a rendered form and the css, before the first input)");
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

    #[test]
    fn the_first_state_measured_is_a_whole_form_without_script() {
        let html = first_state();
        for field in ["accountNumber", "accountPin", "firstName", "lastName", "address.postalCode"] {
            assert!(html.contains(&format!(r#"data-field="{field}""#)), "{field}");
        }
        assert!(!html.contains("<script"));
    }
}
