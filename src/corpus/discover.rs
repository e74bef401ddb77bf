//! Finding the files to load: PATHs are files or folders, folders are walked recursively in
//! sorted (byte-wise file name) order so runs are deterministic. Inside folders, files with
//! unsupported extensions and hidden entries (names starting with `.`) are silently ignored;
//! a file named explicitly with an unsupported extension is reported. Symbolic links inside
//! folders are not followed unless `follow_links` (a PATH named on the command line is always
//! followed, like `find -H`); every folder is visited once (by canonical path), so link loops never
//! hang, and walking stops `max_depth` levels below each PATH. A file reached by two paths (links)
//! is loaded once.

use super::read::{io_reason, kind_name};
use super::{Format, LoadOptions, Skipped};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The name of a folder's manifest file (see `corpus::manifest`).
pub const MANIFEST: &str = "corpus.toml";

/// A file to load.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub path: PathBuf,
    pub format: Format,
    /// The PATH it was found under (its corpus root); `None` for a file named explicitly.
    pub root: Option<PathBuf>,
}

impl Found {
    /// The folder it sits in below its corpus root, if any.
    pub fn folder_source(&self) -> Option<String> {
        let root = self.root.as_ref()?;
        let parent = self.path.parent()?;
        if parent == root.as_path() {
            return None;
        }
        parent.file_name().map(|n| n.to_string_lossy().into_owned())
    }
}

/// The format for a file name, by extension (case-insensitive).
pub fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" => Some(Format::Txt),
        "md" | "markdown" => Some(Format::Markdown),
        "html" | "htm" => Some(Format::Html),
        "json" => Some(Format::Json),
        "jsonl" => Some(Format::Jsonl),
        "rss" | "atom" | "xml" => Some(Format::Feed),
        "pdf" => Some(Format::Pdf),
        _ => None,
    }
}

/// What discovery produced: files to load and problems, in walk order.
#[derive(Debug, Default)]
pub struct Discovery {
    pub items: Vec<Result<Found, Skipped>>,
}

impl Discovery {
    /// The files found.
    pub fn found(&self) -> impl Iterator<Item = &Found> {
        self.items.iter().filter_map(|i| i.as_ref().ok())
    }

    /// The problems met.
    pub fn skipped(&self) -> impl Iterator<Item = &Skipped> {
        self.items.iter().filter_map(|i| i.as_ref().err())
    }

    fn skip(&mut self, s: Skipped) {
        self.items.push(Err(s));
    }
}

struct Walker<'a> {
    opts: &'a LoadOptions,
    visited_dirs: HashSet<PathBuf>,
    seen_files: HashSet<FileKey>,
    out: Discovery,
}

/// What makes two paths one file. On Unix its device and inode, which a folder entry already
/// holds, so that a file found in a folder costs no call to the file system; elsewhere its
/// canonical path.
#[cfg(unix)]
type FileKey = (u64, u64);
#[cfg(not(unix))]
type FileKey = PathBuf;

#[cfg(unix)]
fn key_of(_path: &Path, meta: &fs::Metadata) -> FileKey {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn key_of(path: &Path, _meta: &fs::Metadata) -> FileKey {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The key of a regular file (not a link) listed in a folder: on the folder's device.
#[cfg(unix)]
fn entry_key(e: &fs::DirEntry, _path: &Path, folder: &fs::Metadata) -> FileKey {
    use std::os::unix::fs::{DirEntryExt, MetadataExt};
    (folder.dev(), e.ino())
}

#[cfg(not(unix))]
fn entry_key(_e: &fs::DirEntry, path: &Path, folder: &fs::Metadata) -> FileKey {
    key_of(path, folder)
}

/// Walks every PATH.
pub fn discover(paths: &[PathBuf], opts: &LoadOptions) -> Discovery {
    let mut w = Walker {
        opts,
        visited_dirs: HashSet::new(),
        seen_files: HashSet::new(),
        out: Discovery::default(),
    };
    for p in paths {
        w.top(p);
    }
    w.out
}

fn skip(path: &Path, reason: impl Into<String>) -> Skipped {
    Skipped::new(path.display().to_string(), reason.into())
}

impl Walker<'_> {
    fn top(&mut self, path: &Path) {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                let reason = match fs::symlink_metadata(path) {
                    Ok(_) => "broken symbolic link (its target does not exist)".to_string(),
                    Err(_) => io_reason(&e),
                };
                self.out.skip(skip(path, reason));
                return;
            }
        };
        if meta.is_dir() {
            self.dir(path, path, 0, false);
        } else if !meta.is_file() {
            let reason = format!("not a regular file ({})", kind_name(&meta.file_type()));
            self.out.skip(skip(path, reason));
        } else if let Some(format) = format_of(path) {
            self.file(path, format, None, key_of(path, &meta));
        } else {
            self.out.skip(skip(path, unsupported(path)));
        }
    }

    fn file(&mut self, path: &Path, format: Format, root: Option<&Path>, key: FileKey) {
        if self.seen_files.insert(key) {
            self.out.items.push(Ok(Found {
                path: path.to_path_buf(),
                format,
                root: root.map(Path::to_path_buf),
            }));
        }
    }

    /// Walks a folder once; a folder reached again through a link inside the walk is reported
    /// (`report_revisit`), a PATH named twice on the command line is not.
    fn dir(&mut self, dir: &Path, root: &Path, depth: usize, report_revisit: bool) {
        let (meta, key) = match fs::canonicalize(dir).and_then(|k| Ok((fs::metadata(&k)?, k))) {
            Ok(found) => found,
            Err(e) => {
                self.out.skip(skip(dir, io_reason(&e)));
                return;
            }
        };
        if !self.visited_dirs.insert(key.clone()) {
            if !report_revisit {
                return;
            }
            let reason = format!(
                "folder already visited as {} (symbolic link loop?), not walked again",
                key.display()
            );
            self.out.skip(skip(dir, reason));
            return;
        }
        let mut entries: Vec<fs::DirEntry> = match fs::read_dir(dir) {
            Ok(rd) => rd.filter_map(Result::ok).collect(),
            Err(e) => {
                self.out.skip(skip(dir, io_reason(&e)));
                return;
            }
        };
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            if e.file_name().as_encoded_bytes().starts_with(b".") {
                continue;
            }
            self.entry(&e, &meta, root, depth);
        }
    }

    /// One entry of a folder whose metadata is `folder`. Its type comes with the listing; only
    /// a symbolic link is looked up.
    fn entry(&mut self, e: &fs::DirEntry, folder: &fs::Metadata, root: &Path, depth: usize) {
        let path = e.path();
        let Ok(file_type) = e.file_type() else {
            return;
        };
        let format = format_of(&path);
        let (is_dir, is_file, key) = if file_type.is_symlink() {
            let target = fs::metadata(&path);
            let relevant = format.is_some() || target.as_ref().is_ok_and(|m| m.is_dir());
            if !self.opts.follow_links {
                if relevant {
                    let reason = "symbolic link not followed (use --follow-links)";
                    self.out.skip(skip(&path, reason));
                }
                return;
            }
            match target {
                Ok(m) => (
                    m.is_dir(),
                    m.is_file(),
                    Some((m.file_type(), key_of(&path, &m))),
                ),
                Err(_) => {
                    if relevant {
                        let reason = "broken symbolic link (its target does not exist)";
                        self.out.skip(skip(&path, reason));
                    }
                    return;
                }
            }
        } else {
            (file_type.is_dir(), file_type.is_file(), None)
        };
        if is_dir {
            if depth + 1 > self.opts.max_depth {
                let reason = format!(
                    "folder deeper than {} levels below the PATH, not walked",
                    self.opts.max_depth
                );
                self.out.skip(skip(&path, reason));
            } else {
                self.dir(&path, root, depth + 1, true);
            }
            return;
        }
        let Some(format) = format else { return };
        let (file_type, key) = key.unwrap_or_else(|| (file_type, entry_key(e, &path, folder)));
        if is_file {
            self.file(&path, format, Some(root), key);
        } else {
            let reason = format!("not a regular file ({})", kind_name(&file_type));
            self.out.skip(skip(&path, reason));
        }
    }
}

fn unsupported(path: &Path) -> String {
    let ext = path
        .extension()
        .map(|e| format!("'.{}'", e.to_string_lossy()))
        .unwrap_or_else(|| "no extension".to_string());
    format!(
        "unsupported file type ({ext}; expected .txt, .md, .html, .htm, .json, .jsonl, .rss, .atom, .xml or .pdf)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn names(d: &Discovery) -> Vec<String> {
        d.found()
            .map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn folders_walk_sorted_and_ignore_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/c")).unwrap();
        for f in [
            "z.txt",
            "a.md",
            "b/c/k.json",
            "b/x.htm",
            "notes.docx",
            ".hidden.txt",
        ] {
            fs::write(root.join(f), "x").unwrap();
        }
        let d = discover(&[root.to_path_buf()], &LoadOptions::default());
        assert_eq!(names(&d), vec!["a.md", "k.json", "x.htm", "z.txt"]);
        assert_eq!(d.skipped().count(), 0);
        assert_eq!(
            d.found().nth(1).unwrap().folder_source().as_deref(),
            Some("c")
        );
        assert_eq!(
            d.found().nth(2).unwrap().folder_source().as_deref(),
            Some("b")
        );
        assert_eq!(d.found().next().unwrap().folder_source(), None);
    }

    #[test]
    fn explicit_unknown_extension_and_missing_path_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("report.docx");
        fs::write(&doc, "x").unwrap();
        let missing = dir.path().join("gone.txt");
        let d = discover(&[doc, missing], &LoadOptions::default());
        assert_eq!(d.found().count(), 0);
        let skipped: Vec<&Skipped> = d.skipped().collect();
        assert!(skipped[0].reason.contains("unsupported file type ('.docx'"));
        assert!(skipped[1].reason.contains("no such file"));
    }

    #[cfg(unix)]
    #[test]
    fn links_loops_and_depth() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("a/b/c")).unwrap();
        fs::write(root.join("a/b/c/deep.txt"), "x").unwrap();
        fs::write(root.join("a/top.txt"), "x").unwrap();
        std::os::unix::fs::symlink(root.join("a"), root.join("a/loop")).unwrap();
        let d = discover(&[root.to_path_buf()], &LoadOptions::default());
        assert_eq!(names(&d), vec!["deep.txt", "top.txt"]);
        assert!(d.skipped().next().unwrap().reason.contains("not followed"));
        let follow = LoadOptions {
            follow_links: true,
            ..LoadOptions::default()
        };
        let d = discover(&[root.to_path_buf()], &follow);
        assert_eq!(names(&d), vec!["deep.txt", "top.txt"]);
        let first = d.skipped().next().unwrap();
        assert!(first.reason.contains("already visited"), "{first:?}");
        let shallow = LoadOptions {
            max_depth: 2,
            ..LoadOptions::default()
        };
        let d = discover(&[root.to_path_buf()], &shallow);
        assert_eq!(names(&d), vec!["top.txt"]);
        assert!(d.skipped().any(|s| s.reason.contains("deeper than 2")));
        let twice = discover(
            &[root.to_path_buf(), root.join("a")],
            &LoadOptions::default(),
        );
        assert_eq!(names(&twice), vec!["deep.txt", "top.txt"], "no file twice");
    }

    #[cfg(unix)]
    #[test]
    fn a_file_reached_by_two_paths_is_found_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b")).unwrap();
        fs::write(root.join("a.txt"), "x").unwrap();
        fs::write(root.join("other.txt"), "y").unwrap();
        std::os::unix::fs::symlink(root.join("a.txt"), root.join("b/link.txt")).unwrap();
        fs::hard_link(root.join("a.txt"), root.join("b/hard.txt")).unwrap();
        let follow = LoadOptions {
            follow_links: true,
            ..LoadOptions::default()
        };
        let d = discover(&[root.to_path_buf()], &follow);
        assert_eq!(names(&d), vec!["a.txt", "other.txt"]);
        // Named on the command line as well, through the link: still once.
        let d = discover(&[root.join("b/link.txt"), root.to_path_buf()], &follow);
        assert_eq!(names(&d), vec!["link.txt", "other.txt"]);
        assert_eq!(d.skipped().count(), 0);
    }
}
