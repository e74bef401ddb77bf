//! The reader: list, detail and timeline panes over an [`Analysis`], driven by the keyboard.
//!
//! One file per concern: [`app`] (state), [`actions`] and [`keymap`] (what keys do),
//! [`handle`] and [`nav`] (the state machine), [`filter`], [`popup`] and [`jumps`], [`layout`],
//! [`ui`] (drawing panes into a buffer), [`theme`], [`wrap`] (the wrap cache), [`text`]
//! (sanitising), [`config`] (the user's file) and [`term`] (the terminal guard and event loop).
//! [`briefing_view`] (`b`) and [`export`] (`x`) show and save the briefing of the current filter;
//! [`stages`] lets the reader open while the corpus still loads and is analysed.

pub mod actions;
pub mod app;
mod breaks;
pub mod briefing_view;
pub mod config;
pub mod export;
pub mod filter;
#[doc(hidden)]
pub mod fixture;
mod frames;
pub mod handle;
mod input;
pub mod jumps;
pub mod keymap;
pub mod layout;
pub mod nav;
pub mod popup;
pub mod stages;
pub mod term;
pub mod text;
pub mod theme;
pub mod ui;
pub mod wrap;

use crate::analysis::Analysis;
use anyhow::{Result, bail};
pub use stages::{Loading, Shown, Update};
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

/// Runs the reader until the user quits. The config is read before the terminal is touched, so
/// a bad config is a plain error message.
pub fn run(analysis: &Analysis, opts: &TuiOptions) -> Result<()> {
    let config = config::Config::load(opts.config.as_deref(), opts.color)?;
    if analysis.articles.is_empty() || analysis.analyses.len() != analysis.articles.len() {
        bail!("no article to show");
    }
    let mut app = app::App::new(analysis, config);
    term::run_loop(&mut app)
}

/// Runs the reader at once over `first` (the articles of the first files read, or all of them
/// before analysis), while the rest is made elsewhere and sent on `pending`, each [`Shown`]
/// superseding the last; the reader goes on over each, where the user was, and tells how far
/// the loading has gone. Keys work all along.
/// The config is read before the terminal is touched.
pub fn run_while_loading(
    first: &Shown,
    pending: std::sync::mpsc::Receiver<Update>,
    opts: &TuiOptions,
) -> Result<()> {
    let config = config::Config::load(opts.config.as_deref(), opts.color)?;
    if first.analysis.articles.is_empty() {
        bail!("no article to show");
    }
    let mut app = app::App::new(&first.analysis, config);
    app.loading = first.loading;
    term::run_loop_while_loading(app, pending)
}
