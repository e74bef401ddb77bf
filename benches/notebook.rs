//! Notebook benchmarks (`cargo bench --bench notebook`): saving a note or a mark in a notebook
//! already holding 100k notes (each save one synced transaction, as the reader makes it), and
//! what opening the reader with a notebook adds: opening it, reading 10k notes and the read
//! flags, and finding the 10k notes again in a corpus of 10k articles.
//!
//! The latency budget is on the 99th percentile, which criterion does not report: the first
//! part times single saves itself and prints p50, p99 and the worst; criterion then gives the
//! means. Kept short: the build machine is shared.

use criterion::{Criterion, criterion_group, criterion_main};
use sitrep::corpus::{Article, article_from_text};
use sitrep::notebook::{Anchor, Notebook, Resolver};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

/// Notes in the notebook the saves are timed in.
const NOTES: usize = 100_000;
/// Articles and notes of the reader-opening case.
const CORPUS: usize = 10_000;
/// Saves timed for the percentiles, of each kind.
const SAVES: usize = 1_000;

/// A synthetic article: six paragraphs of distinct sentences, about 3 KB.
fn article(i: usize) -> Article {
    let paragraphs: Vec<String> = (0..6)
        .map(|p| {
            (0..5)
                .map(|s| {
                    format!(
                        "Report {i} paragraph {p} sentence {s}: forces near sector {} moved {} \
                         vehicles towards the river crossing at dawn.",
                        (i * 7 + p * 3 + s) % 97,
                        (i + p + s) % 50
                    )
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    article_from_text(
        &format!("article-{i:05}"),
        &format!("Report {i}"),
        &paragraphs.join("\n\n"),
        None,
    )
}

/// A notebook file with `notes` notes on `articles`, filled through one import.
fn seeded(path: &Path, articles: &[Article], notes: usize) -> Notebook {
    let mut lines = String::from("{\"type\":\"header\",\"sitrep_notebook\":1}\n");
    for i in 0..notes {
        let a = &articles[i % articles.len()];
        let note = sitrep::notebook::Note {
            uid: format!("{i:032x}"),
            analyst: "ana".into(),
            anchor: Anchor::paragraph(a, i % a.paragraphs.len()),
            text: format!("note {i}: check this against the ministry's figures"),
            updated: "2026-12-01T00:00:00.000Z".into(),
        };
        let mut record = serde_json::to_value(&note).unwrap();
        record["type"] = "note".into();
        lines.push_str(&record.to_string());
        lines.push('\n');
    }
    let nb = Notebook::open(path, "ana").unwrap();
    nb.import(&mut lines.as_bytes(), None).unwrap();
    nb
}

fn percentiles(label: &str, mut times: Vec<Duration>) {
    times.sort_unstable();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!(
        "{label}: p50 {:.3} ms, p99 {:.3} ms, worst {:.3} ms over {} saves",
        at(0.50).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        times.len()
    );
}

fn saves(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let articles: Vec<Article> = (0..1_000).map(article).collect();
    let started = Instant::now();
    let nb = seeded(&dir.path().join("nb.sqlite"), &articles, NOTES);
    println!(
        "seeded {} notes in {:.1} s",
        nb.list_notes().unwrap().len(),
        started.elapsed().as_secs_f64()
    );
    let time = |f: &mut dyn FnMut(usize)| {
        (0..SAVES)
            .map(|i| {
                let t = Instant::now();
                f(i);
                t.elapsed()
            })
            .collect::<Vec<_>>()
    };
    let note = time(&mut |i| {
        let a = &articles[i % articles.len()];
        nb.add_note(&Anchor::paragraph(a, i % 6), "a new note")
            .unwrap();
    });
    percentiles("save a note, 100k notes held", note);
    let mark = time(&mut |i| {
        let a = &articles[i % articles.len()];
        nb.add_mark(&Anchor::paragraph(a, i % 6), "").unwrap();
    });
    percentiles("save a mark, 100k notes held", mark);
    let read = time(&mut |i| {
        nb.toggle_read(&articles[i % articles.len()]).unwrap();
    });
    percentiles("toggle read, 100k notes held", read);

    let mut g = c.benchmark_group("notebook_save_100k");
    g.sample_size(20).measurement_time(Duration::from_secs(4));
    let mut i = 0;
    g.bench_function("add_note", |b| {
        b.iter(|| {
            i += 1;
            let a = &articles[i % articles.len()];
            nb.add_note(&Anchor::paragraph(a, i % 6), "a new note")
                .unwrap()
        })
    });
    g.bench_function("add_mark", |b| {
        b.iter(|| {
            i += 1;
            let a = &articles[i % articles.len()];
            nb.add_mark(&Anchor::paragraph(a, i % 6), "").unwrap()
        })
    });
    g.finish();
}

fn opening(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let articles: Vec<Article> = (0..CORPUS).map(article).collect();
    let path = dir.path().join("nb.sqlite");
    {
        let nb = seeded(&path, &articles, CORPUS);
        for a in articles.iter().step_by(2) {
            nb.mark_read(a, true).unwrap();
        }
    }
    // The same corpus with every file renamed: ids no longer match, anchors go by text.
    let renamed: Vec<Article> = articles
        .iter()
        .map(|a| Article {
            id: format!("renamed-{}", a.id),
            ..a.clone()
        })
        .collect();
    let mut g = c.benchmark_group("notebook_open_10k");
    g.sample_size(10).measurement_time(Duration::from_secs(4));
    g.bench_function("open_and_list", |b| {
        b.iter(|| {
            let nb = Notebook::open(&path, "ana").unwrap();
            black_box((nb.list_notes().unwrap(), nb.read_state().unwrap()))
        })
    });
    let notes = Notebook::open(&path, "ana").unwrap().list_notes().unwrap();
    let state = Notebook::open(&path, "ana").unwrap().read_state().unwrap();
    g.bench_function("resolve_notes", |b| {
        b.iter(|| {
            let r = Resolver::new(&articles);
            notes
                .iter()
                .map(|n| r.resolve(&n.anchor))
                .filter(|p| p.article().is_some())
                .count()
        })
    });
    g.bench_function("resolve_notes_renamed", |b| {
        b.iter(|| {
            let r = Resolver::new(&renamed);
            notes
                .iter()
                .map(|n| r.resolve(&n.anchor))
                .filter(|p| p.article().is_some())
                .count()
        })
    });
    g.bench_function("unread_flags", |b| {
        b.iter(|| state.flags(&articles).iter().filter(|r| !**r).count())
    });
    g.finish();
}

criterion_group!(benches, saves, opening);
criterion_main!(benches);
