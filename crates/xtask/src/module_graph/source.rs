//! Reading a module's source for its uses: comments, strings and test items blanked out, `use`
//! trees expanded into whole paths, inline `crate::`/`super::` paths, and re-exports.

use std::collections::BTreeMap;

/// `text` with comments, string and char literals replaced by spaces (line breaks kept).
pub fn blank_comments_and_strings(text: &str) -> String {
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
pub fn without_tests(code: &str) -> String {
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
pub fn use_trees(code: &str) -> Vec<(bool, Vec<Vec<String>>)> {
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
pub fn re_exports(code: &str) -> BTreeMap<String, String> {
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
pub fn paths(code: &str) -> Vec<Vec<String>> {
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
