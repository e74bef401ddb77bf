//! Popups: related passages (`r`), every mention of an entity (`*`), the filter picker (`f`) and
//! help (`?`). Each is a list of items, some of them headings; Enter acts on the selected one.

use super::filter::{Filter, article_date};
use super::jumps::Position;
use super::keymap::{KeyMap, Mode};
use super::line_edit::LineEdit;
use super::text::{clean_line, truncate};
use super::theme::Theme;
use crate::analysis::entity_match::EntityMatch;
use crate::analysis::{Analysis, EntityKind, EventKind, Family, Name, Status};
use ratatui::style::Style;
use ratatui::text::{Line, Span as TSpan};
use std::collections::BTreeSet;

/// What choosing an item does.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Go(Position),
    SetFilter(Option<Filter>),
    /// Filter by this entity, resolved when chosen: resolving every entity of the picker
    /// would read the corpus for each.
    FilterEntity(Name),
}

/// One row group of a popup.
#[derive(Clone, Debug)]
pub struct Item {
    pub lines: Vec<Line<'static>>,
    pub target: Option<Target>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PopupKind {
    Related,
    Mentions,
    Filter,
    Help,
}

/// An open popup.
#[derive(Clone, Debug)]
pub struct Popup {
    pub kind: PopupKind,
    pub title: String,
    /// The items shown: every one, or those the find keeps.
    pub items: Vec<Item>,
    pub sel: usize,
    pub top: usize,
    /// Every item, for the find to narrow.
    all: Vec<Item>,
    /// The text being found (`/` in a list popup), while typed.
    pub find: Option<LineEdit>,
}

/// Longest text the find takes, in bytes.
const MAX_FIND: usize = 100;

impl Popup {
    fn new(kind: PopupKind, title: String, items: Vec<Item>) -> Self {
        let mut p = Popup {
            kind,
            title,
            all: items.clone(),
            items,
            sel: 0,
            top: 0,
            find: None,
        };
        p.sel = p.first_selectable().unwrap_or(0);
        p
    }

    /// `/`: starts narrowing the list by the text typed; `false` for help, which has no items
    /// to pick.
    pub fn start_find(&mut self) -> bool {
        if self.kind == PopupKind::Help {
            return false;
        }
        self.find = Some(LineEdit::new("", MAX_FIND));
        true
    }

    /// Shows the items whose text holds the find's (case and accents aside), each under its
    /// heading; every item when the find is empty.
    pub fn refind(&mut self) {
        let query = self
            .find
            .as_ref()
            .map(|f| fold(f.text()))
            .unwrap_or_default();
        self.items = if query.is_empty() {
            self.all.clone()
        } else {
            let mut kept: Vec<Item> = Vec::new();
            let mut heading: Option<&Item> = None;
            for item in &self.all {
                if item.target.is_none() {
                    heading = Some(item);
                    continue;
                }
                if fold(&item_text(item)).contains(&query) {
                    if let Some(h) = heading.take() {
                        kept.push(h.clone());
                    }
                    kept.push(item.clone());
                }
            }
            kept
        };
        self.top = 0;
        self.sel = self.first_selectable().unwrap_or(0);
    }

    /// Ends the find: `keep` leaves the list narrowed, else every item comes back.
    pub fn end_find(&mut self, keep: bool) {
        self.find = None;
        if !keep {
            let chosen = self.items.get(self.sel).map(item_text);
            self.refind();
            if let Some(text) = chosen
                && let Some(i) = self.all.iter().position(|it| item_text(it) == text)
            {
                self.sel = i;
            }
        }
    }

    /// The selected item's place among the items that can be picked, and their number
    /// (headings are not counted): `(3, 12)`.
    pub fn counter(&self) -> (usize, usize) {
        let picks = (0..self.items.len()).filter(|&i| self.selectable(i));
        let total = picks.clone().count();
        let at = picks.take_while(|&i| i < self.sel).count();
        (if total == 0 { 0 } else { at + 1 }, total)
    }

    /// The whole text of the selected item, for the status line.
    pub fn chosen_text(&self) -> Option<String> {
        self.items
            .get(self.sel)
            .filter(|_| self.kind != PopupKind::Help)
            .map(item_text)
    }

    fn selectable(&self, i: usize) -> bool {
        self.kind == PopupKind::Help || self.items.get(i).is_some_and(|it| it.target.is_some())
    }

    fn first_selectable(&self) -> Option<usize> {
        (0..self.items.len()).find(|&i| self.selectable(i))
    }

    /// Moves the selection by `delta` selectable items, stopping at the ends.
    pub fn step(&mut self, delta: isize) {
        if self.kind == PopupKind::Help {
            // Help has nothing to pick: keys scroll it.
            let max = self.items.len().saturating_sub(1) as isize;
            self.top = (self.top as isize + delta).clamp(0, max) as usize;
            self.sel = self.top;
            return;
        }
        let mut i = self.sel;
        for _ in 0..delta.unsigned_abs() {
            let next = if delta > 0 {
                (i + 1..self.items.len()).find(|&j| self.selectable(j))
            } else {
                (0..i).rev().find(|&j| self.selectable(j))
            };
            match next {
                Some(j) => i = j,
                None => break,
            }
        }
        self.sel = i;
        if delta < 0 && self.sel > 0 && !self.selectable(self.sel - 1) {
            // keep a heading just above visible
            self.top = self.top.min(self.sel - 1);
        }
    }

    pub fn home(&mut self) {
        self.sel = self.first_selectable().unwrap_or(0);
        self.top = 0;
    }

    pub fn end(&mut self) {
        if self.kind == PopupKind::Help {
            self.top = self.items.len();
        }
        self.sel = (0..self.items.len())
            .rev()
            .find(|&i| self.selectable(i))
            .unwrap_or(0);
    }

    /// The chosen item's target.
    pub fn chosen(&self) -> Option<&Target> {
        self.items.get(self.sel).and_then(|i| i.target.as_ref())
    }

    /// Adjusts `top` so the selected item (with all its lines) fits in `rows` lines.
    pub fn scroll_into_view(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.kind == PopupKind::Help {
            self.top = self.top.min(self.items.len().saturating_sub(rows));
            self.sel = self.top;
            return;
        }
        if self.sel < self.top {
            self.top = self.sel;
        }
        loop {
            let used: usize = self.items
                [self.top.min(self.items.len())..=self.sel.min(self.items.len().saturating_sub(1))]
                .iter()
                .map(|i| i.lines.len())
                .sum();
            if used <= rows || self.top >= self.sel {
                break;
            }
            self.top += 1;
        }
    }
}

/// An item's text, its lines joined by spaces.
fn item_text(item: &Item) -> String {
    item.lines
        .iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lowercase without accents, for the find.
fn fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn snippet(text: &str, max: usize) -> String {
    truncate(&clean_line(text), max)
}

fn article_head(an: &Analysis, i: usize) -> String {
    let date = article_date(an, i)
        .map(|d| d.to_string())
        .unwrap_or_else(|| "undated".into());
    format!("{} · {}", clean_line(an.source_label(i)), date)
}

/// Related passages of paragraph `para` of `article`; `None` when there are none.
pub fn related(an: &Analysis, theme: &Theme, article: usize, para: usize) -> Option<Popup> {
    let list = an.related(article, para);
    let items: Vec<Item> = list
        .iter()
        .filter_map(|r| {
            let a = an.articles.get(r.article)?;
            let p = a.paragraphs.get(r.passage)?;
            let text = a.body.get(p.start()..p.end())?;
            let mut shared: Vec<String> = r.shared_entities.iter().map(|s| clean_line(s)).collect();
            shared.extend(r.shared_kinds.iter().map(|k| k.to_string()));
            Some(Item {
                lines: vec![
                    Line::from(vec![
                        TSpan::styled(article_head(an, r.article), theme.ui("heading")),
                        TSpan::raw(" · "),
                        TSpan::styled(clean_line(&a.title), theme.ui("title")),
                    ]),
                    Line::styled(format!("  shared: {}", shared.join(", ")), theme.ui("meta")),
                    Line::raw(format!("  {}", snippet(text, 400))),
                ],
                target: Some(Target::Go(Position {
                    article: r.article,
                    offset: p.start(),
                })),
            })
        })
        .collect();
    (!items.is_empty()).then(|| {
        Popup::new(
            PopupKind::Related,
            format!("Related passages ({})", items.len()),
            items,
        )
    })
}

/// Every mention of what an entity filter covers (the entity, and what the gazetteer nests
/// under it) across the corpus, grouped by article.
pub fn mentions(an: &Analysis, theme: &Theme, m: &EntityMatch) -> Popup {
    let mut items = Vec::new();
    let mut total = 0;
    for (ai, aa) in an.analyses.iter().enumerate() {
        let Some(article) = an.articles.get(ai) else {
            continue;
        };
        let covered = |i: usize| aa.entities.get(i).filter(|e| m.covers(&e.name));
        let ms: Vec<_> = aa
            .mentions
            .iter()
            .filter_map(|x| covered(x.index()).map(|e| (x.span, e.kind)))
            .collect();
        if ms.is_empty() {
            continue;
        }
        items.push(Item {
            lines: vec![Line::styled(
                format!(
                    "{} — {} ({} mentions)",
                    truncate(&clean_line(&article.title), 60),
                    article_head(an, ai),
                    ms.len()
                ),
                theme.ui("heading"),
            )],
            target: None,
        });
        for (span, kind) in ms.into_iter().take(500) {
            total += 1;
            items.push(Item {
                lines: vec![context_line(&article.body, span, theme.entity(kind))],
                target: Some(Target::Go(Position {
                    article: ai,
                    offset: span.start(),
                })),
            });
        }
    }
    Popup::new(
        PopupKind::Mentions,
        format!("{}: {total} mentions", clean_line(&m.describe())),
        items,
    )
}

fn context_line(body: &str, span: crate::corpus::Span, style: Style) -> Line<'static> {
    let before = body.get(..span.start()).unwrap_or("");
    let before: String = {
        let chars: Vec<char> = before.chars().rev().take(30).collect();
        chars.into_iter().rev().collect()
    };
    let word = body.get(span.start()..span.end()).unwrap_or("");
    let after: String = body
        .get(span.end()..)
        .unwrap_or("")
        .chars()
        .take(60)
        .collect();
    Line::from(vec![
        TSpan::raw(format!("  …{}", clean_line(&before))),
        TSpan::raw(if before.ends_with(char::is_whitespace) {
            " "
        } else {
            ""
        }),
        TSpan::styled(clean_line(word), style),
        TSpan::raw(if after.starts_with(char::is_whitespace) {
            " "
        } else {
            ""
        }),
        TSpan::raw(format!("{}…", clean_line(&after))),
    ])
}

/// The filter picker: clear, then entities, event kinds, statuses and sources present.
pub fn filter_picker(an: &Analysis, theme: &Theme, current: Option<&Filter>) -> Popup {
    let mut items = vec![Item {
        lines: vec![Line::raw(match current {
            Some(f) => format!("Clear the filter ({})", f.label()),
            None => "No filter (show everything)".into(),
        })],
        target: Some(Target::SetFilter(None)),
    }];
    let heading = |t: &str| Item {
        lines: vec![Line::styled(t.to_string(), theme.ui("heading"))],
        target: None,
    };
    let choice = |label: String, f: Filter| Item {
        lines: vec![Line::raw(format!("  {label}"))],
        target: Some(Target::SetFilter(Some(f))),
    };
    items.push(heading("Entities"));
    for e in an.entities.iter().take(200) {
        items.push(Item {
            lines: vec![Line::from(vec![
                TSpan::raw("  "),
                TSpan::styled(clean_line(&e.name), theme.entity(e.kind)),
                TSpan::raw(format!(" ({}, {})", e.kind, e.count)),
            ])],
            target: Some(Target::FilterEntity(e.name.clone())),
        });
    }
    let kinds: BTreeSet<EventKind> = an
        .analyses
        .iter()
        .flat_map(|a| a.events.iter().map(|e| e.kind))
        .collect();
    items.push(heading("Event kinds"));
    for family in Family::ALL {
        let mut of_family = kinds.iter().filter(|k| k.family() == *family).peekable();
        if of_family.peek().is_none() {
            continue;
        }
        items.push(Item {
            lines: vec![Line::styled(format!("  {family}"), theme.ui("title"))],
            target: None,
        });
        for &k in of_family {
            items.push(choice(format!("  {} {k}", theme.glyph(k)), Filter::Kind(k)));
        }
    }
    items.push(heading("Statuses"));
    for s in Status::ALL {
        items.push(choice(
            format!("{} {s}", theme.status_glyph(*s)),
            Filter::Status(*s),
        ));
    }
    let sources: BTreeSet<String> = (0..an.articles.len())
        .map(|i| an.source_label(i).to_string())
        .collect();
    items.push(heading("Sources"));
    for s in sources {
        items.push(choice(clean_line(&s), Filter::Source(s)));
    }
    Popup::new(PopupKind::Filter, "Filter".into(), items)
}

/// Help: the keymap table itself, one row per action.
pub fn help(keymap: &KeyMap, theme: &Theme, here: Mode) -> Popup {
    // the keys of where the user is first, then the other layers
    let order = std::iter::once(here).chain(Mode::ALL.into_iter().filter(|m| *m != here));
    let mut items: Vec<Item> = Vec::new();
    for mode in order {
        if !items.is_empty() {
            items.push(Item {
                lines: vec![Line::raw("")],
                target: None,
            });
        }
        items.push(Item {
            lines: vec![Line::styled(mode_heading(mode), theme.ui("heading"))],
            target: None,
        });
        items.extend(keymap.layer(mode).filter(|b| !b.keys.is_empty()).map(|b| {
            let keys = b
                .keys
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join(" ");
            Item {
                lines: vec![Line::from(vec![
                    TSpan::styled(format!("{keys:>14}  "), theme.ui("heading")),
                    TSpan::raw(b.desc.clone()),
                ])],
                target: None,
            }
        }));
    }
    items.push(Item {
        lines: vec![Line::raw("")],
        target: None,
    });
    items.extend(legend(theme));
    for note in [
        "",
        "Ctrl-i is the same byte as Tab in most terminals, so Tab focuses the next pane;",
        "jump forward with Ctrl-n or >. Keys are rebound in the config file",
        "($XDG_CONFIG_HOME/sitrep/config.toml): [[keymap]] on = [\"j\"] run = \"move_down\".",
    ] {
        items.push(Item {
            lines: vec![Line::styled(note.to_string(), theme.ui("meta"))],
            target: None,
        });
    }
    Popup::new(PopupKind::Help, "Help — keys".into(), items)
}

/// The heading of a keymap layer in the help.
pub fn mode_heading(mode: Mode) -> &'static str {
    match mode {
        Mode::Panes => "In the panes",
        Mode::Popup => "In a popup (other keys as in the panes)",
        Mode::Briefing => "In the briefing view (other keys as in the panes)",
        Mode::Prompt => "Typing a search or a path (other keys are typed)",
    }
}

/// Widest legend row: the help popup is 62 columns inside at 80 columns.
const LEGEND_WIDTH: usize = 60;

/// The event glyphs grouped by family, one family a row ("  violence     X armed_clash ..."),
/// wrapped under the family's name to [`LEGEND_WIDTH`] columns.
fn kind_rows(theme: &Theme) -> Vec<Vec<TSpan<'static>>> {
    let label_w = Family::ALL
        .iter()
        .map(|f| f.as_str().chars().count())
        .max()
        .unwrap_or(0);
    let indent = 2 + label_w + 2;
    let mut rows = Vec::new();
    for family in Family::ALL {
        let mut spans = vec![
            TSpan::raw("  "),
            TSpan::styled(format!("{:<label_w$}", family.as_str()), theme.ui("title")),
            TSpan::raw("  "),
        ];
        let mut used = indent;
        let mut first = true;
        for k in EventKind::ALL.iter().filter(|k| k.family() == *family) {
            let glyph = theme.glyph(*k).to_string();
            let entry = glyph.chars().count() + 1 + k.as_str().len();
            if !first && used + 2 + entry > LEGEND_WIDTH {
                rows.push(std::mem::take(&mut spans));
                spans.push(TSpan::raw(" ".repeat(indent)));
                used = indent;
                first = true;
            }
            if !first {
                spans.push(TSpan::raw("  "));
                used += 2;
            }
            spans.push(TSpan::styled(glyph, theme.ui("heading")));
            spans.push(TSpan::raw(format!(" {}", k.as_str())));
            used += entry;
            first = false;
        }
        rows.push(spans);
    }
    rows
}

/// What the reader's marks mean: entity styles, event glyphs, status glyphs, severity letters.
fn legend(theme: &Theme) -> Vec<Item> {
    let row = |spans: Vec<TSpan<'static>>| Item {
        lines: vec![Line::from(spans)],
        target: None,
    };
    let mut out = vec![row(vec![TSpan::styled("Entities", theme.ui("heading"))])];
    let mut spans = vec![TSpan::raw("  ")];
    for k in EntityKind::ALL {
        spans.push(TSpan::styled(k.as_str().to_string(), theme.entity(*k)));
        spans.push(TSpan::raw(" "));
    }
    out.push(row(spans));
    out.push(row(vec![TSpan::styled(
        "Events by family (glyph: severity colour; trigger underlined)",
        theme.ui("heading"),
    )]));
    out.extend(kind_rows(theme).into_iter().map(row));
    let mut spans = vec![TSpan::styled("Status  ", theme.ui("heading"))];
    for s in Status::ALL {
        spans.push(TSpan::styled(
            theme.status_glyph(*s).to_string(),
            theme.status_style(*s),
        ));
        spans.push(TSpan::raw(format!(" {s}   ")));
    }
    out.push(row(spans));
    let mut spans = vec![TSpan::styled("Severity  ", theme.ui("heading"))];
    for (sev, name) in [
        (-10.0, "high"),
        (theme.medium, "medium"),
        (-0.5, "low"),
        (1.0, "calm"),
    ] {
        let l = theme.level(sev);
        spans.push(TSpan::styled(
            format!("[{}]", l.letter()),
            theme.severity_style(sev),
        ));
        spans.push(TSpan::raw(format!(" {name}   ")));
    }
    out.push(row(spans));
    out
}
