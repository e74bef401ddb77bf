//! The event lexicon: `assets/events.toml` (or a user file over it) parsed with serde and compiled
//! once into a single Aho-Corasick automaton whose every pattern carries its roles (trigger part,
//! status cue, negation, role marker, date blocker...).

use super::config::{Damping, Intensity, LexiconFile, parse_file};
use super::inflect::{noun_forms, verb_forms};
use crate::analysis::model::{EntityKind, EventKind, Status};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use anyhow::{Context, Result, anyhow, bail};
use std::collections::HashMap;

const BUILTIN: &str = include_str!("../../../assets/events.toml");

/// What a matched string means; one string may carry several roles.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Role {
    /// Part `part` of trigger pattern `pattern`; `verbal` for forms that cannot be nouns.
    Part {
        pattern: u32,
        part: u8,
        verbal: bool,
    },
    Status {
        status: Status,
        window: u8,
        positive: Option<Status>,
    },
    /// A status cue that follows a nominal trigger ("clashes could erupt").
    StatusAfter {
        status: Status,
        window: u8,
    },
    Breaker,
    /// A negation cue and how many words it may stand before the trigger it negates.
    Negation {
        window: u8,
    },
    NegationExcept,
    Anaphora,
    ActorMarker,
    TargetMarker,
    Locative,
    Passive,
    OfMarker,
    DateBlocker,
    Intensity(u8),
    Victim,
    /// An attack or an armed perpetrator: the sentence is an attack frame.
    AttackCue,
    /// Armed forces or weapons: an attack frame unless a disaster stands in the sentence.
    ArmedCue,
}

/// A trigger pattern: `parts` phrases in order with at most `gap` words between them.
/// `kind` is `None` for an exclusion phrase; `entity_part` is a part matched by an entity
/// mention of that kind instead of words.
#[derive(Clone, Copy, Debug)]
pub struct Pattern {
    pub kind: Option<EventKind>,
    pub parts: u8,
    pub gap: u8,
    pub entity_part: Option<(u8, EntityKind)>,
    /// A cue of harm without intent: it stands only in an attack frame.
    pub weak: bool,
}

/// One part of a parsed cue: expanded word alternatives, or an entity placeholder.
#[derive(Clone, Debug, PartialEq)]
enum PartSpec {
    Words(Vec<(String, bool)>),
    Entity(EntityKind),
}

/// Trigger words, status cues and severities, compiled once.
pub struct EventLexicon {
    pub(super) automaton: AhoCorasick,
    pub(super) roles: Vec<Vec<Role>>,
    pub(super) patterns: Vec<Pattern>,
    severity: HashMap<EventKind, f32>,
    /// Kinds whose triggers make a following trigger of the key kind their object.
    pub(super) object_of: HashMap<EventKind, Vec<EventKind>>,
    /// Kinds whose overlapping trigger drops a trigger of the key kind.
    yields_to: HashMap<EventKind, Vec<EventKind>>,
    /// Kinds whose nominal trigger takes its actor from "of X" ("the withdrawal of X").
    pub(super) of_actor: Vec<EventKind>,
    damping: Damping,
    pub(super) intensity: Intensity,
    pub(super) anaphora_window: usize,
    pub(super) role_window: usize,
    /// The words the role rules read phrases with (`[roles.words]`).
    pub(super) role_words: super::roles::words::Words,
    pub(super) date_window: usize,
    pub(super) leading_words: usize,
}

impl EventLexicon {
    /// The lexicon embedded in the binary (`assets/events.toml`).
    pub fn builtin() -> Result<Self> {
        let file = parse_file(BUILTIN).context("built-in assets/events.toml")?;
        compile(file).context("built-in assets/events.toml")
    }

    /// The built-in lexicon with a user file laid over it: a `[[kind]]` replaces the built-in
    /// kind of the same name, `[irregular]` forms are added, and any other section given
    /// (`[[status]]`, `[negation]`, `[damping]`...) replaces the built-in one.
    pub fn from_toml_str(text: &str) -> Result<Self> {
        let base = parse_file(BUILTIN).context("built-in assets/events.toml")?;
        let user = parse_file(text).context("invalid event lexicon")?;
        compile(base.overlay(user)).context("invalid event lexicon")
    }

    /// Severity of a reported event of this kind, damped for its status.
    pub fn base_severity(&self, kind: EventKind, status: Status) -> f32 {
        let base = self.severity.get(&kind).copied().unwrap_or(0.0);
        let d = match status {
            Status::Reported => self.damping.reported,
            Status::Potential => self.damping.potential,
            Status::Proposed => self.damping.proposed,
        };
        base * d
    }

    /// True when a trigger of kind `kind` gives way to an overlapping one of kind `to`.
    pub(super) fn yields(&self, kind: EventKind, to: EventKind) -> bool {
        self.yields_to.get(&kind).is_some_and(|t| t.contains(&to))
    }

    /// The kind of trigger pattern `p`, `None` for exclusions.
    pub(super) fn pattern(&self, p: u32) -> Option<&Pattern> {
        self.patterns.get(p as usize)
    }
}

/// Collects strings and their roles, deduplicating strings.
#[derive(Default)]
struct Builder {
    strings: Vec<String>,
    index: HashMap<String, usize>,
    roles: Vec<Vec<Role>>,
}

impl Builder {
    fn add(&mut self, text: &str, role: Role) {
        let key = normalise(text);
        if key.is_empty() {
            return;
        }
        let i = match self.index.get(&key) {
            Some(&i) => i,
            None => {
                self.strings.push(key.clone());
                self.roles.push(Vec::new());
                self.index.insert(key, self.strings.len() - 1);
                self.strings.len() - 1
            }
        };
        if !self.roles[i].contains(&role) {
            self.roles[i].push(role);
        }
    }

    fn add_all(&mut self, list: &[String], role: Role) {
        for s in list {
            self.add(s, role);
        }
    }
}

/// Lowercase, single spaces, straight apostrophes: the form [`super::text::Norm`] produces.
fn normalise(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One alternative of a cue part, expanded: every surface with its `verbal` flag.
fn expand_alternative(alt: &str, irregular: &HashMap<String, Vec<String>>) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = vec![(String::new(), false)];
    for word in alt.split_whitespace() {
        let forms: Vec<(String, bool)> = match word.strip_prefix('~') {
            Some(lemma) => verb_forms(lemma, irregular)
                .into_iter()
                .map(|f| (f.text, f.verbal))
                .collect(),
            None => vec![(word.to_string(), false)],
        };
        out = out
            .iter()
            .flat_map(|(p, v)| {
                forms.iter().map(move |(f, fv)| {
                    let text = if p.is_empty() {
                        f.clone()
                    } else {
                        format!("{p} {f}")
                    };
                    (text, *v || *fv)
                })
            })
            .collect();
    }
    out
}

/// Parses one part: `@kind`, or `|`-separated alternatives.
fn parse_part(part: &str, irregular: &HashMap<String, Vec<String>>) -> Result<PartSpec> {
    let part = part.trim();
    if let Some(kind) = part.strip_prefix('@') {
        let kind = EntityKind::parse(kind).ok_or_else(|| anyhow!("unknown entity kind @{kind}"))?;
        return Ok(PartSpec::Entity(kind));
    }
    Ok(PartSpec::Words(
        part.split('|')
            .flat_map(|alt| expand_alternative(alt.trim(), irregular))
            .filter(|(s, _)| !s.is_empty())
            .collect(),
    ))
}

/// Parses a cue ("~withdraw from ... agreement|accord") into parts of expanded alternatives.
fn parse_cue(cue: &str, irregular: &HashMap<String, Vec<String>>) -> Result<Vec<PartSpec>> {
    let parts = cue
        .split("...")
        .map(|p| parse_part(p, irregular))
        .collect::<Result<Vec<PartSpec>>>()
        .with_context(|| format!("cue {cue:?}"))?;
    if parts.is_empty() || parts.contains(&PartSpec::Words(Vec::new())) {
        bail!("cue {cue:?} has an empty part");
    }
    if !matches!(parts[0], PartSpec::Words(_)) {
        bail!("cue {cue:?} must start with words");
    }
    if parts
        .iter()
        .filter(|p| matches!(p, PartSpec::Entity(_)))
        .count()
        > 1
    {
        bail!("cue {cue:?} has more than one entity part");
    }
    if parts.len() > usize::from(u8::MAX) {
        bail!("cue {cue:?} has too many parts");
    }
    Ok(parts)
}

/// How a trigger pattern is read: its kind (`None` for an exclusion), gap, and weakness.
#[derive(Clone, Copy)]
struct PatternSpec {
    kind: Option<EventKind>,
    gap: u8,
    weak: bool,
}

fn add_pattern(
    b: &mut Builder,
    patterns: &mut Vec<Pattern>,
    cue: &str,
    spec: PatternSpec,
    irregular: &HashMap<String, Vec<String>>,
) -> Result<()> {
    let PatternSpec { kind, gap, weak } = spec;
    let parts = parse_cue(cue, irregular)?;
    let pattern = u32::try_from(patterns.len()).context("too many cues")?;
    let entity_part = parts.iter().enumerate().find_map(|(i, p)| match p {
        PartSpec::Entity(k) => Some((i as u8, *k)),
        PartSpec::Words(_) => None,
    });
    patterns.push(Pattern {
        kind,
        parts: parts.len() as u8,
        gap,
        entity_part,
        weak,
    });
    for (i, part) in parts.iter().enumerate() {
        let PartSpec::Words(alts) = part else {
            continue;
        };
        for (text, verbal) in alts {
            b.add(
                text,
                Role::Part {
                    pattern,
                    part: i as u8,
                    verbal: *verbal,
                },
            );
        }
    }
    Ok(())
}

fn parse_status(s: &str) -> Result<Status> {
    Status::parse(s).ok_or_else(|| anyhow!("unknown status {s:?}"))
}

fn section<T>(s: Option<T>, name: &str) -> Result<T> {
    s.ok_or_else(|| anyhow!("missing section [{name}]"))
}

fn parse_kind(name: &str) -> Result<EventKind> {
    EventKind::parse(name).ok_or_else(|| anyhow!("unknown event kind {name:?}"))
}

/// Per kind: its severity, the kinds it is the object of, the kinds it yields to.
struct KindTables {
    severity: HashMap<EventKind, f32>,
    object_of: HashMap<EventKind, Vec<EventKind>>,
    yields_to: HashMap<EventKind, Vec<EventKind>>,
}

fn kind_list(names: &[String], what: &str, kind: &str) -> Result<Vec<EventKind>> {
    names
        .iter()
        .map(|n| parse_kind(n))
        .collect::<Result<Vec<_>>>()
        .with_context(|| format!("kind {kind}: {what}"))
}

fn add_kinds(
    b: &mut Builder,
    patterns: &mut Vec<Pattern>,
    file: &LexiconFile,
    default_gap: u8,
) -> Result<KindTables> {
    let mut severity = HashMap::new();
    let mut object_of = HashMap::new();
    let mut yields_to = HashMap::new();
    for k in &file.kind {
        let kind = parse_kind(&k.kind)?;
        object_of.insert(kind, kind_list(&k.not_object_of, "not_object_of", &k.kind)?);
        yields_to.insert(kind, kind_list(&k.yields_to, "yields_to", &k.kind)?);
        if !(-10.0..=10.0).contains(&k.severity) {
            bail!("severity of {} must lie in -10..=10", k.kind);
        }
        severity.insert(kind, k.severity);
        let gap = k.gap.unwrap_or(default_gap);
        let strong = PatternSpec {
            kind: Some(kind),
            gap,
            weak: false,
        };
        let weak = PatternSpec {
            weak: true,
            ..strong
        };
        let verbs = k.verbs.iter().map(|v| (format!("~{}", v.trim()), strong));
        let nouns = k
            .nouns
            .iter()
            .map(|n| (noun_forms(&normalise(n)).join("|"), strong));
        let cues = k.cues.iter().map(|c| (c.clone(), strong));
        let weak_cues = k.weak.iter().map(|c| (c.clone(), weak));
        for (cue, spec) in verbs.chain(nouns).chain(cues).chain(weak_cues) {
            add_pattern(b, patterns, &cue, spec, &file.irregular)
                .with_context(|| format!("kind {}", k.kind))?;
        }
    }
    Ok(KindTables {
        severity,
        object_of,
        yields_to,
    })
}

fn add_status(b: &mut Builder, file: &LexiconFile) -> Result<()> {
    for s in &file.status {
        let status = parse_status(&s.status)?;
        let positive = s.positive.as_deref().map(parse_status).transpose()?;
        let role = if s.after {
            Role::StatusAfter {
                status,
                window: s.window,
            }
        } else {
            Role::Status {
                status,
                window: s.window,
                positive,
            }
        };
        b.add_all(&s.cues, role);
    }
    Ok(())
}

fn compile(file: LexiconFile) -> Result<EventLexicon> {
    let mut b = Builder::default();
    let mut patterns = Vec::new();
    let default_gap = file.gap.unwrap_or(4);
    let KindTables {
        severity,
        object_of,
        yields_to,
    } = add_kinds(&mut b, &mut patterns, &file, default_gap)?;
    for ex in &file.exclude {
        for c in &ex.cues {
            let spec = PatternSpec {
                kind: None,
                gap: ex.gap.unwrap_or(default_gap),
                weak: false,
            };
            add_pattern(&mut b, &mut patterns, c, spec, &file.irregular).context("[[exclude]]")?;
        }
    }
    add_status(&mut b, &file)?;
    let clause = section(file.clause, "clause")?;
    b.add_all(&clause.breakers, Role::Breaker);
    let negation = section(file.negation, "negation")?;
    b.add_all(
        &negation.cues,
        Role::Negation {
            window: negation.window,
        },
    );
    let denial_window = negation.denial_window.max(negation.window);
    b.add_all(
        &negation.denials,
        Role::Negation {
            window: denial_window,
        },
    );
    b.add_all(&negation.except, Role::NegationExcept);
    let anaphora = section(file.anaphora, "anaphora")?;
    b.add_all(&anaphora.cues, Role::Anaphora);
    let roles = section(file.roles, "roles")?;
    b.add_all(&roles.actor_markers, Role::ActorMarker);
    b.add_all(&roles.target_markers, Role::TargetMarker);
    b.add_all(&roles.locative, Role::Locative);
    b.add_all(&roles.attribution, Role::Locative);
    b.add_all(&roles.passive, Role::Passive);
    b.add_all(&roles.of_markers, Role::OfMarker);
    let of_actor = roles
        .of_actor_kinds
        .iter()
        .map(|k| parse_kind(k))
        .collect::<Result<Vec<_>>>()
        .context("[roles] of_actor_kinds")?;
    let dates = section(file.dates, "dates")?;
    b.add_all(&dates.blockers, Role::DateBlocker);
    let intensity = section(file.intensity, "intensity")?;
    b.add_all(&intensity.level1_words, Role::Intensity(1));
    b.add_all(&intensity.level2_words, Role::Intensity(2));
    b.add_all(&intensity.victim_words, Role::Victim);
    let intent = section(file.intent, "intent")?;
    b.add_all(&intent.attack, Role::AttackCue);
    b.add_all(&intent.armed, Role::ArmedCue);
    let damping = section(file.damping, "damping")?;
    // Every word of every article goes through this automaton's overlapping scan; a DFA of the
    // few hundred cue phrases costs about 2 MB and a seventh of event detection's instructions.
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&b.strings)
        .context("cannot build the event matcher")?;
    Ok(EventLexicon {
        automaton,
        roles: b.roles,
        patterns,
        severity,
        object_of,
        yields_to,
        of_actor,
        damping,
        intensity,
        anaphora_window: usize::from(anaphora.window),
        role_window: usize::from(roles.window),
        role_words: super::roles::words::Words::new(&roles.words, &file.irregular),
        date_window: usize::from(dates.window),
        leading_words: usize::from(dates.leading_words),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_gives_every_kind_triggers_and_an_anchored_severity() {
        let file = parse_file(BUILTIN).unwrap();
        for kind in EventKind::ALL {
            let k = file.kind.iter().find(|k| k.kind == kind.as_str());
            let k = k.unwrap_or_else(|| panic!("{kind} has no entry"));
            assert!(!(k.verbs.is_empty() && k.nouns.is_empty() && k.cues.is_empty()));
            assert!(k.anchor.as_deref().is_some_and(|a| !a.is_empty()));
        }
        let lex = EventLexicon::builtin().unwrap();
        assert!(lex.base_severity(EventKind::Mediation, Status::Reported) > 0.0);
        assert!(lex.base_severity(EventKind::Withdrawal, Status::Reported) > 0.0);
        assert!(lex.base_severity(EventKind::Alignment, Status::Reported) > 0.0);
        assert!(lex.base_severity(EventKind::Airstrike, Status::Reported) <= -9.0);
    }

    #[test]
    fn potential_and_proposed_events_weigh_less() {
        let lex = EventLexicon::builtin().unwrap();
        let r = lex.base_severity(EventKind::ArmedClash, Status::Reported);
        let p = lex.base_severity(EventKind::ArmedClash, Status::Potential);
        let q = lex.base_severity(EventKind::ArmedClash, Status::Proposed);
        assert!(r < p && p < q && q < 0.0);
    }

    #[test]
    fn gapped_cue_expands_parts_and_alternatives() {
        let parts = parse_cue("~withdraw from ... agreement|peace deal", &HashMap::new()).unwrap();
        let [PartSpec::Words(first), PartSpec::Words(second)] = parts.as_slice() else {
            panic!("two word parts expected: {parts:?}");
        };
        assert!(first.contains(&("withdrawing from".to_string(), true)));
        assert!(first.contains(&("withdraws from".to_string(), false)));
        assert!(second.contains(&("peace deal".to_string(), false)));
        assert!(parse_cue("attack ... ", &HashMap::new()).is_err());
        let parts = parse_cue("exit from ... @organization", &HashMap::new()).unwrap();
        assert_eq!(parts[1], PartSpec::Entity(EntityKind::Organization));
        assert!(parse_cue("@country ... exit", &HashMap::new()).is_err());
        assert!(parse_cue("exit ... @planet", &HashMap::new()).is_err());
    }

    #[test]
    fn user_file_replaces_one_kind_and_keeps_the_rest() {
        let lex = EventLexicon::from_toml_str(
            "[[kind]]\nkind = \"protest\"\nseverity = -3.0\nnouns = [\"sit-down\"]\n",
        )
        .unwrap();
        assert_eq!(
            lex.base_severity(EventKind::Protest, Status::Reported),
            -3.0
        );
        assert_eq!(lex.base_severity(EventKind::Threat, Status::Reported), -6.0);
    }

    #[test]
    fn user_file_errors_name_the_cause() {
        let err = EventLexicon::from_toml_str("[[kind]]\nkind = \"picnic\"\nseverity = 1.0\n")
            .err()
            .unwrap();
        assert!(format!("{err:#}").contains("picnic"));
        let err = EventLexicon::from_toml_str("gap = \"wide\"").err().unwrap();
        assert!(format!("{err:#}").contains("invalid event lexicon"));
    }
}
