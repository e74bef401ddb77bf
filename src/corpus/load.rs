//! The loading pipeline: discover files, read each one under guard, hand it to its format reader,
//! clean and segment every draft, and make ids unique. Each failure becomes one [`Skipped`].

use super::build::{self, Draft, Origin, Tools};
use super::clean::Rules;
use super::discover::{self, Found};
use super::formats;
use super::manifest::Manifest;
use super::read;
use super::{Article, Corpus, Format, LoadOptions, Skipped};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Loads every supported file under `paths`.
pub fn load(paths: &[PathBuf], opts: &LoadOptions) -> Corpus {
    load_previewing(paths, opts, 0, drop)
}

/// The articles of the first files read, handed on while the others are still loading.
#[derive(Clone, Debug)]
pub struct Preview {
    /// The articles of the first `files_read` files, in load order. Their ids are made unique
    /// among themselves; a later duplicate may still change them in the whole corpus.
    pub articles: Vec<Article>,
    pub files_read: usize,
    /// Every file found.
    pub files: usize,
}

/// What [`load_previewing`] reports while it works.
#[derive(Clone, Debug)]
pub enum LoadEvent {
    /// The articles of the first files, once they are read.
    Preview(Preview),
    /// How many of the files have been read (after the preview, every [`PROGRESS_FILES`]).
    Read { files_read: usize, files: usize },
}

/// Files read between two [`LoadEvent::Read`] reports.
pub const PROGRESS_FILES: usize = 1024;

/// Loads like [`load`]; when files remain after the first `first_files`, reports their articles
/// to `report` as a [`LoadEvent::Preview`] (if they gave any), then the progress of the others.
/// The corpus returned is the same as [`load`]'s; `0` reports nothing.
pub fn load_previewing(
    paths: &[PathBuf],
    opts: &LoadOptions,
    first_files: usize,
    mut report: impl FnMut(LoadEvent),
) -> Corpus {
    let mut corpus = Corpus::default();
    // The debris rules compile while the folders are walked.
    let (rules, found) = rayon::join(
        || debris_rules(opts, &mut corpus.skipped),
        || discover::discover(paths, opts),
    );
    let tools = Tools::with_rules(&rules);
    let mut jobs = file_jobs(found.items, opts);
    let files = jobs.iter().filter(|j| j.is_ok()).count();
    let mut rest = jobs.split_off(jobs_for_files(&jobs, first_files));
    let mut outcomes = run_jobs(jobs, opts, &tools);
    if first_files > 0 && !rest.is_empty() {
        let mut articles: Vec<Article> = outcomes
            .iter()
            .filter_map(|o| o.as_ref().ok())
            .cloned()
            .collect();
        let mut files_read = files.min(first_files);
        if !articles.is_empty() {
            make_ids_unique(&mut articles);
            report(LoadEvent::Preview(Preview {
                articles,
                files_read,
                files,
            }));
        }
        while !rest.is_empty() {
            let later = rest.split_off(jobs_for_files(&rest, PROGRESS_FILES));
            files_read += rest.iter().filter(|j| j.is_ok()).count();
            outcomes.extend(run_jobs(std::mem::replace(&mut rest, later), opts, &tools));
            report(LoadEvent::Read { files_read, files });
        }
    } else {
        outcomes.extend(run_jobs(rest, opts, &tools));
    }
    for outcome in outcomes {
        match outcome {
            Ok(a) => corpus.articles.push(a),
            Err(s) => corpus.skipped.push(s),
        }
    }
    make_ids_unique(&mut corpus.articles);
    corpus
}

/// A file to read with the manifest that applies to it, or a problem already found.
type Job = Result<(Found, Applicable), Skipped>;

/// Manifests are looked up in walk order, so that their problems are reported in place.
fn file_jobs(items: Vec<Result<Found, Skipped>>, opts: &LoadOptions) -> Vec<Job> {
    let mut manifests = Manifests::default();
    let mut jobs = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Ok(f) => {
                let mut problems = Vec::new();
                let manifest = manifests.for_file(&f, opts, &mut problems);
                jobs.extend(problems.into_iter().map(Err));
                jobs.push(Ok((f, manifest)));
            }
            Err(s) => jobs.push(Err(s)),
        }
    }
    jobs
}

/// How many leading jobs hold the first `files` files to read.
fn jobs_for_files(jobs: &[Job], files: usize) -> usize {
    if files == 0 {
        return 0;
    }
    let mut seen = 0;
    for (i, job) in jobs.iter().enumerate() {
        if job.is_ok() {
            seen += 1;
            if seen == files {
                return i + 1;
            }
        }
    }
    jobs.len()
}

/// Reads and cleans the files in parallel; the outcomes keep the jobs' order.
fn run_jobs(jobs: Vec<Job>, opts: &LoadOptions, tools: &Tools) -> Vec<Outcome> {
    let outcomes: Vec<Vec<Outcome>> = jobs
        .into_par_iter()
        .map(|job| match job {
            Ok((f, manifest)) => load_file(&f, opts, tools, manifest),
            Err(s) => vec![Err(s)],
        })
        .collect();
    outcomes.into_iter().flatten().collect()
}

/// One article, or why one file or line gave none.
type Outcome = Result<Article, Skipped>;

/// The debris rules of this load, owned by it: the built-in ones, extended by the user's file
/// if one is given.
fn debris_rules(opts: &LoadOptions, skipped: &mut Vec<Skipped>) -> Rules {
    opts.debris_file
        .as_deref()
        .and_then(|p| user_debris(p, opts, skipped))
        .unwrap_or_else(Rules::builtin_owned)
}

/// The built-in debris rules extended by a user file; a bad file is reported and ignored.
fn user_debris(path: &Path, opts: &LoadOptions, skipped: &mut Vec<Skipped>) -> Option<Rules> {
    let parsed = read::read_text(path, opts.max_file_size).and_then(|t| {
        Rules::builtin_with(&t.text).map_err(|e| format!("invalid debris file: {e}"))
    });
    match parsed {
        Ok(r) => Some(r),
        Err(reason) => {
            skipped.push(Skipped::new(path.display().to_string(), reason));
            None
        }
    }
}

/// Loads texts held in memory, named by file name (the bundled seeds).
pub fn load_embedded(files: &[(&str, &str)]) -> Corpus {
    let tools = Tools::builtin();
    let mut corpus = Corpus::default();
    for (name, text) in files {
        let path = Path::new("seeds").join(name);
        let Some(format) = discover::format_of(&path) else {
            continue;
        };
        let text = read::normalize_newlines(text.strip_prefix('\u{FEFF}').unwrap_or(text));
        let display = path.display().to_string();
        let ctx = FileCtx {
            path: &path,
            display: &display,
            format,
            folder_source: None,
            lossy: false,
        };
        for outcome in add_drafts(&ctx, formats::read_drafts(format, &text), &tools, None) {
            match outcome {
                Ok(a) => corpus.articles.push(a),
                Err(s) => corpus.skipped.push(s),
            }
        }
    }
    make_ids_unique(&mut corpus.articles);
    corpus
}

struct FileCtx<'a> {
    path: &'a Path,
    display: &'a str,
    format: Format,
    folder_source: Option<String>,
    lossy: bool,
}

/// Parsed `corpus.toml` files by folder, each read (and reported if invalid) once.
#[derive(Default)]
struct Manifests {
    by_dir: HashMap<PathBuf, Option<Arc<Manifest>>>,
}

/// A manifest and the path of a file relative to the manifest's folder.
type Applicable = Option<(Arc<Manifest>, String)>;

impl Manifests {
    /// The nearest manifest between the file's folder and its corpus root.
    fn for_file(
        &mut self,
        f: &Found,
        opts: &LoadOptions,
        skipped: &mut Vec<Skipped>,
    ) -> Applicable {
        let mut dir = f.path.parent()?;
        loop {
            if let Some(m) = self.at(dir, opts, skipped) {
                let rel = f.path.strip_prefix(dir).ok()?;
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                return Some((m, rel.join("/")));
            }
            match &f.root {
                Some(root) if dir != root.as_path() => dir = dir.parent()?,
                _ => return None,
            }
        }
    }

    fn at(
        &mut self,
        dir: &Path,
        opts: &LoadOptions,
        skipped: &mut Vec<Skipped>,
    ) -> Option<Arc<Manifest>> {
        if let Some(m) = self.by_dir.get(dir) {
            return m.clone();
        }
        let path = dir.join(discover::MANIFEST);
        let parsed = if path.is_file() {
            let parsed = read::read_text(&path, opts.max_file_size)
                .and_then(|t| Manifest::from_toml_str(&t.text));
            match parsed {
                Ok(m) => Some(Arc::new(m)),
                Err(reason) => {
                    skipped.push(Skipped::new(path.display().to_string(), reason));
                    None
                }
            }
        } else {
            None
        };
        self.by_dir.insert(dir.to_path_buf(), parsed.clone());
        parsed
    }
}

fn load_file(f: &Found, opts: &LoadOptions, tools: &Tools, manifest: Applicable) -> Vec<Outcome> {
    let display = f.path.display().to_string();
    let content = match read::read_content(&f.path, opts.max_file_size, f.format) {
        Ok(c) => c,
        Err(reason) => return vec![Err(Skipped::new(display, reason))],
    };
    let ctx = FileCtx {
        path: &f.path,
        display: &display,
        format: f.format,
        folder_source: f.folder_source(),
        lossy: content.lossy(),
    };
    let items = formats::read_content(f.format, &content);
    add_drafts(&ctx, items, tools, manifest.as_ref())
}

fn add_drafts(
    ctx: &FileCtx,
    items: Vec<formats::Item>,
    tools: &Tools,
    manifest: Option<&(Arc<Manifest>, String)>,
) -> Vec<Outcome> {
    let mut out = Vec::with_capacity(items.len());
    let stem = ctx
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| ctx.display.to_string());
    for item in items {
        match item {
            Ok((line, mut draft)) => {
                if let Some((m, rel)) = manifest {
                    m.apply(rel, &mut draft);
                }
                let id = draft_id(&draft, &stem, line);
                let where_ = located(ctx.display, line);
                let origin = Origin {
                    id: &id,
                    path: ctx.display,
                    format: ctx.format,
                    folder_source: ctx.folder_source.as_deref(),
                    lossy: ctx.lossy,
                };
                match build::finish(draft, &origin, tools) {
                    Ok(a) => out.push(Ok(a)),
                    Err(reason) => out.push(Err(Skipped::new(where_, reason))),
                }
            }
            Err((line, reason)) => out.push(Err(Skipped::new(located(ctx.display, line), reason))),
        }
    }
    out
}

fn located(display: &str, line: Option<usize>) -> String {
    match line {
        Some(n) => format!("{display}:{n}"),
        None => display.to_string(),
    }
}

/// The JSON or manifest id, else the file stem (with `:LINE` for a `.jsonl` line).
fn draft_id(draft: &Draft, stem: &str, line: Option<usize>) -> String {
    if let Some(id) = draft.id.as_deref().filter(|s| !s.trim().is_empty()) {
        return id.trim().to_string();
    }
    match line {
        Some(n) => format!("{stem}:{n}"),
        None => stem.to_string(),
    }
}

/// Later duplicates get `~2`, `~3`, ... in load order, never colliding with an existing id.
pub fn make_ids_unique(articles: &mut [Article]) {
    let mut taken: HashSet<String> = HashSet::new();
    let all: HashSet<String> = articles.iter().map(|a| a.id.clone()).collect();
    for a in articles.iter_mut() {
        if taken.insert(a.id.clone()) {
            continue;
        }
        let mut n = 2;
        loop {
            let candidate = format!("{}~{n}", a.id);
            if !all.contains(&candidate) && taken.insert(candidate.clone()) {
                a.id = candidate;
                break;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_ids_get_suffixes() {
        let mut arts = vec![
            super::super::article_from_text("a", "t", "x.", None),
            super::super::article_from_text("a", "t", "x.", None),
            super::super::article_from_text("a~2", "t", "x.", None),
            super::super::article_from_text("a", "t", "x.", None),
        ];
        make_ids_unique(&mut arts);
        let ids: Vec<&str> = arts.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, vec!["a", "a~3", "a~2", "a~4"]);
    }

    #[test]
    fn user_debris_file_adds_patterns_and_a_bad_one_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        std::fs::write(
            &article,
            "Headline here\n\nBody text that stays.\n\nBrought to you by Acme\n",
        )
        .unwrap();
        let rules = dir.path().join("debris.toml");
        std::fs::write(&rules, "drop = ['brought to you by .*']").unwrap();
        let opts = LoadOptions {
            debris_file: Some(rules.clone()),
            ..LoadOptions::default()
        };
        let c = load(std::slice::from_ref(&article), &opts);
        assert_eq!(c.articles[0].body, "Body text that stays.");
        std::fs::write(&rules, "drop = 3").unwrap();
        let c = load(&[article], &opts);
        assert!(
            c.skipped[0].reason.starts_with("invalid debris file"),
            "{:?}",
            c.skipped
        );
        assert_eq!(
            c.articles[0].body,
            "Body text that stays.\n\nBrought to you by Acme"
        );
    }

    #[test]
    fn seeds_load_with_titles_and_sections() {
        let c = super::super::load_seeds();
        assert!(c.skipped.is_empty(), "{:?}", c.skipped);
        let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, vec!["000_812c50015738eee3", "003_2b804fb66ffc0e7b"]);
        assert_eq!(c.articles[0].section.as_deref(), Some("Algeria"));
        assert_eq!(c.articles[1].title, "An increasingly worrying escalation");
        assert!(!c.articles[1].body.contains("PREV"));
    }

    /// A folder of `n` text files `f00.txt`, `f01.txt`, ... (read in that order), the third
    /// one unreadable as an article (empty), and two JSON files holding the same id.
    fn folder_of_files(n: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..n {
            let text = if i == 2 {
                String::new()
            } else {
                format!("Headline {i}\n\nBody of article number {i}, one sentence.\n")
            };
            std::fs::write(dir.path().join(format!("f{i:02}.txt")), text).unwrap();
        }
        for name in ["g1.json", "g2.json"] {
            let doc = r#"{"id": "same", "title": "T", "body": "A body of text."}"#;
            std::fs::write(dir.path().join(name), doc).unwrap();
        }
        dir
    }

    fn summary(articles: &[Article]) -> Vec<(String, String, String)> {
        articles
            .iter()
            .map(|a| (a.id.clone(), a.title.clone(), a.body.clone()))
            .collect()
    }

    #[test]
    fn a_preview_holds_the_first_files_and_the_corpus_is_unchanged() {
        let dir = folder_of_files(8);
        let paths = [dir.path().to_path_buf()];
        let opts = LoadOptions::default();
        let whole = load(&paths, &opts);
        let mut seen = None;
        let mut reads = Vec::new();
        let corpus = load_previewing(&paths, &opts, 4, |e| match e {
            LoadEvent::Preview(p) => seen = Some(p),
            LoadEvent::Read { files_read, files } => reads.push((files_read, files)),
        });
        assert_eq!(reads, [(10, 10)], "the other six files, read in one go");
        assert_eq!(summary(&corpus.articles), summary(&whole.articles));
        assert_eq!(corpus.skipped, whole.skipped);
        let p = seen.expect("a preview, since files remained");
        assert_eq!((p.files_read, p.files), (4, 10));
        // Four files read, the empty one among them: three articles, the corpus's first three.
        assert_eq!(summary(&p.articles), summary(&whole.articles[..3]));
    }

    #[test]
    fn no_preview_when_every_file_is_in_it_or_none_is_asked() {
        let dir = folder_of_files(3);
        let paths = [dir.path().to_path_buf()];
        for first in [0, 5, 50] {
            let mut called = false;
            let c = load_previewing(&paths, &LoadOptions::default(), first, |_| called = true);
            assert!(!called, "preview of {first} files");
            assert_eq!(c.articles.len(), 4);
        }
    }

    #[test]
    fn preview_ids_are_unique_among_themselves() {
        let dir = folder_of_files(3);
        let doc = r#"{"id": "same", "title": "T", "body": "Another body."}"#;
        std::fs::write(dir.path().join("g3.json"), doc).unwrap();
        let paths = [dir.path().to_path_buf()];
        let mut seen = None;
        // Walk order: f00, f01, f02 (empty), g1, g2 | g3.
        let c = load_previewing(&paths, &LoadOptions::default(), 5, |e| {
            if let LoadEvent::Preview(p) = e {
                seen = Some(p);
            }
        });
        let p = seen.unwrap();
        let ids: Vec<&str> = p.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["f00", "f01", "same", "same~2"]);
        let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["f00", "f01", "same", "same~2", "same~3"]);
    }

    #[test]
    fn progress_is_reported_every_thousand_files_or_so() {
        let dir = folder_of_files(PROGRESS_FILES + 6);
        let files = PROGRESS_FILES + 8;
        let mut reads = Vec::new();
        let mut previews = 0;
        load_previewing(
            &[dir.path().to_path_buf()],
            &LoadOptions::default(),
            4,
            |e| match e {
                LoadEvent::Preview(_) => previews += 1,
                LoadEvent::Read { files_read, files } => reads.push((files_read, files)),
            },
        );
        assert_eq!(previews, 1);
        assert_eq!(reads, [(PROGRESS_FILES + 4, files), (files, files)]);
    }
}
