//! Severity: the kind's Goldstein-like anchor, damped for foreseen and proposed events, deepened
//! modestly for conflictual events told with many victims ("killed 40", "dozens", "massacre").

use super::lexicon::Role;
use super::scan::Sentence;
use crate::analysis::model::{EventKind, Status};

/// Parses the digits (with thousands commas) at `[start, end)`.
fn number(text: &str) -> Option<u64> {
    let digits: String = text.chars().filter(|c| *c != ',').collect();
    digits.parse().ok()
}

/// Numbers in the sentence next to a victim word ("12 civilians", "killed at least 30"),
/// dates excluded.
fn victim_counts<'a>(s: &'a Sentence) -> impl Iterator<Item = u64> + 'a {
    let text = &s.norm.text[s.start..s.end];
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let mut j = i;
            while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b',') {
                j += 1;
            }
            let digits = text[i..j].trim_end_matches(',');
            let (a, b) = (s.start + i, s.start + i + digits.len());
            let near_victim = s.with_role(|r| matches!(r, Role::Victim)).any(|h| {
                (h.start >= b && s.governs(b, h.start, 2)) || (h.end <= a && s.governs(h.end, a, 3))
            });
            if near_victim && !s.in_date(a, b) {
                out.extend(number(digits));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out.into_iter()
}

/// 0 (no cue), 1 (tens of victims, "dozens") or 2 (hundreds, "massacre").
pub fn intensity_level(s: &Sentence) -> u8 {
    let cfg = &s.lex.intensity;
    let words = s
        .hits
        .iter()
        .flat_map(|h| s.roles(h))
        .filter_map(|r| match r {
            Role::Intensity(l) => Some(*l),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let counts = victim_counts(s)
        .map(|n| {
            if n >= cfg.level2 {
                2
            } else if n >= cfg.level1 {
                1
            } else {
                0
            }
        })
        .max()
        .unwrap_or(0);
    words.max(counts)
}

/// The severity of an event of `kind` and `status` in a sentence of intensity `level`.
pub fn severity(s: &Sentence, kind: EventKind, status: Status, level: u8) -> f32 {
    let base = s.lex.base_severity(kind, status);
    let deeper = if base < 0.0 {
        base - s.lex.intensity.step * f32::from(level)
    } else {
        base
    };
    deeper.clamp(-10.0, 10.0)
}
