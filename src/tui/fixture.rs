//! A hand-made [`Analysis`] for tests and snapshots until (and besides) the analysis stages:
//! several articles and sources, every status, many kinds, CJK, emoji, Arabic, very long words and
//! hostile text (escape sequences, bidi overrides, C1 controls). Spans are found in the text, not
//! typed by hand, so the fixture stays consistent when the text changes.

use crate::analysis::related::{RelatedConfig, RelatedIndex};
use crate::analysis::{
    Analysis, ArticleAnalysis, ArticleEntity, EntityKind, Event, EventKind, EventRef, Mention,
    Status, TimelineItem,
};
use crate::corpus::{Article, Span, article_from_text};
use crate::date::DateValue;

use EntityKind as K;
use EventKind as E;

/// kind, status, date, trigger, actors, targets, severity.
type Ev = (
    EventKind,
    Status,
    Option<DateValue>,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    f32,
);

struct Doc {
    id: &'static str,
    title: &'static str,
    source: Option<&'static str>,
    published: Option<DateValue>,
    body: String,
    entities: &'static [(&'static str, EntityKind, &'static [&'static str])],
    events: Vec<Ev>,
}

fn d(y: i32, m: u8, day: u8) -> Option<DateValue> {
    DateValue::ymd(y, m, day)
}

fn docs() -> Vec<Doc> {
    let long_word = "Counterinsurgencyoperationsintelligencecoordinationmechanismestablishedbetweenbothcapitals";
    vec![
        Doc {
            id: "watan-pantsir",
            title: "Algeria deploys Pantsir S-1 air defences on the Mali border",
            source: Some("El Watan"),
            published: d(2024, 9, 2),
            body: "Algeria has strengthened its military presence on the border with Mali, deploying Pantsir S-1 air defence systems near Tinzaouatène. The move follows Malian military operations against the CSP-JNIM around the town.\n\n\
                   On 1 April 2024 the Algerian air defence shot down a Malian drone that had crossed into its airspace. Bamako accused Algiers of hostility and recalled its ambassador.\n\n\
                   Observers warn that the Malian Armed Forces (FAMa) could push further north. A convoy of FAMa troops moved towards Tinzaouatène, surrounded by a flood of disinformation.\n\n\
                   Malian civil society called for a security coalition with the AES countries to contain Algeria.".into(),
            entities: &[
                ("Algeria", K::Country, &["Algeria", "Algerian", "Algiers"]),
                ("Mali", K::Country, &["Mali", "Malian", "Bamako"]),
                ("Pantsir S-1", K::Equipment, &["Pantsir S-1"]),
                ("Tinzaouatène", K::Place, &["Tinzaouatène"]),
                ("CSP-JNIM", K::ArmedGroup, &["CSP-JNIM"]),
                ("Malian Armed Forces", K::Military, &["Malian Armed Forces", "FAMa"]),
                ("Alliance of Sahel States", K::Organization, &["AES"]),
            ],
            events: vec![
                (E::Deployment, Status::Reported, d(2024, 9, 2), "deploying", &["Algeria"], &["Mali"], -5.0),
                (E::ArmedClash, Status::Reported, None, "operations against", &["Malian Armed Forces"], &["CSP-JNIM"], -8.0),
                (E::Shootdown, Status::Reported, d(2024, 4, 1), "shot down", &["Algeria"], &["Mali"], -8.5),
                (E::Accusation, Status::Reported, d(2024, 4, 1), "accused", &["Mali"], &["Algeria"], -3.0),
                (E::DiplomaticRupture, Status::Reported, d(2024, 4, 1), "recalled its ambassador", &["Mali"], &["Algeria"], -4.5),
                (E::Deployment, Status::Potential, None, "push further north", &["Malian Armed Forces"], &[], -4.0),
                (E::Disinformation, Status::Reported, None, "disinformation", &[], &[], -2.0),
                (E::Alignment, Status::Proposed, None, "security coalition", &["Mali"], &["Algeria"], -1.0),
            ],
        },
        Doc {
            id: "icg-report",
            title: "Crisis Group warns of an open military confrontation between Algeria and Mali",
            source: Some("Crisis Group"),
            published: d(2025, 3, 10),
            body: "The International Crisis Group warned that the crisis between Algeria and Mali could evolve into an open military confrontation after the downing of a drone near Tinzaouatène.\n\n\
                   Continued use of drones by Malian forces against armed groups could lead to mistaken strikes or border violations. In July 2024 airstrikes attributed to the Malian army killed several civilians, including Nigerien and Chadian miners.\n\n\
                   Mali withdrew from the Algeria-mediated peace agreement, and the AES countries left ECOWAS.\n\n\
                   The report proposes that the African Union appoint a high-level mediator and that the joint commission, established in 2005, be revived with support from Russia.".into(),
            entities: &[
                ("International Crisis Group", K::Organization, &["International Crisis Group"]),
                ("Algeria", K::Country, &["Algeria"]),
                ("Mali", K::Country, &["Mali", "Malian"]),
                ("Tinzaouatène", K::Place, &["Tinzaouatène"]),
                ("Alliance of Sahel States", K::Organization, &["AES"]),
                ("ECOWAS", K::Organization, &["ECOWAS"]),
                ("African Union", K::Organization, &["African Union"]),
                ("Russia", K::Country, &["Russia"]),
            ],
            events: vec![
                (E::Shootdown, Status::Reported, d(2024, 4, 1), "downing of a drone", &["Algeria"], &["Mali"], -8.5),
                (E::ArmedClash, Status::Potential, None, "open military confrontation", &["Algeria"], &["Mali"], -9.0),
                (E::BorderViolation, Status::Potential, None, "border violations", &["Mali"], &["Algeria"], -6.0),
                (E::Airstrike, Status::Reported, DateValue::parse_iso("2024-07"), "airstrikes", &["Mali"], &["civilians"], -9.5),
                (E::Withdrawal, Status::Reported, None, "withdrew", &["Mali"], &["peace agreement"], -5.0),
                (E::Mediation, Status::Proposed, None, "appoint a high-level mediator", &["African Union"], &["Algeria", "Mali"], 4.0),
                (E::Alignment, Status::Reported, DateValue::parse_iso("2005"), "joint commission", &["Algeria", "Mali"], &[], 3.0),
            ],
        },
        Doc {
            id: "sahel-multilingual",
            title: "Revue de presse 🌍 马里 · الجزائر · Sahel",
            source: Some("Agence Sahel"),
            published: None,
            body: format!("Des drones maliens 🚁 ont survolé Tinzaouatène en juillet 2024, selon la presse algérienne.\n\n\
                   马里政府说，阿尔及利亚在边境部署了防空系统。Tinzaouatène 附近的局势仍然紧张。\n\n\
                   قالت الجزائر إن طائرة مسيرة مالية اخترقت مجالها الجوي قرب تينزاواتين.\n\n\
                   Analysts cite the {long_word} as the missing piece.\n\n\
                   Émojis 🇩🇿🇲🇱 et accents: l’armée malienne et le Front de libération de l’Azawad."),
            entities: &[
                ("Mali", K::Country, &["maliens", "马里"]),
                ("Tinzaouatène", K::Place, &["Tinzaouatène", "تينزاواتين"]),
                ("Algeria", K::Country, &["阿尔及利亚", "الجزائر"]),
                ("Azawad Liberation Front", K::ArmedGroup, &["Front de libération de l’Azawad"]),
            ],
            events: vec![
                (E::BorderViolation, Status::Reported, DateValue::parse_iso("2024-07"), "survolé", &["Mali"], &["Algeria"], -6.0),
                (E::Deployment, Status::Reported, None, "部署", &["Algeria"], &[], -5.0),
                (E::BorderViolation, Status::Reported, None, "اخترقت", &["Mali"], &["Algeria"], -6.0),
            ],
        },
        Doc {
            id: "hostile",
            title: "\u{1b}[31mBREAKING\u{1b}[0m \u{202e}txet desrever\u{202c} news\u{7}",
            source: None,
            published: d(2024, 12, 24),
            body: "Gunmen \u{1b}]0;pwned\u{7}abducted two aid workers near Kidal.\u{1b}[2J The \u{9b}31m group\trefused comment.\n\n\
                   Protesters in Bamako\u{202e} denounced Algeria \u{1b}[?1049l and burned flags.".into(),
            entities: &[
                ("Kidal", K::Place, &["Kidal"]),
                ("Mali", K::Country, &["Bamako"]),
                ("Algeria", K::Country, &["Algeria"]),
            ],
            events: vec![
                (E::Abduction, Status::Reported, d(2024, 12, 23), "abducted", &["gunmen"], &["aid workers"], -7.0),
                (E::Protest, Status::Reported, d(2024, 12, 24), "denounced", &["protesters"], &["Algeria"], -3.5),
            ],
        },
        Doc {
            id: "acled-boni",
            title: "Suspected JNIM militants attack FAMa post near Boni",
            source: Some("ACLED digest"),
            published: d(2020, 3, 13),
            body: "On 12 March 2020, suspected JNIM militants attacked a FAMa post near Boni (Douentza, Mopti). Several soldiers were killed and equipment was looted.".into(),
            entities: &[
                ("JNIM", K::ArmedGroup, &["JNIM"]),
                ("Malian Armed Forces", K::Military, &["FAMa"]),
                ("Boni", K::Place, &["Boni"]),
                ("Douentza", K::Place, &["Douentza"]),
                ("Mopti", K::Place, &["Mopti"]),
            ],
            events: vec![
                (E::ArmedClash, Status::Reported, d(2020, 3, 12), "attacked", &["JNIM"], &["Malian Armed Forces"], -9.0),
                (E::Looting, Status::Reported, d(2020, 3, 12), "looted", &["JNIM"], &["Malian Armed Forces"], -5.0),
            ],
        },
    ]
}

/// Every occurrence of `needle` in `body` as spans (whole words for ASCII needles).
fn find(body: &str, needle: &str) -> Vec<Span> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    body.match_indices(needle)
        .filter(|(i, _)| {
            !needle.is_ascii()
                || (!word(body[..*i].chars().next_back())
                    && !word(body[i + needle.len()..].chars().next()))
        })
        .map(|(i, m)| Span::new(i, i + m.len()))
        .collect()
}

fn analyse(doc: &Doc, article: &Article) -> ArticleAnalysis {
    let body = &article.body;
    let mut entities = Vec::new();
    let mut mentions = Vec::new();
    for (name, kind, surfaces) in doc.entities {
        let mut spans: Vec<Span> = surfaces.iter().flat_map(|s| find(body, s)).collect();
        // A longer surface wins over a shorter one inside it ("Malian Armed Forces" over "Malian").
        spans.sort();
        spans.dedup();
        let idx = entities.len();
        for s in &spans {
            mentions.push(Mention {
                span: *s,
                entity: idx as u32,
            });
        }
        entities.push(ArticleEntity {
            name: (*name).into(),
            kind: *kind,
            linked: true,
            parent: None,
            count: 0,
        });
    }
    mentions.sort_by_key(|m| (m.span.start(), std::cmp::Reverse(m.span.end())));
    let mut kept: Vec<Mention> = Vec::new();
    for m in mentions {
        if kept.last().is_some_and(|k| k.span.overlaps(&m.span)) {
            continue;
        }
        kept.push(m);
    }
    for (i, e) in entities.iter_mut().enumerate() {
        e.count = kept.iter().filter(|m| m.index() == i).count() as u32;
    }
    let events = doc
        .events
        .iter()
        .filter_map(|(kind, status, date, trigger, actors, targets, severity)| {
            let t = *find(body, trigger).first()?;
            let sentence = article.sentence_at(t.start())?;
            Some(Event {
                kind: *kind,
                status: *status,
                date: *date,
                span: article.sentences[sentence],
                trigger: t,
                actors: actors.iter().map(|s| (*s).into()).collect(),
                targets: targets.iter().map(|s| (*s).into()).collect(),
                severity: *severity,
                sentence: sentence as u32,
                paragraph: article.paragraph_at(t.start())? as u32,
            })
        })
        .collect();
    ArticleAnalysis {
        entities,
        mentions: kept,
        events,
        dates: Vec::new(),
        not_before: if article.published.is_none() {
            DateValue::parse_iso("2024-07")
        } else {
            None
        },
    }
}

/// Replaces the text of `a` with raw (unsanitised) text, segmented naively.
fn raw_article(a: &mut Article, title: &str, body: &str) {
    a.title = title.to_string();
    a.body = body.trim().to_string();
    a.paragraphs.clear();
    a.sentences.clear();
    let mut start = 0;
    let text = a.body.clone();
    let ends = text
        .match_indices("\n\n")
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    for end in ends {
        if end > start {
            let p = Span::new(start, end);
            a.paragraphs.push(p);
            let mut s0 = start;
            for (i, _) in text[start..end].match_indices(". ") {
                a.sentences.push(Span::new(s0, start + i + 1));
                s0 = start + i + 2;
            }
            if s0 < end {
                a.sentences.push(Span::new(s0, end));
            }
        }
        start = end + 2;
    }
}

/// The fixture corpus, analysed by hand.
pub fn analysis() -> Analysis {
    let docs = docs();
    let mut articles = Vec::new();
    let mut analyses = Vec::new();
    for doc in &docs {
        let mut a = article_from_text(doc.id, doc.title, &doc.body, doc.published);
        if doc.id == "hostile" {
            // The loader defuses such text; the views must not rely on it, so keep it raw here.
            raw_article(&mut a, doc.title, &doc.body);
        }
        a.source = doc.source.map(String::from);
        let aa = analyse(doc, &a);
        articles.push(a);
        analyses.push(aa);
    }
    let entities = crate::analysis::corpus_entities(&analyses);
    let timeline = timeline(&articles, &analyses);
    let related = RelatedIndex::build(&articles, &analyses, &RelatedConfig::builtin().unwrap());
    Analysis {
        articles: articles.into(),
        analyses,
        entities,
        timeline,
        related,
        aliases: crate::analysis::entity_match::AliasTable::builtin(),
    }
}

/// Events merged by (kind, date) when dated; undated ones stay apart, after the dated.
fn timeline(articles: &[Article], analyses: &[ArticleAnalysis]) -> Vec<TimelineItem> {
    let mut items: Vec<TimelineItem> = Vec::new();
    for (ai, aa) in analyses.iter().enumerate() {
        let source: crate::analysis::Name = articles[ai].source_label().into();
        for (ei, e) in aa.events.iter().enumerate() {
            let r = EventRef {
                article: ai,
                event: ei,
            };
            let same = items
                .iter_mut()
                .find(|t| e.date.is_some() && t.date == e.date && t.kind == e.kind);
            match same {
                Some(t) => {
                    t.occurrences = t.occurrences.iter().copied().chain([r]).collect();
                    if !t.sources.contains(&source) {
                        t.sources = t.sources.iter().cloned().chain([source.clone()]).collect();
                    }
                }
                None => items.push(TimelineItem {
                    date: e.date,
                    kind: e.kind,
                    status: e.status,
                    severity: e.severity,
                    actors: e.actors.clone(),
                    targets: e.targets.clone(),
                    occurrences: crate::analysis::Occurrences::One(r),
                    sources: std::sync::Arc::from([source.clone()]),
                }),
            }
        }
    }
    items.sort_by_key(|t| (t.date.is_none(), t.date.map(|d| d.timeline_key())));
    items
}

/// Draws `app` on a `w`×`h` test terminal and returns the buffer.
pub fn render(app: &mut crate::tui::app::App, w: u16, h: u16) -> ratatui::buffer::Buffer {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    app.resize(w, h);
    let mut t = match Terminal::new(TestBackend::new(w, h)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    let drawn = t.draw(|f| {
        let area = f.area();
        crate::tui::ui::draw(app, area, f.buffer_mut());
    });
    if let Err(e) = drawn {
        match e {}
    }
    t.backend().buffer().clone()
}

/// The text of a buffer, one line per row, trailing spaces kept out.
pub fn buffer_text(buf: &ratatui::buffer::Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = crate::tui::text::width(sym).saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixture_is_consistent() {
        let an = analysis();
        assert_eq!(an.articles.len(), 5);
        for (a, aa) in an.articles.iter().zip(&an.analyses) {
            assert!(!aa.mentions.is_empty(), "{} has no mention", a.id);
            assert!(!aa.events.is_empty(), "{} has no event", a.id);
            for m in &aa.mentions {
                assert!(
                    a.body.is_char_boundary(m.span.start())
                        && a.body.is_char_boundary(m.span.end())
                );
            }
            assert!(
                aa.mentions
                    .windows(2)
                    .all(|w| w[0].span.start() <= w[1].span.start())
            );
        }
        let expected: usize = an.analyses.iter().map(|a| a.events.len()).sum();
        let got: usize = an.timeline.iter().map(|t| t.occurrences.len()).sum();
        assert_eq!(got, expected, "every event reaches the timeline");
        assert!(
            an.timeline.iter().any(|t| t.sources.len() > 1),
            "a merged item"
        );
        assert!(
            (0..an.articles[0].paragraphs.len()).any(|p| !an.related(0, p).is_empty()),
            "related passages"
        );
    }
}
