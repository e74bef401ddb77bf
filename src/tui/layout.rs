//! Where each pane goes for a terminal size: side by side from 120 columns, stacked below that,
//! one pane at a time (with a tab bar) at 80×24 and smaller, a "too small" screen under 40×10.

use ratatui::layout::Rect;

/// The three panes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pane {
    List,
    Detail,
    Timeline,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::List, Pane::Detail, Pane::Timeline];

    pub fn title(&self) -> &'static str {
        match self {
            Pane::List => "Articles",
            Pane::Detail => "Reader",
            Pane::Timeline => "Timeline",
        }
    }

    pub fn next(&self) -> Pane {
        match self {
            Pane::List => Pane::Detail,
            Pane::Detail => Pane::Timeline,
            Pane::Timeline => Pane::List,
        }
    }

    pub fn prev(&self) -> Pane {
        self.next().next()
    }
}

/// Which arrangement a size gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    TooSmall,
    Single,
    Stacked,
    Side,
}

pub const MIN_W: u16 = 40;
pub const MIN_H: u16 = 10;

/// The rectangles of one screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Screen {
    pub mode: Mode,
    pub tabs: Option<Rect>,
    pub list: Option<Rect>,
    pub detail: Option<Rect>,
    pub timeline: Option<Rect>,
    pub status: Rect,
}

impl Screen {
    pub fn pane(&self, p: Pane) -> Option<Rect> {
        match p {
            Pane::List => self.list,
            Pane::Detail => self.detail,
            Pane::Timeline => self.timeline,
        }
    }
}

/// The arrangement for a terminal size.
pub fn mode_for(w: u16, h: u16) -> Mode {
    if w < MIN_W || h < MIN_H {
        Mode::TooSmall
    } else if w >= 120 && h >= 16 {
        Mode::Side
    } else if w > 80 && h > 24 {
        Mode::Stacked
    } else {
        Mode::Single
    }
}

/// Lines of the status bar at a height.
pub fn status_height(h: u16) -> u16 {
    if h >= 14 { 2 } else { 1 }
}

/// Places the panes for `area`, showing `focus` when only one pane fits.
pub fn compute(area: Rect, focus: Pane) -> Screen {
    let mode = mode_for(area.width, area.height);
    let sh = status_height(area.height).min(area.height);
    let status = Rect::new(area.x, area.y + area.height - sh, area.width, sh);
    let body = Rect::new(area.x, area.y, area.width, area.height - sh);
    let mut s = Screen {
        mode,
        tabs: None,
        list: None,
        detail: None,
        timeline: None,
        status,
    };
    match mode {
        Mode::TooSmall => {}
        Mode::Single => {
            let tabs = Rect::new(body.x, body.y, body.width, 1);
            let rest = Rect::new(
                body.x,
                body.y + 1,
                body.width,
                body.height.saturating_sub(1),
            );
            s.tabs = Some(tabs);
            match focus {
                Pane::List => s.list = Some(rest),
                Pane::Detail => s.detail = Some(rest),
                Pane::Timeline => s.timeline = Some(rest),
            }
        }
        Mode::Stacked => {
            let list_h = (body.height / 4).max(6);
            let tl_h = (body.height / 4).max(6);
            let det_h = body.height.saturating_sub(list_h + tl_h);
            s.list = Some(Rect::new(body.x, body.y, body.width, list_h));
            s.detail = Some(Rect::new(body.x, body.y + list_h, body.width, det_h));
            s.timeline = Some(Rect::new(body.x, body.y + list_h + det_h, body.width, tl_h));
        }
        Mode::Side => {
            let left_w = (body.width * 2 / 5).clamp(40, 80);
            let list_h = body.height / 2;
            s.list = Some(Rect::new(body.x, body.y, left_w, list_h));
            s.timeline = Some(Rect::new(
                body.x,
                body.y + list_h,
                left_w,
                body.height - list_h,
            ));
            s.detail = Some(Rect::new(
                body.x + left_w,
                body.y,
                body.width - left_w,
                body.height,
            ));
        }
    }
    s
}

/// Inside a bordered pane.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

/// Columns of the reader's gutter: cursor mark, kind glyph, status glyph, space.
pub const GUTTER: u16 = 4;
/// Lines of the reader's header: title, source and date.
pub const HEADER: u16 = 2;

/// The reader's body text area (inside the border, below the header, right of the gutter).
pub fn detail_text(r: Rect) -> Rect {
    let i = inner(r);
    let head = HEADER.min(i.height);
    Rect::new(
        i.x + GUTTER.min(i.width),
        i.y + head,
        i.width.saturating_sub(GUTTER),
        i.height - head,
    )
}

/// The rectangle of a popup over `area`: most of it, centred.
pub fn popup_rect(area: Rect) -> Rect {
    let w = (area.width.saturating_mul(4) / 5)
        .max(area.width.min(30))
        .min(area.width);
    let h = (area.height.saturating_mul(3) / 4)
        .max(area.height.min(8))
        .min(area.height);
    let w = w.min(110);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_follow_the_thresholds() {
        assert_eq!(mode_for(39, 30), Mode::TooSmall);
        assert_eq!(mode_for(100, 9), Mode::TooSmall);
        assert_eq!(mode_for(80, 24), Mode::Single);
        assert_eq!(mode_for(100, 24), Mode::Single);
        assert_eq!(mode_for(100, 40), Mode::Stacked);
        assert_eq!(mode_for(120, 40), Mode::Side);
        assert_eq!(mode_for(200, 60), Mode::Side);
    }

    #[test]
    fn panes_stay_inside_the_screen() {
        for (w, h) in [
            (40, 10),
            (80, 24),
            (81, 25),
            (119, 60),
            (120, 16),
            (250, 80),
        ] {
            let area = Rect::new(0, 0, w, h);
            for f in Pane::ALL {
                let s = compute(area, f);
                for r in [s.tabs, s.list, s.detail, s.timeline].into_iter().flatten() {
                    assert!(r.right() <= w && r.bottom() <= s.status.y, "{w}x{h} {r:?}");
                }
            }
        }
    }
}
