//! Minifies trunk's release output in place: the wasm's imports from its JS glue get short names
//! (wasm-bindgen gives each a 16-digit hash, written in the wasm and again in the JS) and its
//! custom sections (producers, target features: nothing a browser reads) go, terser
//! minifies the JS, clean-css the CSS, and the page's integrity hashes are computed again.
//! File names stay as trunk hashed them: every step is deterministic, so a name still stands for
//! one content.

use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha384};

use crate::process;
use crate::tools::Tools;

pub fn minify(tools: &Tools, dist: &Path) -> Result<(), String> {
    let wasm_path = only(dist, "_bg.wasm")?;
    let stem = wasm_path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix("_bg.wasm"));
    let glue_path =
        wasm_path.with_file_name(format!("{}.js", stem.ok_or("a wasm file name that is not UTF-8")?));
    let (wasm, renames) = minify_wasm(&read(&wasm_path)?)?;
    let glue = rename_keys(&read_text(&glue_path)?, &renames)?;
    write(&wasm_path, &wasm)?;
    write(&glue_path, glue.as_bytes())?;
    for js in files(dist, ".js")? {
        process::status(
            tools.command("terser").arg(&js).args(["--module", "--compress", "--mangle", "-o"]).arg(&js),
        )?;
    }
    for css in files(dist, ".css")? {
        process::status(tools.command("cleancss").args(["-O1", "-o"]).arg(&css).arg(&css))?;
    }
    let html_path = dist.join("index.html");
    let html = with_integrity(&read_text(&html_path)?, |path| read(&dist.join(path)))?;
    write(&html_path, html.as_bytes())
}

/// Import names changed, old and new.
type Renames = Vec<(String, String)>;

/// The wasm with the imports of the JS glue's own module (`./<name>_bg.js`) named `a`, `b`, …,
/// and no custom section; and the names it changed.
fn minify_wasm(wasm: &[u8]) -> Result<(Vec<u8>, Renames), String> {
    const CUSTOM_SECTION: u8 = 0;
    const IMPORT_SECTION: u8 = 2;
    const FUNCTION: u8 = 0;
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a wasm module".into());
    }
    let mut out = wasm[..8].to_vec();
    let mut renames = Vec::new();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        let mut reader = Reader { bytes: wasm, at: at + 1 };
        let size = reader.leb()? as usize;
        let body = reader.at..reader.at + size;
        let next = body.end;
        if next > wasm.len() {
            return Err("a wasm section runs past the end".into());
        }
        if id == CUSTOM_SECTION {
            at = next;
            continue;
        }
        if id != IMPORT_SECTION {
            out.extend_from_slice(&wasm[at..next]);
            at = next;
            continue;
        }
        let mut section = Vec::new();
        let count = reader.leb()?;
        put_leb(&mut section, count);
        for _ in 0..count {
            let module = reader.name()?;
            let name = reader.name()?;
            let kind = reader.byte()?;
            if kind != FUNCTION {
                return Err(format!("the import {module} {name} is not a function"));
            }
            let ty = reader.leb()?;
            let glue = module.starts_with("./") && module.ends_with("_bg.js");
            let new = if glue { short_name(renames.len()) } else { name.to_owned() };
            if glue {
                renames.push((name.to_owned(), new.clone()));
            }
            put_name(&mut section, module);
            put_name(&mut section, &new);
            section.push(kind);
            put_leb(&mut section, ty);
        }
        if reader.at != next {
            return Err("the wasm import section has bytes after its imports".into());
        }
        out.push(id);
        put_leb(&mut out, section.len() as u64);
        out.extend_from_slice(&section);
        at = next;
    }
    Ok((out, renames))
}

/// `a` … `z`, `A` … `Z`, `aa`, `ab`, …: JS identifiers, shortest first.
fn short_name(mut index: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[index % LETTERS.len()]);
        index /= LETTERS.len();
        if index == 0 {
            break;
        }
        index -= 1;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

/// The glue with each import's key (`old: function…`) renamed; each old name must be there once.
fn rename_keys(js: &str, renames: &[(String, String)]) -> Result<String, String> {
    let mut js = js.to_owned();
    for (old, new) in renames {
        let key = format!("{old}: ");
        if js.matches(old.as_str()).count() != 1 || !js.contains(&key) {
            return Err(format!("the JS glue does not name the import {old} once, as a key"));
        }
        js = js.replacen(&key, &format!("{new}: "), 1);
    }
    Ok(js)
}

/// `html` with every `integrity="sha384-…"` made again from the file its tag's `href` names.
fn with_integrity(html: &str, content: impl Fn(&str) -> Result<Vec<u8>, String>) -> Result<String, String> {
    const MARK: &str = "integrity=\"sha384-";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(found) = rest.find(MARK) {
        let tag_start = rest[..found].rfind('<').ok_or("an integrity attribute outside a tag")?;
        let tag = &rest[tag_start..];
        let tag = &tag[..tag.find('>').ok_or("an unclosed tag")?];
        let href = tag
            .split("href=\"")
            .nth(1)
            .and_then(|h| h.split('"').next())
            .ok_or("an integrity without href")?;
        let digest = Sha384::digest(content(href.trim_start_matches('/'))?);
        let value_end =
            rest[found + MARK.len()..].find('"').ok_or("an unclosed integrity")? + found + MARK.len();
        out.push_str(&rest[..found + MARK.len()]);
        out.push_str(&base64::engine::general_purpose::STANDARD.encode(digest));
        rest = &rest[value_end..];
    }
    out.push_str(rest);
    Ok(out)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, String> {
        let byte = *self.bytes.get(self.at).ok_or("the wasm ends inside a section")?;
        self.at += 1;
        Ok(byte)
    }

    fn leb(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("a wasm number is too long".into())
    }

    fn name(&mut self) -> Result<&'a str, String> {
        let len = self.leb()? as usize;
        let bytes = self.bytes.get(self.at..self.at + len).ok_or("a wasm name runs past the end")?;
        self.at += len;
        std::str::from_utf8(bytes).map_err(|_| "a wasm name is not UTF-8".into())
    }
}

fn put_leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        out.push(if value == 0 { byte } else { byte | 0x80 });
        if value == 0 {
            return;
        }
    }
}

fn put_name(out: &mut Vec<u8>, name: &str) {
    put_leb(out, name.len() as u64);
    out.extend_from_slice(name.as_bytes());
}

/// The one file of `dir` whose name ends with `suffix`.
fn only(dir: &Path, suffix: &str) -> Result<PathBuf, String> {
    let mut found = files(dir, suffix)?;
    match found.len() {
        1 => Ok(found.remove(0)),
        n => Err(format!("{} has {n} files named *{suffix}, not one", dir.display())),
    }
}

/// The files under `dir` (and its folders) whose names end with `suffix`; none if it is missing.
fn files(dir: &Path, suffix: &str) -> Result<Vec<PathBuf>, String> {
    let Ok(entries) = fs::read_dir(dir) else { return Ok(Vec::new()) };
    let mut found = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            found.extend(files(&path, suffix)?);
        } else if path.to_string_lossy().ends_with(suffix) {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn read_text(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with one function type and `imports` (module, name), all functions of that type.
    fn module(imports: &[(&str, &str)]) -> Vec<u8> {
        let mut out = b"\0asm\x01\0\0\0".to_vec();
        out.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]);
        let mut section = Vec::new();
        put_leb(&mut section, imports.len() as u64);
        for (module, name) in imports {
            put_name(&mut section, module);
            put_name(&mut section, name);
            section.extend_from_slice(&[0, 0]);
        }
        out.push(2);
        put_leb(&mut out, section.len() as u64);
        out.extend_from_slice(&section);
        out.extend_from_slice(&[3, 2, 1, 0]);
        out
    }

    #[test]
    fn only_the_glue_s_imports_are_renamed_custom_sections_dropped_and_the_rest_kept() {
        let mut before = module(&[
            ("./w_bg.js", "__wbg_fetch_858ffa201963e190"),
            ("./snippets/w-1/inline0.js", "dispatch"),
            ("./w_bg.js", "__wbg_focus_d5e2fdbdb56416f0"),
        ]);
        before.extend_from_slice(&[0, 10, 9, b'p', b'r', b'o', b'd', b'u', b'c', b'e', b'r', b's']);
        let (after, renames) = minify_wasm(&before).unwrap();
        assert_eq!(
            after,
            module(&[("./w_bg.js", "a"), ("./snippets/w-1/inline0.js", "dispatch"), ("./w_bg.js", "b")])
        );
        assert_eq!(
            renames,
            [
                ("__wbg_fetch_858ffa201963e190".to_owned(), "a".to_owned()),
                ("__wbg_focus_d5e2fdbdb56416f0".to_owned(), "b".to_owned())
            ]
        );
    }

    #[test]
    fn a_module_it_cannot_read_is_refused() {
        assert!(minify_wasm(b"<html>").is_err());
        let mut global = module(&[("./w_bg.js", "g")]);
        let kind = global.len() - 6;
        global[kind] = 3;
        assert!(minify_wasm(&global).unwrap_err().contains("not a function"));
        let cut = module(&[("./w_bg.js", "__wbg_x_1")]);
        assert!(minify_wasm(&cut[..cut.len() - 7]).is_err(), "a section past the end");
    }

    #[test]
    fn short_names_are_distinct_identifiers() {
        let names: Vec<String> = (0..3000).map(short_name).collect();
        assert_eq!([&names[0], &names[25], &names[51], &names[52], &names[53]], ["a", "z", "Z", "aa", "ab"]);
        let distinct: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(distinct.len(), names.len());
        assert!(names.iter().all(|n| n.bytes().all(|b| b.is_ascii_alphabetic())));
    }

    #[test]
    fn keys_are_renamed_only_when_named_once() {
        let js = "const import0 = {\n  __wbg_a_1: function(x) { return x; },\n  __wbg_b_2: null,\n};";
        let renames = [("__wbg_a_1".to_owned(), "a".to_owned()), ("__wbg_b_2".to_owned(), "b".to_owned())];
        assert_eq!(
            rename_keys(js, &renames).unwrap(),
            "const import0 = {\n  a: function(x) { return x; },\n  b: null,\n};"
        );
        let missing = [("__wbg_c_3".to_owned(), "c".to_owned())];
        assert!(rename_keys(js, &missing).is_err());
        let twice = format!("{js} wasm.__wbg_a_1();");
        assert!(rename_keys(&twice, &renames[..1]).is_err());
    }

    #[test]
    fn integrity_is_made_from_the_file_named() {
        let html = r#"<link rel="stylesheet" href="/w.css" integrity="sha384-old"/><p>x</p><link rel="preload" href="/w.wasm" crossorigin="anonymous" integrity="sha384-old2" as="fetch">"#;
        let out = with_integrity(html, |path| Ok(path.as_bytes().to_vec())).unwrap();
        let of = |text: &str| base64::engine::general_purpose::STANDARD.encode(Sha384::digest(text));
        assert_eq!(
            out,
            format!(
                r#"<link rel="stylesheet" href="/w.css" integrity="sha384-{}"/><p>x</p><link rel="preload" href="/w.wasm" crossorigin="anonymous" integrity="sha384-{}" as="fetch">"#,
                of("w.css"),
                of("w.wasm")
            )
        );
        assert!(with_integrity(r#"<link integrity="sha384-x">"#, |_| Ok(Vec::new())).is_err());
    }
}
