//! Saving a briefing: Markdown written to a temporary file in the target folder, then moved into
//! place, so a reader never sees half a file. An existing file is only replaced when asked.

use super::model::Briefing;
use super::render_md::to_markdown;
use crate::date::DateValue;
use anyhow::{Context, Result, bail};
use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// "sitrep-brief-YYYY-MM-DD.md".
pub fn default_export_name(today: DateValue) -> String {
    format!("sitrep-brief-{today}.md")
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A fresh temporary file next to `path`.
fn temp_file(path: &Path) -> Result<(PathBuf, File)> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "brief".to_string());
    for _ in 0..100 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(e).with_context(|| format!("cannot write in {}", dir.display()));
            }
        }
    }
    bail!("cannot create a temporary file in {}", dir.display())
}

/// Writes the briefing as Markdown to `path`. Refuses to replace an existing file unless
/// `overwrite`; the file appears whole or not at all.
pub fn export_markdown(b: &Briefing, path: &Path, overwrite: bool) -> Result<()> {
    if !overwrite && path.exists() {
        bail!("{} already exists; not overwriting it", path.display());
    }
    let (tmp, mut file) = temp_file(path)?;
    let result = write_and_place(&mut file, &tmp, path, &to_markdown(b), overwrite);
    drop(file);
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn write_and_place(
    file: &mut File,
    tmp: &Path,
    path: &Path,
    text: &str,
    overwrite: bool,
) -> Result<()> {
    file.write_all(text.as_bytes())
        .and_then(|_| file.sync_all())
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    if overwrite {
        return fs::rename(tmp, path).with_context(|| format!("cannot write {}", path.display()));
    }
    // A hard link fails when the target exists, so a file created meanwhile is never replaced.
    match fs::hard_link(tmp, path) {
        Ok(()) => {
            let _ = fs::remove_file(tmp);
            Ok(())
        }
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            bail!("{} already exists; not overwriting it", path.display())
        }
        // Filesystems without hard links: the existence check above has to do.
        Err(_) if !path.exists() => {
            fs::rename(tmp, path).with_context(|| format!("cannot write {}", path.display()))
        }
        Err(e) => Err(e).with_context(|| format!("cannot write {}", path.display())),
    }
}
