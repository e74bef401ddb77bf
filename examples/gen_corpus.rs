//! Writes a deterministic synthetic corpus for benchmarks and load tests:
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --articles 10000 --out /tmp/corpus10k [--seed 7]
//! ```
//!
//! The same seed and article count give byte-identical files. Articles come from the templates in
//! assets/bench_templates.toml, in every format sitrep reads, one folder per source; about 2% of
//! them carry hostile bytes (control sequences, bidi overrides, binary junk, very long words).

#[allow(dead_code)]
#[path = "gen_corpus/mod.rs"]
mod synth;

use clap::Parser;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Write a deterministic synthetic corpus.
#[derive(Parser, Debug)]
struct Args {
    /// Number of articles to write.
    #[arg(long, default_value_t = 1000)]
    articles: usize,
    /// Folder to write into; it must be missing or empty.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn check_empty(dir: &Path) -> Result<(), String> {
    match std::fs::read_dir(dir).map(|mut entries| entries.next().is_none()) {
        Ok(true) => Ok(()),
        Ok(false) => Err(format!(
            "{}: folder is not empty; give a new or empty folder",
            dir.display()
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("{}: {e}", dir.display())),
    }
}

fn run(args: &Args) -> Result<(), String> {
    check_empty(&args.out)?;
    let generator = synth::Generator::new(args.seed)?;
    let start = Instant::now();
    let s = generator
        .write(args.articles, &args.out)
        .map_err(|e| e.to_string())?;
    let secs = start.elapsed().as_secs_f64();
    println!(
        "gen_corpus: {} articles ({} hostile), {} files, {} bytes ({:.1} MB) in {} (seed {}, {:.2} s)",
        s.articles,
        s.hostile,
        s.files,
        s.bytes,
        s.bytes as f64 / 1e6,
        args.out.display(),
        args.seed,
        secs
    );
    Ok(())
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
