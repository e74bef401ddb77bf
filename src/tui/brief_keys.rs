//! What keys do while the briefing view is open, and opening and closing it (the view itself is
//! [`super::briefing_view`], which knows nothing of the reader's state).

use super::briefing_view::{BriefView, view_rect};
use crate::briefing::Briefing;
use crate::tui::actions::Action;
use crate::tui::app::App;
use crate::tui::jumps::Position;
use crate::tui::layout;
use crate::tui::popup;
use std::rc::Rc;

impl App {
    /// Rows of text the briefing view shows at the current size.
    pub fn brief_rows(&self) -> usize {
        usize::from(layout::inner(view_rect(self.size, self.focus)).height).max(1)
    }

    fn brief_width(&self) -> u16 {
        layout::inner(view_rect(self.size, self.focus)).width.max(1)
    }

    /// The cached view for the current filter, built when missing or stale.
    fn ensure_brief(&mut self) {
        if self.brief.as_ref().is_none_or(|v| v.key != self.filter) {
            self.brief = Some(BriefView::new(&self.analysis, self.filter.clone()));
        }
    }

    /// The briefing of the current filter (cached).
    pub fn current_briefing(&mut self) -> Rc<Briefing> {
        self.ensure_brief();
        match &self.brief {
            Some(v) => Rc::clone(&v.briefing),
            None => Rc::new(crate::briefing::build(&self.analysis, &Default::default())),
        }
    }

    /// `b`: shows the briefing view of the current filter.
    pub fn open_briefing(&mut self) {
        self.ensure_brief();
        self.brief_open = true;
        self.relayout_brief();
    }

    /// Lays the open view out for the current size.
    pub fn relayout_brief(&mut self) {
        if !self.brief_open {
            return;
        }
        let (w, rows) = (self.brief_width(), self.brief_rows());
        if let Some(v) = &mut self.brief {
            v.relayout(&self.config.theme, w, rows);
        }
    }

    /// An action while the view is open.
    pub fn brief_action(&mut self, action: Action) {
        let rows = self.brief_rows();
        let page = super::scroll::page(rows, false) as isize;
        let half = super::scroll::page(rows, true) as isize;
        match action {
            Action::Quit => self.quit = true,
            Action::Close | Action::Briefing => self.brief_open = false,
            Action::Open => self.brief_jump(),
            Action::Export => self.start_export(),
            Action::Help => {
                self.popup = Some(popup::help(
                    &self.config.keymap,
                    &self.config.theme,
                    self.mode(),
                ))
            }
            Action::Filter => {
                let p =
                    popup::filter_picker(&self.analysis, &self.config.theme, self.filter.as_ref());
                self.popup = Some(p);
            }
            _ => {
                let Some(v) = &mut self.brief else { return };
                match action {
                    Action::MoveDown => v.step(true, rows),
                    Action::MoveUp => v.step(false, rows),
                    Action::PageDown => v.scroll(page, rows),
                    Action::PageUp => v.scroll(-page, rows),
                    Action::HalfPageDown => v.scroll(half, rows),
                    Action::HalfPageUp => v.scroll(-half, rows),
                    Action::Top => v.home_end(false, rows),
                    Action::Bottom => v.home_end(true, rows),
                    _ => {}
                }
            }
        }
    }

    /// Enter: closes the view and jumps to the selected event's passage (Ctrl-o comes back).
    fn brief_jump(&mut self) {
        let Some(r) = self.brief.as_ref().and_then(|v| v.chosen_event()) else {
            self.say("not an event line: Enter jumps from timeline, warning and proposal lines");
            return;
        };
        let Some(ev) = self.analysis.get_event(r) else {
            return;
        };
        self.brief_open = false;
        self.jump_to(Position {
            article: r.article,
            offset: ev.span.start(),
        });
        self.reader.event = Some(r.event);
    }
}
