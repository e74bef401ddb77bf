//! Helpers for the loading tests: run the binary on fixtures written to a temporary folder.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What one run of `sitrep` produced.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The articles of an `extract --format json` run.
    pub fn articles(&self) -> Vec<Value> {
        let doc: Value = serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}); stderr: {}", self.stderr));
        doc["articles"].as_array().cloned().unwrap_or_default()
    }

    /// The article with this id.
    pub fn article(&self, id: &str) -> Value {
        self.articles()
            .into_iter()
            .find(|a| a["id"] == id)
            .unwrap_or_else(|| panic!("no article {id}; stderr: {}", self.stderr))
    }

    /// Ids of the loaded articles, in order.
    pub fn ids(&self) -> Vec<String> {
        self.articles()
            .iter()
            .map(|a| a["id"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// The stderr lines.
    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }
}

/// Runs `sitrep ARGS` with colours off.
pub fn sitrep<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the sitrep binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `sitrep extract --format json EXTRA... PATHS...`.
pub fn extract(paths: &[&Path], extra: &[&str]) -> Run {
    let mut args: Vec<std::ffi::OsString> =
        vec!["extract".into(), "--format".into(), "json".into()];
    args.extend(extra.iter().map(Into::into));
    args.extend(paths.iter().map(|p| p.as_os_str().to_owned()));
    sitrep(args)
}

/// A temporary corpus folder.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders) and returns its path.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.root().join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(&p, bytes).expect("write fixture");
        p
    }

    /// Writes a good article that must still load next to bad input.
    pub fn good(&self) -> PathBuf {
        self.write(
            "good.txt",
            "Good headline here\n\nThis article is fine and must load whatever else is wrong.\n",
        )
    }
}

/// Asserts the run loaded `good` and exited 0.
pub fn assert_good_loaded(run: &Run) {
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(
        run.ids().contains(&"good".to_string()),
        "ids {:?}",
        run.ids()
    );
}

/// True when the tests run as root (permissions do not stop root from reading).
pub fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// True when the text holds a control (other than newline) or a bidi control.
pub fn has_unsafe_char(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
    })
}
