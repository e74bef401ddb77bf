//! Guarded reading of one file: metadata is checked before anything is opened (only regular files
//! are read, never FIFOs, devices or sockets), the size is capped, binary files are refused, and
//! text is decoded (lossily when it is not UTF-8) with the BOM dropped, CRLF and lone CR turned
//! into LF and tabs into spaces. Web pages are decoded in the encoding they declare (BOM,
//! `<meta charset>`, `http-equiv`), through encoding_rs; feeds and PDF files are handed on as
//! bytes, their readers knowing their own encodings.

use super::Format;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::fs::{self, File};
use std::io::Read;
use std::path::Path;

/// Bytes inspected for a NUL byte to tell binary files from text.
pub const BINARY_SNIFF: usize = 8 * 1024;

/// The largest file read whatever `--max-file-size` says: decoding and sanitising can make a
/// body up to three times its file (each invalid byte becomes a 3-byte U+FFFD), and every offset
/// into a body must fit the 32 bits of a [`super::Span`].
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Text read from a file.
#[derive(Debug)]
pub struct Text {
    pub text: String,
    /// The bytes were not valid UTF-8 and were decoded lossily.
    pub lossy: bool,
}

/// A file's content, as its format reader takes it.
#[derive(Debug)]
pub enum Content {
    Text(Text),
    /// Formats that decode themselves (feeds, PDF).
    Bytes(Vec<u8>),
}

impl Content {
    /// True when the text was decoded lossily.
    pub fn lossy(&self) -> bool {
        matches!(self, Content::Text(t) if t.lossy)
    }
}

/// Reads `path` as its format wants it, or says why it cannot be read.
pub fn read_content(path: &Path, max_size: u64, format: Format) -> Result<Content, String> {
    let bytes = read_bytes(path, max_size)?;
    match format {
        Format::Feed | Format::Pdf => Ok(Content::Bytes(bytes)),
        Format::Html => decode_html(&bytes).map(Content::Text),
        _ => decode(&bytes).map(Content::Text),
    }
}

/// Reads `path` as text, or says why it cannot be read.
pub fn read_text(path: &Path, max_size: u64) -> Result<Text, String> {
    decode(&read_bytes(path, max_size)?)
}

/// Reads `path` whole under the size cap.
fn read_bytes(path: &Path, max_size: u64) -> Result<Vec<u8>, String> {
    let max_size = max_size.min(MAX_FILE_BYTES);
    let meta = fs::metadata(path).map_err(|e| io_reason(&e))?;
    check_kind(&meta)?;
    if meta.len() > max_size {
        return Err(too_large(meta.len(), max_size));
    }
    let file = File::open(path).map_err(|e| io_reason(&e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow between the check and the read: never read past the cap.
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > max_size {
        return Err(too_large(bytes.len() as u64, max_size));
    }
    Ok(bytes)
}

fn too_large(size: u64, max: u64) -> String {
    if max == MAX_FILE_BYTES {
        format!("file too large ({size} bytes; sitrep reads files of at most {max} bytes, 1 GiB)")
    } else {
        format!("file too large ({size} bytes; the limit is {max} bytes, see --max-file-size)")
    }
}

/// Refuses anything that is not a regular file, naming what it is.
pub fn check_kind(meta: &fs::Metadata) -> Result<(), String> {
    let ft = meta.file_type();
    if ft.is_file() {
        return Ok(());
    }
    Err(format!("not a regular file ({})", kind_name(&ft)))
}

/// A human name for a file type.
pub fn kind_name(ft: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_char_device() {
            return "a character device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
    }
    if ft.is_dir() {
        "a directory"
    } else if ft.is_symlink() {
        "a symbolic link"
    } else {
        "an unknown kind of file"
    }
}

/// The cause of an I/O error, in words.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "no such file or folder".to_string(),
        ErrorKind::PermissionDenied => "cannot read: permission denied".to_string(),
        _ => format!("cannot read: {e}"),
    }
}

/// Decodes bytes as text: binary refused, lossy UTF-8, BOM dropped, line ends and tabs normalised.
pub fn decode(bytes: &[u8]) -> Result<Text, String> {
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF)];
    if let Some(at) = sniff.iter().position(|&b| b == 0) {
        return Err(format!("binary file (NUL byte at offset {at})"));
    }
    let (raw, lossy) = match std::str::from_utf8(bytes) {
        Ok(s) => (std::borrow::Cow::Borrowed(s), false),
        Err(_) => (String::from_utf8_lossy(bytes), true),
    };
    let raw = raw.strip_prefix('\u{FEFF}').unwrap_or(&raw);
    Ok(Text {
        text: normalize_newlines(raw),
        lossy,
    })
}

/// How far into a page its `<meta charset>` is looked for (browsers look at 1024 bytes; pages
/// with long heads declare it later).
const CHARSET_SNIFF: usize = 8 * 1024;

/// Decodes a web page: by its BOM, else as UTF-8 when it is valid UTF-8 (pages often declare
/// ISO-8859-1 yet are written in UTF-8), else by the charset its head declares, else as
/// windows-1252, the web's default for pages that say nothing.
pub fn decode_html(bytes: &[u8]) -> Result<Text, String> {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((enc, len)) => (enc, &bytes[len..]),
        None if std::str::from_utf8(bytes).is_ok() => return decode(bytes),
        None => (declared_charset(bytes).unwrap_or(WINDOWS_1252), bytes),
    };
    if encoding == UTF_8 {
        return decode(body);
    }
    // UTF-16 text holds NUL bytes: only single-byte and multi-byte ASCII-compatible encodings
    // are checked for binary content.
    if encoding.is_ascii_compatible() {
        let sniff = &body[..body.len().min(BINARY_SNIFF)];
        if let Some(at) = sniff.iter().position(|&b| b == 0) {
            return Err(format!("binary file (NUL byte at offset {at})"));
        }
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    Ok(Text {
        text: normalize_newlines(&text),
        lossy: had_errors,
    })
}

/// The encoding named by `<meta charset=X>` or `<meta http-equiv="Content-Type"
/// content="text/html; charset=X">` near the top of a page.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head =
        String::from_utf8_lossy(&bytes[..bytes.len().min(CHARSET_SNIFF)]).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        rest = &rest[at + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(enc) = charset_in(tag) {
            // A page cannot be UTF-16 once its bytes were read as ASCII (the HTML standard's rule).
            return Some(if enc.is_ascii_compatible() {
                enc
            } else {
                UTF_8
            });
        }
    }
    None
}

/// The encoding after `charset=` in a meta tag's text, if it names one encoding_rs knows.
fn charset_in(tag: &str) -> Option<&'static Encoding> {
    let at = tag.find("charset")?;
    let value = tag[at + 7..].trim_start().strip_prefix('=')?.trim_start();
    let value = value.trim_start_matches(['"', '\'']);
    let end = value
        .find(|c: char| c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace())
        .unwrap_or(value.len());
    Encoding::for_label(&value.as_bytes()[..end])
}

/// CRLF and lone CR become LF; tabs become spaces. Works on bytes: CR and tab are ASCII, never
/// part of a multi-byte character, so the runs between them are copied whole.
pub fn normalize_newlines(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(k) = bytes[i..].iter().position(|&b| b == b'\r' || b == b'\t') {
        let at = i + k;
        out.extend_from_slice(&bytes[i..at]);
        if bytes[at] == b'\t' {
            out.push(b' ');
            i = at + 1;
        } else {
            out.push(b'\n');
            i = at + 1 + usize::from(bytes.get(at + 1) == Some(&b'\n'));
        }
    }
    out.extend_from_slice(&bytes[i..]);
    // Only ASCII bytes were replaced, by ASCII bytes: the text is still UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule, a character at a time.
    fn normalize_by_chars(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    chars.next_if_eq(&'\n');
                    out.push('\n');
                }
                '\t' => out.push(' '),
                c => out.push(c),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn newlines_are_normalised_as_the_rule_says(text in "[a\\r\\n\\té€😀 ]{0,40}") {
            proptest::prop_assert_eq!(normalize_newlines(&text), normalize_by_chars(&text));
        }
    }

    #[test]
    fn bom_crlf_tabs_normalised() {
        let t = decode("\u{FEFF}a\r\nb\rc\td".as_bytes()).unwrap();
        assert_eq!(t.text, "a\nb\nc d");
        assert!(!t.lossy);
    }

    #[test]
    fn invalid_utf8_is_lossy() {
        let t = decode(b"caf\xe9 au lait").unwrap();
        assert_eq!(t.text, "caf\u{FFFD} au lait");
        assert!(t.lossy);
    }

    #[test]
    fn pages_are_read_in_their_declared_encoding() {
        let latin1 =
            b"<html><head><meta charset=\"ISO-8859-1\"></head><p>Caf\xe9 \x96 na\xefve</p>";
        let t = decode_html(latin1).unwrap();
        // ISO-8859-1 is read as windows-1252, as browsers do: 0x96 is an en dash.
        assert!(t.text.contains("Café – naïve"), "{}", t.text);
        assert!(!t.lossy);
        let equiv = b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'><p>\x93quoted\x94</p>";
        assert!(
            decode_html(equiv)
                .unwrap()
                .text
                .contains("\u{201C}quoted\u{201D}")
        );
        let undeclared = b"<p>Stra\xdfe</p>";
        assert!(decode_html(undeclared).unwrap().text.contains("Straße"));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("<p>Zürich</p>".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode_html(&utf16).unwrap().text, "<p>Zürich</p>");
        // Declared Latin-1 but written in UTF-8: the bytes win.
        let mislabelled = "<meta charset=iso-8859-1><p>Kraków</p>".as_bytes();
        assert!(decode_html(mislabelled).unwrap().text.contains("Kraków"));
    }

    #[test]
    fn nul_means_binary() {
        let err = decode(b"PK\x03\x04\x00\x00").unwrap_err();
        assert!(err.contains("binary"), "{err}");
    }

    #[test]
    fn files_over_one_gib_are_refused_whatever_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("huge.txt");
        // Sparse: the size is checked before a byte is read.
        File::create(&p)
            .unwrap()
            .set_len(MAX_FILE_BYTES + 1)
            .unwrap();
        let err = read_text(&p, u64::MAX).unwrap_err();
        assert!(err.contains("at most 1073741824 bytes, 1 GiB"), "{err}");
    }

    #[test]
    fn size_cap_and_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.txt");
        std::fs::write(&p, "x".repeat(100)).unwrap();
        assert!(read_text(&p, 99).unwrap_err().contains("too large"));
        assert_eq!(read_text(&p, 100).unwrap().text.len(), 100);
        let missing = read_text(&dir.path().join("nope.txt"), 100).unwrap_err();
        assert!(missing.contains("no such file"), "{missing}");
        let d = read_text(dir.path(), 100).unwrap_err();
        assert!(d.contains("not a regular file (a directory)"), "{d}");
    }
}
