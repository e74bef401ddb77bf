//! Pipeline benchmarks (`cargo bench --bench pipeline`): loading and cleaning, entity matching,
//! date extraction, event detection, whole-corpus analysis, timeline and related passages, JSON
//! extract writing, and the reader: frames, wrapping, search, related passages on demand. The corpus is generated in-process by the same generator as
//! `examples/gen_corpus.rs`, so every run measures the same bytes. One case (`real_text`) reads
//! real news from the evaluation kit beside the repository, when it is there.
//!
//! Kept short (10 samples, a few seconds each): the build machine is shared.

#[allow(dead_code)]
#[path = "../examples/gen_corpus/mod.rs"]
mod synth;

#[allow(dead_code)]
#[path = "../examples/reader_kit/mod.rs"]
mod reader_kit;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use sitrep::analysis::{self, ArticleAnalysis, Vocab, dates, entities, events, related, timeline};
use sitrep::corpus::{self, Article, LoadOptions};
use sitrep::tui::filter::{self, SortKey};
use sitrep::tui::layout::Pane;
use sitrep::tui::wrap::{WrapCache, Wrapped};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

/// Articles in the benchmark corpus (about 1 MB of files).
const ARTICLES: usize = 200;
/// Seed of the benchmark corpus.
const SEED: u64 = 2024;
/// Size of the single large article.
const BIG_ARTICLE_BYTES: usize = 1 << 20;

fn vocab() -> Vocab {
    match Vocab::builtin() {
        Ok(v) => v,
        Err(e) => panic!("built-in vocabularies do not load: {e:#}"),
    }
}

fn generator() -> synth::Generator {
    match synth::Generator::new(SEED) {
        Ok(g) => g,
        Err(e) => panic!("{e}"),
    }
}

/// The benchmark corpus as clean articles, built without the loader.
fn clean_articles(g: &synth::Generator) -> Vec<Article> {
    g.articles(ARTICLES).iter().map(to_article).collect()
}

fn to_article(a: &synth::SynthArticle) -> Article {
    let mut article = corpus::article_from_text(&a.id, &a.title, &a.body(), a.published);
    article.source = Some(a.source.clone());
    article.section = a.section.clone();
    article.url = Some(a.url.clone());
    article
}

fn body_bytes(articles: &[Article]) -> u64 {
    articles.iter().map(|a| a.body.len() as u64).sum()
}

/// Files on disk → clean articles, on a generated corpus in a temporary folder.
fn bench_load(c: &mut Criterion) {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("cannot create a temporary folder: {e}"),
    };
    let summary = match generator().write(ARTICLES, dir.path()) {
        Ok(s) => s,
        Err(e) => panic!("cannot write the benchmark corpus: {e}"),
    };
    let paths: Vec<PathBuf> = vec![dir.path().to_path_buf()];
    let opts = LoadOptions::default();
    let mut group = c.benchmark_group("load");
    group.throughput(Throughput::Bytes(summary.bytes));
    eprintln!(
        "load: {} articles in {} files, {} bytes",
        summary.articles, summary.files, summary.bytes
    );
    group.bench_function(format!("{ARTICLES}_articles"), |b| {
        b.iter(|| corpus::load(black_box(&paths), &opts))
    });
    group.finish();
}

/// Compiling the matchers: paid once at every start-up.
fn bench_vocab(c: &mut Criterion) {
    c.bench_function("vocab/builtin", |b| b.iter(|| black_box(vocab())));
}

/// The benchmark corpus, cleaned, with each article analysed on its own.
fn analysed_corpus(vocab: &Vocab) -> (Vec<Article>, Vec<ArticleAnalysis>) {
    let articles = clean_articles(&generator());
    let analyses = articles
        .iter()
        .map(|a| analysis::analyze_article(a, vocab))
        .collect();
    (articles, analyses)
}

/// The per-article stages, one at a time, over the whole benchmark corpus.
fn bench_stages(c: &mut Criterion) {
    let vocab = vocab();
    let (articles, analyses) = analysed_corpus(&vocab);
    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(body_bytes(&articles)));
    group.bench_function("entities", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(entities::find_entities(a, &vocab.gazetteer));
            }
        })
    });
    group.bench_function("dates", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(dates::find_dates(a, &vocab.dates));
            }
        })
    });
    group.bench_function("events", |b| {
        b.iter(|| {
            for (a, an) in articles.iter().zip(&analyses) {
                black_box(events::detect_events(
                    a,
                    &an.entities,
                    &an.mentions,
                    &an.dates,
                    &vocab.events,
                ));
            }
        })
    });
    group.bench_function("analyze_article", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(analysis::analyze_article(a, &vocab));
            }
        })
    });
    group.finish();
}

/// Real news beside the repository: the WCEP development set of the evaluation kit (34,426
/// news summaries, `../shared/eval/wcep/dev.jsonl`), denser in names and events than the
/// synthetic corpus, analysed article by article as `stages/analyze_article` does, so the two
/// throughputs compare. The kit is not in the repository: without it the case is skipped.
fn bench_real_text(c: &mut Criterion) {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/eval/wcep/dev.jsonl"
    ));
    if !path.is_file() {
        eprintln!(
            "real_text: skipped, no {} (the evaluation kit beside the repository)",
            path.display()
        );
        return;
    }
    let vocab = vocab();
    let loaded = corpus::load(&[path], &LoadOptions::default());
    let articles = loaded.articles;
    let bytes = body_bytes(&articles);
    eprintln!(
        "real_text: wcep dev, {} articles, {bytes} bytes of clean text",
        articles.len()
    );
    let mut group = c.benchmark_group("real_text");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("wcep_dev/analyze_article", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(analysis::analyze_article(a, &vocab));
            }
        })
    });
    group.finish();
}

/// The whole analysis of the corpus (parallel per-article stages, then the corpus views), and
/// one very large article.
fn bench_analysis(c: &mut Criterion) {
    let vocab = vocab();
    let g = generator();
    let articles = clean_articles(&g);
    let mut group = c.benchmark_group("analysis");
    group.throughput(Throughput::Bytes(body_bytes(&articles)));
    group.bench_function(format!("analyze_{ARTICLES}_articles"), |b| {
        b.iter_batched(
            || articles.clone(),
            |batch| analysis::analyze(batch, &vocab),
            BatchSize::LargeInput,
        )
    });
    let big = to_article(&g.big_article(BIG_ARTICLE_BYTES));
    group.throughput(Throughput::Bytes(big.body.len() as u64));
    group.bench_function("analyze_article_1MB", |b| {
        b.iter(|| analysis::analyze_article(black_box(&big), &vocab))
    });
    group.finish();
}

/// Corpus-wide views built from the per-article analyses.
fn bench_corpus_views(c: &mut Criterion) {
    let vocab = vocab();
    let (articles, analyses) = analysed_corpus(&vocab);
    let mut group = c.benchmark_group("corpus_views");
    group.bench_function("timeline", |b| {
        b.iter(|| timeline::build_timeline(black_box(&articles), &analyses))
    });
    group.bench_function("related", |b| {
        b.iter(|| related::build_related(black_box(&articles), &analyses))
    });
    group.finish();
}

/// `sitrep extract --format json` output, written to memory.
fn bench_extract(c: &mut Criterion) {
    let vocab = vocab();
    let analysis = analysis::analyze(clean_articles(&generator()), &vocab);
    let mut out = Vec::new();
    if let Err(e) = sitrep::extract::write_json(&analysis, &mut out, false) {
        panic!("extract failed: {e}");
    }
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(out.len() as u64));
    group.bench_function("write_json", |b| {
        b.iter(|| {
            let mut buf = Vec::with_capacity(out.len());
            let written = sitrep::extract::write_json(black_box(&analysis), &mut buf, false);
            black_box((written.is_ok(), buf.len()))
        })
    });
    group.finish();
}

/// `sitrep brief` with no filter: every event of the corpus becomes a line, and every acting
/// entity a candidate key actor (looked up among the corpus entities), written as Markdown.
fn bench_brief(c: &mut Criterion) {
    let vocab = vocab();
    let analysis = analysis::analyze(clean_articles(&generator()), &vocab);
    let opts = sitrep::briefing::BriefOptions {
        format: sitrep::briefing::BriefFormat::Markdown,
        entities: Vec::new(),
        kinds: Vec::new(),
        since: None,
        until: None,
        width: 80,
    };
    let mut group = c.benchmark_group("brief");
    group.bench_function("whole_corpus", |b| {
        b.iter(|| {
            let mut buf = Vec::new();
            let written = sitrep::briefing::write_brief(black_box(&analysis), &opts, &mut buf);
            black_box((written.is_ok(), buf.len()))
        })
    });
    group.finish();
}

/// The reader (src/tui) on the benchmark corpus plus the 1 MB article: one frame of each pane
/// at 80×24 and 200×60 on that article (TestBackend), wrapping it cold at 80 and 200 columns and
/// from the wrap cache, a corpus search, the related passages of one passage on demand. Prints
/// the bytes a crossterm backend writes for a one-line scroll at 80×24.
fn bench_reader(c: &mut Criterion) {
    let vocab = vocab();
    let g = generator();
    let mut articles = clean_articles(&g);
    articles.push(to_article(&g.big_article(BIG_ARTICLE_BYTES)));
    let an = std::sync::Arc::new(analysis::analyze(articles, &vocab));
    let big = reader_kit::largest_article(&an);
    let (first, scroll) = reader_kit::scroll_bytes(&an, big, 80, 24);
    eprintln!("reader: 80x24, first frame {first} bytes, one-line scroll {scroll} bytes");
    let mut group = c.benchmark_group("reader");
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        for pane in Pane::ALL {
            let app = reader_kit::app_on(&an, big, pane, w, h);
            let mut terminal = reader_kit::test_terminal(w, h);
            let name = format!("frame/{}/{w}x{h}", pane.title().to_lowercase());
            group.bench_function(name, |b| {
                b.iter(|| reader_kit::frame(&mut terminal, black_box(&app)))
            });
        }
    }
    let article = &an.articles[big];
    group.throughput(Throughput::Bytes(article.body.len() as u64));
    for w in [80usize, 200] {
        group.bench_function(format!("wrap/1MB/{w}_cold"), |b| {
            b.iter(|| Wrapped::new(black_box(article), w))
        });
    }
    let mut cache = WrapCache::default();
    group.bench_function("wrap/1MB/80_cached", |b| {
        b.iter(|| cache.get(big, black_box(article), 80))
    });
    group.throughput(Throughput::Bytes(
        an.articles.iter().map(|a| a.body.len() as u64).sum(),
    ));
    group.bench_function("search/corpus", |b| {
        b.iter(|| filter::article_rows(&an, None, Some(black_box("air defence")), SortKey::Date))
    });
    group.throughput(Throughput::Elements(1));
    let config = match related::RelatedConfig::builtin() {
        Ok(c) => c,
        Err(e) => panic!("related config: {e:#}"),
    };
    let index = related::RelatedIndex::build(&an.articles, &an.analyses, &config);
    let keep = config.limits.keep;
    let mut passage = 0usize;
    group.bench_function("related/one", |b| {
        b.iter(|| {
            // A different passage of the first article each time, so no one passage is favoured.
            let n = an.articles[0].paragraphs.len().max(1);
            passage = (passage + 1) % n;
            related::related_for(&index, 0, black_box(passage), keep)
        })
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = pipeline;
    config = config();
    targets = bench_load, bench_vocab, bench_stages, bench_real_text, bench_analysis, bench_corpus_views,
        bench_extract, bench_brief, bench_reader
}
criterion_main!(pipeline);
