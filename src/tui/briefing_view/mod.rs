//! The briefing view (`b`): the briefing of the reader's current filter, laid out as a
//! scrollable document whose cursor moves over blocks (paragraphs, actors, events, the chart,
//! sources). Enter on an event jumps to its passage; `f` changes the filter and the view
//! follows it.
//!
//! The briefing is derived data: built when `b` is pressed and cached here with the reader
//! filter it was built for; the layout ([`doc::Doc`]) is redone only when the width changes.
//!
//! Filter mapping (the reader's `f` filter to a [`BriefFilter`]):
//! - entity → `entities: [name asked]`: the same entities and the same events, by one
//!   definition ([`crate::analysis::entity_match`]);
//! - event kind → `kinds: [kind]`, the same;
//! - status → no equivalent: the briefing already splits events by status (timeline and
//!   undated: reported; warnings: potential; proposals: proposed), so everything is shown and
//!   the title says so;
//! - source → no equivalent: a briefing covers every source; the title says so.

pub mod doc;

use super::filter::Filter;
use super::layout::{self, Mode};
use super::theme::Theme;
use crate::analysis::Analysis;
use crate::briefing::{self, BriefFilter, Briefing};
use ratatui::layout::Rect;
use std::rc::Rc;

/// The rectangle of the briefing view (frame included): the screen above the status bar.
pub fn view_rect(size: Rect, focus: crate::tui::layout::Pane) -> Rect {
    let screen = layout::compute(size, focus);
    if screen.mode == Mode::TooSmall {
        return Rect::new(size.x, size.y, 0, 0);
    }
    let h = screen.status.y.saturating_sub(size.y);
    Rect::new(size.x, size.y, size.width, h)
}

/// The briefing filter closest to a reader filter, and a note when it could not be applied.
pub fn brief_filter(f: Option<&Filter>) -> (BriefFilter, Option<String>) {
    let mut bf = BriefFilter::default();
    let note = match f {
        None => None,
        Some(Filter::Entity(m)) => {
            bf.entities.extend(m.asked.iter().map(|r| r.asked.clone()));
            None
        }
        Some(Filter::Kind(k)) => {
            bf.kinds.push(*k);
            None
        }
        Some(Filter::Status(s)) => Some(format!(
            "status {s} not applied: sections already split events by status"
        )),
        Some(Filter::Source(s)) => Some(format!(
            "source {s} not applied: briefings cover every source"
        )),
    };
    (bf, note)
}

/// The briefing view's state: the cached briefing, its layout, cursor and scroll.
#[derive(Clone, Debug)]
pub struct BriefView {
    /// The reader filter the briefing was built for (the cache key).
    pub key: Option<Filter>,
    pub briefing: Rc<Briefing>,
    /// Why the reader filter is not (fully) applied, shown in the title.
    pub note: Option<String>,
    pub doc: doc::Doc,
    /// The selected block.
    pub cursor: usize,
    /// The first visible row.
    pub top: usize,
}

impl BriefView {
    /// Builds the briefing for a reader filter.
    pub fn new(an: &Analysis, key: Option<Filter>) -> Self {
        let (bf, note) = brief_filter(key.as_ref());
        BriefView {
            briefing: Rc::new(briefing::build(an, &bf)),
            key,
            note,
            doc: doc::Doc::default(),
            cursor: 0,
            top: 0,
        }
    }

    /// The title line: the briefing title, the filter applied, what could not be.
    pub fn title(&self) -> String {
        let mut t = self.briefing.title.clone();
        if !self.briefing.filter.is_empty() {
            t.push_str(&format!(" · filter: {}", self.briefing.describe_filter()));
        }
        if let Some(n) = &self.note {
            t.push_str(&format!(" · {n}"));
        }
        t
    }

    /// Lays the document out again when the width changed, keeping the cursor's block.
    pub fn relayout(&mut self, theme: &Theme, width: u16, rows: usize) {
        if self.doc.width != width.max(1) || self.doc.rows.is_empty() {
            self.doc = doc::layout(&self.briefing, theme, width);
        }
        self.clamp(rows);
    }

    fn max_top(&self, rows: usize) -> usize {
        self.doc.rows.len().saturating_sub(rows.max(1))
    }

    /// Keeps cursor and scroll inside the document, the cursor's block in view.
    pub fn clamp(&mut self, rows: usize) {
        let rows = rows.max(1);
        self.cursor = self.cursor.min(self.doc.blocks.len().saturating_sub(1));
        self.top = self.top.min(self.max_top(rows));
        let Some(b) = self.doc.blocks.get(self.cursor) else {
            return;
        };
        if b.start < self.top {
            self.top = b.start;
        } else if b.end > self.top + rows {
            self.top = (b.end - rows).min(b.start);
        }
    }

    /// j/k: the next or previous block; a block taller than the view scrolls a row first.
    pub fn step(&mut self, down: bool, rows: usize) {
        let rows = rows.max(1);
        let Some(b) = self.doc.blocks.get(self.cursor).cloned() else {
            return;
        };
        if down {
            if b.end > self.top + rows {
                self.top += 1;
            } else if self.cursor + 1 < self.doc.blocks.len() {
                self.cursor += 1;
                self.clamp(rows);
            } else {
                self.top = (self.top + 1).min(self.max_top(rows));
            }
        } else if b.start < self.top {
            self.top -= 1;
        } else if self.cursor > 0 {
            self.cursor -= 1;
            self.clamp(rows);
        } else {
            self.top = 0;
        }
    }

    /// PgDn/PgUp/Ctrl-d/Ctrl-u: scrolls by `delta` rows, the cursor on the first block in view.
    pub fn scroll(&mut self, delta: isize, rows: usize) {
        let rows = rows.max(1);
        let top = (self.top as isize + delta).clamp(0, self.max_top(rows) as isize) as usize;
        self.top = top;
        let first = self.doc.block_from(top);
        let visible = |i: usize| {
            self.doc
                .blocks
                .get(i)
                .is_some_and(|b| b.end > top && b.start < top + rows)
        };
        if !visible(self.cursor) {
            self.cursor = first;
        } else if delta > 0 && self.top == self.max_top(rows) {
            self.cursor = self.doc.blocks.len().saturating_sub(1);
        }
        self.clamp_keep_top(rows);
    }

    fn clamp_keep_top(&mut self, rows: usize) {
        self.cursor = self.cursor.min(self.doc.blocks.len().saturating_sub(1));
        self.top = self.top.min(self.max_top(rows));
    }

    /// g/G.
    pub fn home_end(&mut self, end: bool, rows: usize) {
        if end {
            self.cursor = self.doc.blocks.len().saturating_sub(1);
            self.top = self.max_top(rows);
        } else {
            self.cursor = 0;
            self.top = 0;
        }
    }

    /// The event of the selected block, if it is an event line.
    pub fn chosen_event(&self) -> Option<crate::analysis::EventRef> {
        self.doc.blocks.get(self.cursor).and_then(|b| b.event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{EventKind, Status};

    #[test]
    fn reader_filters_map_to_briefing_filters() {
        let an = crate::tui::fixture::analysis();
        let (f, note) = brief_filter(Some(&Filter::entity(&an, "Mali")));
        assert_eq!(f.entities, vec!["Mali".to_string()]);
        assert!(note.is_none());
        let (f, note) = brief_filter(Some(&Filter::Kind(EventKind::Airstrike)));
        assert_eq!(f.kinds, vec![EventKind::Airstrike]);
        assert!(note.is_none());
        let (f, note) = brief_filter(Some(&Filter::Status(Status::Potential)));
        assert!(f.is_empty());
        assert!(note.unwrap().contains("not applied"));
        let (f, note) = brief_filter(Some(&Filter::Source("Watan".into())));
        assert!(f.is_empty());
        assert!(note.unwrap().contains("source Watan"));
        assert_eq!(brief_filter(None), (BriefFilter::default(), None));
    }
}
