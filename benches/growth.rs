//! Growth benchmarks (`cargo bench --bench growth`): hostile and odd inputs at doubling sizes,
//! so that a stage whose cost grows faster than its input shows as a ratio above about 2 from
//! one size to the next. BENCHMARKS.md ("Growth") keeps the ratios measured.
//!
//! Cases: one sentence of triggers and entities with no full stop; a trigger repeated; many
//! undated events of one article (the timeline); gazetteer names mixed with unknown names; many
//! one-file sources (the briefing); `&` with no `;`, deep nesting and stray end tags in HTML; JSON
//! nested deep; date-like tokens; one line of ordinary sentences.
//!
//! Kept short (10 samples, a few seconds each): the build machine is shared.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sitrep::analysis::{self, Vocab, dates, entities};
use sitrep::briefing::{self, BriefFilter};
use sitrep::corpus::{self, Article, LoadOptions};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

/// A case: its name, how to make its input of a size, and three doubling sizes.
type Case = (&'static str, fn(usize) -> String, [usize; 3]);
/// A file case: its name, the file's extension, how to make it of a size, three sizes.
type FileCase = (&'static str, &'static str, fn(usize) -> String, [usize; 3]);

fn vocab() -> Vocab {
    match Vocab::builtin() {
        Ok(v) => v,
        Err(e) => panic!("built-in vocabularies do not load: {e:#}"),
    }
}

fn article(body: &str) -> Article {
    corpus::article_from_text("growth", "Growth", body, None)
}

/// `unit` repeated to `bytes` bytes (cut on a character boundary).
fn repeat_to(unit: &str, bytes: usize) -> String {
    let mut s = unit.repeat(bytes / unit.len() + 1);
    let mut end = bytes.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

/// One sentence of `kb` KB with triggers and entities and no full stop (a table, a list).
pub fn long_sentence(kb: usize) -> String {
    repeat_to(
        "Malian troops attacked Algerian positions near Kidal and JNIM fighters shelled Gao, ",
        kb << 10,
    )
}

/// `n` undated sentences reporting the same kind of event.
pub fn undated_events(n: usize) -> String {
    "Troops attacked the village. ".repeat(n)
}

/// `n` sentences, each with gazetteer names and a name the gazetteer lacks.
pub fn mixed_names(n: usize) -> String {
    (0..n)
        .map(|i| {
            let unknown = ["Quorble", "Blavon", "Morvel", "Trequist"][i % 4];
            format!("Mali met {unknown} Zentrix in Niger with the University of Gao. ")
        })
        .collect()
}

/// `n` date-like tokens: numbers, years, months and slashes that mostly make no date.
pub fn date_tokens(n: usize) -> String {
    let tokens = [
        "12",
        "May",
        "2024",
        "3/4",
        "1999-13-45",
        "on",
        "Monday",
        "45%",
        "03.05",
    ];
    (0..n)
        .map(|i| tokens[i % tokens.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// The event analysis of one article: entities, dates, events.
fn bench_article(c: &mut Criterion) {
    let vocab = vocab();
    let mut group = c.benchmark_group("growth_article");
    let cases: [Case; 3] = [
        ("sentence_kb", long_sentence, [40, 80, 160]),
        (
            "attack_times",
            |n| "attack ".repeat(n),
            [250_000, 500_000, 1_000_000],
        ),
        (
            "line_kb",
            |kb| {
                repeat_to(
                    "The army said on Monday that troops had attacked a base near Gao. Talks resumed in Algiers. ",
                    kb << 10,
                )
            },
            [2048, 4096, 8192],
        ),
    ];
    for (name, make, sizes) in cases {
        for n in sizes {
            let a = article(&make(n));
            group.throughput(Throughput::Bytes(a.body.len() as u64));
            group.bench_with_input(BenchmarkId::new(name, n), &a, |b, a| {
                b.iter(|| black_box(analysis::analyze_article(a, &vocab).events.len()))
            });
        }
    }
    group.finish();
}

/// Entity and date finding alone.
fn bench_finders(c: &mut Criterion) {
    let vocab = vocab();
    let mut group = c.benchmark_group("growth_finders");
    for n in [40_000, 80_000, 160_000] {
        let a = article(&mixed_names(n / 4));
        group.bench_with_input(BenchmarkId::new("mixed_names", n), &a, |b, a| {
            b.iter(|| black_box(entities::find_entities(a, &vocab.gazetteer).len()))
        });
    }
    for n in [50_000, 100_000, 200_000] {
        let a = article(&date_tokens(n));
        group.bench_with_input(BenchmarkId::new("date_tokens", n), &a, |b, a| {
            b.iter(|| black_box(dates::find_dates(a, &vocab.dates).len()))
        });
    }
    group.finish();
}

/// Corpus-wide views: the timeline of one article's many undated events, the briefing of many
/// one-file sources.
fn bench_corpus(c: &mut Criterion) {
    let vocab = vocab();
    let mut group = c.benchmark_group("growth_corpus");
    for n in [20_000, 40_000, 80_000] {
        let articles = vec![article(&undated_events(n))];
        group.bench_with_input(BenchmarkId::new("undated_events", n), &articles, |b, a| {
            b.iter(|| black_box(analysis::analyze(a.clone(), &vocab).timeline.len()))
        });
    }
    for n in [12_500, 25_000, 50_000] {
        let articles: Vec<Article> = (0..n)
            .map(|i| {
                let mut a = corpus::article_from_text(
                    &format!("s{i:06}"),
                    "Report",
                    "Troops attacked the village of Boni on 3 May 2024.",
                    None,
                );
                a.source = Some(format!("Source {i}"));
                a
            })
            .collect();
        let analysis = analysis::analyze(articles, &vocab);
        group.bench_with_input(BenchmarkId::new("sources_brief", n), &analysis, |b, a| {
            b.iter(|| black_box(briefing::build(a, &BriefFilter::default()).sources.len()))
        });
    }
    group.finish();
}

/// Files through the loader: HTML and JSON shapes that once grew faster than their size.
fn bench_loader(c: &mut Criterion) {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("cannot create a temporary folder: {e}"),
    };
    let opts = LoadOptions::default();
    let mut group = c.benchmark_group("growth_loader");
    let cases: [FileCase; 4] = [
        (
            "html_amp",
            "html",
            |n| format!("<html><body><p>{}</p></body></html>", "a & b ".repeat(n)),
            [200_000, 400_000, 800_000],
        ),
        (
            "html_nested",
            "html",
            |n| format!("<html><body>{}</body></html>", "<div>text ".repeat(n)),
            [25_000, 50_000, 100_000],
        ),
        (
            "html_stray_ends",
            "html",
            |n| format!("<html><body><p>text {}</p></body></html>", "</b>".repeat(n)),
            [25_000, 50_000, 100_000],
        ),
        (
            "json_nested",
            "json",
            |n| format!("{}1{}", "[".repeat(n), "]".repeat(n)),
            [25_000, 50_000, 100_000],
        ),
    ];
    for (name, ext, make, sizes) in cases {
        for n in sizes {
            let path = dir.path().join(format!("{name}-{n}.{ext}"));
            if let Err(e) = std::fs::write(&path, make(n)) {
                panic!("cannot write {}: {e}", path.display());
            }
            let paths: Vec<PathBuf> = vec![path];
            group.bench_with_input(BenchmarkId::new(name, n), &paths, |b, p| {
                b.iter(|| black_box(corpus::load(p, &opts).articles.len()))
            });
        }
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = growth;
    config = config();
    targets = bench_article, bench_finders, bench_corpus, bench_loader
}
criterion_main!(growth);
