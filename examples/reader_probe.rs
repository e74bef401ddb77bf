//! The reader's budgets on a real corpus folder (BENCHMARKS.md), with a breakdown of start-up:
//!
//! ```sh
//! cargo run --release --example reader_probe -- /tmp/corpus10k
//! ```
//!
//! Prints, in milliseconds of wall time: compiling the vocabularies, loading, the per-article
//! analysis, the corpus views (entities, timeline, related), the reader's first frame at 200×60
//! on the articles of the first files read (the reader opens on them: vocabularies, those files
//! and that frame are start-up to the first frame, without process start and terminal set-up), on
//! every article before analysis, and when the analysis is complete; then the
//! median and worst of repeated frames of each pane at 200×60 on the largest article, wrapping it
//! cold, corpus searches, the keys that rebuild both lists (`s`, `f`, and the reader taking the
//! analysis when it ends), related passages of single passages on demand, and the bytes written
//! for a one-line scroll at 80×24.

#[allow(dead_code)]
#[path = "reader_kit/mod.rs"]
mod reader_kit;

use sitrep::analysis::{self, ArticleAnalysis, Vocab, related, timeline};
use sitrep::corpus::{self, LoadOptions};
use sitrep::tui::filter::{self, SortKey};
use sitrep::tui::layout::Pane;
use sitrep::tui::stage::{PREVIEW_FILES, Snapshot, Step, bare};
use sitrep::tui::wrap::Wrapped;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Median and maximum of `runs` timings of `f`, in milliseconds.
fn timed<T>(runs: usize, mut f: impl FnMut(usize) -> T) -> (f64, f64) {
    median_worst(
        (0..runs.max(1))
            .map(|i| {
                let t = Instant::now();
                std::hint::black_box(f(i));
                ms(t.elapsed())
            })
            .collect(),
    )
}

/// Median and maximum of timings (not empty).
fn median_worst(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[v.len() - 1])
}

/// The reader over `an` with the built-in configuration, in true colour.
fn reader_over(an: &Arc<analysis::Analysis>) -> sitrep::tui::app::App {
    sitrep::tui::app::App::new(
        Arc::clone(an),
        sitrep::tui::config::Config::builtin(sitrep::tui::ColorMode::TrueColor),
    )
}

/// How long the reader takes to be built over `an` and draw its first frame at 200×60.
fn first_frame(an: &Arc<analysis::Analysis>) -> Duration {
    let t = Instant::now();
    let mut app = reader_over(an);
    app.resize(200, 60);
    let mut terminal = reader_kit::test_terminal(200, 60);
    reader_kit::frame(&mut terminal, &app);
    t.elapsed()
}

/// Time for a reader over the bare articles `bare` to go on over their analysis `an`
/// (`App::take_stage`, as when the analysis arrives), in milliseconds.
fn taking_the_analysis(bare: &Arc<analysis::Analysis>, an: &Arc<analysis::Analysis>) -> f64 {
    let mut app = reader_over(bare);
    let t = Instant::now();
    app.take_stage(&Snapshot {
        analysis: Arc::clone(an),
        step: Step::Analysed,
    });
    let took = ms(t.elapsed());
    drop(app);
    took
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: reader_probe DIR");
        return ExitCode::from(2);
    };
    let t0 = Instant::now();
    let vocab = match Vocab::builtin() {
        Ok(v) => v,
        Err(e) => {
            eprintln!("reader_probe: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    let t_vocab = t0.elapsed();
    // As the reader loads: the first files' articles are handed on while the others load.
    let mut preview = None;
    let loaded = corpus::load_previewing(
        std::slice::from_ref(&dir),
        &LoadOptions::default(),
        PREVIEW_FILES,
        |e| {
            if let corpus::LoadEvent::Preview(p) = e {
                preview = Some((t0.elapsed(), p));
            }
        },
    );
    let t_load = t0.elapsed();
    if loaded.articles.is_empty() {
        eprintln!("reader_probe: no article in {}", dir.display());
        return ExitCode::FAILURE;
    }
    let articles = loaded.articles;
    let per_article: Vec<ArticleAnalysis> = {
        use rayon::prelude::*;
        articles
            .par_iter()
            .map(|a| analysis::analyze_article(a, &vocab))
            .collect()
    };
    let t_stages = t0.elapsed();
    let tl = timeline::build_timeline(&articles, &per_article);
    let t_timeline = t0.elapsed();
    let rel = related::build_related(&articles, &per_article);
    let t_related = t0.elapsed();
    drop((tl, rel, per_article));
    // The reader gets the whole analysis as the command line builds it.
    let t1 = Instant::now();
    let an = Arc::new(analysis::analyze(articles, &vocab));
    let t_analyze = t1.elapsed();
    let t_frame = first_frame(&an);
    let body: usize = an.articles.iter().map(|a| a.body.len()).sum();
    println!(
        "corpus: {} articles, {:.1} MB of clean body text",
        an.articles.len(),
        body as f64 / 1e6
    );
    println!(
        "start-up, ms: vocabularies {:.0}, loading {:.0}, per-article analysis {:.0}, timeline {:.0}, related {:.0}",
        ms(t_vocab),
        ms(t_load - t_vocab),
        ms(t_stages - t_load),
        ms(t_timeline - t_stages),
        ms(t_related - t_timeline)
    );
    println!(
        "  analysis::analyze (all of it again) {:.0} ms; App::new + first frame 200x60 {:.1} ms",
        ms(t_analyze),
        ms(t_frame)
    );
    // The reader opens on the first files' articles, then goes on over all of them, bare, and
    // takes the analysis when it ends.
    if let Some((t_preview, p)) = preview {
        let t_first = first_frame(&Arc::new(bare(p.articles.into())));
        println!(
            "  start-up to first frame (vocabularies + the first {} of {} files + App::new on their articles + first frame): {:.0} ms",
            p.files_read,
            p.files,
            ms(t_preview + t_first)
        );
    }
    let t_early = first_frame(&Arc::new(bare(an.articles.clone())));
    println!(
        "  every article listed (vocabularies + loading + App::new on the bare articles + first frame): {:.0} ms",
        ms(t_load + t_early)
    );
    println!(
        "  analysis complete (vocabularies + loading + analyze + first frame): {:.0} ms",
        ms(t_load + t_analyze + t_frame)
    );

    let big = reader_kit::largest_article(&an);
    let big_len = an.articles[big].body.len();
    println!("largest article: #{big}, {big_len} bytes");
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        for pane in Pane::ALL {
            let app = reader_kit::app_on(&an, big, pane, w, h);
            let mut terminal = reader_kit::test_terminal(w, h);
            // The first frame into a fresh terminal repaints every cell; those after it draw
            // the same screen again, as a frame does when a key changed nothing but a line.
            let (full, _) = timed(1, |_| reader_kit::frame(&mut terminal, &app));
            let (med, max) = timed(50, |_| reader_kit::frame(&mut terminal, &app));
            println!(
                "  frame {:<9} {w}x{h}: median {med:.3} ms, worst {max:.3} ms; the first, a full repaint, {full:.3} ms",
                pane.title()
            );
        }
    }
    for w in [80usize, 200] {
        let (med, max) = timed(5, |_| Wrapped::new(&an.articles[big], w));
        println!("  wrap cold at {w} columns: median {med:.2} ms, worst {max:.2} ms");
    }
    for q in ["drone", "air defence", "Tinzaouatène", "zzzz"] {
        let mut hits = 0;
        let (med, max) = timed(5, |_| {
            hits = filter::article_rows(&an, None, Some(q), SortKey::Date).len();
        });
        println!("search {q:?} ({hits} articles): median {med:.1} ms, worst {max:.1} ms");
    }
    // `s` sorts both lists again (and `f`, with its filter); so does the reader when the
    // analysis arrives, in the frame that answers the key pressed then.
    for sort in [SortKey::Date, SortKey::Severity, SortKey::Source] {
        let (med, max) = timed(5, |_| {
            (
                filter::article_rows(&an, None, None, sort),
                filter::timeline_rows(&an, None, sort),
            )
        });
        println!(
            "both lists sorted by {}: median {med:.1} ms, worst {max:.1} ms",
            sort.label()
        );
    }
    // `f` on the entity mentioned most: the filter reads every article and timeline item.
    if let Some(e) = an.entities.first() {
        let by = filter::Filter::entity(&an, &e.name);
        let (med, max) = timed(5, |_| {
            (
                filter::article_rows(&an, Some(&by), None, SortKey::Date),
                filter::timeline_rows(&an, Some(&by), SortKey::Date),
            )
        });
        println!(
            "both lists filtered by {:?}: median {med:.1} ms, worst {max:.1} ms",
            e.name.as_str()
        );
    }
    let bare = Arc::new(bare(an.articles.clone()));
    let (med, max) = median_worst((0..5).map(|_| taking_the_analysis(&bare, &an)).collect());
    println!(
        "the reader taking the analysis (App::take_stage): median {med:.1} ms, worst {max:.1} ms"
    );
    let config = match related::RelatedConfig::builtin() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("reader_probe: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    let t3 = Instant::now();
    let index = related::RelatedIndex::build(&an.articles, &an.analyses, &config);
    let t_index = t3.elapsed();
    // Passages spread over the corpus: every n-th article, its middle paragraph.
    let step = (an.articles.len() / 500).max(1);
    let picks: Vec<(usize, usize)> = (0..an.articles.len())
        .step_by(step)
        .map(|a| (a, an.articles[a].paragraphs.len() / 2))
        .collect();
    let (med, max) = timed(picks.len(), |i| {
        let (a, p) = picks[i];
        related::related_for(&index, a, p, config.limits.keep)
    });
    println!(
        "related: index {:.0} ms ({} passages); one passage on demand over {} passages: median {med:.3} ms, worst {max:.3} ms",
        ms(t_index),
        index.len(),
        picks.len()
    );
    let (first, scroll) = reader_kit::scroll_bytes(&an, big, 80, 24);
    println!("terminal bytes at 80x24: first frame {first}, one-line scroll {scroll}");
    ExitCode::SUCCESS
}
