//! The body of an article wrapped to a width with textwrap, as byte ranges into the body, cached
//! once per (article, width). Views render only the visible lines.

use crate::corpus::{Article, Span};
use rayon::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;
use textwrap::core::break_words;
use textwrap::wrap_algorithms::wrap_first_fit;

/// One display line of the body: `[start, end)` in the body, or a blank line between paragraphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WLine {
    pub start: usize,
    pub end: usize,
    pub para: usize,
    pub blank: bool,
}

impl WLine {
    /// The text the line stands for when the reader asks what is on it (its gutter, the mention
    /// or event under the cursor): its bytes, at least one wide, as a line can be empty.
    pub fn covers(&self) -> Span {
        Span::new(self.start, self.end.max(self.start + 1))
    }
}

/// The wrapped body: display lines plus the sanitised body they index.
#[derive(Debug)]
pub struct Wrapped {
    pub lines: Vec<WLine>,
    /// The body with hostile characters replaced (same byte offsets as the original).
    pub text: String,
}

impl Wrapped {
    /// Wraps every paragraph of `article` to `width` cells (at least 1). The paragraphs of a long
    /// article are wrapped in parallel.
    pub fn new(article: &Article, width: usize) -> Self {
        let text = super::text::sanitize_same_len(&article.body);
        let width = width.max(1);
        // The wrapped lines of paragraph `pi`; `None` for a span that does not fit the body.
        let paragraph = |(pi, p): (usize, &Span)| -> Option<Vec<WLine>> {
            if p.end() > text.len() || p.start() > p.end() || !text.is_char_boundary(p.start()) {
                return None;
            }
            let mut lines = Vec::new();
            let mut seg_start = p.start();
            for seg in article.body[p.start()..p.end()].split('\n') {
                let end = seg_start + seg.len();
                wrap_segment(&text, seg_start, end, width, pi, &mut lines);
                seg_start += seg.len() + 1;
            }
            Some(lines)
        };
        let parts: Vec<Option<Vec<WLine>>> = if article.body.len() >= PARALLEL_BYTES {
            article
                .paragraphs
                .par_iter()
                .enumerate()
                .map(paragraph)
                .collect()
        } else {
            article
                .paragraphs
                .iter()
                .enumerate()
                .map(paragraph)
                .collect()
        };
        let mut lines = Vec::with_capacity(parts.iter().flatten().map(|p| p.len() + 1).sum());
        for ((pi, p), part) in article.paragraphs.iter().enumerate().zip(parts) {
            let Some(part) = part else {
                continue;
            };
            if !lines.is_empty() {
                lines.push(WLine {
                    start: p.start(),
                    end: p.start(),
                    para: pi,
                    blank: true,
                });
            }
            lines.extend(part);
        }
        Wrapped { lines, text }
    }

    /// Index of the (non-blank) line holding byte `offset`; the nearest one before it otherwise.
    pub fn line_at(&self, offset: usize) -> usize {
        let i = self.lines.partition_point(|l| l.start <= offset);
        let mut i = i.saturating_sub(1);
        while i > 0 && self.lines[i].blank {
            i -= 1;
        }
        if self.lines.get(i).is_some_and(|l| l.blank) {
            i = self.next_text_line(i).unwrap_or(i);
        }
        i
    }

    /// The next non-blank line after `i`.
    pub fn next_text_line(&self, i: usize) -> Option<usize> {
        (i + 1..self.lines.len()).find(|&j| !self.lines[j].blank)
    }

    /// The previous non-blank line before `i`.
    pub fn prev_text_line(&self, i: usize) -> Option<usize> {
        (0..i).rev().find(|&j| !self.lines[j].blank)
    }

    /// The sanitised text of a line.
    pub fn line_text(&self, l: &WLine) -> &str {
        self.text.get(l.start..l.end).unwrap_or("")
    }
}

fn wrap_segment(
    text: &str,
    start: usize,
    end: usize,
    width: usize,
    para: usize,
    out: &mut Vec<WLine>,
) {
    let Some(seg) = text.get(start..end) else {
        return;
    };
    let base = seg.as_ptr() as usize;
    let words = super::breaks::find_words(seg);
    let words = break_words(words, width);
    let before = out.len();
    for line in wrap_first_fit(&words, &[width as f64]) {
        let (Some(first), Some(last)) = (line.first(), line.last()) else {
            continue;
        };
        let s = first.word.as_ptr() as usize - base;
        let e = last.word.as_ptr() as usize - base + last.word.len();
        if e > s {
            out.push(WLine {
                start: start + s,
                end: start + e,
                para,
                blank: false,
            });
        }
    }
    if out.len() == before && !seg.trim().is_empty() {
        out.push(WLine {
            start,
            end,
            para,
            blank: false,
        });
    }
}

const MAX_ENTRIES: usize = 256;

/// Articles at least this long are wrapped a paragraph per task, in parallel.
const PARALLEL_BYTES: usize = 64 * 1024;

/// Wrapped bodies keyed by (article, width).
#[derive(Default, Debug)]
pub struct WrapCache {
    map: HashMap<(usize, usize), Rc<Wrapped>>,
}

impl WrapCache {
    /// The wrapped article, computing it on first use.
    pub fn get(&mut self, index: usize, article: &Article, width: usize) -> Rc<Wrapped> {
        if self.map.len() >= MAX_ENTRIES && !self.map.contains_key(&(index, width.max(1))) {
            // Many resizes or articles: start over rather than grow without bound.
            self.map.clear();
        }
        self.map
            .entry((index, width.max(1)))
            .or_insert_with(|| Rc::new(Wrapped::new(article, width)))
            .clone()
    }

    /// The wrapped article if it was already computed.
    pub fn peek(&self, index: usize, width: usize) -> Option<Rc<Wrapped>> {
        self.map.get(&(index, width.max(1))).cloned()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::article_from_text;

    #[test]
    fn a_line_covers_its_text_and_an_empty_line_one_byte() {
        let a = article_from_text("x", "t", "Bamako said.\n\nAlgiers replied at once.", None);
        let wr = Wrapped::new(&a, 12);
        assert!(wr.lines.iter().any(|l| l.start == l.end), "{:?}", wr.lines);
        for l in &wr.lines {
            let c = l.covers();
            assert_eq!(c.start(), l.start, "{l:?}");
            assert_eq!(
                c.end(),
                if l.start == l.end { l.start + 1 } else { l.end },
                "{l:?}"
            );
        }
    }

    #[test]
    fn lines_fit_and_cover_every_word() {
        let body = "Algeria deployed Pantsir S-1 systems near the border.\n\n日本語のテキストは単語の間に空白がありません。\n\nSuperlongwordwithoutanybreakopportunitywhatsoever end.";
        let a = article_from_text("x", "t", body, None);
        for w in [1usize, 5, 12, 40] {
            let wr = Wrapped::new(&a, w);
            for l in &wr.lines {
                let t = wr.line_text(l);
                assert!(super::super::text::width(t) <= w.max(2), "{w}: {t:?}");
            }
            let words: String = wr.lines.iter().map(|l| wr.line_text(l)).collect();
            let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            assert_eq!(strip(&words), strip(&a.body), "width {w}");
        }
    }

    #[test]
    fn offsets_map_back_to_lines() {
        let a = article_from_text("x", "t", "one two three four\n\nfive six", None);
        let wr = Wrapped::new(&a, 8);
        let five = a.body.find("five").unwrap();
        let l = wr.line_at(five);
        assert_eq!(wr.line_text(&wr.lines[l]), "five six");
        assert!(wr.lines.iter().any(|l| l.blank));
        assert!(!wr.lines[wr.line_at(a.paragraphs[1].start())].blank);
    }

    #[test]
    fn a_long_article_wraps_as_its_paragraphs_do_alone() {
        let paragraph = "Algeria deployed Pantsir S-1 systems near Tinzaouatène, \
                         日本語のテキスト, and Mali recalled its ambassador.";
        let body = vec![paragraph; 2000].join("\n\n");
        assert!(body.len() >= PARALLEL_BYTES);
        let long = article_from_text("x", "t", &body, None);
        let one = article_from_text("y", "t", paragraph, None);
        let wrapped = Wrapped::new(&long, 30);
        let alone = Wrapped::new(&one, 30);
        let blanks = wrapped.lines.iter().filter(|l| l.blank).count();
        assert_eq!(blanks, long.paragraphs.len() - 1);
        for (pi, p) in long.paragraphs.iter().enumerate() {
            let lines: Vec<&str> = wrapped
                .lines
                .iter()
                .filter(|l| l.para == pi && !l.blank)
                .map(|l| wrapped.line_text(l))
                .collect();
            let want: Vec<&str> = alone.lines.iter().map(|l| alone.line_text(l)).collect();
            assert_eq!(lines, want, "paragraph {pi} at {}", p.start());
        }
    }
}
