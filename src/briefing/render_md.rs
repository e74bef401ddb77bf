//! Markdown: headings, lists, a table for sources, the chart in a fenced block. Reads well both
//! rendered on a code-hosting site and raw in a terminal. Free text is escaped.

use super::chart;
use super::lines::EventLine;
use super::model::Briefing;
use super::phrases as p;
use std::fmt::Write;

/// Characters that would start markup inside running text.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        // Every escaped text is a one-line field or a table cell: a line break would end it.
        if matches!(c, '\n' | '\r' | '\t') {
            out.push(' ');
            continue;
        }
        let heading_mark = i == 0 && matches!(c, '#' | '-' | '+');
        // An underscore inside a word ("armed_clash") is no emphasis in CommonMark.
        let inner = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_alphanumeric())
        };
        if c == '_' && inner(i.checked_sub(1)) && inner(Some(i + 1)) {
            out.push(c);
            continue;
        }
        if heading_mark
            || matches!(
                c,
                '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '|' | '~'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn heading(out: &mut String, title: &str) {
    let _ = write!(out, "\n## {title}\n\n");
}

fn event_item(l: &EventLine) -> String {
    let mut s = format!("- **{}**", escape(&p::event_head(l)));
    if !l.summary.is_empty() {
        let _ = write!(s, ": {}", escape(&l.summary));
    }
    let _ = write!(s, " _({})_", escape(&p::event_sources(l)));
    s
}

fn event_section(out: &mut String, title: &str, lines: &[EventLine]) {
    if lines.is_empty() {
        return;
    }
    heading(out, title);
    for l in lines {
        out.push_str(&event_item(l));
        out.push('\n');
    }
}

/// The briefing as Markdown.
pub fn to_markdown(b: &Briefing) -> String {
    let mut out = format!("# {}\n\n{}\n", escape(&b.title), escape(&p::scope(b)));
    if let Some(f) = p::filter(b) {
        let _ = write!(out, "\n{}\n", escape(&f));
    }
    if let Some(n) = &b.notice {
        let _ = write!(out, "\n**{}**\n", escape(n));
    }
    if !b.bottom_line.is_empty() {
        heading(&mut out, p::BOTTOM_LINE);
        out.push_str(&escape(&b.bottom_line.join(" ")));
        out.push('\n');
    }
    if !b.key_actors.is_empty() {
        heading(&mut out, p::KEY_ACTORS);
        for (i, a) in b.key_actors.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. **{}** {}",
                i + 1,
                escape(&a.name),
                escape(&p::actor_facts(a))
            );
        }
    }
    if !b.families.is_empty() {
        heading(&mut out, p::FAMILIES);
        for f in &b.families {
            let _ = writeln!(
                out,
                "- **{}** {}",
                escape(&p::family_name(f)),
                escape(&p::family_facts(f))
            );
        }
    }
    event_section(&mut out, p::TIMELINE, &b.timeline);
    event_section(&mut out, p::UNDATED, &b.undated);
    event_section(&mut out, p::WARNINGS, &b.warnings);
    event_section(&mut out, p::PROPOSALS, &b.proposals);
    if let Some(c) = &b.chart {
        heading(&mut out, p::CHART);
        let _ = write!(out, "{}\n\n```text\n", escape(&p::chart_caption(c.bucket)));
        for line in chart::draw(c, chart::BAR_WIDTH) {
            out.push_str(&line);
            out.push('\n');
        }
        out.push_str("```\n");
    }
    sources_table(&mut out, b);
    out
}

fn sources_table(out: &mut String, b: &Briefing) {
    if b.sources.is_empty() {
        return;
    }
    heading(out, p::SOURCES);
    out.push_str(
        "| Source | Articles | Published | Reported events | Only it reports | Warnings : reported | Entities only it mentions |\n\
         |---|---:|---|---:|---:|---|---|\n",
    );
    for s in &b.sources {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            escape(&s.source),
            s.articles,
            p::published(s),
            s.reported,
            s.only_it,
            p::alarm(s),
            escape(&p::only_entities(s))
        );
    }
}
