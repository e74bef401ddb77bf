//! The reader opens before the corpus is ready: first on the articles of the first files read,
//! then on every article, then on their analysis. Each [`Shown`] supersedes the one before, and
//! [`App::next_stage`] carries the user's place across; [`Update::Read`] says how far the loading
//! has gone meanwhile.

use super::app::App;
use super::layout::Pane;
use crate::analysis::Analysis;

/// Files read before the reader first opens on a large corpus: a few hundredths of a second.
pub const PREVIEW_FILES: usize = 256;

/// One state of the corpus handed to the reader.
pub struct Shown {
    pub analysis: Analysis,
    /// Set while files are still being read.
    pub loading: Option<Loading>,
}

impl Shown {
    /// Every article, analysed or not.
    pub fn complete(analysis: Analysis) -> Self {
        Self {
            analysis,
            loading: None,
        }
    }
}

/// What the reader is sent while its corpus loads and is analysed.
pub enum Update {
    /// The next state of the corpus.
    Stage(Box<Shown>),
    /// More files read: the status line says how many.
    Read(Loading),
}

/// How far the loading has gone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loading {
    pub files_read: usize,
    pub files: usize,
}

/// Begins the messages that say a key waits for the analysis (gone once the next stage is in).
pub const ANALYSING: &str = "still analysing";
/// Begins the messages that say a key waits for the files to be read.
pub const LOADING: &str = "still reading files";

impl<'a> App<'a> {
    /// The same reader over the next stage of its corpus, where the user was (see
    /// [`App::rebind`]). When more articles came in and the user had not left the top of the
    /// list, the top row stays selected: the list's first article, now among them all.
    pub fn next_stage<'b>(self, shown: &'b Shown) -> App<'b> {
        let more_articles = shown.analysis.articles.len() != self.article_count();
        let at_top = more_articles
            && self.focus == Pane::List
            && self.list.sel == 0
            && (self.reader.cursor, self.reader.top) == (0, 0);
        let mut app = self.rebind(&shown.analysis);
        app.loading = shown.loading;
        if app
            .message
            .as_deref()
            .is_some_and(|m| m.starts_with(ANALYSING) || m.starts_with(LOADING))
        {
            app.message = None;
        }
        if at_top && let Some(&first) = app.list_rows.first() {
            app.list.sel = 0;
            app.show_article(first);
            app.clamp_lists();
        }
        app
    }
}
