//! The docs' links: every relative Markdown link in README.md, BENCHMARKS.md and `docs/*.md` names
//! a file that exists and, with `#anchor`, a heading of that file whose GitHub anchor it is; and
//! the README stays short enough to read first.
//!
//! Links and headings inside fenced code blocks and code spans do not count, as GitHub shows them
//! as code.

use std::fs;
use std::path::{Path, PathBuf};

/// The docs each reader is sent to from the README.
const DOCS: [&str; 5] = ["embedding.md", "proxy.md", "simulator.md", "testing.md", "architecture.md"];

/// At most this many lines in README.md.
const README_MAX_LINES: usize = 160;

/// README.md, BENCHMARKS.md and every `docs/*.md`, by path from `root`.
fn docs(root: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = fs::read_dir(root.join("docs"))
        .expect("docs/ exists")
        .map(|entry| entry.expect("docs/ can be listed").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    pages.sort();
    [root.join("README.md"), root.join("BENCHMARKS.md")].into_iter().chain(pages).collect()
}

/// GitHub's anchor for a heading's text: lowercase, each space a `-`, and every other character
/// that is not a letter, a digit, `-` or `_` dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Whether `line` opens or closes a fenced code block.
fn is_fence(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with("```") || line.starts_with("~~~")
}

/// The text of `markdown` outside fenced code blocks, as paragraphs (a code span never crosses
/// a blank line).
fn paragraphs(markdown: &str) -> Vec<String> {
    let mut paragraphs = vec![String::new()];
    let mut fenced = false;
    for line in markdown.lines() {
        if is_fence(line) {
            fenced = !fenced;
        } else if !fenced && !line.trim().is_empty() {
            let paragraph = paragraphs.last_mut().expect("never empty");
            paragraph.push_str(line);
            paragraph.push('\n');
            continue;
        }
        if !paragraphs.last().expect("never empty").is_empty() {
            paragraphs.push(String::new());
        }
    }
    paragraphs.retain(|p| !p.is_empty());
    paragraphs
}

/// `text` without its code spans: a run of backticks up to the next run of as many.
fn without_code(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let run_at = |i: usize| chars[i..].iter().take_while(|c| **c == '`').count();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '`' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let run = run_at(i);
        let mut end = None;
        let mut j = i + run;
        while j < chars.len() {
            if chars[j] == '`' {
                let other = run_at(j);
                if other == run {
                    end = Some(j + run);
                    break;
                }
                j += other;
            } else {
                j += 1;
            }
        }
        match end {
            Some(end) => {
                out.push(' ');
                i = end;
            }
            // No closing run: the backticks are plain text.
            None => {
                out.extend(&chars[i..i + run]);
                i += run;
            }
        }
    }
    out
}

/// The index of the character closing the bracket opened at `open` (`[` or `(`), nested ones
/// skipped.
fn closing(chars: &[char], open: usize) -> Option<usize> {
    let (opener, closer) = if chars[open] == '[' { ('[', ']') } else { ('(', ')') };
    let mut depth = 0;
    for (i, c) in chars.iter().enumerate().skip(open) {
        if *c == opener {
            depth += 1;
        } else if *c == closer {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// The target of every inline link and image `[text](target)` in `markdown`, in order (without
/// an optional title or angle brackets), outside code.
fn links(markdown: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for paragraph in paragraphs(markdown) {
        let chars: Vec<char> = without_code(&paragraph).chars().collect();
        for open in (0..chars.len()).filter(|i| chars[*i] == '[') {
            let Some(close) = closing(&chars, open) else { continue };
            if chars.get(close + 1) != Some(&'(') {
                continue;
            }
            let Some(end) = closing(&chars, close + 1) else { continue };
            let inside: String = chars[close + 2..end].iter().collect();
            let inside = inside.trim();
            // `<…>` may hold spaces; otherwise a space starts the title.
            let target = match inside.strip_prefix('<').and_then(|rest| rest.split_once('>')) {
                Some((target, _)) => target,
                None => inside.split_whitespace().next().unwrap_or_default(),
            };
            targets.push(target.to_owned());
        }
    }
    targets
}

/// The anchor of every heading in `markdown`, as GitHub makes them: a heading whose slug came
/// before gets `-1`, `-2`, … after it.
fn anchors(markdown: &str) -> Vec<String> {
    let mut anchors: Vec<String> = Vec::new();
    let mut fenced = false;
    for line in markdown.lines() {
        if is_fence(line) {
            fenced = !fenced;
            continue;
        }
        let hashes = line.chars().take_while(|c| *c == '#').count();
        let Some(text) = line[hashes..].strip_prefix(' ') else { continue };
        if fenced || !(1..=6).contains(&hashes) {
            continue;
        }
        let base = slug(&without_code_marks(text.trim_end().trim_end_matches('#')));
        let mut anchor = base.clone();
        let mut n = 0;
        while anchors.contains(&anchor) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        anchors.push(anchor);
    }
    anchors
}

/// A heading's text as GitHub shows it: a code span's text stays, its backticks go.
fn without_code_marks(text: &str) -> String {
    text.replace('`', "")
}

/// Whether `target` points off this repository.
fn is_external(target: &str) -> bool {
    ["http:", "https:", "mailto:"].iter().any(|scheme| target.starts_with(scheme))
}

/// Checks one relative link of the doc at `from`: its file exists, and so does its anchor.
fn check(from: &Path, target: &str) -> Result<(), String> {
    let (path, anchor) = match target.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (target, None),
    };
    let file = if path.is_empty() { from.to_path_buf() } else { from.parent().expect("a file").join(path) };
    if !file.exists() {
        return Err(format!("{}: ({target}): no such file {}", from.display(), file.display()));
    }
    let Some(anchor) = anchor else { return Ok(()) };
    let text = fs::read_to_string(&file)
        .map_err(|e| format!("{}: ({target}): cannot read {}: {e}", from.display(), file.display()))?;
    if anchors(&text).iter().any(|a| a == anchor) {
        Ok(())
    } else {
        Err(format!("{}: ({target}): {} has no heading #{anchor}", from.display(), file.display()))
    }
}

#[test]
fn every_relative_link_in_the_docs_resolves() {
    let mut checked = 0;
    let mut broken = Vec::new();
    for doc in docs(&crate::root()) {
        let text = fs::read_to_string(&doc).unwrap_or_else(|e| panic!("{}: {e}", doc.display()));
        for target in links(&text).into_iter().filter(|t| !is_external(t)) {
            checked += 1;
            if let Err(problem) = check(&doc, &target) {
                broken.push(problem);
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(checked > 50, "only {checked} links found: the link finder is broken");
}

#[test]
fn the_readme_is_short_and_each_reader_has_a_doc() {
    let root = crate::root();
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(lines <= README_MAX_LINES, "README.md has {lines} lines, more than {README_MAX_LINES}");
    for doc in DOCS {
        assert!(root.join("docs").join(doc).is_file(), "docs/{doc} is missing");
        assert!(links(&readme).contains(&format!("docs/{doc}")), "README.md does not link docs/{doc}");
    }
}

#[test]
fn slugs_are_githubs() {
    assert_eq!(slug("What `cargo xtask test` does"), "what-cargo-xtask-test-does");
    assert_eq!(slug("Running several proxies: Redis"), "running-several-proxies-redis");
    assert_eq!(slug("Proxy throughput (`cargo xtask bench`)"), "proxy-throughput-cargo-xtask-bench");
    assert_eq!(slug("The widget's modules"), "the-widgets-modules");
    assert_eq!(slug("Mount, update, unmount"), "mount-update-unmount");
    assert_eq!(slug("Widget ↔ proxy"), "widget--proxy");
    assert_eq!(slug("Live-stream soak_2"), "live-stream-soak_2");
    assert_eq!(slug("  Größe 2 × 3  "), "größe-2--3");
}

#[test]
fn headings_give_anchors_outside_code_and_repeats_are_numbered() {
    let markdown = "# Title\n\n## Flags ##\n```sh\n# not a heading\n```\n### Flags\n#hashtag\n\
                    ####### seven\n## `--listen` and `--drain-secs`\n";
    assert_eq!(anchors(markdown), ["title", "flags", "flags-1", "--listen-and---drain-secs"]);
}

#[test]
fn links_are_found_outside_code_with_their_targets_alone() {
    let markdown = "See [proxy](docs/proxy.md) and [its flags](docs/proxy.md#flags \"Flags\"),\n\
                    [here](#current), [a site](https://example.com/a_(b)) and <b>[x]</b>.\n\
                    `[in code](nowhere.md)` and ``a ` [also code](nowhere.md)``, but \
                    ![an image](<img/a b.png>)\n\
                    [one line](a.md\n\n\
                    )\n```md\n[fenced](nowhere.md)\n```\n\
                    [[nested] text](b.md) and a table | [cell](c.md#d) |\n";
    assert_eq!(
        links(markdown),
        [
            "docs/proxy.md",
            "docs/proxy.md#flags",
            "#current",
            "https://example.com/a_(b)",
            "img/a b.png",
            "b.md",
            "c.md#d",
        ]
    );
}

#[test]
fn a_code_span_may_cross_a_line_but_not_a_paragraph() {
    assert_eq!(links("`a\n[x](y.md)` [z](z.md)\n"), ["z.md"]);
    assert_eq!(links("`a\n\n[x](y.md)`\n"), ["y.md"]);
}

#[test]
fn a_link_resolves_to_a_file_beside_it_and_its_heading() {
    let dir = std::env::temp_dir().join(format!("pw-doc-links-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("docs")).unwrap();
    fs::write(dir.join("README.md"), "# Read me\n## Two commands\n").unwrap();
    fs::write(dir.join("docs/a.md"), "# A\n").unwrap();
    let from = dir.join("docs/a.md");
    let results = [
        check(&from, "../README.md"),
        check(&from, "../README.md#two-commands"),
        check(&from, "#a"),
        check(&from, "../docs"),
        check(&from, "b.md"),
        check(&from, "../README.md#three-commands"),
        check(&from, "#b"),
    ];
    fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        results.iter().map(Result::is_ok).collect::<Vec<_>>(),
        [true, true, true, true, false, false, false]
    );
    assert!(results[4].as_ref().unwrap_err().contains("no such file"));
    assert!(results[5].as_ref().unwrap_err().ends_with("has no heading #three-commands"));
}

#[test]
fn only_web_and_mail_links_are_external() {
    assert!(is_external("https://gigs.com") && is_external("http://127.0.0.1:8080/"));
    assert!(is_external("mailto:ops@example.com"));
    assert!(!is_external("docs/proxy.md") && !is_external("#current") && !is_external("../BENCHMARKS.md"));
}
