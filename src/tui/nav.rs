//! Moving in the reader: lines, pages, events, paragraphs, entity mentions, search matches. The
//! cursor is a byte offset; lines come from the wrap cache.

use super::app::App;
use crate::corpus::Span;
use std::sync::Arc;

/// What a key that reads an article says when there is none.
pub(super) const NO_ARTICLE: &str = "no article open: the list is empty";

impl App {
    /// Moves the cursor by `delta` text lines.
    pub fn reader_lines(&mut self, delta: isize) {
        let Some(w) = self.wrapped.clone() else {
            return;
        };
        if w.lines.is_empty() {
            return;
        }
        let mut i = w.line_at(self.reader.cursor);
        for _ in 0..delta.unsigned_abs() {
            let next = if delta > 0 {
                w.next_text_line(i)
            } else {
                w.prev_text_line(i)
            };
            match next {
                Some(j) => i = j,
                None => break,
            }
        }
        self.set_cursor(w.lines[i].start);
        self.keep_cursor_visible(false);
    }

    /// Moves the cursor by `delta` lines and scrolls the view with it.
    pub fn reader_page(&mut self, delta: isize) {
        let Some(w) = self.wrapped.clone() else {
            return;
        };
        let top = self.top_line() as isize;
        let rows = self.reader_rows() as isize;
        let max_top = (w.lines.len() as isize - rows).max(0);
        let new_top = (top + delta).clamp(0, max_top) as usize;
        self.reader.top = w.lines.get(new_top).map(|l| l.start).unwrap_or(0);
        self.reader_lines(delta);
    }

    pub fn reader_top(&mut self) {
        self.set_cursor(0);
        self.reader.top = 0;
        self.keep_cursor_visible(false);
    }

    pub fn reader_bottom(&mut self) {
        let Some(w) = self.wrapped.clone() else {
            return;
        };
        if let Some(l) = w.lines.last() {
            self.set_cursor(l.start);
        }
        self.keep_cursor_visible(false);
    }

    fn set_cursor(&mut self, offset: usize) {
        self.reader.cursor = offset;
        self.reader.mention = None;
        self.reader.event = None;
    }

    /// The span of the cursor's line.
    pub fn cursor_span(&self) -> Option<Span> {
        let w = self.wrapped.as_ref()?;
        let l = w.lines.get(w.line_at(self.reader.cursor))?;
        Some(Span::new(l.start, l.end))
    }

    /// What the cursor's line covers ([`WLine::covers`]): the text whose mention or event is
    /// the one under the cursor.
    pub(super) fn cursor_covers(&self) -> Option<Span> {
        let w = self.wrapped.as_ref()?;
        Some(w.lines.get(w.line_at(self.reader.cursor))?.covers())
    }

    /// Moves the cursor to the line holding byte `offset`, centring it if it was off screen.
    fn land(&mut self, offset: usize) {
        self.reader.cursor = offset;
        self.keep_cursor_visible(true);
    }

    /// `]` / `[`: next or previous event sentence of the article.
    pub fn step_event(&mut self, forward: bool) {
        let an = Arc::clone(&self.analysis);
        let Some(aa) = an.analyses.get(self.reader.article) else {
            self.say(NO_ARTICLE);
            return;
        };
        let events = &aa.events;
        let mut order: Vec<usize> = (0..events.len()).collect();
        order.sort_by_key(|&i| (events[i].span.start(), i));
        let starts: Vec<usize> = order.iter().map(|&i| events[i].span.start()).collect();
        let rank = self
            .reader
            .event
            .and_then(|e| order.iter().position(|&i| i == e));
        match self.pick(&starts, rank, forward).map(|r| order[r]) {
            Some(i) => {
                self.land(events[i].span.start());
                self.reader.event = Some(i);
                self.reader.mention = None;
                let rank = order.iter().position(|&o| o == i).unwrap_or(0);
                self.say(format!("event {}/{}", rank + 1, events.len()));
            }
            None => self.say(if forward {
                "no further event in this article"
            } else {
                "no earlier event in this article"
            }),
        }
    }

    /// Picks the next (or previous) of `starts` (sorted): from the selected rank when it is on
    /// the cursor line, else from the cursor line's start.
    fn pick(&self, starts: &[usize], rank: Option<usize>, forward: bool) -> Option<usize> {
        let line = self.cursor_span()?;
        let on_line = |s: usize| s >= line.start() && s <= line.end();
        match rank.filter(|&r| starts.get(r).is_some_and(|&s| on_line(s))) {
            Some(r) if forward => (r + 1 < starts.len()).then_some(r + 1),
            Some(r) => r.checked_sub(1),
            None if forward => starts.iter().position(|&s| s >= line.start()),
            None => starts.iter().rposition(|&s| s < line.start()),
        }
    }

    /// `}` / `{`: next or previous paragraph start.
    pub fn step_paragraph(&mut self, forward: bool) {
        let an = Arc::clone(&self.analysis);
        let Some(a) = an.articles.get(self.reader.article) else {
            self.say(NO_ARTICLE);
            return;
        };
        let cur = a.paragraph_at(self.reader.cursor).unwrap_or_else(|| {
            a.paragraphs
                .partition_point(|p| p.end() <= self.reader.cursor)
        });
        let target = if forward {
            a.paragraphs.get(cur + 1)
        } else if a
            .paragraphs
            .get(cur)
            .is_some_and(|p| p.start() < self.reader.cursor)
        {
            a.paragraphs.get(cur)
        } else {
            cur.checked_sub(1).and_then(|i| a.paragraphs.get(i))
        };
        match target.map(|p| p.start()) {
            Some(s) => {
                self.set_cursor(s);
                self.keep_cursor_visible(false);
            }
            None => self.say(if forward {
                "last paragraph"
            } else {
                "first paragraph"
            }),
        }
    }

    /// `e` / `E`: next or previous entity mention.
    pub fn step_mention(&mut self, forward: bool) {
        let an = Arc::clone(&self.analysis);
        let Some(aa) = an.analyses.get(self.reader.article) else {
            self.say(NO_ARTICLE);
            return;
        };
        let ms = &aa.mentions;
        let starts: Vec<usize> = ms.iter().map(|m| m.span.start()).collect();
        match self.pick(&starts, self.reader.mention, forward) {
            Some(i) => {
                self.land(ms[i].span.start());
                self.reader.mention = Some(i);
                self.reader.event = None;
            }
            None => self.say(if forward {
                "no further entity mention"
            } else {
                "no earlier entity mention"
            }),
        }
    }

    /// `n` / `N` in the reader: next or previous match, wrapping around with a message.
    pub fn step_match(&mut self, forward: bool) {
        if self.move_to_match(forward) {
            self.say(if forward {
                "search wrapped to the top"
            } else {
                "search wrapped to the bottom"
            });
        }
    }

    /// Moves to the next or previous match; `true` when that wrapped around the article.
    pub fn move_to_match(&mut self, forward: bool) -> bool {
        let cursor = self.reader.cursor;
        let line = self.cursor_span();
        let Some(s) = &mut self.search else {
            self.say("no search yet: press / to search");
            return false;
        };
        if s.matches.is_empty() {
            let q = s.query.clone();
            self.say(format!("nothing found: {q}"));
            return false;
        }
        let on_line =
            |m: &Span| line.is_some_and(|l| m.start() >= l.start() && m.start() <= l.end());
        let cur = s.current.filter(|&c| on_line(&s.matches[c]));
        let n = s.matches.len();
        let (next, wrapped) = if forward {
            let from = cur.map(|c| s.matches[c].start());
            match s
                .matches
                .iter()
                .position(|m| from.map_or(m.start() >= cursor, |f| m.start() > f))
            {
                Some(i) => (i, false),
                None => (0, true),
            }
        } else {
            let from = cur.map(|c| s.matches[c].start()).unwrap_or(cursor);
            match s.matches.iter().rposition(|m| m.start() < from) {
                Some(i) => (i, false),
                None => (n - 1, true),
            }
        };
        s.current = Some(next);
        let target = s.matches[next].start();
        self.message = None;
        self.land(target);
        wrapped
    }
}
