//! The command line: parse, load, analyse, pick a view, map failures to exit codes
//! (0 something loaded, 1 nothing could be loaded, 2 usage error).

use crate::analysis::{self, Analysis, EventKind, Family, Vocab};
use crate::briefing::{self, BriefFormat, BriefOptions};
use crate::corpus::sanitize::display_path;
use crate::corpus::{self, Article, Corpus, LoadOptions};
use crate::date::DateValue;
use crate::notebook::cli::{NotebookArgs, NotesCommand};
use crate::tui::stage::Stage;
use crate::tui::{self, ColorMode, TuiOptions};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;

/// sitrep: a terminal briefing reader for a developing crisis.
///
/// Loads a folder of articles (.txt, .md, .html, .json, .jsonl, feeds in .rss, .atom or .xml, and
/// .pdf reports), marks up entities and escalation events, and opens a keyboard-driven reader.
/// With no PATH, opens the bundled sample corpus.
#[derive(Parser, Debug)]
#[command(name = "sitrep", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Files or folders to open (folders are walked recursively). Default: the bundled seeds.
    pub paths: Vec<PathBuf>,

    // Shared by every command that loads articles, listed under their own heading.
    #[command(flatten, next_help_heading = "Loading")]
    pub load: LoadArgs,

    /// Colour depth of the reader: auto follows the terminal; NO_COLOR in the environment means
    /// never. (The reader's alone: extract and brief print no colour.)
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    /// Reader configuration file (default: $XDG_CONFIG_HOME/sitrep/config.toml).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(flatten, next_help_heading = "Notebook")]
    pub notebook: NotebookArgs,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print the articles and their analysis as JSON (the evaluation schema).
    Extract {
        /// Files or folders to read. Default: the bundled seeds.
        paths: Vec<PathBuf>,
        /// What to print.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
        /// Indent the json document for reading (default: compact, one line).
        #[arg(long)]
        pretty: bool,
        /// Add the analyst's notebook (notes and marks with where they lie now, assessments,
        /// read articles, saved views): a `notebook` member, or a last jsonl line.
        #[arg(long)]
        notes: bool,
    },
    /// Print a briefing: bottom line, key actors, events by family, timeline, warnings,
    /// proposals, chart, sources.
    #[command(after_help = kinds_help())]
    Brief(BriefArgs),
    /// The analyst's notebook: export it as JSON lines, or import such lines.
    Notes {
        #[command(subcommand)]
        action: NotesCommand,
    },
}

#[derive(Args, Clone, Debug)]
pub struct LoadArgs {
    /// Skip files larger than this many bytes (suffixes K, M, G accepted; at most 1G).
    #[arg(long, value_name = "BYTES", default_value = "16M", value_parser = parse_size, global = true)]
    pub max_file_size: u64,
    /// Follow symbolic links (loops are detected and skipped).
    #[arg(long, global = true)]
    pub follow_links: bool,
    /// A gazetteer TOML file whose entries are added to (or replace) the built-in ones.
    #[arg(long, value_name = "FILE", global = true)]
    pub gazetteer: Option<PathBuf>,
    /// A folder of user vocabulary files laid over the built-in ones: gazetteer.toml,
    /// events.toml, dates.toml, related.toml, debris.toml (each optional; same layout as the
    /// files in the project's assets/). Default: the folder of the config file
    /// ($XDG_CONFIG_HOME/sitrep/), when it exists.
    #[arg(long, value_name = "DIR", global = true)]
    pub vocab: Option<PathBuf>,
}

impl LoadArgs {
    /// The user vocabulary folder: `--vocab DIR`, else the config folder when it exists.
    fn vocab_dir(&self) -> Option<PathBuf> {
        self.vocab.clone().or_else(|| {
            crate::tui::config::default_path()
                .and_then(|p| p.parent().map(PathBuf::from))
                .filter(|d| d.is_dir())
        })
    }

    /// The user's debris patterns, `debris.toml` in the vocabulary folder.
    fn debris_file(&self) -> Option<PathBuf> {
        self.vocab_dir()
            .map(|d| d.join("debris.toml"))
            .filter(|p| p.is_file())
    }
}

#[derive(Args, Debug)]
pub struct BriefArgs {
    /// Files or folders to read. Default: the bundled seeds.
    pub paths: Vec<PathBuf>,
    /// What to print.
    #[arg(long, value_enum, default_value_t = BriefFormatArg::Md)]
    pub format: BriefFormatArg,
    /// Wrap text at this width (default: the terminal's width, else 80).
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
    /// Keep events involving this entity (acting, targeted or mentioned in the event's sentence)
    /// or what the gazetteer nests under it (a capital, an army): its name, a gazetteer alias or
    /// any text the corpus mentions it by, in any case, with or without accents; repeatable.
    #[arg(long = "entity", value_name = "NAME")]
    pub entities: Vec<String>,
    /// Keep events of this kind (e.g. airstrike, deployment; listed below); repeatable.
    #[arg(long = "kind", value_name = "KIND", value_parser = parse_kind)]
    pub kinds: Vec<EventKind>,
    /// Keep events that may fall on or after this date (YYYY, YYYY-MM or YYYY-MM-DD); an event
    /// dated 2024 is kept by --since 2024-06. Undated events are left out.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<DateValue>,
    /// Keep events that may fall on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<DateValue>,
    /// Use the analyst's assessments (dismissed events left out, corrections applied) and add
    /// an "Analyst notes" section.
    #[arg(long)]
    pub notes: bool,
    /// Keep only the articles the analyst has not read.
    #[arg(long)]
    pub unread: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ExtractFormat {
    /// One JSON document: the articles, their analysis and the corpus's.
    Json,
    /// JSON lines: one line per article, then one line for the corpus.
    Jsonl,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum BriefFormatArg {
    /// Markdown, to paste into a report.
    Md,
    /// Plain text wrapped to --width, to read in the terminal.
    Text,
    /// The briefing's sections as one JSON document, for other tools.
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ColorArg {
    Auto,
    #[value(name = "16")]
    C16,
    #[value(name = "256")]
    C256,
    Truecolor,
    Never,
}

fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let (digits, mult) = match t.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let mult = match c.to_ascii_uppercase() {
                'K' => 1 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                _ => return Err(format!("unknown size suffix '{c}' (use K, M or G)")),
            };
            (&t[..i], mult)
        }
        _ => (t, 1),
    };
    let n: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a size in bytes"))?;
    n.checked_mul(mult)
        .ok_or_else(|| format!("'{text}' is too large"))
}

/// Widest line of the kinds list in `sitrep brief --help`.
const HELP_WIDTH: usize = 80;

/// The event kinds `--kind` accepts, grouped by family, wrapped to [`HELP_WIDTH`] columns:
/// `  violence         armed_clash, airstrike, ...`.
pub fn kinds_help() -> String {
    let label_w = Family::ALL
        .iter()
        .map(|f| f.as_str().len())
        .max()
        .unwrap_or(0);
    let indent = 2 + label_w + 2;
    let mut out = String::from("Event kinds (--kind), by family:\n");
    for family in Family::ALL {
        let mut line = format!("  {:<label_w$}  ", family.as_str());
        let kinds: Vec<&str> = EventKind::ALL
            .iter()
            .filter(|k| k.family() == *family)
            .map(|k| k.as_str())
            .collect();
        for (i, kind) in kinds.iter().enumerate() {
            let word = if i + 1 < kinds.len() {
                format!("{kind},")
            } else {
                kind.to_string()
            };
            let at_start = line.len() == indent;
            if !at_start && line.len() + 1 + word.len() > HELP_WIDTH {
                out.push_str(line.trim_end());
                out.push('\n');
                line = " ".repeat(indent);
            } else if !at_start {
                line.push(' ');
            }
            line.push_str(&word);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str("disaster is context only: it never counts as escalation.");
    out
}

fn parse_kind(text: &str) -> Result<EventKind, String> {
    EventKind::parse(text).ok_or_else(|| {
        let all: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
        format!(
            "unknown event kind '{text}'; known kinds: {}",
            all.join(", ")
        )
    })
}

fn parse_date(text: &str) -> Result<DateValue, String> {
    DateValue::parse_iso(text)
        .ok_or_else(|| format!("'{text}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"))
}

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) if reader_went_away(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sitrep: {}", corpus::sanitize(&format!("{e:#}")));
            ExitCode::from(1)
        }
    }
}

/// True when the error is a write to a pipe whose reader has closed it, as in
/// `sitrep extract | head`: the reader has what it asked for, so this is no failure.
fn reader_went_away(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Loads the corpus; with files left to read after the first `first_files`, reports their
/// articles and the progress of the others to `report` meanwhile.
fn load_corpus(
    paths: &[PathBuf],
    args: &LoadArgs,
    first_files: usize,
    report: &mut dyn FnMut(corpus::LoadEvent),
) -> Corpus {
    if paths.is_empty() {
        return corpus::load_seeds();
    }
    let opts = LoadOptions {
        max_file_size: args.max_file_size,
        follow_links: args.follow_links,
        debris_file: args.debris_file(),
        ..LoadOptions::default()
    };
    corpus::load_previewing(paths, &opts, first_files, report)
}

fn check_vocab_dir(args: &LoadArgs) -> anyhow::Result<()> {
    match &args.vocab {
        Some(dir) if !dir.is_dir() => anyhow::bail!("--vocab {}: not a folder", display_path(dir)),
        _ => Ok(()),
    }
}

fn compile_vocab(args: &LoadArgs) -> anyhow::Result<Vocab> {
    Vocab::with_user_files(args.vocab_dir().as_deref(), args.gazetteer.as_deref())
}

/// Loads the articles and the vocabularies, reporting skipped files on stderr. `None` when
/// nothing loaded.
fn load_with_vocab(
    paths: &[PathBuf],
    args: &LoadArgs,
) -> anyhow::Result<Option<(Vec<Article>, Vocab)>> {
    check_vocab_dir(args)?;
    // Compiling the vocabularies (mostly single-threaded automata) overlaps the loading.
    let (vocab, corpus) = rayon::join(
        || compile_vocab(args),
        || load_corpus(paths, args, 0, &mut drop),
    );
    let vocab = vocab?;
    for skipped in &corpus.skipped {
        eprintln!("{skipped}");
    }
    if corpus.articles.is_empty() {
        eprintln!("sitrep: no article could be loaded");
        return Ok(None);
    }
    Ok(Some((corpus.articles, vocab)))
}

/// Opens the reader as soon as the first files are read, on their articles; then it goes on
/// over every article, then over their analysis (see [`Stage`]). The vocabularies compile here
/// meanwhile, so that a broken one is reported before the terminal is touched; skipped files are
/// reported once the reader has closed.
fn read_while_loading(
    paths: Vec<PathBuf>,
    args: LoadArgs,
    opts: &TuiOptions,
) -> anyhow::Result<ExitCode> {
    check_vocab_dir(&args)?;
    let (send_vocab, vocab) = mpsc::channel::<Vocab>();
    let vocab_args = args.clone();
    let stage = Stage::load(
        Box::new(move |first_files, report| load_corpus(&paths, &args, first_files, report)),
        vocab,
    )?;
    let _ = send_vocab.send(compile_vocab(&vocab_args)?);
    let report_skipped = || {
        for s in stage.take_skipped() {
            eprintln!("{s}");
        }
    };
    if stage.first().is_none() {
        report_skipped();
        eprintln!("sitrep: no article could be loaded");
        return Ok(ExitCode::from(1));
    }
    let result = tui::run_stage(&stage, opts);
    report_skipped();
    result.map(|()| ExitCode::SUCCESS)
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let Cli {
        command,
        paths,
        load,
        color,
        config,
        notebook,
    } = cli;
    let paths = match &command {
        Some(Command::Extract { paths, .. }) => paths.clone(),
        Some(Command::Brief(b)) => b.paths.clone(),
        Some(Command::Notes { action }) => {
            return crate::notebook::cli::run_notes(action, &notebook);
        }
        None => paths,
    };
    // Read before the corpus loads, so that an unreadable notebook fails at once.
    let nb = match &command {
        Some(Command::Brief(b)) if b.notes || b.unread => Some(notebook.open_for_reading()?),
        Some(Command::Extract { notes: true, .. }) => Some(notebook.open_for_reading()?),
        _ => None,
    };
    if command.is_none() && io::stdout().is_terminal() {
        let opts = TuiOptions {
            color: color_mode(color),
            config,
            notebook: Some(notebook.clone()),
        };
        return read_while_loading(paths, load, &opts);
    }
    let Some((articles, vocab)) = load_with_vocab(&paths, &load)? else {
        return Ok(ExitCode::from(1));
    };
    let articles = match (&command, &nb) {
        (Some(Command::Brief(b)), Some(nb)) if b.unread => {
            crate::notebook::cli::keep_unread(articles, nb)?
        }
        _ => articles,
    };
    let mut analysis = analysis::analyze_releasing_vocab(articles.into(), vocab);
    let mut out = io::BufWriter::new(document_out());
    match command {
        Some(Command::Extract { format, pretty, .. }) => match (format, &nb) {
            (format, Some(nb)) => {
                let jsonl = matches!(format, ExtractFormat::Jsonl);
                crate::notebook::cli::write_extract(&analysis, jsonl, pretty, nb, &mut out)?
            }
            (ExtractFormat::Json, None) => crate::extract::write_json(&analysis, &mut out, pretty)?,
            (ExtractFormat::Jsonl, None) => crate::extract::write_jsonl(&analysis, &mut out)?,
        },
        Some(Command::Brief(b)) => {
            let opts = brief_options(&b);
            match &nb {
                Some(nb) if b.notes => {
                    briefing::notes::write_brief_with_notes(&mut analysis, &opts, nb, &mut out)?
                }
                _ => briefing::write_brief(&analysis, &opts, &mut out)?,
            }
        }
        Some(Command::Notes { .. }) | None => print_article_lines(&analysis, &mut out)?,
    }
    out.flush()?;
    // The process ends here: handing the analysis's memory back piece by piece would only
    // delay the exit (a twentieth of a large run).
    std::mem::forget(analysis);
    Ok(ExitCode::SUCCESS)
}

/// Where a command's document goes: standard output's file itself where it can be had (a
/// duplicate of the descriptor), else `io::stdout()`. `io::stdout()` is line-buffered, and its
/// buffering looks for the last newline of every write, even of one too large to buffer: for
/// `extract` that read the whole document (hundreds of MB) once more, for nothing. What was
/// written through `io::stdout()` before is flushed first, so the order holds.
fn document_out() -> Box<dyn Write> {
    let stdout = io::stdout();
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if stdout.lock().flush().is_ok()
            && let Ok(fd) = stdout.as_fd().try_clone_to_owned()
        {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(stdout.lock())
}

fn brief_options(b: &BriefArgs) -> BriefOptions {
    let width = b.width.unwrap_or_else(|| {
        if io::stdout().is_terminal() {
            terminal_width().unwrap_or(80)
        } else {
            80
        }
    });
    BriefOptions {
        format: match b.format {
            BriefFormatArg::Md => BriefFormat::Markdown,
            BriefFormatArg::Text => BriefFormat::Text,
            BriefFormatArg::Json => BriefFormat::Json,
        },
        entities: b.entities.clone(),
        kinds: b.kinds.clone(),
        since: b.since,
        until: b.until,
        width: width.max(20),
    }
}

fn terminal_width() -> Option<usize> {
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w))
}

fn color_mode(arg: ColorArg) -> ColorMode {
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return ColorMode::Never;
    }
    match arg {
        ColorArg::Auto => ColorMode::Auto,
        ColorArg::C16 => ColorMode::Ansi16,
        ColorArg::C256 => ColorMode::Ansi256,
        ColorArg::Truecolor => ColorMode::TrueColor,
        ColorArg::Never => ColorMode::Never,
    }
}

/// One line per article: title, source, date, word count, tab-separated.
pub fn print_article_lines(analysis: &Analysis, out: &mut impl Write) -> io::Result<()> {
    for (i, a) in analysis.articles.iter().enumerate() {
        let date = match (a.published, analysis.analyses[i].not_before) {
            (Some(d), _) => d.to_string(),
            (None, Some(d)) => format!("not before {d}"),
            (None, None) => "undated".to_string(),
        };
        let source = a.source.as_deref().unwrap_or("-");
        writeln!(
            out,
            "{}\t{}\t{}\t{} words",
            a.title,
            source,
            date,
            a.word_count()
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_accept_suffixes_and_reject_junk() {
        assert_eq!(parse_size("16M"), Ok(16 << 20));
        assert_eq!(parse_size("512"), Ok(512));
        assert_eq!(parse_size("2k"), Ok(2048));
        assert!(parse_size("12Q").is_err());
        assert!(parse_size("lots").is_err());
    }

    #[test]
    fn the_kinds_list_names_every_kind_under_its_family_within_80_columns() {
        let help = kinds_help();
        for line in help.lines() {
            assert!(line.len() <= HELP_WIDTH, "too wide: {line:?}");
        }
        for family in Family::ALL {
            let row = help
                .lines()
                .position(|l| l.trim_start().starts_with(family.as_str()))
                .unwrap_or_else(|| panic!("no row for {family}: {help}"));
            let next = help
                .lines()
                .skip(row + 1)
                .position(|l| !l.starts_with("    "))
                .map_or(usize::MAX, |n| row + 1 + n);
            let block: Vec<&str> = help
                .lines()
                .enumerate()
                .filter(|(i, _)| *i >= row && *i < next)
                .map(|(_, l)| l)
                .collect();
            let words = block.join(" ");
            for k in EventKind::ALL.iter().filter(|k| k.family() == *family) {
                assert!(
                    words.split([' ', ',']).any(|w| w == k.as_str()),
                    "{k} not under {family}: {help}"
                );
            }
        }
    }

    #[test]
    fn kinds_and_dates_are_checked() {
        assert_eq!(parse_kind("airstrike"), Ok(EventKind::Airstrike));
        assert!(parse_kind("picnic").unwrap_err().contains("known kinds"));
        assert!(parse_date("2024-13").is_err());
    }
}
