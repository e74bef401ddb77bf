//! The reader: list, detail and timeline panes over an [`Analysis`], driven by the keyboard.
//!
//! One file per concern: [`app`] (state), [`actions`] and [`keymap`] (what keys do),
//! [`handle`] and [`nav`] (the state machine), [`filter`], [`popup`] and [`jumps`], [`layout`],
//! [`ui`] (drawing panes into a buffer), [`theme`], [`wrap`] (the wrap cache), [`text`]
//! (sanitising), [`config`] (the user's file) and [`term`] (the terminal guard and event loop).
//! [`briefing_view`] (`b`) and [`export`] (`x`) show and save the briefing of the current filter.

pub mod actions;
pub mod app;
pub mod briefing_view;
pub mod config;
pub mod export;
pub mod filter;
#[doc(hidden)]
pub mod fixture;
pub mod handle;
pub mod jumps;
pub mod keymap;
pub mod layout;
pub mod nav;
pub mod popup;
pub mod term;
pub mod text;
pub mod theme;
pub mod ui;
pub mod wrap;

use crate::analysis::Analysis;
use anyhow::{Result, bail};
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

/// Runs the reader at once over `shown`, the bare articles ([`Analysis::unanalysed`]), while
/// their analysis is made elsewhere and sent on `pending`; the reader then goes on over it, where
/// the user was. Keys work all along. The config is read before the terminal is touched.
pub fn run_while_analysing(
    shown: &Analysis,
    pending: std::sync::mpsc::Receiver<Analysis>,
    opts: &TuiOptions,
) -> Result<()> {
    let config = config::Config::load(opts.config.as_deref(), opts.color)?;
    if shown.articles.is_empty() {
        bail!("no article to show");
    }
    let app = app::App::new(shown, config);
    term::run_loop_while_analysing(app, pending)
}
