//! The briefing laid out for the screen: every section of `sitrep brief` as rows wrapped to a
//! width, grouped into blocks (a paragraph, an actor, an event, the chart, a source) that the
//! cursor moves over. Event blocks keep the event they came from so Enter can jump to it.

use crate::analysis::EventRef;
use crate::briefing::chart::EMPTY_RUN;
use crate::briefing::phrases as p;
use crate::briefing::{Briefing, Chart, EventLine};
use crate::tui::text::clean_line;
use crate::tui::theme::Theme;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use textwrap::{Options, WordSplitter};

/// One screen row of the document.
#[derive(Clone, Debug)]
pub struct Row {
    pub line: Line<'static>,
    /// The block this row belongs to (headings and blank rows belong to none).
    pub block: Option<usize>,
}

/// A group of rows the cursor selects as one.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub start: usize,
    /// One past the last row.
    pub end: usize,
    /// The event to jump to, for event lines.
    pub event: Option<EventRef>,
}

/// One bar of the escalation chart (a period, or a run of empty periods).
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// Period and figures, aligned: `2024-07   3 events   -20.0`.
    pub label: String,
    /// |summed severity| × 10, the bar length.
    pub value: u64,
    /// Mean severity per event, for the bar's colour.
    pub mean: f32,
}

/// The laid-out briefing.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub width: u16,
    pub rows: Vec<Row>,
    pub blocks: Vec<Block>,
    /// Where the chart's bars start (one row per bar) and the bars.
    pub chart_at: Option<usize>,
    pub bars: Vec<Bar>,
}

impl Doc {
    fn blank(&mut self) {
        if self
            .rows
            .last()
            .is_some_and(|r| r.block.is_some() || r.line.width() > 0)
        {
            self.rows.push(Row {
                line: Line::raw(""),
                block: None,
            });
        }
    }

    fn heading(&mut self, text: &str, style: Style) {
        self.blank();
        self.rows.push(Row {
            line: Line::styled(text.to_string(), style),
            block: None,
        });
    }

    /// Adds a block of pre-built lines.
    fn block(&mut self, lines: Vec<Line<'static>>, event: Option<EventRef>) {
        let b = self.blocks.len();
        let start = self.rows.len();
        self.rows.extend(lines.into_iter().map(|line| Row {
            line,
            block: Some(b),
        }));
        self.blocks.push(Block {
            start,
            end: self.rows.len(),
            event,
        });
    }

    /// Adds a wrapped paragraph as one block.
    fn para(&mut self, text: &str, first: &str, rest: &str, style: Style) {
        let lines = wrap(text, self.width, first, rest)
            .into_iter()
            .map(|l| Line::styled(l, style))
            .collect();
        self.block(lines, None);
    }

    /// Index of the block at or after row `row` (the last block when none).
    pub fn block_from(&self, row: usize) -> usize {
        self.blocks
            .iter()
            .position(|b| b.end > row)
            .unwrap_or(self.blocks.len().saturating_sub(1))
    }
}

fn wrap(text: &str, width: u16, first: &str, rest: &str) -> Vec<String> {
    let opts = Options::new(usize::from(width.max(8)))
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_splitter(WordSplitter::NoHyphenation);
    let lines: Vec<String> = textwrap::wrap(&clean_line(text), opts)
        .into_iter()
        .map(|c| c.into_owned())
        .collect();
    if lines.is_empty() {
        vec![first.to_string()]
    } else {
        lines
    }
}

/// Lays the briefing out at `width` columns.
pub fn layout(b: &Briefing, theme: &Theme, width: u16) -> Doc {
    let mut d = Doc {
        width: width.max(1),
        ..Doc::default()
    };
    let heading = theme.ui("heading");
    d.para(&p::scope(b), "", "", theme.ui("meta"));
    if let Some(n) = &b.notice {
        d.blank();
        d.para(n, "", "", theme.ui("message"));
    }
    if !b.bottom_line.is_empty() {
        d.heading(p::BOTTOM_LINE, heading);
        d.para(&b.bottom_line.join(" "), "", "", Style::default());
    }
    if !b.key_actors.is_empty() {
        d.heading(p::KEY_ACTORS, heading);
        for (i, a) in b.key_actors.iter().enumerate() {
            let text = format!("{} {}", a.name, p::actor_facts(a));
            d.para(&text, &format!("{:>2}. ", i + 1), "    ", Style::default());
        }
    }
    if !b.families.is_empty() {
        d.heading(p::FAMILIES, heading);
        for f in &b.families {
            let text = format!("{} {}", p::family_name(f), p::family_facts(f));
            let mut rows = wrap(&text, d.width, "- ", "  ").into_iter();
            let mut out = Vec::new();
            if let Some(first) = rows.next() {
                // The family's name stands out, as a heading of its kinds.
                let rest = first.get(2..).unwrap_or("");
                let name = p::family_name(f);
                let after = rest.strip_prefix(name.as_str()).unwrap_or(rest);
                out.push(Line::from(vec![
                    Span::raw("- "),
                    Span::styled(name.clone(), theme.ui("title")),
                    Span::raw(after.to_string()),
                ]));
            }
            out.extend(rows.map(Line::raw));
            d.block(out, None);
        }
    }
    for (title, lines) in [
        (p::TIMELINE, &b.timeline),
        (p::UNDATED, &b.undated),
        (p::WARNINGS, &b.warnings),
        (p::PROPOSALS, &b.proposals),
    ] {
        events(&mut d, theme, title, lines);
    }
    if let Some(c) = &b.chart {
        d.heading(p::CHART, heading);
        let caption = format!(
            "Dated reported events per {}; bar length is the summed severity \
             (negative: conflict, positive: de-escalation).",
            c.bucket
        );
        d.para(&caption, "", "", theme.ui("meta"));
        d.blank();
        d.bars = bars(c);
        d.chart_at = Some(d.rows.len());
        let blank = vec![Line::raw(""); d.bars.len()];
        d.block(blank, None);
    }
    if !b.sources.is_empty() {
        d.heading(p::SOURCES, heading);
        for s in &b.sources {
            let text = format!("{}: {}", s.source, p::source_facts(s));
            d.para(&text, "- ", "  ", Style::default());
        }
    }
    d
}

fn events(d: &mut Doc, theme: &Theme, title: &str, lines: &[EventLine]) {
    if lines.is_empty() {
        return;
    }
    d.heading(title, theme.ui("heading"));
    for l in lines {
        let mut text = p::event_head(l);
        if !l.summary.is_empty() {
            text.push_str(": ");
            text.push_str(&l.summary);
        }
        text.push_str(&format!(" ({})", p::event_sources(l)));
        let glyph = theme.glyph(l.kind).to_string();
        let mut rows = wrap(&text, d.width, "  ", "  ").into_iter();
        let mut out = Vec::new();
        if let Some(first) = rows.next() {
            let rest = first.get(2..).unwrap_or("").to_string();
            out.push(Line::from(vec![
                Span::styled(glyph, theme.severity_style(l.severity as f32)),
                Span::raw(" "),
                Span::raw(rest),
            ]));
        }
        out.extend(rows.map(Line::raw));
        d.block(out, Some(l.event));
    }
}

/// The chart's bars, runs of [`EMPTY_RUN`] or more empty periods folded into one.
pub fn bars(c: &Chart) -> Vec<Bar> {
    let mut raw: Vec<(String, usize, f64)> = Vec::new();
    let mut i = 0;
    while i < c.rows.len() {
        let r = &c.rows[i];
        let run = c.rows[i..].iter().take_while(|r| r.events == 0).count();
        if run >= EMPTY_RUN {
            let last = &c.rows[i + run - 1];
            raw.push((format!("{}…{}", r.period, last.period), 0, 0.0));
            i += run;
            continue;
        }
        raw.push((r.period.clone(), r.events, r.severity));
        i += 1;
    }
    let pw = raw.iter().map(|r| r.0.chars().count()).max().unwrap_or(4);
    let nw = raw.iter().map(|r| r.1.to_string().len()).max().unwrap_or(1);
    let sw = raw
        .iter()
        .map(|r| format!("{:+.1}", r.2).len())
        .max()
        .unwrap_or(4);
    raw.into_iter()
        .map(|(period, n, sev)| {
            let label = if n == 0 {
                format!("{period:<pw$}  {:>w$}", "no events", w = nw + 7 + 2 + sw)
            } else {
                let ev = if n == 1 { "event " } else { "events" };
                format!("{period:<pw$}  {n:>nw$} {ev}  {sev:>+sw$.1}")
            };
            Bar {
                label,
                value: (sev.abs() * 10.0).round() as u64,
                mean: if n == 0 { 0.0 } else { (sev / n as f64) as f32 },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::ChartRow;

    fn row(period: &str, events: usize, severity: f64) -> ChartRow {
        ChartRow {
            period: period.into(),
            events,
            severity,
        }
    }

    #[test]
    fn empty_runs_fold_and_labels_align() {
        let c = Chart {
            bucket: "month",
            rows: vec![
                row("2024-01", 2, -12.5),
                row("2024-02", 0, 0.0),
                row("2024-03", 0, 0.0),
                row("2024-04", 0, 0.0),
                row("2024-05", 0, 0.0),
                row("2024-06", 1, 3.0),
                row("2024-07", 0, 0.0),
            ],
        };
        let b = bars(&c);
        let labels: Vec<&str> = b.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels.len(), 4, "{labels:?}");
        assert!(labels[0].starts_with("2024-01") && labels[0].ends_with("2 events  -12.5"));
        assert!(labels[1].starts_with("2024-02…2024-05") && labels[1].ends_with("no events"));
        assert!(labels[2].ends_with("1 event    +3.0"), "{}", labels[2]);
        assert!(labels[3].starts_with("2024-07"), "a short gap stays");
        let w = labels[0].chars().count();
        assert!(labels.iter().all(|l| l.chars().count() == w), "{labels:?}");
        assert_eq!((b[0].value, b[2].value), (125, 30));
        assert!(b[0].mean < 0.0 && b[2].mean > 0.0);
    }
}
