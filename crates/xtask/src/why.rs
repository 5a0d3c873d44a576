//! `cargo xtask size --why`: where the widget's bytes go, by crate and by function. twiggy reads
//! the release wasm as cargo writes it, names kept, before wasm-bindgen and wasm-opt: sizes are
//! raw and shrink in the bundle, but their order is the bundle's.

use std::collections::BTreeMap;

use crate::process::{output, status};
use crate::tools::{release_target_dir, Tools};

/// How many rows each table shows.
const ROWS: usize = 20;

pub fn run(tools: &Tools) -> Result<(), String> {
    status(&mut crate::release_wasm(tools, "porting-widget"))?;
    let wasm = release_target_dir().join("wasm32-unknown-unknown/release/porting-widget.wasm");
    let csv = output(tools.twiggy()?.arg("top").arg(&wasm).args(["-n", "1000000", "--format", "csv"]))
        .ok_or_else(|| format!("twiggy could not read {}", wasm.display()))?;
    let items = parse(&csv);
    let total: usize = items.iter().map(|(_, size)| size).sum();
    println!("{} (names kept, before wasm-bindgen and wasm-opt): {total} bytes\n", wasm.display());
    println!("by crate:");
    print_rows(&by_crate(&items), total);
    println!("\nby function:");
    print_rows(&items, total);
    Ok(())
}

fn print_rows(rows: &[(String, usize)], total: usize) {
    println!("| bytes | % | name |\n|---:|---:|---|");
    for (name, size) in rows.iter().take(ROWS) {
        let share = 100.0 * *size as f64 / total.max(1) as f64;
        println!("| {size} | {share:.1} | `{}` |", name.replace('|', "\\|"));
    }
}

/// twiggy's `top` rows (name without its hash, and shallow size), largest first: code and data
/// only, as the custom sections and names are dropped before the bundle.
fn parse(csv: &str) -> Vec<(String, usize)> {
    let mut items: Vec<(String, usize)> = csv
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields = csv_fields(line);
            let (name, size) = (fields.first()?, fields.get(1)?.parse().ok()?);
            // wasm-bindgen drops its custom sections, the names and its describe functions.
            let dropped = ["custom section", "export ", "__wbindgen_describe", "Σ"];
            let shipped =
                !dropped.iter().any(|prefix| name.starts_with(prefix)) && !name.ends_with("subsection");
            shipped.then(|| (readable(without_hash(name)), size))
        })
        .collect();
    items.sort_by_key(|(_, size)| std::cmp::Reverse(*size));
    items
}

/// The fields of one CSV line, quotes undone.
fn csv_fields(line: &str) -> Vec<String> {
    let (mut fields, mut field, mut quoted, mut chars) =
        (Vec::new(), String::new(), false, line.chars().peekable());
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// `name` without crate disambiguators (`core[79aa79c6299ed9a6]` of the v0 mangling) and cut to
/// a table cell's length.
fn readable(name: &str) -> String {
    const LONGEST: usize = 160;
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(open) = rest.find('[') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        match after[1..].find(']') {
            Some(close) if close >= 8 && after[1..=close].bytes().all(|b| b.is_ascii_hexdigit()) => {
                rest = &after[close + 2..];
            }
            _ => {
                out.push('[');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    if out.chars().count() > LONGEST {
        out = out.chars().take(LONGEST - 1).chain(['…']).collect();
    }
    out
}

/// `a::b` of `a::b::h0123456789abcdef`.
fn without_hash(name: &str) -> &str {
    match name.rsplit_once("::h") {
        Some((path, hash)) if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => path,
        _ => name,
    }
}

/// Sizes summed by the crate a name starts with, largest first.
fn by_crate(items: &[(String, usize)]) -> Vec<(String, usize)> {
    let mut crates: BTreeMap<String, usize> = BTreeMap::new();
    for (name, size) in items {
        *crates.entry(crate_of(name)).or_default() += size;
    }
    let mut rows: Vec<_> = crates.into_iter().collect();
    rows.sort_by_key(|(_, size)| std::cmp::Reverse(*size));
    rows
}

/// The crate of a demangled name: `serde_json` of `<serde_json::de::Deserializer<R>>::parse`,
/// the trait's of a generic `<T as tachys::view::Render>::build`; a section or nameless item
/// (`data[3]`, `code[12]`) is `(data and unnamed)`.
fn crate_of(name: &str) -> String {
    let path = name.split_once("::").map_or("", |(head, _)| head);
    // `<T as tachys` → `tachys`; `<&mut leptos` → `leptos`.
    let head = path.rsplit(" as ").next().unwrap_or(path);
    let head = head
        .trim_start_matches(['<', '&', '*', '(', '['])
        .trim_start_matches("mut ")
        .trim_start_matches("dyn ");
    // A crate may carry its disambiguator: `core[c5930c85a12de822]`.
    let krate = head.split('[').next().unwrap_or(head);
    if krate.is_empty() || krate.contains([' ', '<', ',', ')']) {
        "(data and unnamed)".to_owned()
    } else {
        krate.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_grouped_by_their_first_crate() {
        assert_eq!(crate_of("<serde_json::de::Deserializer<R> as core::fmt::Debug>::fmt"), "serde_json");
        assert_eq!(crate_of("core::fmt::write::h0123"), "core");
        assert_eq!(crate_of("<T as tachys::view::any_view::IntoAny>::into_any"), "tachys");
        assert_eq!(crate_of("<str as core[c5930c85a12de822]::fmt::Debug>::fmt"), "core");
        assert_eq!(crate_of("<&mut leptos::view::View as x::Y>::z"), "leptos");
        assert_eq!(crate_of("data[3]"), "(data and unnamed)");
        assert_eq!(readable("<core[79aa79c6299ed9a6]::x as a[0123456789abcdef]::Y>"), "<core::x as a::Y>");
        assert_eq!(readable("code[12]"), "code[12]");
        assert_eq!(crate_of("code[12]"), "(data and unnamed)");
        assert_eq!(crate_of("<dlmalloc[e24a27700634d609]::dlmalloc::Dlmalloc<T>>::malloc"), "dlmalloc");
    }

    #[test]
    fn twiggy_rows_are_read_largest_first_shipped_only() {
        let csv = "Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent\n\
                   custom section '__wasm_bindgen_unstable',500,50.0,,\n\
                   \"\"\"function names\"\" subsection\",400,40.0,,\n\
                   \"a::b<c, d>::h0123456789abcdef\",10,1.0,,\n\
                   \"data segment \"\".rodata\"\"\",30,3.0,,\n\
                   \"Σ [4 Total Rows]\",940,100.0,,\n";
        let rows = [("data segment \".rodata\"".to_owned(), 30), ("a::b<c, d>".to_owned(), 10)];
        assert_eq!(parse(csv), rows);
        assert_eq!(by_crate(&parse(csv)), [("(data and unnamed)".to_owned(), 30), ("a".to_owned(), 10)]);
    }
}
