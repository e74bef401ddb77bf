//! The reader: list, detail and timeline panes over an [`Analysis`]. STUB.

use crate::analysis::Analysis;
use anyhow::Result;
use std::path::PathBuf;

/// Colour depth the reader may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorMode {
    Auto,
    Ansi16,
    Ansi256,
    TrueColor,
    Never,
}

/// How the reader was started.
#[derive(Clone, Debug)]
pub struct TuiOptions {
    pub color: ColorMode,
    /// `--config FILE`, else `$XDG_CONFIG_HOME/sitrep/config.toml` when it exists.
    pub config: Option<PathBuf>,
}

/// Runs the reader until the user quits. Until it lands, prints one line per article.
pub fn run(analysis: &Analysis, opts: &TuiOptions) -> Result<()> {
    let _ = opts;
    crate::cli::print_article_lines(analysis, &mut std::io::stdout())?;
    Ok(())
}
