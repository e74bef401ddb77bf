//! The analyst's notebook in the reader: `u` flips the read flag of the article in view (unread
//! articles carry a dot in the list), `m` marks the passage under the cursor, or unmarks it.
//! Each change is saved (committed to the notebook file) before the status line says so; a
//! notebook that could not be opened is read-only and the status line says why at each key.
//! The notebook is read once, kept with the changes made since, and placed over each new state
//! of the corpus as it loads (reading 10k notes again took about 65 ms at every state).

use super::app::App;
use super::layout::Pane;
use crate::notebook::reader::ReaderNotes;
use crate::notebook::resolved::Place;
use crate::notebook::{Anchor, Contents, Notebook};

/// An open notebook and its records placed over the corpus shown.
pub struct NotebookState {
    pub notebook: Notebook,
    /// What the file holds for the analyst, as read and changed since.
    contents: Contents,
    pub notes: ReaderNotes,
}

impl App {
    /// Opens the notebook the configuration names, if any.
    pub fn open_configured_notebook(&mut self) {
        let Some(args) = self.config.notebook.clone() else {
            return;
        };
        match args.path() {
            Ok(path) => {
                let (notebook, contents) = Notebook::open_for_reader(&path, &args.analyst());
                self.attach_notebook(notebook, contents);
            }
            Err(e) => self.say(format!("{e:#}")),
        }
    }

    /// Opens the analyst's notebook for this reader (see [`Notebook::open_for_reader`]); a
    /// damaged or newer file gives a read-only notebook, and the status line says so.
    pub fn attach_notebook(&mut self, notebook: Notebook, contents: Contents) {
        if let Some(reason) = notebook.read_only() {
            self.say(reason.to_string());
        }
        let notes = ReaderNotes::new(&notebook, contents.clone(), &self.analysis);
        self.notebook = Some(Box::new(NotebookState {
            notebook,
            contents,
            notes,
        }));
    }

    /// Places the notebook over the corpus now shown (after [`App::take_stage`]).
    pub fn replace_notebook(&mut self) {
        if let Some(state) = self.notebook.as_mut() {
            let contents = state.contents.clone();
            state.notes = ReaderNotes::new(&state.notebook, contents, &self.analysis);
        }
    }

    /// True when the article is unread in the notebook; false without a notebook.
    pub fn is_unread(&self, article: usize) -> bool {
        self.notebook
            .as_ref()
            .is_some_and(|s| s.notes.is_unread(article))
    }

    /// The article `u` and `m` act on: the one in the reader, else the selected one.
    fn noted_article(&self) -> Option<usize> {
        match self.focus {
            Pane::List => self.selected_article(),
            _ => Some(self.reader.article).filter(|&i| i < self.analysis.articles.len()),
        }
    }

    /// `u`: flips the read flag of the article in view and saves it.
    pub fn toggle_read(&mut self) {
        let Some(article) = self.noted_article() else {
            return self.say("no article to mark read");
        };
        let Some(state) = self.notebook.as_mut() else {
            return self.say("no notebook: read state is not kept");
        };
        let an = std::sync::Arc::clone(&self.analysis);
        match state.notebook.toggle_read(&an.articles[article]) {
            Ok(read) => {
                state.notes.set_read(article, read);
                state.contents.read.set(&an.articles[article], read);
                self.say(if read {
                    "marked read (saved)"
                } else {
                    "marked unread (saved)"
                });
            }
            Err(e) => self.say(e.to_string()),
        }
    }

    /// `m`: marks the passage under the reader's cursor, or removes its mark, and saves it.
    pub fn toggle_mark(&mut self) {
        let an = std::sync::Arc::clone(&self.analysis);
        let Some(a) = an.articles.get(self.reader.article) else {
            return self.say("no passage to mark");
        };
        let Some(paragraph) = a.paragraph_at(self.reader.cursor) else {
            return self.say("no passage under the cursor");
        };
        let Some(state) = self.notebook.as_mut() else {
            return self.say("no notebook: marks are not kept");
        };
        let article = self.reader.article;
        let existing = state
            .notes
            .mark_at(article, paragraph)
            .map(|m| m.mark.uid.clone());
        let said = match existing {
            Some(uid) => state.notebook.remove_mark(&uid).map(|_| {
                state.notes.remove_mark(&uid);
                state.contents.marks.retain(|m| m.uid != uid);
                format!("mark on passage {} removed (saved)", paragraph + 1)
            }),
            None => state
                .notebook
                .add_mark(&Anchor::paragraph(a, paragraph), "")
                .map(|mark| {
                    state.contents.marks.push(mark.clone());
                    let span = Some(a.paragraphs[paragraph]);
                    state.notes.add_mark(mark, Place::at(&an, article, span));
                    format!("passage {} marked (saved)", paragraph + 1)
                }),
        };
        match said {
            Ok(msg) => self.say(msg),
            Err(e) => self.say(e.to_string()),
        }
    }
}
