//! The encodings a browser downloads: the size report measures with them, and the build writes
//! them beside each file so the proxy (or a CDN) sends them without compressing per request.

use std::io::Write;
use std::path::Path;

/// Files worth compressing; images and fonts are compressed already.
const TEXT_LIKE: &[&str] = &["html", "js", "wasm", "css", "json", "ts"];

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writing to memory");
    out
}

/// Writes `<file>.br` and `<file>.gz` beside every text-like file under `dir`; the count written.
pub fn precompress(dir: &Path) -> Result<usize, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut written = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            written += precompress(&path)?;
            continue;
        }
        if !path.extension().is_some_and(|ext| TEXT_LIKE.iter().any(|kind| ext == *kind)) {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        for (suffix, encoded) in [("br", brotli(&bytes)), ("gz", gzip(&bytes))] {
            let mut name = path.clone().into_os_string();
            name.push(format!(".{suffix}"));
            std::fs::write(&name, encoded).map_err(|e| format!("cannot write {name:?}: {e}"))?;
            written += 1;
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn each_text_file_gets_a_brotli_and_a_gzip_twin_that_decode_to_it() {
        let dir = std::env::temp_dir().join(format!("xtask-precompress-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("snippets")).unwrap();
        let wasm = b"\0asm".repeat(500);
        std::fs::write(dir.join("w-0123456789abcdef_bg.wasm"), &wasm).unwrap();
        std::fs::write(dir.join("snippets/inline0.js"), "export const a = 1;").unwrap();
        std::fs::write(dir.join("logo.png"), [0x89, b'P', b'N', b'G']).unwrap();
        assert_eq!(precompress(&dir).unwrap(), 4);

        let br = std::fs::read(dir.join("w-0123456789abcdef_bg.wasm.br")).unwrap();
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut decoded).unwrap();
        assert_eq!(decoded, wasm);
        let gz = std::fs::read(dir.join("snippets/inline0.js.gz")).unwrap();
        let mut text = String::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut text).unwrap();
        assert_eq!(text, "export const a = 1;");
        assert!(!dir.join("logo.png.br").exists(), "images are left as they are");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
