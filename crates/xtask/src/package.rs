//! The distributable folder, `dist/embed/`: what a telco hosts on its CDN or publishes to npm.
//! The built files keep their content-hashed names; `porting-widget.js` (from `embed/entry.js`)
//! and `porting-widget.css` are the stable entry points that name them.

use std::fs;
use std::path::Path;

use crate::process;
use crate::tools::Tools;

/// Writes `dist/embed/` from the release build in `dist`.
pub fn write(tools: &Tools, dist: &Path, declarations: &Path) -> Result<(), String> {
    let built = |prefix: &str, suffix: &str| find(dist, prefix, suffix);
    let js = built("porting-widget-", ".js")?;
    let wasm = built("porting-widget-", "_bg.wasm")?;
    let css = built("widget-", ".css")?;
    let out = dist.join("embed");
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    copy_dir(&dist.join("snippets"), &out.join("snippets"))?;
    // The words of the other languages, found from the snippets' place (`src/languages.rs`).
    copy_dir(&dist.join("lang"), &out.join("lang"))?;
    for name in [&js, &wasm, &css] {
        copy(&dist.join(name), &out.join(name))?;
    }
    copy(declarations, &out.join("porting-widget.d.ts"))?;
    copy(&dist.join(&css), &out.join("porting-widget.css"))?;
    let snippet = snippet(&dist.join("snippets"))?;
    let entry_path = out.join("porting-widget.js");
    write_file(&entry_path, &entry(&read_file(&root_path("embed/entry.js"))?, &js, &wasm, &snippet)?)?;
    process::status(
        tools
            .command("terser")
            .arg(&entry_path)
            .args(["--module", "--compress", "--mangle", "-o"])
            .arg(&entry_path),
    )?;
    write_file(&out.join("preload.json"), &preload(&js, &wasm, &snippet)?)?;
    let files = [
        "porting-widget.js",
        "preload.json",
        "porting-widget.css",
        "porting-widget.d.ts",
        "snippets",
        "lang",
        &js,
        &wasm,
        &css,
    ];
    let manifest = serde_json::json!({
        "name": "porting-widget",
        "version": env!("CARGO_PKG_VERSION"),
        "description": "Lets a buyer keep their phone number in a telco's checkout (Gigs portings).",
        "type": "module",
        "module": "porting-widget.js",
        "exports": { ".": { "types": "./porting-widget.d.ts", "default": "./porting-widget.js" }, "./style.css": "./porting-widget.css" },
        "types": "porting-widget.d.ts",
        "style": "porting-widget.css",
        "sideEffects": ["porting-widget.css"],
        "files": files,
    });
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    write_file(&out.join("package.json"), &(text + "\n"))
}

/// The entry point: `template` (`embed/entry.js`) naming the built glue, wasm and snippet.
fn entry(template: &str, glue: &str, wasm: &str, snippet: &str) -> Result<String, String> {
    let mut text = template.to_owned();
    for (placeholder, file) in [("__GLUE__", glue), ("__WASM__", wasm), ("__SNIPPET__", snippet)] {
        if !text.contains(placeholder) {
            return Err(format!("embed/entry.js does not name {placeholder}"));
        }
        text = text.replace(placeholder, &format!("./{file}"));
    }
    Ok(text)
}

/// `preload.json`: the files the entry point starts, for a merchant's server to name in the page it
/// writes with the first state inside (`<link rel="preload">`, docs/embedding.md), so they start
/// with the page rather than after the entry point. The wasm comes last, behind the form.
fn preload(glue: &str, wasm: &str, snippet: &str) -> Result<String, String> {
    let links = serde_json::json!([
        { "rel": "modulepreload", "href": glue },
        { "rel": "modulepreload", "href": snippet },
        { "rel": "preload", "href": wasm, "as": "fetch", "crossorigin": "anonymous", "fetchpriority": "low" },
    ]);
    serde_json::to_string_pretty(&links).map(|text| text + "\n").map_err(|e| e.to_string())
}

/// The glue's one snippet, as a path from `dist/`: `snippets/<crate>-<hash>/inline0.js`.
fn snippet(snippets: &Path) -> Result<String, String> {
    let read = |dir: &Path| fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()));
    let mut found = Vec::new();
    for crate_dir in read(snippets)?.flatten() {
        for file in read(&crate_dir.path())?.flatten() {
            found.push(format!(
                "snippets/{}/{}",
                crate_dir.file_name().to_string_lossy(),
                file.file_name().to_string_lossy()
            ));
        }
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        n => {
            Err(format!("{} holds {n} snippets, not the one the entry point loads early", snippets.display()))
        }
    }
}

fn root_path(relative: &str) -> std::path::PathBuf {
    crate::root().join(relative)
}

fn read_file(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The one file of `dir` named `prefix…suffix` with a hash in between.
fn find(dir: &Path, prefix: &str, suffix: &str) -> Result<String, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut found: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| {
            name.strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix(suffix))
                .is_some_and(|hash| !hash.is_empty() && hash.chars().all(|c| c.is_ascii_hexdigit()))
        })
        .collect();
    match found.len() {
        1 => Ok(found.remove(0)),
        n => Err(format!("{} has {n} files named {prefix}<hash>{suffix}, not one", dir.display())),
    }
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    for entry in fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            copy(&entry.path(), &target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_content_hashed_name_is_found() {
        let dir = std::env::temp_dir().join(format!("pw-package-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        for name in
            ["porting-widget-0a1b.js", "porting-widget-0a1b_bg.wasm", "porting-widget.js", "widget-x1.css"]
        {
            fs::write(dir.join(name), "").unwrap();
        }
        assert_eq!(find(&dir, "porting-widget-", ".js").unwrap(), "porting-widget-0a1b.js");
        assert_eq!(find(&dir, "porting-widget-", "_bg.wasm").unwrap(), "porting-widget-0a1b_bg.wasm");
        assert!(find(&dir, "widget-", ".css").is_err(), "x1 is no hash");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_entry_point_names_the_built_files_and_every_element_attribute() {
        let template = read_file(&root_path("embed/entry.js")).unwrap();
        let written = entry(&template, "w-1.js", "w-1_bg.wasm", "snippets/w-1/inline0.js").unwrap();
        assert!(written
            .contains(r#"glue: "./w-1.js", wasm: "./w-1_bg.wasm", snippet: "./snippets/w-1/inline0.js""#));
        assert!(entry("no names", "a", "b", "c").is_err());
        // The widget reads these attributes of <porting-widget> (`ELEMENT_ATTRIBUTES`).
        assert!(template.contains(r#"["proxy-base", "session", "porting-id", "demo", "locale", "porting"]"#));
    }
}
