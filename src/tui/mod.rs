//! The reader: list, detail and timeline panes over an [`Analysis`], driven by the keyboard.
//!
//! One file per concern: [`app`] (state), [`actions`] and [`keymap`] (what keys do),
//! [`handle`] and [`nav`] (the state machine), [`filter`], [`popup`] and [`jumps`], [`layout`],
//! [`ui`] (drawing panes into a buffer), [`theme`], [`wrap`] (the wrap cache), [`text`]
//! (sanitising), [`config`] (the user's file) and [`term`] (the terminal guard and event loop).
//! [`briefing_view`] (`b`) and [`export`] (`x`) show and save the briefing of the current filter;
//! [`stage`] lets readers open while the corpus still loads and is analysed; [`session`] is one
//! reader on any terminal ([`input`] decodes its bytes, [`frames`] writes what changed).

pub mod actions;
pub mod app;
mod breaks;
mod brief_keys;
mod briefing_view;
pub mod config;
pub mod export;
pub mod filter;
#[doc(hidden)]
pub mod fixture;
pub mod frames;
mod handle;
mod input;
mod jumps;
pub mod keymap;
pub mod layout;
mod line_edit;
mod nav;
pub mod notes;
pub mod popup;
mod scroll;
pub mod session;
pub mod stage;
mod term;
pub mod text;
pub mod theme;
pub mod ui;
pub mod wrap;

use crate::analysis::Analysis;
use anyhow::{Result, bail};
use stage::Stage;
use std::path::PathBuf;
use std::sync::Arc;

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
    /// The analyst's notebook (`--notebook`, `--analyst`); `None` keeps nothing.
    pub notebook: Option<crate::notebook::cli::NotebookArgs>,
}

/// Runs the reader over an analysed corpus until the user quits. The config is read before the
/// terminal is touched, so a bad config is a plain error message.
pub fn run(analysis: impl Into<Arc<Analysis>>, opts: &TuiOptions) -> Result<()> {
    let analysis = analysis.into();
    let mut config = config::Config::load(opts.config.as_deref(), opts.color)?;
    config.notebook = opts.notebook.clone();
    if analysis.articles.is_empty() || analysis.analyses.len() != analysis.articles.len() {
        bail!("no article to show");
    }
    term::run(&Stage::ready(analysis), config)
}

/// Runs the reader over a corpus still loading: at once over what `stage` shows, then over each
/// state that supersedes it, where the user was; the status line tells how far the loading has
/// gone, and keys work all along. The config is read before the terminal is touched.
pub fn run_stage(stage: &Stage, opts: &TuiOptions) -> Result<()> {
    let mut config = config::Config::load(opts.config.as_deref(), opts.color)?;
    config.notebook = opts.notebook.clone();
    term::run(stage, config)
}
