//! A notebook laid over a corpus, for the views that print it (`brief --notes`, `extract
//! --notes`): each note, mark and assessment with where it lies now, or orphaned with its
//! quote; the read flags of the corpus's articles.

use super::anchor::{Placement, Resolver};
use super::assess::Applied;
use super::model::{Assessment, Mark, Note, SavedView};
use super::{Contents, Notebook, NotebookError};
use crate::analysis::Analysis;
use crate::corpus::Span;
use serde::Serialize;

/// Where an anchored record lies in the corpus now.
#[derive(Clone, Debug, Serialize)]
pub struct Place {
    /// `found`, `approximate` (a reworded passage) or `orphaned`.
    pub state: &'static str,
    /// The article's id now (it may have been renamed since).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// Index of the article in the corpus (not serialised: ids name articles in the schema).
    #[serde(skip)]
    pub index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
}

impl Place {
    fn new(analysis: &Analysis, placement: Placement) -> Self {
        match placement {
            Placement::Found {
                article,
                span,
                paragraph,
                approximate,
            } => Self {
                state: if approximate { "approximate" } else { "found" },
                article: analysis.articles.get(article).map(|a| a.id.clone()),
                index: Some(article),
                span,
                paragraph,
            },
            Placement::Orphaned => Self {
                state: "orphaned",
                article: None,
                index: None,
                span: None,
                paragraph: None,
            },
        }
    }

    pub fn orphaned(&self) -> bool {
        self.index.is_none()
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct PlacedNote {
    #[serde(flatten)]
    pub note: Note,
    pub place: Place,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlacedMark {
    #[serde(flatten)]
    pub mark: Mark,
    pub place: Place,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlacedAssessment {
    #[serde(flatten)]
    pub assessment: Assessment,
    /// The event's article id now, and the event's index in it as analysed; absent when the
    /// event is no longer found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<usize>,
}

/// One analyst's notebook over one corpus.
#[derive(Clone, Debug, Serialize)]
pub struct ResolvedNotebook {
    pub analyst: String,
    pub file: String,
    pub notes: Vec<PlacedNote>,
    pub marks: Vec<PlacedMark>,
    pub assessments: Vec<PlacedAssessment>,
    /// Ids of the corpus's articles the analyst has read.
    pub read: Vec<String>,
    pub views: Vec<SavedView>,
}

impl ResolvedNotebook {
    /// Reads the notebook and places its records in `analysis`. `applied` is what
    /// [`super::assess::apply`] reported, when the assessments were laid over the analysis
    /// (event indices are then those before dismissals); else they are located here.
    pub fn new(
        nb: &Notebook,
        analysis: &Analysis,
        applied: Option<Vec<Applied>>,
    ) -> Result<Self, NotebookError> {
        let contents = nb.contents()?;
        Ok(Self::place(nb, contents, analysis, applied))
    }

    /// Places what was read of a notebook in `analysis`.
    pub fn place(
        nb: &Notebook,
        contents: Contents,
        analysis: &Analysis,
        applied: Option<Vec<Applied>>,
    ) -> Self {
        let resolver = Resolver::new(&analysis.articles);
        let place = |a: &super::Anchor| Place::new(analysis, resolver.resolve(a));
        let notes = contents
            .notes
            .into_iter()
            .map(|note| PlacedNote {
                place: place(&note.anchor),
                note,
            })
            .collect();
        let marks = contents
            .marks
            .into_iter()
            .map(|mark| PlacedMark {
                place: place(&mark.anchor),
                mark,
            })
            .collect();
        let applied =
            applied.unwrap_or_else(|| super::assess::locate(analysis, &contents.assessments));
        let assessments = applied
            .into_iter()
            .map(|a| PlacedAssessment {
                article: a.event.map(|(i, _)| analysis.articles[i].id.clone()),
                event: a.event.map(|(_, e)| e),
                assessment: a.assessment,
            })
            .collect();
        let flags = contents.read.flags(&analysis.articles);
        let read = analysis
            .articles
            .iter()
            .zip(&flags)
            .filter(|(_, read)| **read)
            .map(|(a, _)| a.id.clone())
            .collect();
        Self {
            analyst: nb.analyst().to_string(),
            file: nb.path().display().to_string(),
            notes,
            marks,
            assessments,
            read,
            views: contents.views,
        }
    }
}

impl Place {
    /// Where a record just made on `span` of article `article` lies (`None`: the whole
    /// article): no need to search for it.
    pub fn at(analysis: &Analysis, article: usize, span: Option<Span>) -> Self {
        let paragraph = span.and_then(|s| analysis.articles.get(article)?.paragraph_at(s.start()));
        Self::new(
            analysis,
            Placement::Found {
                article,
                span,
                paragraph,
                approximate: false,
            },
        )
    }
}
