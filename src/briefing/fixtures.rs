//! Hand-made analyses for tests and demos of the briefing: six articles from three sources that
//! corroborate each other (a clash and a shootdown reported by two sources each) and contradict
//! each other (one source reports an airspace closure another only warns of). Not for production.

use crate::analysis::{
    Analysis, ArticleAnalysis, ArticleEntity, EntityKind, Event, EventKind, EventRef, Mention,
    Status, TimelineItem,
};
use crate::corpus::{Article, Span, article_from_text};
use crate::date::DateValue;

mod maghreb;
pub use maghreb::maghreb;

use EntityKind as K;
use EventKind as E;
use Status::{Potential, Proposed, Reported};

/// One event as written in a fixture: kind, status, date, trigger text, actors, targets, severity.
type Ev = (
    E,
    Status,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    f32,
);
/// One entity: name, kind, the surfaces that mention it.
type Ent = (&'static str, K, &'static [&'static str]);

struct Doc {
    id: &'static str,
    source: Option<&'static str>,
    published: &'static str,
    title: &'static str,
    body: &'static str,
    entities: &'static [Ent],
    events: &'static [Ev],
}

const MALI: Ent = ("Mali", K::Country, &["Mali", "Malian", "Bamako", "malien"]);
const ALGERIA: Ent = (
    "Algeria",
    K::Country,
    &["Algeria", "Algerian", "Algiers", "Algérie", "algérienne"],
);
const FAMA: Ent = (
    "Malian Armed Forces",
    K::Military,
    &[
        "Malian Armed Forces",
        "Malian army",
        "Forces armées maliennes",
    ],
);
const CSP: Ent = ("CSP", K::ArmedGroup, &["CSP"]);
const TINZ: Ent = ("Tinzaouatène", K::Place, &["Tinzaouatène"]);

const DOCS: &[Doc] = &[
    Doc {
        id: "cw-2024-02-kidal",
        source: Some("Crisis Watch"),
        published: "2024-02-05",
        title: "Mali ends the Algiers agreement",
        body: "On 14 November 2023, the Malian army took control of Kidal after days of fighting against the CSP. In January 2024, the transitional authorities in Bamako ended the 2015 Algiers peace agreement, accusing Algeria of hostile acts.\n\n\
               In 2024, Algeria deployed additional troops along its southern border. The report calls for a new mediation between Bamako and the CSP under African Union auspices.",
        entities: &[
            FAMA,
            ("Kidal", K::Place, &["Kidal"]),
            CSP,
            MALI,
            ALGERIA,
            ("African Union", K::Organization, &["African Union"]),
        ],
        events: &[
            (
                E::ArmedClash,
                Reported,
                "2023-11-14",
                "took control",
                &["Malian Armed Forces"],
                &["CSP"],
                -10.0,
            ),
            (
                E::DiplomaticRupture,
                Reported,
                "2024-01",
                "ended",
                &["Mali"],
                &["Algeria"],
                -6.0,
            ),
            (
                E::Accusation,
                Reported,
                "2024-01",
                "accusing",
                &["Mali"],
                &["Algeria"],
                -2.0,
            ),
            (
                E::Deployment,
                Reported,
                "2024",
                "deployed",
                &["Algeria"],
                &[],
                -7.2,
            ),
            (
                E::Mediation,
                Proposed,
                "",
                "calls for a new mediation",
                &["African Union"],
                &["Mali", "CSP"],
                5.0,
            ),
        ],
    },
    Doc {
        id: "sm-2024-07-tinzaouatene",
        source: Some("Sahel Monitor"),
        published: "2024-07-28",
        title: "Fighting near Tinzaouatène",
        body: "On 26 July 2024, the Malian Armed Forces and Wagner fighters clashed with CSP rebels near Tinzaouatène, close to the Algerian border. The rebels said they had taken several positions.\n\n\
               On 27 July, a drone strike attributed to the Malian army hit a gathering in Tinzaouatène, killing at least twenty civilians. Algeria condemned the strike.",
        entities: &[
            FAMA,
            ("Wagner Group", K::ArmedGroup, &["Wagner"]),
            CSP,
            TINZ,
            ALGERIA,
        ],
        events: &[
            (
                E::ArmedClash,
                Reported,
                "2024-07-26",
                "clashed",
                &["Malian Armed Forces", "Wagner Group"],
                &["CSP"],
                -10.0,
            ),
            (
                E::Airstrike,
                Reported,
                "2024-07-27",
                "drone strike",
                &["Malian Armed Forces"],
                &["Tinzaouatène"],
                -10.0,
            ),
            (
                E::Accusation,
                Reported,
                "2024-07",
                "condemned",
                &["Algeria"],
                &["Mali"],
                -2.0,
            ),
        ],
    },
    Doc {
        id: "jb-2024-07-combats",
        source: Some("Le Journal de Bamako"),
        published: "2024-07-29",
        title: "Combats à Tinzaouatène",
        body: "Le 26 juillet 2024, les Forces armées maliennes ont affronté les rebelles du CSP près de Tinzaouatène, à la frontière algérienne. L’armée affirme avoir repoussé l’attaque.\n\n\
               Le gouvernement a annoncé le déploiement de renforts à Kidal. Plusieurs convois ont quitté Gao dimanche.",
        entities: &[
            FAMA,
            CSP,
            TINZ,
            ("Kidal", K::Place, &["Kidal"]),
            ("Gao", K::Place, &["Gao"]),
        ],
        events: &[
            (
                E::ArmedClash,
                Reported,
                "2024-07-26",
                "affronté",
                &["Malian Armed Forces"],
                &["CSP"],
                -10.0,
            ),
            (
                E::Deployment,
                Reported,
                "2024-07-28",
                "déploiement",
                &["Mali"],
                &[],
                -7.2,
            ),
        ],
    },
    Doc {
        id: "jb-2025-04-drone",
        source: Some("Le Journal de Bamako"),
        published: "2025-04-02",
        title: "Un drone des FAMa abattu",
        body: "Dans la nuit du 31 mars au 1er avril 2025, un drone des Forces armées maliennes a été abattu près de Tinzaouatène. Bamako accuse l’Algérie d’un « acte d’agression ».",
        entities: &[FAMA, TINZ, MALI, ALGERIA],
        events: &[
            (
                E::Shootdown,
                Reported,
                "2025-04-01",
                "abattu",
                &["Algeria"],
                &["Malian Armed Forces"],
                -10.0,
            ),
            (
                E::Accusation,
                Reported,
                "2025-04-01",
                "accuse",
                &["Mali"],
                &["Algeria"],
                -2.0,
            ),
        ],
    },
    Doc {
        id: "cw-2025-04-drone",
        source: Some("Crisis Watch"),
        published: "2025-04-03",
        title: "After the drone incident",
        body: "Algeria's air defence shot down a Malian drone near Tinzaouatène on 1 April 2025. The incident could lead to an open military confrontation between Algeria and Mali.\n\n\
               Algiers could also close its airspace to Malian flights. Regional governments should open a direct channel between the two capitals.",
        entities: &[ALGERIA, MALI, TINZ],
        events: &[
            (
                E::Shootdown,
                Reported,
                "2025-04-01",
                "shot down",
                &["Algeria"],
                &["Malian Armed Forces"],
                -10.0,
            ),
            (
                E::ArmedClash,
                Potential,
                "",
                "confrontation",
                &["Algeria"],
                &["Mali"],
                -10.0,
            ),
            (
                E::DiplomaticRupture,
                Potential,
                "",
                "close its airspace",
                &["Algeria"],
                &["Mali"],
                -6.0,
            ),
            (
                E::Mediation,
                Proposed,
                "",
                "open a direct channel",
                &[],
                &["Algeria", "Mali"],
                4.0,
            ),
        ],
    },
    Doc {
        id: "sm-2025-04-airspace",
        source: Some("Sahel Monitor"),
        published: "2025-04-08",
        title: "Algeria closes its airspace",
        body: "Algeria closed its airspace to Malian flights on 7 April 2025, a day after Mali, Niger and Burkina Faso recalled their ambassadors from Algiers. JNIM fighters have abducted several truck drivers on the road to Gao.",
        entities: &[
            ALGERIA,
            MALI,
            ("Niger", K::Country, &["Niger"]),
            ("Burkina Faso", K::Country, &["Burkina Faso"]),
            ("JNIM", K::ArmedGroup, &["JNIM"]),
            ("Gao", K::Place, &["Gao"]),
        ],
        events: &[
            (
                E::DiplomaticRupture,
                Reported,
                "2025-04-07",
                "closed its airspace",
                &["Algeria"],
                &["Mali"],
                -6.0,
            ),
            (
                E::DiplomaticRupture,
                Reported,
                "2025-04-06",
                "recalled",
                &["Mali", "Niger", "Burkina Faso"],
                &["Algeria"],
                -6.0,
            ),
            (E::Abduction, Reported, "", "abducted", &["JNIM"], &[], -9.0),
        ],
    },
];

/// Events reported by two sources, merged into one timeline item: (article, event) pairs.
const MERGED: &[&[(usize, usize)]] = &[&[(1, 0), (2, 0)], &[(3, 0), (4, 0)]];

fn spans_of(body: &str, surface: &str) -> Vec<Span> {
    body.match_indices(surface)
        .map(|(i, s)| Span::new(i, i + s.len()))
        .collect()
}

fn article_entities(article: &Article, ents: &[Ent]) -> (Vec<ArticleEntity>, Vec<Mention>) {
    let mut entities = Vec::new();
    let mut mentions = Vec::new();
    for &(name, kind, surfaces) in ents {
        let mut spans: Vec<Span> = surfaces
            .iter()
            .flat_map(|s| spans_of(&article.body, s))
            .collect();
        spans.sort();
        spans.dedup_by(|b, a| a.overlaps(b));
        if spans.is_empty() {
            continue;
        }
        let index = entities.len();
        mentions.extend(spans.iter().map(|&span| Mention {
            span,
            entity: index as u32,
        }));
        entities.push(ArticleEntity {
            name: name.into(),
            kind,
            linked: true,
            parent: None,
            count: spans.len() as u32,
        });
    }
    mentions.sort_by_key(|m| (m.span.start(), m.span.end()));
    (entities, mentions)
}

fn event(article: &Article, ev: &Ev) -> Event {
    let &(kind, status, date, trigger, actors, targets, severity) = ev;
    let start = article.body.find(trigger).unwrap_or(0);
    let trigger = Span::new(start, start + trigger.len());
    let sentence = article.sentence_at(start).unwrap_or(0);
    let to_names = |v: &[&str]| v.iter().map(|s| (*s).into()).collect();
    Event {
        kind,
        status,
        date: DateValue::parse_iso(date),
        span: article.sentences.get(sentence).copied().unwrap_or(trigger),
        trigger,
        actors: to_names(actors),
        targets: to_names(targets),
        severity,
        sentence: sentence as u32,
        paragraph: article.paragraph_at(start).unwrap_or(0) as u32,
    }
}

/// Timeline of the dated events (undated ones stay out, as a timeline builder may leave them),
/// with the `merged` pairs as one item each.
fn timeline(
    articles: &[Article],
    analyses: &[ArticleAnalysis],
    merged: &[&[(usize, usize)]],
) -> Vec<TimelineItem> {
    let mut groups: Vec<Vec<EventRef>> = merged
        .iter()
        .map(|g| {
            g.iter()
                .map(|&(article, event)| EventRef { article, event })
                .collect()
        })
        .collect();
    for (article, a) in analyses.iter().enumerate() {
        for (event, e) in a.events.iter().enumerate() {
            let r = EventRef { article, event };
            if e.date.is_some() && !groups.iter().any(|g| g.contains(&r)) {
                groups.push(vec![r]);
            }
        }
    }
    let mut items: Vec<TimelineItem> = groups
        .into_iter()
        .map(|occurrences| {
            let e = &analyses[occurrences[0].article].events[occurrences[0].event];
            let mut sources: Vec<crate::analysis::Name> = Vec::new();
            for o in &occurrences {
                let a = &articles[o.article];
                let s: crate::analysis::Name = a.source_label().into();
                if !sources.contains(&s) {
                    sources.push(s);
                }
            }
            TimelineItem {
                date: e.date,
                kind: e.kind,
                status: e.status,
                severity: e.severity,
                actors: e.actors.clone(),
                targets: e.targets.clone(),
                occurrences: occurrences.into_iter().collect(),
                sources: sources.into(),
            }
        })
        .collect();
    items.sort_by_key(|t| (t.date.map(|d| d.timeline_key()), t.occurrences[0]));
    items
}

/// The Sahel fixture: six articles, three sources, nineteen events
/// (seventeen once the corroborated pairs are merged).
pub fn sahel() -> Analysis {
    analysis_of(DOCS, MERGED, &[])
}

/// The analysis of hand-written documents; `parents` gives entities their gazetteer parent.
fn analysis_of(docs: &[Doc], merged: &[&[(usize, usize)]], parents: &[(&str, &str)]) -> Analysis {
    let mut articles = Vec::new();
    let mut analyses = Vec::new();
    for doc in docs {
        let mut a = article_from_text(
            doc.id,
            doc.title,
            doc.body,
            DateValue::parse_iso(doc.published),
        );
        a.source = doc.source.map(str::to_string);
        let (mut entities, mentions) = article_entities(&a, doc.entities);
        for e in &mut entities {
            let parent = parents.iter().find(|(child, _)| *child == e.name.as_str());
            e.parent = parent.map(|(_, p)| (*p).into());
        }
        let events = doc.events.iter().map(|ev| event(&a, ev)).collect();
        analyses.push(ArticleAnalysis {
            entities,
            mentions,
            events,
            dates: Vec::new(),
            not_before: None,
        });
        articles.push(a);
    }
    let entities = crate::analysis::corpus_entities(&analyses);
    let timeline = timeline(&articles, &analyses, merged);
    let related = crate::analysis::related::RelatedIndex::empty(Default::default());
    Analysis {
        articles: articles.into(),
        analyses,
        entities,
        timeline,
        related,
        aliases: crate::analysis::entity_match::AliasTable::builtin(),
    }
}
