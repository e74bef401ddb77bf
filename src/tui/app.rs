//! The reader's state: focus, cursors, scroll, selections, filters, popups, the jump list and the
//! wrap cache. It holds a shared, immutable [`Analysis`] (several readers may hold the same), and
//! takes the next one when the corpus it shows has come further (see [`super::stage`]).

use super::briefing_view::BriefView;
use super::config::Config;
use super::filter::{Filter, SortKey};
use super::jumps::{JumpList, Position};
use super::keymap::Mode as KeyMode;
use super::layout::{self, Mode, Pane, Screen};
use super::line_edit::LineEdit;
use super::popup::{Popup, PopupKind};
use super::stage::{Snapshot, Step};
use super::wrap::{WrapCache, Wrapped};
use crate::analysis::Analysis;
use crate::corpus::Span;
use crate::date::DateValue;
use ratatui::layout::Rect;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// A scrolling selection in a list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub sel: usize,
    pub top: usize,
}

impl Selection {
    /// Moves by `delta`, clamped to `len` items.
    pub fn step(&mut self, delta: isize, len: usize) {
        if len == 0 {
            self.sel = 0;
            return;
        }
        let max = len as isize - 1;
        self.sel = (self.sel as isize + delta).clamp(0, max) as usize;
    }

    /// Keeps the selection inside a window of `rows` items.
    pub fn scroll_into_view(&mut self, rows: usize, len: usize) {
        let rows = rows.max(1);
        if self.sel < self.top {
            self.top = self.sel;
        } else if self.sel >= self.top + rows {
            self.top = self.sel + 1 - rows;
        }
        self.top = self.top.min(len.saturating_sub(rows));
    }
}

/// The reader pane: which article, where the cursor is (a byte offset of the body, so resizing
/// keeps the reading position), the first visible line (also a byte offset).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reader {
    pub article: usize,
    pub cursor: usize,
    pub top: usize,
    /// The mention reached with e/E, if still on the cursor line.
    pub mention: Option<usize>,
    /// The event reached with ]/[, if still on the cursor line.
    pub event: Option<usize>,
}

/// An in-article search and its matches.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Search {
    pub query: String,
    pub matches: Vec<Span>,
    pub current: Option<usize>,
}

/// The line being typed after `/`.
#[derive(Clone, Debug, PartialEq)]
pub struct Prompt {
    pub edit: LineEdit,
    /// Detail searches the open article; List (and Timeline) search the corpus.
    pub scope: Pane,
}

/// The export prompt's steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportPrompt {
    /// Editing the path.
    Path(LineEdit),
    /// The file exists: "overwrite PATH? (y/n)".
    Confirm(String),
    /// Saved to this path: "copy the Markdown to the clipboard? (y/n)".
    Copy(String),
}

/// Today's date (UTC) from the system clock: the reader's default clock.
pub fn system_today() -> DateValue {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    DateValue::from_days((secs / 86_400) as i64)
}

/// Everything the reader remembers between key presses.
pub struct App {
    pub analysis: Arc<Analysis>,
    pub config: Config,
    pub focus: Pane,
    pub list: Selection,
    pub timeline: Selection,
    pub reader: Reader,
    pub list_rows: Vec<usize>,
    pub timeline_rows: Vec<usize>,
    pub filter: Option<Filter>,
    pub sort: SortKey,
    pub corpus_query: Option<String>,
    pub search: Option<Search>,
    pub prompt: Option<Prompt>,
    pub popup: Option<Popup>,
    pub jumps: JumpList,
    pub message: Option<String>,
    /// The message says a key waits for the analysis: the next stage takes it away.
    pub message_waits: bool,
    pub quit: bool,
    pub size: Rect,
    pub screen: Screen,
    pub wraps: WrapCache,
    pub wrapped: Option<Rc<Wrapped>>,
    /// Reading positions of articles left, restored when they are shown again.
    pub remembered: HashMap<usize, (usize, usize)>,
    /// The briefing view: its cached briefing (keyed by the filter), cursor and scroll.
    pub brief: Option<BriefView>,
    /// Whether the briefing view is shown.
    pub brief_open: bool,
    /// The `x` export prompt, when open.
    pub export: Option<ExportPrompt>,
    /// Text for the terminal's clipboard, sent (OSC 52) with the next frame.
    pub clipboard: Option<String>,
    /// Today's date, read when `x` is pressed (the system clock in the binary).
    pub clock: fn() -> DateValue,
    /// How far the corpus shown has come (see [`super::stage`]).
    pub step: Step,
    /// The analyst's notebook, when one is kept (see [`super::notes`]).
    pub notebook: Option<Box<super::notes::NotebookState>>,
}

impl App {
    /// A reader over an analysed corpus.
    pub fn new(analysis: impl Into<Arc<Analysis>>, config: Config) -> Self {
        let analysis = analysis.into();
        let mut app = App {
            analysis,
            config,
            focus: Pane::List,
            list: Selection::default(),
            timeline: Selection::default(),
            reader: Reader::default(),
            list_rows: Vec::new(),
            timeline_rows: Vec::new(),
            filter: None,
            sort: SortKey::Date,
            corpus_query: None,
            search: None,
            prompt: None,
            popup: None,
            jumps: JumpList::default(),
            message: None,
            message_waits: false,
            quit: false,
            size: Rect::new(0, 0, 80, 24),
            screen: layout::compute(Rect::new(0, 0, 80, 24), Pane::List),
            wraps: WrapCache::default(),
            wrapped: None,
            remembered: HashMap::new(),
            brief: None,
            brief_open: false,
            export: None,
            clipboard: None,
            clock: system_today,
            step: Step::Analysed,
            notebook: None,
        };
        app.open_configured_notebook();
        app.refresh_rows();
        if let Some(&first) = app.list_rows.first() {
            app.reader.article = first;
        }
        app.resize(80, 24);
        app
    }

    /// Goes on over the next state of the corpus, where the user was: the selected article,
    /// the reading position, search, filter, sort, jumps, the prompt and the help popup stay;
    /// the timeline, the other popups and the briefing view, which showed the state before, are
    /// built anew. When more articles came in and the user had not left the top of the list, the
    /// top row stays selected: the list's first article, now among them all.
    pub fn take_stage(&mut self, next: &Snapshot) {
        let was = self.step;
        self.step = next.step;
        if self.message_waits {
            self.message = None;
            self.message_waits = false;
        }
        if next.step == Step::Failed && was != Step::Failed {
            self.say(match was {
                Step::Reading(_) => "the loading failed: showing the articles read so far",
                _ => "the analysis failed: showing the articles only",
            });
        }
        if Arc::ptr_eq(&self.analysis, &next.analysis) {
            return;
        }
        let at_top = next.analysis.articles.len() != self.article_count()
            && self.focus == Pane::List
            && self.list.sel == 0
            && (self.reader.cursor, self.reader.top) == (0, 0);
        self.analysis = Arc::clone(&next.analysis);
        self.timeline = Selection::default();
        self.timeline_rows.clear();
        self.popup = self.popup.take().filter(|p| p.kind == PopupKind::Help);
        self.brief = None;
        self.brief_open = false;
        self.replace_notebook();
        self.refresh_rows();
        let (w, h) = (self.size.width, self.size.height);
        self.resize(w, h);
        if at_top && let Some(&first) = self.list_rows.first() {
            self.list.sel = 0;
            self.show_article(first);
            self.clamp_lists();
        }
    }

    /// Where keys go now: the prompt, a popup, the briefing view or the panes.
    pub fn mode(&self) -> KeyMode {
        let finding = self.popup.as_ref().is_some_and(|p| p.find.is_some());
        if finding || self.prompt.is_some() || matches!(self.export, Some(ExportPrompt::Path(_))) {
            KeyMode::Prompt
        } else if self.popup.is_some() {
            KeyMode::Popup
        } else if self.brief_open {
            KeyMode::Briefing
        } else {
            KeyMode::Panes
        }
    }

    /// Whether the corpus shown is analysed (keys that show findings wait until it is).
    pub fn analysed(&self) -> bool {
        self.step.analysed()
    }

    /// Number of articles.
    pub fn article_count(&self) -> usize {
        self.analysis.articles.len()
    }

    /// The terminal size changed (or the focus did, which matters in single-pane mode).
    pub fn resize(&mut self, w: u16, h: u16) {
        self.size = Rect::new(0, 0, w, h);
        self.relayout();
    }

    /// Recomputes the screen and the reader's wrap, keeping the cursor's byte offset.
    pub fn relayout(&mut self) {
        self.screen = layout::compute(self.size, self.focus);
        self.sync_wrap();
        self.keep_cursor_visible(false);
        self.clamp_lists();
        self.relayout_brief();
    }

    /// The reader's text area as it is (or would be, when another pane is shown alone).
    pub fn reader_area(&self) -> Rect {
        let screen = if self.screen.mode == Mode::Single {
            layout::compute(self.size, Pane::Detail)
        } else {
            self.screen
        };
        screen
            .detail
            .map(layout::detail_text)
            .unwrap_or(Rect::new(0, 0, 1, 1))
    }

    /// Makes sure the wrapped body of the open article at the current width is cached.
    pub fn sync_wrap(&mut self) {
        let i = self.reader.article;
        let Some(article) = self.analysis.articles.get(i) else {
            self.wrapped = None;
            return;
        };
        let w = usize::from(self.reader_area().width.max(1));
        self.wrapped = Some(self.wraps.get(i, article, w));
    }

    /// Visible body lines of the reader.
    pub fn reader_rows(&self) -> usize {
        usize::from(self.reader_area().height.max(1))
    }

    /// Items the list pane shows at once (each article takes two lines).
    pub fn list_page(&self) -> usize {
        let r = self
            .screen
            .list
            .or(layout::compute(self.size, Pane::List).list);
        r.map(|r| usize::from(layout::inner(r).height / 2).max(1))
            .unwrap_or(1)
    }

    /// Items the timeline pane shows at once.
    pub fn timeline_page(&self) -> usize {
        let r = self
            .screen
            .timeline
            .or(layout::compute(self.size, Pane::Timeline).timeline);
        r.map(|r| usize::from(layout::inner(r).height).max(1))
            .unwrap_or(1)
    }

    pub fn clamp_lists(&mut self) {
        let (n, p) = (self.list_rows.len(), self.list_page());
        self.list.step(0, n);
        self.list.scroll_into_view(p, n);
        let (n, p) = (self.timeline_rows.len(), self.timeline_page());
        self.timeline.step(0, n);
        self.timeline.scroll_into_view(p, n);
    }

    /// Index of the cursor's line in the wrapped body.
    pub fn cursor_line(&self) -> usize {
        self.wrapped
            .as_ref()
            .map(|w| w.line_at(self.reader.cursor))
            .unwrap_or(0)
    }

    /// Index of the first visible line.
    pub fn top_line(&self) -> usize {
        self.wrapped
            .as_ref()
            .map(|w| w.line_at(self.reader.top))
            .unwrap_or(0)
    }

    /// Scrolls so the cursor line is visible; `center` puts it a third down the pane when it
    /// had to move (used after jumps).
    pub fn keep_cursor_visible(&mut self, center: bool) {
        let Some(w) = self.wrapped.clone() else {
            return;
        };
        if w.lines.is_empty() {
            self.reader.cursor = 0;
            self.reader.top = 0;
            return;
        }
        let rows = self.reader_rows();
        let cur = w.line_at(self.reader.cursor);
        let mut top = w.line_at(self.reader.top);
        if cur < top || cur >= top + rows {
            top = if center {
                cur.saturating_sub(rows / 3)
            } else if cur < top {
                cur
            } else {
                cur + 1 - rows
            };
        }
        let max_top = w.lines.len().saturating_sub(rows);
        top = top.min(max_top);
        if top > cur {
            top = cur;
        }
        self.reader.top = if top == 0 { 0 } else { w.lines[top].start };
    }

    /// Shows article `i` in the reader, restoring where it was last read.
    pub fn show_article(&mut self, i: usize) {
        if i >= self.article_count() {
            return;
        }
        if i != self.reader.article {
            self.remembered
                .insert(self.reader.article, (self.reader.cursor, self.reader.top));
            let (cursor, top) = self.remembered.get(&i).copied().unwrap_or((0, 0));
            self.reader = Reader {
                article: i,
                cursor,
                top,
                mention: None,
                event: None,
            };
        }
        self.sync_wrap();
        self.refresh_search();
        self.keep_cursor_visible(false);
    }

    /// The current reading position.
    pub fn position(&self) -> Position {
        Position {
            article: self.reader.article,
            offset: self.reader.cursor,
        }
    }

    /// Goes to a position (article and byte offset) in the reader, focusing it.
    pub fn go_to(&mut self, pos: Position) {
        self.show_article(pos.article);
        self.reader.cursor = pos.offset;
        self.reader.mention = None;
        self.reader.event = None;
        if let Some(row) = self.list_rows.iter().position(|&a| a == pos.article) {
            self.list.sel = row;
        }
        self.set_focus(Pane::Detail);
        self.keep_cursor_visible(true);
        self.clamp_lists();
        self.match_at_cursor();
    }

    /// Makes the search match at the cursor (if any) the current one, so the counter follows.
    pub fn match_at_cursor(&mut self) {
        let offset = self.reader.cursor;
        let line = self
            .wrapped
            .as_ref()
            .and_then(|w| w.lines.get(w.line_at(offset)))
            .map(|l| (l.start, l.end));
        if let (Some(s), Some((a, b))) = (&mut self.search, line) {
            s.current = s
                .matches
                .iter()
                .position(|m| m.start() >= offset.max(a) && m.start() < b)
                .or(s.current.filter(|&c| {
                    s.matches
                        .get(c)
                        .is_some_and(|m| m.start() >= a && m.start() < b)
                }));
        }
    }

    /// A jump: remembered in the jump list so Ctrl-o comes back.
    pub fn jump_to(&mut self, pos: Position) {
        let from = self.position();
        self.jumps.record(from);
        self.go_to(pos);
    }

    pub fn set_focus(&mut self, p: Pane) {
        if self.focus != p {
            self.focus = p;
            self.relayout();
        }
    }

    /// The article selected in the list, if any.
    pub fn selected_article(&self) -> Option<usize> {
        self.list_rows.get(self.list.sel).copied()
    }

    /// Recomputes list and timeline rows after a filter, sort or corpus search change.
    pub fn refresh_rows(&mut self) {
        let keep_article = self.selected_article();
        let keep_item = self.timeline_rows.get(self.timeline.sel).copied();
        self.list_rows = super::filter::article_rows(
            &self.analysis,
            self.filter.as_ref(),
            self.corpus_query.as_deref(),
            self.sort,
        );
        self.timeline_rows =
            super::filter::timeline_rows(&self.analysis, self.filter.as_ref(), self.sort);
        self.list.sel = keep_article
            .and_then(|a| self.list_rows.iter().position(|&x| x == a))
            .unwrap_or(0);
        self.timeline.sel = keep_item
            .and_then(|t| self.timeline_rows.iter().position(|&x| x == t))
            .unwrap_or(0);
        self.clamp_lists();
    }

    /// Recomputes the in-article matches of the current search for the open article.
    pub fn refresh_search(&mut self) {
        let Some(s) = &mut self.search else { return };
        let body = self
            .analysis
            .articles
            .get(self.reader.article)
            .map(|a| a.body.as_str())
            .unwrap_or("");
        s.matches = super::text::find_all(body, &s.query)
            .into_iter()
            .map(|(a, b)| Span::new(a, b))
            .collect();
        s.current = None;
    }

    pub fn say(&mut self, msg: impl Into<String>) {
        self.message = Some(msg.into());
        self.message_waits = false;
    }

    /// Says a key waits for the analysis; the message goes once the next stage is in.
    pub fn say_waiting(&mut self, msg: impl Into<String>) {
        self.say(msg);
        self.message_waits = true;
    }
}
