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

mod source;

use source::{blank_comments_and_strings, paths, re_exports, without_tests};

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

    #[test]
    fn the_widget_has_no_import_circles() {
        let circles = Graph::read(&crate::root().join("src")).unwrap().circles();
        assert!(circles.is_empty(), "import circles in the widget (src/): {circles:?}");
    }

    #[test]
    fn the_proxy_has_no_import_circles() {
        let graph = Graph::read(&crate::root().join("crates/porting-proxy/src")).unwrap();
        let circles: Vec<String> = graph.circles().iter().map(|circle| circle.join(" -> ")).collect();
        assert!(circles.is_empty(), "import circles in the proxy:\n{}", circles.join("\n"));
    }
}
