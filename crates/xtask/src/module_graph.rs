//! Which modules of a crate use which: read from its source files, so that a test can refuse a
//! circle (two modules that each use the other, directly or around a loop).
//!
//! A module is a file (`src/a/b.rs` or `src/a/b/mod.rs` is `a::b`). Every `crate::`, `super::`
//! and `self::` path counts, in `use` lines and inline alike; test modules (`#[cfg(test)]`) do
//! not. A path through a parent's `pub use child::Item` counts as a use of the child, as that is
//! where the item lives; declaring or re-exporting a child is no use of it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// A module's path inside its crate, e.g. `["form", "draft"]`; empty for the crate root.
type Module = Vec<String>;

/// One module's source, read for its uses.
struct Source {
    /// Its code with comments, strings and test modules blanked out.
    code: String,
    /// `pub use child::…` names it re-exports from its own children: name → child.
    re_exports: BTreeMap<String, String>,
}

/// The uses between the modules of the crate whose sources are in `src` (its `lib.rs` tree).
pub struct Graph {
    modules: BTreeMap<Module, Source>,
}

impl Graph {
    pub fn read(src: &Path) -> Result<Graph, String> {
        let mut modules = BTreeMap::new();
        collect(src, src, &mut modules)?;
        Ok(Graph { modules })
    }

    /// Each module's uses of the others, by module name (`crate` for the root).
    pub fn edges(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut edges = BTreeMap::new();
        for (module, source) in &self.modules {
            let mut used = BTreeSet::new();
            for path in paths(&source.code) {
                if let Some(target) = self.resolve(module, &path) {
                    if &target != module {
                        used.insert(name(&target));
                    }
                }
            }
            edges.insert(name(module), used);
        }
        edges
    }

    /// Every circle, each as the modules around it, the first again at its end.
    pub fn circles(&self) -> Vec<Vec<String>> {
        circles(&self.edges())
    }

    /// The module that `path` (as written in `from`) reaches, following re-exports to the child
    /// that defines the item; `None` for a path that leaves the crate.
    fn resolve(&self, from: &Module, path: &[String]) -> Option<Module> {
        let mut at: Module = Vec::new();
        let mut rest = path;
        match path.first()?.as_str() {
            "crate" => rest = &path[1..],
            "self" => {
                at = from.clone();
                rest = &path[1..];
            }
            "super" => {
                at = from.clone();
                while rest.first().is_some_and(|s| s == "super") {
                    at.pop()?;
                    rest = &rest[1..];
                }
                // `super::` from a module's own file reaches its parent; `self::` is the same file.
            }
            _ => return None,
        }
        // The deepest module the path names, then any re-exports down to the item's own module.
        for segment in rest {
            let mut deeper = at.clone();
            deeper.push(segment.clone());
            if self.modules.contains_key(&deeper) {
                at = deeper;
                continue;
            }
            match self.modules.get(&at).and_then(|source| source.re_exports.get(segment)) {
                Some(child) => {
                    let mut child_module = at.clone();
                    child_module.push(child.clone());
                    if self.modules.contains_key(&child_module) {
                        at = child_module;
                    }
                }
                None => break,
            }
        }
        Some(at)
    }
}

/// The module's name as a reader writes it.
fn name(module: &Module) -> String {
    if module.is_empty() {
        "crate".into()
    } else {
        module.join("::")
    }
}

/// Reads every module file under `dir` (of the crate whose sources are in `src`).
fn collect(src: &Path, dir: &Path, modules: &mut BTreeMap<Module, Source>) -> Result<(), String> {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(src, &path, modules)?;
            continue;
        }
        if path.extension().is_none_or(|ext| ext != "rs") || path == src.join("main.rs") {
            continue;
        }
        let relative = path.strip_prefix(src).map_err(|e| e.to_string())?;
        let mut module: Module =
            relative.with_extension("").iter().map(|part| part.to_string_lossy().into_owned()).collect();
        if module.last().is_some_and(|last| last == "mod" || last == "lib") {
            module.pop();
        }
        let text = fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let code = without_tests(&blank_comments_and_strings(&text));
        let re_exports = re_exports(&code);
        modules.insert(module, Source { code, re_exports });
    }
    Ok(())
}

/// `text` with comments, string and char literals replaced by spaces (line breaks kept).
fn blank_comments_and_strings(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if c == 'r' && matches!(next, Some('"' | '#')) && !is_ident(chars.get(i.wrapping_sub(1))) {
            // A raw string: r"…", r#"…"#.
            let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            i += 2 + hashes;
            let end: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            while i < chars.len() && !chars[i..].starts_with(&end.chars().collect::<Vec<_>>()) {
                blank(&mut out, chars[i]);
                i += 1;
            }
            i += end.chars().count();
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if let Some(&c) = chars.get(i) {
                    blank(&mut out, c);
                }
                i += 1;
            }
            i += 1;
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A char literal ('x', '\n', '\u{..}'); a lifetime has no closing quote.
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// `code` without the items marked `#[cfg(test)]` (a module or function and its braces).
fn without_tests(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        // The item ends at its closing brace, or at `;` for `mod tests;`.
        let mut depth = 0usize;
        let mut end = after.len();
        for (i, c) in after.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Where each `use` item of `code` is (from `use` to its `;`), and whether it is public.
fn use_items(code: &str) -> Vec<(std::ops::Range<usize>, bool)> {
    let mut found = Vec::new();
    for (at, _) in code.match_indices("use ") {
        if is_ident(code[..at].chars().last().as_ref()) {
            continue;
        }
        let before = code[..at].trim_end();
        let public = before.ends_with("pub") || before.ends_with(')');
        let Some(end) = code[at..].find(';') else { continue };
        found.push((at..at + end, public));
    }
    found
}

/// The `use` trees of `code`, each expanded into whole paths.
fn use_trees(code: &str) -> Vec<(bool, Vec<Vec<String>>)> {
    use_items(code)
        .into_iter()
        .map(|(range, public)| (public, expand(&code[range.start + 4..range.end])))
        .collect()
}

/// `a::{b, c::{d, self}}` as `[a::b, a::c::d, a::c]`; renames (`as`) dropped.
fn expand(tree: &str) -> Vec<Vec<String>> {
    let segments = |text: &str| -> Vec<String> {
        text.split("::").map(str::trim).filter(|s| !s.is_empty() && *s != "*").map(String::from).collect()
    };
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        // `a::b as c`: the path is before the rename.
        return vec![segments(tree.split_whitespace().next().unwrap_or_default())];
    };
    let prefix = segments(&tree[..open]);
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    let mut paths = Vec::new();
    for part in parts.into_iter().filter(|p| !p.is_empty()) {
        for tail in expand(part) {
            let mut path = prefix.clone();
            path.extend(tail.into_iter().filter(|s| s != "self"));
            paths.push(path);
        }
    }
    paths
}

/// The names `code` re-exports from its own children (`pub use child::Name;`), by name.
fn re_exports(code: &str) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for (public, paths) in use_trees(code) {
        if !public {
            continue;
        }
        for path in paths {
            if let [child, .., item] = &path[..] {
                if !["crate", "super", "self"].contains(&child.as_str()) && path.len() >= 2 {
                    found.insert(item.clone(), child.clone());
                }
            }
        }
    }
    found
}

/// Every path in `code` that starts at `crate`, `super` or `self`: in `use` trees (their own
/// children's re-exports left out) and inline.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut found: Vec<Vec<String>> = Vec::new();
    for (public, paths) in use_trees(code) {
        for path in paths {
            let first = path.first().map(String::as_str);
            if matches!(first, Some("crate" | "super" | "self")) {
                found.push(path);
            } else if !public && first.is_some_and(|f| f.chars().all(|c| c.is_lowercase() || c == '_')) {
                // `use child::Item` of a child module declared here (checked by the caller).
                let mut own = vec!["self".to_owned()];
                own.extend(path);
                found.push(own);
            }
        }
    }
    // Inline: `crate::a::b(…)`, `super::X`, outside the `use` items read above.
    let mut inline = code.to_owned();
    for (range, _) in use_items(code) {
        inline.replace_range(range.clone(), &" ".repeat(range.len()));
    }
    let chars: Vec<char> = inline.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let starts = ["crate::", "super::"]
            .into_iter()
            .find(|start| chars[i..].starts_with(&start.chars().collect::<Vec<_>>()));
        if starts.is_none()
            || is_ident(chars.get(i.wrapping_sub(1)))
            || chars.get(i.wrapping_sub(1)) == Some(&':')
        {
            i += 1;
            continue;
        }
        let mut segments = Vec::new();
        let mut word = String::new();
        while i < chars.len() {
            if is_ident(chars.get(i)) {
                word.push(chars[i]);
                i += 1;
            } else if chars[i..].starts_with(&[':', ':']) && !word.is_empty() {
                segments.push(std::mem::take(&mut word));
                i += 2;
            } else {
                break;
            }
        }
        if !word.is_empty() {
            segments.push(word);
        }
        found.push(segments);
    }
    found
}

/// The circles of a graph given as each node's successors: one per strongly connected set of
/// two or more nodes, as a path around it.
fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let reaches = |from: &str, to: &str| -> Option<Vec<String>> {
        // Breadth first, so the circle shown is a shortest one.
        let mut previous: BTreeMap<&str, &str> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([from]);
        while let Some(at) = queue.pop_front() {
            for next in edges.get(at).into_iter().flatten() {
                if next == to {
                    let mut path = vec![to.to_owned(), at.to_owned()];
                    let mut back = at;
                    while back != from {
                        back = previous[back];
                        path.push(back.to_owned());
                    }
                    path.reverse();
                    return Some(path);
                }
                if !previous.contains_key(next.as_str()) && next != from {
                    previous.insert(next, at);
                    queue.push_back(next);
                }
            }
        }
        None
    };
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut found = Vec::new();
    for node in edges.keys() {
        if seen.contains(node) {
            continue;
        }
        if let Some(circle) = reaches(node, node) {
            seen.extend(circle.iter().cloned());
            found.push(circle);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, files: &[(&str, &str)]) {
        for (name, text) in files {
            let path = dir.join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
    }

    fn graph_of(name: &str, files: &[(&str, &str)]) -> Graph {
        let dir = std::env::temp_dir().join(format!("pw-graph-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        write(&dir, files);
        let graph = Graph::read(&dir).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        graph
    }

    #[test]
    fn uses_inline_paths_and_re_exports_make_edges_and_tests_comments_and_strings_do_not() {
        let graph = graph_of(
            "edges",
            &[
                ("lib.rs", "pub mod form;\npub mod words;\npub mod status;\n"),
                ("form/mod.rs", "mod table;\npub use table::Field;\n"),
                ("form/table.rs", "use crate::status::reopened;\npub enum Field {}\n"),
                (
                    "words.rs",
                    "use crate::form::Field; // crate::status\nfn f() { let s = \"crate::status::x\"; }\n\
                     #[cfg(test)]\nmod tests { use crate::status::reopened; }\n",
                ),
                ("status.rs", "pub fn reopened() { let c = '\"'; crate::form::Field::x(); }\n"),
            ],
        );
        let edges = graph.edges();
        assert_eq!(edges["words"], BTreeSet::from(["form::table".to_owned()]));
        assert_eq!(edges["form::table"], BTreeSet::from(["status".to_owned()]));
        assert_eq!(edges["status"], BTreeSet::from(["form::table".to_owned()]));
        assert!(edges["form"].is_empty(), "a re-export of a child is no use of it");
        assert_eq!(graph.circles(), [["form::table", "status", "form::table"]]);
    }

    #[test]
    fn super_reaches_the_parent_and_nested_use_trees_each_count() {
        let graph = graph_of(
            "super",
            &[
                ("lib.rs", "mod a;\nmod b;\n"),
                ("a/mod.rs", "mod x;\nmod y;\npub use x::X;\nuse y::Y;\n"),
                ("a/x.rs", "use super::{y::Y, super::b::{self, B as Bee}};\npub struct X;\n"),
                ("a/y.rs", "pub struct Y;\n"),
                ("b.rs", "pub struct B; fn f(_: r#\"crate::a\"#) {}\n"),
            ],
        );
        let edges = graph.edges();
        assert_eq!(edges["a::x"], BTreeSet::from(["a::y".to_owned(), "b".to_owned()]));
        assert_eq!(edges["a"], BTreeSet::from(["a::y".to_owned()]), "a private use of a child counts");
        assert!(edges["b"].is_empty(), "raw strings are not code");
        assert!(graph.circles().is_empty());
    }

    #[test]
    fn a_circle_around_three_modules_is_shown_around() {
        let graph = graph_of(
            "three",
            &[
                ("lib.rs", "mod a;\nmod b;\nmod c;\n"),
                ("a.rs", "use crate::b::B;\n"),
                ("b.rs", "pub fn B() { crate::c::C(); }\n"),
                ("c.rs", "pub use crate::a::A as C;\n"),
            ],
        );
        assert_eq!(graph.circles(), [["a", "b", "c", "a"]]);
    }
}
