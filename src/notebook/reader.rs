//! What the reader shows of a notebook over the analysis on screen, indexed for drawing: the
//! unread flag of each article, the notes of each passage (the gutter) and of each article, the
//! marks for `'` with type-to-find, orphaned records kept to be listed. Built once when the
//! notebook or the analysis changes; each save then updates it in place, so a key never
//! re-reads the notebook. Nothing here touches the terminal or the file.

use super::Contents;
use super::Notebook;
use super::model::{Mark, Note, SavedView};
use super::resolved::{Place, PlacedMark, PlacedNote, ResolvedNotebook};
use crate::analysis::Analysis;
use std::collections::HashMap;

/// A notebook placed over one analysis.
pub struct ReaderNotes {
    placed: ResolvedNotebook,
    /// Per article, in corpus order.
    unread: Vec<bool>,
    /// (article, paragraph) -> indices into `placed.notes`.
    by_passage: HashMap<(usize, usize), Vec<usize>>,
    /// article -> indices into `placed.notes` of its whole-article notes.
    by_article: HashMap<usize, Vec<usize>>,
}

impl ReaderNotes {
    /// Places `contents` (read by [`Notebook::open_for_reader`]) over `analysis`.
    pub fn new(nb: &Notebook, contents: Contents, analysis: &Analysis) -> Self {
        let flags = contents.read.flags(&analysis.articles);
        let placed = ResolvedNotebook::place(nb, contents, analysis, None);
        let mut notes = Self {
            placed,
            unread: flags.into_iter().map(|read| !read).collect(),
            by_passage: HashMap::new(),
            by_article: HashMap::new(),
        };
        for i in 0..notes.placed.notes.len() {
            notes.index_note(i);
        }
        notes
    }

    fn index_note(&mut self, i: usize) {
        let place = &self.placed.notes[i].place;
        match (place.index, place.paragraph, place.span) {
            (Some(article), Some(paragraph), Some(_)) => self
                .by_passage
                .entry((article, paragraph))
                .or_default()
                .push(i),
            (Some(article), _, None) => self.by_article.entry(article).or_default().push(i),
            _ => {}
        }
    }

    /// True when the analyst has not read article `article` (or marked it unread again).
    pub fn is_unread(&self, article: usize) -> bool {
        self.unread.get(article).copied().unwrap_or(true)
    }

    /// Records a read flag just saved ([`Notebook::toggle_read`], [`Notebook::mark_read`]).
    pub fn set_read(&mut self, article: usize, read: bool) {
        if let Some(flag) = self.unread.get_mut(article) {
            *flag = !read;
        }
    }

    /// Notes on paragraph `paragraph` of article `article`, oldest first: the gutter.
    pub fn notes_at(&self, article: usize, paragraph: usize) -> impl Iterator<Item = &PlacedNote> {
        self.by_passage
            .get(&(article, paragraph))
            .into_iter()
            .flatten()
            .map(|&i| &self.placed.notes[i])
    }

    /// Notes on the whole of article `article`.
    pub fn article_notes(&self, article: usize) -> impl Iterator<Item = &PlacedNote> {
        self.by_article
            .get(&article)
            .into_iter()
            .flatten()
            .map(|&i| &self.placed.notes[i])
    }

    /// Every note, oldest first, orphaned ones included (the notes panel).
    pub fn notes(&self) -> &[PlacedNote] {
        &self.placed.notes
    }

    /// Records a note just saved ([`Notebook::add_note`]), placed where it was made.
    pub fn add_note(&mut self, note: Note, place: Place) {
        self.placed.notes.push(PlacedNote { note, place });
        self.index_note(self.placed.notes.len() - 1);
    }

    /// Records a mark just saved ([`Notebook::add_mark`]), placed where it was made.
    pub fn add_mark(&mut self, mark: Mark, place: Place) {
        self.placed.marks.push(PlacedMark { mark, place });
    }

    /// Forgets a mark just removed ([`Notebook::remove_mark`]).
    pub fn remove_mark(&mut self, uid: &str) {
        self.placed.marks.retain(|m| m.mark.uid != uid);
    }

    /// The mark on paragraph `paragraph` of article `article`, if any: `m` on a marked passage
    /// removes its mark.
    pub fn mark_at(&self, article: usize, paragraph: usize) -> Option<&PlacedMark> {
        self.placed
            .marks
            .iter()
            .find(|m| m.place.index == Some(article) && m.place.paragraph == Some(paragraph))
    }

    /// Marks whose label or quote holds every word of `query` (any case), newest first; all
    /// marks for an empty query. Orphaned marks are listed too, with their quote.
    pub fn find_marks(&self, query: &str) -> Vec<&PlacedMark> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        self.placed
            .marks
            .iter()
            .rev()
            .filter(|m| {
                let hay =
                    format!("{} {}", m.mark.label, m.mark.anchor.quote_or_title()).to_lowercase();
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .collect()
    }

    /// The saved views, by name.
    pub fn views(&self) -> &[SavedView] {
        &self.placed.views
    }

    /// Records a view just saved ([`Notebook::save_view`]).
    pub fn save_view(&mut self, view: SavedView) {
        match self.placed.views.iter_mut().find(|v| v.name == view.name) {
            Some(v) => *v = view,
            None => {
                self.placed.views.push(view);
                self.placed.views.sort_by(|a, b| a.name.cmp(&b.name));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Vocab, analyze};
    use crate::corpus::article_from_text;
    use crate::notebook::Anchor;

    fn corpus() -> Analysis {
        let a = article_from_text(
            "a",
            "Convoy",
            "Troops massed.\n\nThe convoy carried fuel.\n\nTalks are due.",
            None,
        );
        let b = article_from_text("b", "Other", "Nothing here.\n\nStill nothing.", None);
        analyze(vec![a, b], &Vocab::builtin().unwrap())
    }

    #[test]
    fn saves_show_in_the_index_and_survive_a_reload() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nb.sqlite");
        let an = corpus();
        let (nb, contents) = Notebook::open_for_reader(&path, "ana");
        let mut notes = ReaderNotes::new(&nb, contents, &an);
        assert!(notes.is_unread(0) && notes.is_unread(1));

        let a = &an.articles[0];
        notes.set_read(0, nb.toggle_read(a).unwrap());
        let anchor = Anchor::paragraph(a, 1);
        let mark = nb.add_mark(&anchor, "fuel").unwrap();
        let span = Some(a.paragraphs[1]);
        notes.add_mark(mark, Place::at(&an, 0, span));
        let note = nb.add_note(&anchor, "how much?").unwrap();
        notes.add_note(note, Place::at(&an, 0, span));
        let whole = nb
            .add_note(&Anchor::article(&an.articles[1]), "skip")
            .unwrap();
        notes.add_note(whole, Place::at(&an, 1, None));

        let check = |notes: &ReaderNotes| {
            assert!(!notes.is_unread(0) && notes.is_unread(1));
            assert_eq!(
                notes
                    .notes_at(0, 1)
                    .map(|n| n.note.text.as_str())
                    .collect::<Vec<_>>(),
                ["how much?"]
            );
            assert_eq!(notes.notes_at(0, 0).count(), 0);
            assert_eq!(notes.article_notes(1).count(), 1);
            assert!(notes.mark_at(0, 1).is_some());
            assert_eq!(notes.find_marks("FUEL").len(), 1);
            assert_eq!(notes.find_marks("convoy fuel").len(), 1);
            assert!(notes.find_marks("troops").is_empty());
        };
        check(&notes);
        drop(nb);
        let (nb, contents) = Notebook::open_for_reader(&path, "ana");
        check(&ReaderNotes::new(&nb, contents, &an));
    }
}
