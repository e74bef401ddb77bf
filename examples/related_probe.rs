//! How the cost of one related-passages query grows with the corpus (BENCHMARKS.md):
//!
//! ```sh
//! cargo run --release --example related_probe -- /tmp/corpus10k [QUERIES]
//! ```
//!
//! Loads and analyses the folder, then answers, on one thread and in corpus order as `extract`
//! does, every passage of consecutive articles until QUERIES passages (default 20,000), seven
//! times from seven places in the corpus, and prints the microseconds per query (best and
//! median round): the same number of queries at every corpus size, so that the figures of two
//! sizes compare the cost of one query.

use sitrep::analysis::{self, Vocab, related};
use sitrep::corpus::{self, LoadOptions};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Sweeps over the same queries; the best is the least disturbed by the rest of the machine.
const ROUNDS: usize = 7;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: related_probe DIR [QUERIES]");
        return ExitCode::FAILURE;
    };
    let queries: usize = args
        .next()
        .and_then(|q| q.to_str()?.parse().ok())
        .unwrap_or(20_000);
    let vocab = match Vocab::builtin() {
        Ok(v) => v,
        Err(e) => {
            eprintln!("related_probe: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    let loaded = corpus::load(std::slice::from_ref(&dir), &LoadOptions::default());
    let an = analysis::analyze(loaded.articles, &vocab);
    let n = an.articles.len();
    let keep = an.related.config().limits.keep;
    // Round r answers every passage of consecutive articles from r/(ROUNDS+1) of the corpus on,
    // in order as `extract` does: each round reads parts of the index no other round read.
    let block = |r: usize| -> Vec<(usize, usize)> {
        (n * (r + 1) / (ROUNDS + 1)..n)
            .flat_map(|a| (0..an.articles[a].paragraphs.len()).map(move |p| (a, p)))
            .take(queries)
            .collect()
    };
    let (mut found, mut asked) = (0usize, 0usize);
    let mut runs: Vec<f64> = (0..ROUNDS)
        .map(|r| {
            let picks = block(r);
            let t = Instant::now();
            found += picks
                .iter()
                .map(|&(a, p)| related::related_for(&an.related, a, p, keep).len())
                .sum::<usize>();
            asked += picks.len();
            t.elapsed().as_secs_f64() * 1e6 / picks.len().max(1) as f64
        })
        .collect();
    runs.sort_by(f64::total_cmp);
    println!(
        "{} passages in {n} articles: {} queries a round, µs per query: best {:.2}, median {:.2} of {ROUNDS} rounds; {:.2} found per query",
        an.related.len(),
        asked / ROUNDS,
        runs[0],
        runs[ROUNDS / 2],
        found as f64 / asked.max(1) as f64
    );
    std::mem::forget(an);
    ExitCode::SUCCESS
}
