//! Plain text: upper-case headings, lists wrapped to the width with hanging indents, the chart
//! as aligned ASCII bars.

use super::chart;
use super::lines::EventLine;
use super::model::Briefing;
use super::phrases as p;
use textwrap::{Options, WordSplitter};

/// Narrowest width honoured; anything smaller wraps at this.
pub const MIN_WIDTH: usize = 20;

pub(super) fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    // No splitting at hyphens: dates like 2025-04-07 stay whole.
    let opts = Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_splitter(WordSplitter::NoHyphenation);
    textwrap::fill(text, opts)
}

fn heading(out: &mut String, title: &str) {
    let upper = title.to_uppercase();
    out.push('\n');
    out.push_str(&upper);
    out.push('\n');
    out.push_str(&"-".repeat(upper.chars().count()));
    out.push('\n');
}

fn event_section(out: &mut String, title: &str, lines: &[EventLine], width: usize) {
    if lines.is_empty() {
        return;
    }
    heading(out, title);
    for l in lines {
        let mut text = p::event_head(l);
        if !l.summary.is_empty() {
            text.push_str(": ");
            text.push_str(&l.summary);
        }
        text.push_str(&format!(" ({})", p::event_sources(l)));
        out.push_str(&wrap(&text, width, "- ", "  "));
        out.push('\n');
    }
}

/// The briefing as text wrapped to `width` columns.
pub fn to_text(b: &Briefing, width: usize) -> String {
    let width = width.max(MIN_WIDTH);
    let title = b.title.to_uppercase();
    let mut out = format!("{title}\n{}\n", "=".repeat(title.chars().count()));
    out.push_str(&wrap(&p::scope(b), width, "", ""));
    out.push('\n');
    if let Some(f) = p::filter(b) {
        out.push_str(&wrap(&f, width, "", ""));
        out.push('\n');
    }
    if let Some(n) = &b.notice {
        out.push('\n');
        out.push_str(&wrap(n, width, "", ""));
        out.push('\n');
    }
    if !b.bottom_line.is_empty() {
        heading(&mut out, p::BOTTOM_LINE);
        out.push_str(&wrap(&b.bottom_line.join(" "), width, "", ""));
        out.push('\n');
    }
    if !b.key_actors.is_empty() {
        heading(&mut out, p::KEY_ACTORS);
        for (i, a) in b.key_actors.iter().enumerate() {
            let text = format!("{} {}", a.name, p::actor_facts(a));
            out.push_str(&wrap(&text, width, &format!("{:>2}. ", i + 1), "    "));
            out.push('\n');
        }
    }
    if !b.families.is_empty() {
        heading(&mut out, p::FAMILIES);
        for f in &b.families {
            let text = format!("{} {}", p::family_name(f), p::family_facts(f));
            out.push_str(&wrap(&text, width, "- ", "  "));
            out.push('\n');
        }
    }
    event_section(&mut out, p::TIMELINE, &b.timeline, width);
    event_section(&mut out, p::UNDATED, &b.undated, width);
    event_section(&mut out, p::WARNINGS, &b.warnings, width);
    event_section(&mut out, p::PROPOSALS, &b.proposals, width);
    if let Some(c) = &b.chart {
        heading(&mut out, p::CHART);
        out.push_str(&wrap(&p::chart_caption(c.bucket), width, "", ""));
        out.push_str("\n\n");
        let bar = chart::BAR_WIDTH.min(width.saturating_sub(30)).max(5);
        for line in chart::draw(c, bar) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    if !b.sources.is_empty() {
        heading(&mut out, p::SOURCES);
        for s in &b.sources {
            let text = format!("{}: {}", s.source, p::source_facts(s));
            out.push_str(&wrap(&text, width, "- ", "  "));
            out.push('\n');
        }
    }
    out
}
