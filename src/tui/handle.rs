//! Keys in, state changes out: the keymap turns a key into an [`Action`], which is routed to the
//! prompt (search or export), the open popup, the briefing view, or the focused pane. Returns whether anything may have changed, so the
//! event loop draws only then.

use super::actions::Action;
use super::app::ExportPrompt;
use super::app::{App, Prompt, Search};
use super::filter::Filter;
use super::jumps::Position;
use super::keymap::{Key, Mode};
use super::layout::{self, Pane};
use super::line_edit::{Edit, LineEdit};
use super::popup::{self, PopupKind, Target};
use super::scroll::page;
use super::stage::Step;
use crate::analysis::entity_match::EntityMatch;
use ratatui::crossterm::event::KeyCode;
use std::sync::Arc;

/// Longest search the prompt takes, in bytes.
const MAX_QUERY: usize = 200;

impl App {
    /// Handles one key press: the keymap layer of the current mode turns it into an action,
    /// which runs there. `true` when the screen may need redrawing.
    pub fn handle_key(&mut self, key: Key) -> bool {
        if let Some(ExportPrompt::Confirm(_) | ExportPrompt::Copy(_)) = self.export {
            self.message = None;
            return self.confirm_key(key);
        }
        let mode = self.mode();
        let action = self.config.keymap.action_in(mode, &key);
        if mode == Mode::Prompt {
            return self.prompt_key(action, key);
        }
        let Some(action) = action else { return false };
        self.message = None;
        match mode {
            Mode::Briefing => self.brief_action(action),
            _ => self.run(action),
        }
        true
    }

    /// Runs an action where it applies now.
    pub fn run(&mut self, action: Action) {
        if self.popup.is_some() {
            self.popup_action(action);
            return;
        }
        if !self.analysed() && needs_analysis(action) {
            let waiting = match self.step {
                Step::Reading(l) => {
                    format!("still reading files ({} of {})", l.files_read, l.files)
                }
                Step::Failed => "the analysis failed".to_string(),
                _ => format!("still analysing {} articles", self.analysis.articles.len()),
            };
            let action = action.name().replace('_', " ");
            self.say_waiting(format!("{waiting}: {action} needs the analysis"));
            return;
        }
        match action {
            Action::MoveDown => self.move_by(1),
            Action::MoveUp => self.move_by(-1),
            Action::PageDown => self.move_page(1, false),
            Action::PageUp => self.move_page(-1, false),
            Action::HalfPageDown => self.move_page(1, true),
            Action::HalfPageUp => self.move_page(-1, true),
            Action::Top => self.move_end(false),
            Action::Bottom => self.move_end(true),
            Action::FocusNext => self.set_focus(self.focus.next()),
            Action::FocusPrev => self.set_focus(self.focus.prev()),
            Action::FocusList => self.set_focus(Pane::List),
            Action::FocusDetail => self.set_focus(Pane::Detail),
            Action::FocusTimeline => self.set_focus(Pane::Timeline),
            Action::Open => self.open(),
            Action::NextEvent | Action::PrevEvent => {
                self.set_focus(Pane::Detail);
                self.step_event(action == Action::NextEvent);
            }
            Action::NextParagraph | Action::PrevParagraph => {
                self.set_focus(Pane::Detail);
                self.step_paragraph(action == Action::NextParagraph);
            }
            Action::NextMention | Action::PrevMention => {
                self.set_focus(Pane::Detail);
                self.step_mention(action == Action::NextMention);
            }
            Action::Search => {
                let scope = if self.focus == Pane::Detail {
                    Pane::Detail
                } else {
                    Pane::List
                };
                self.prompt = Some(Prompt {
                    edit: LineEdit::new("", MAX_QUERY),
                    scope,
                });
            }
            Action::SearchNext | Action::SearchPrev => {
                self.search_step(action == Action::SearchNext)
            }
            Action::Related => self.open_related(),
            Action::Mentions => self.open_mentions(),
            Action::JumpBack => match self.jumps.back(self.position()) {
                Some(p) => self.go_to(p),
                None => self.say("already at the oldest jump"),
            },
            Action::JumpForward => match self.jumps.forward() {
                Some(p) => self.go_to(p),
                None => self.say("already at the newest jump"),
            },
            Action::Filter => {
                let p =
                    popup::filter_picker(&self.analysis, &self.config.theme, self.filter.as_ref());
                self.popup = Some(p);
            }
            Action::Sort => {
                self.sort = self.sort.next();
                self.refresh_rows();
                self.say(format!("sorted by {}", self.sort.label()));
            }
            Action::Briefing => self.open_briefing(),
            Action::Export => self.start_export(),
            Action::ToggleRead => self.toggle_read(),
            Action::Mark => self.toggle_mark(),
            Action::Help => {
                self.popup = Some(popup::help(
                    &self.config.keymap,
                    &self.config.theme,
                    self.mode(),
                ))
            }
            Action::Close => {
                if self.search.is_some() || self.corpus_query.is_some() {
                    self.search = None;
                    self.corpus_query = None;
                    self.refresh_rows();
                    self.say("search cleared");
                } else {
                    self.say("nothing to close: Esc closes a popup or clears a search");
                }
            }
            Action::Quit => self.quit = true,
            // the line editor's actions: no line is being typed
            Action::Accept
            | Action::Cancel
            | Action::DeleteBack
            | Action::DeleteForward
            | Action::DeleteWord
            | Action::ClearLine
            | Action::CursorLeft
            | Action::CursorRight
            | Action::LineStart
            | Action::LineEnd => {}
        }
    }

    /// True, after saying why, when the focused pane has nothing to move over.
    fn says_empty(&mut self) -> bool {
        let (empty, why) = match self.focus {
            Pane::List => (
                self.list_rows.is_empty(),
                "the list is empty: the filter or the search keeps no article",
            ),
            Pane::Timeline => (
                self.timeline_rows.is_empty(),
                "the timeline is empty: no event, or the filter keeps none",
            ),
            Pane::Detail => (
                self.wrapped.as_ref().is_none_or(|w| w.lines.is_empty()),
                super::nav::NO_ARTICLE,
            ),
        };
        if empty {
            self.say(why);
        }
        empty
    }

    fn move_by(&mut self, delta: isize) {
        if self.says_empty() {
            return;
        }
        match self.focus {
            Pane::List => {
                self.list.step(delta, self.list_rows.len());
                self.after_list_move();
            }
            Pane::Timeline => {
                self.timeline.step(delta, self.timeline_rows.len());
                self.clamp_lists();
            }
            Pane::Detail => self.reader_lines(delta),
        }
    }

    fn move_page(&mut self, dir: isize, half: bool) {
        if self.says_empty() {
            return;
        }
        let page = match self.focus {
            Pane::List => self.list_page(),
            Pane::Timeline => self.timeline_page(),
            Pane::Detail => self.reader_rows(),
        };
        let delta = dir * super::scroll::page(page, half) as isize;
        match self.focus {
            Pane::Detail => self.reader_page(delta),
            _ => self.move_by(delta),
        }
    }

    fn move_end(&mut self, bottom: bool) {
        if self.says_empty() {
            return;
        }
        match self.focus {
            Pane::List => {
                self.list.sel = if bottom {
                    self.list_rows.len().saturating_sub(1)
                } else {
                    0
                };
                self.after_list_move();
            }
            Pane::Timeline => {
                self.timeline.sel = if bottom {
                    self.timeline_rows.len().saturating_sub(1)
                } else {
                    0
                };
                self.clamp_lists();
            }
            Pane::Detail if bottom => self.reader_bottom(),
            Pane::Detail => self.reader_top(),
        }
    }

    /// The list selection moved: the reader shows the selected article.
    fn after_list_move(&mut self) {
        self.clamp_lists();
        if let Some(a) = self.selected_article() {
            self.show_article(a);
        }
    }

    fn open(&mut self) {
        match self.focus {
            Pane::List => match self.selected_article() {
                Some(a) => {
                    self.show_article(a);
                    self.set_focus(Pane::Detail);
                    if self.corpus_query.is_some() {
                        // a search hit opens on its first match, not on the article's top
                        self.reader.cursor = 0;
                        self.reader.top = 0;
                        self.move_to_match(true);
                    }
                }
                None => self.say("no article to open"),
            },
            Pane::Timeline => {
                let Some(item) = self
                    .timeline_rows
                    .get(self.timeline.sel)
                    .and_then(|&i| self.analysis.timeline.get(i))
                else {
                    self.say("no event to go to");
                    return;
                };
                let Some(r) = item.occurrences.first().copied() else {
                    self.say("this event has no passage to go to");
                    return;
                };
                let Some(ev) = self.analysis.get_event(r) else {
                    return;
                };
                let n = item.sources.len();
                self.jump_to(Position {
                    article: r.article,
                    offset: ev.span.start(),
                });
                self.reader.event = Some(r.event);
                if n > 1 {
                    self.say(format!("reported by {n} sources"));
                }
            }
            Pane::Detail => self.open_related(),
        }
    }

    fn search_step(&mut self, forward: bool) {
        if self.focus == Pane::Detail {
            self.step_match(forward);
            return;
        }
        if self.corpus_query.is_none() {
            self.say("no search yet: press / to search");
            return;
        }
        let n = self.list_rows.len();
        if n == 0 {
            self.say("no article matches the search");
            return;
        }
        let (sel, wrapped) = match (forward, self.list.sel) {
            (true, s) if s + 1 >= n => (0, true),
            (true, s) => (s + 1, false),
            (false, 0) => (n - 1, true),
            (false, s) => (s - 1, false),
        };
        self.list.sel = sel;
        if wrapped {
            self.say("search wrapped");
        }
        self.set_focus(Pane::List);
        self.after_list_move();
    }

    /// Applies a confirmed `/` search.
    pub fn apply_search(&mut self, query: &str, scope: Pane) {
        let query = query.trim();
        if query.is_empty() {
            return;
        }
        if scope == Pane::Detail {
            self.search = Some(Search {
                query: query.to_string(),
                ..Search::default()
            });
            self.refresh_search();
            // the first match after the cursor, or the first of all: no wrap to speak of
            self.move_to_match(true);
            return;
        }
        let hits = super::filter::article_rows(
            &self.analysis,
            self.filter.as_ref(),
            Some(query),
            self.sort,
        );
        if hits.is_empty() {
            self.say(format!("nothing found in the corpus: {query}"));
            return;
        }
        let total = super::filter::match_total(&self.analysis, &hits, query);
        self.corpus_query = Some(query.to_string());
        self.search = Some(Search {
            query: query.to_string(),
            ..Search::default()
        });
        self.refresh_rows();
        self.list.sel = 0;
        self.after_list_move();
        self.refresh_search();
        self.say(format!("{} articles, {total} matches", hits.len()));
    }

    /// A key in a prompt: an editing action of the prompt layer, else a character typed.
    fn prompt_key(&mut self, action: Option<Action>, key: Key) -> bool {
        if action == Some(Action::Quit) {
            self.quit = true;
            return true;
        }
        let Some(edit) = self.editor() else {
            return false;
        };
        let done = match (action, key.code) {
            (Some(a), _) => edit.apply(a),
            (None, KeyCode::Char(c)) if !key.ctrl && !key.alt && edit.insert(c) => Edit::Changed,
            (None, _) => Edit::Unchanged,
        };
        match done {
            Edit::Accept => self.accept_prompt(),
            Edit::Cancel => self.cancel_prompt(),
            Edit::Changed => {
                if let Some(p) = &mut self.popup {
                    p.refind();
                }
            }
            // while finding in a popup, the popup's moves still move its selection
            Edit::Unchanged if self.popup.as_ref().is_some_and(|p| p.find.is_some()) => {
                match self.config.keymap.action_in(Mode::Popup, &key) {
                    Some(
                        a @ (Action::MoveDown
                        | Action::MoveUp
                        | Action::PageDown
                        | Action::PageUp
                        | Action::Top
                        | Action::Bottom),
                    ) => self.popup_action(a),
                    _ => return false,
                }
            }
            Edit::Unchanged => return false,
        }
        true
    }

    /// The line being typed, if any.
    fn editor(&mut self) -> Option<&mut LineEdit> {
        if let Some(f) = self.popup.as_mut().and_then(|p| p.find.as_mut()) {
            return Some(f);
        }
        match (&mut self.prompt, &mut self.export) {
            (Some(p), _) => Some(&mut p.edit),
            (None, Some(ExportPrompt::Path(e))) => Some(e),
            _ => None,
        }
    }

    fn accept_prompt(&mut self) {
        if let Some(p) = self.popup.as_mut().filter(|p| p.find.is_some()) {
            // Enter picks the item found
            p.end_find(true);
            self.popup_action(Action::Open);
        } else if let Some(p) = self.prompt.take() {
            self.message = None;
            self.apply_search(p.edit.text(), p.scope);
        } else if let Some(ExportPrompt::Path(e)) = self.export.take() {
            self.confirm_path(e.text());
        }
    }

    fn cancel_prompt(&mut self) {
        if let Some(p) = self.popup.as_mut().filter(|p| p.find.is_some()) {
            p.end_find(false);
        } else if self.prompt.take().is_none() && self.export.take().is_some() {
            self.say("export cancelled");
        }
    }

    fn open_related(&mut self) {
        let an = Arc::clone(&self.analysis);
        let Some(a) = an.articles.get(self.reader.article) else {
            self.say(super::nav::NO_ARTICLE);
            return;
        };
        let Some(para) = a.paragraph_at(self.reader.cursor) else {
            self.say("no passage under the cursor");
            return;
        };
        match popup::related(
            &self.analysis,
            &self.config.theme,
            self.reader.article,
            para,
        ) {
            Some(p) => self.popup = Some(p),
            None => self.say("no related passage in other articles"),
        }
    }

    /// Index of the mention under the cursor: the one reached with e/E, else the first on the line.
    pub fn cursor_mention(&self) -> Option<usize> {
        let line = self.cursor_covers()?;
        let ms = &self.analysis.analyses.get(self.reader.article)?.mentions;
        let on = |i: usize| {
            ms.get(i)
                .is_some_and(|m| m.span.start() >= line.start() && m.span.start() < line.end())
        };
        // Mentions are sorted by start: the first on the line is the first that starts at or
        // after the line's start, if it starts before its end.
        let first = ms.partition_point(|m| m.span.start() < line.start());
        self.reader
            .mention
            .filter(|&m| on(m))
            .or_else(|| Some(first).filter(|&i| on(i)))
    }

    /// Index of the event under the cursor: the one reached with ]/[, else the first whose
    /// sentence covers the line.
    pub fn cursor_event(&self) -> Option<usize> {
        let line = self.cursor_covers()?;
        let evs = &self.analysis.analyses.get(self.reader.article)?.events;
        self.reader
            .event
            .filter(|&e| evs.get(e).is_some_and(|ev| ev.span.overlaps(&line)))
            .or_else(|| evs.iter().position(|e| e.span.overlaps(&line)))
    }

    /// `*`: every mention of the entity under the reader's cursor, with what the gazetteer
    /// nests under it. From the list or the timeline, where no entity is under a cursor, those
    /// of the entity filter, if one is set.
    fn open_mentions(&mut self) {
        if self.focus != Pane::Detail {
            match &self.filter {
                Some(Filter::Entity(m)) => {
                    self.popup = Some(popup::mentions(&self.analysis, &self.config.theme, m));
                }
                _ => self.say(
                    "* lists an entity's mentions: open an article (enter), move to an entity (e), \
                     or filter by one (f)",
                ),
            }
            return;
        }
        let Some(m) = self.cursor_mention() else {
            self.say("no entity on this line (e moves to the next one)");
            return;
        };
        let an = Arc::clone(&self.analysis);
        let Some(aa) = an.analyses.get(self.reader.article) else {
            return;
        };
        let Some(e) = aa.mentions.get(m).and_then(|m| aa.entities.get(m.index())) else {
            return;
        };
        let covered = EntityMatch::resolve(&an, &[e.name.as_str()]);
        self.popup = Some(popup::mentions(&an, &self.config.theme, &covered));
    }

    /// Lines a popup can show at the current size.
    pub fn popup_rows(&self) -> usize {
        usize::from(layout::inner(layout::popup_rect(self.size)).height).max(1)
    }

    pub(super) fn popup_action(&mut self, action: Action) {
        let rows = self.popup_rows();
        let Some(p) = &mut self.popup else { return };
        match action {
            Action::MoveDown => p.step(1),
            Action::MoveUp => p.step(-1),
            Action::PageDown => p.step(page(rows, false) as isize),
            Action::PageUp => p.step(-(page(rows, false) as isize)),
            Action::HalfPageDown => p.step(page(rows, true) as isize),
            Action::HalfPageUp => p.step(-(page(rows, true) as isize)),
            Action::Top => p.home(),
            Action::Bottom => p.end(),
            Action::Close | Action::Cancel => self.popup = None,
            // `/` starts the find; help has none
            Action::Search if !p.start_find() => self.say("help has nothing to find: it scrolls"),
            Action::Help if p.kind == PopupKind::Help => self.popup = None,
            Action::Quit => self.quit = true,
            Action::Open => {
                let target = p.chosen().cloned();
                self.popup = None;
                match target {
                    Some(Target::Go(pos)) => self.jump_to(pos),
                    Some(Target::SetFilter(f)) => self.set_filter(f),
                    Some(Target::FilterEntity(name)) => {
                        self.set_filter(Some(Filter::entity(&self.analysis, &name)))
                    }
                    None => {}
                }
            }
            _ => {}
        }
        if let Some(p) = &mut self.popup {
            p.scroll_into_view(rows);
        }
    }
}

impl App {
    /// Applies a filter chosen in the picker, and says what it keeps.
    fn set_filter(&mut self, f: Option<Filter>) {
        self.say(match &f {
            Some(f) => format!("filter: {}", f.label()),
            None => "filter cleared".to_string(),
        });
        self.filter = f;
        self.refresh_rows();
        if let Some(a) = self.selected_article() {
            self.show_article(a);
        }
        if self.brief_open {
            // the open briefing follows the new filter
            self.open_briefing();
        }
    }
}

/// Actions that show what the analysis found: while the reader shows the bare articles they
/// would show nothing, or (the export) write an empty briefing.
fn needs_analysis(action: Action) -> bool {
    matches!(
        action,
        Action::NextEvent
            | Action::PrevEvent
            | Action::NextMention
            | Action::PrevMention
            | Action::Related
            | Action::Mentions
            | Action::Filter
            | Action::Briefing
            | Action::Export
    )
}
