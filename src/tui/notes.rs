//! The analyst's notebook in the reader: `u` flips the read flag of the article in view (unread
//! articles carry a dot in the list), `m` marks the passage under the cursor, or unmarks it.
//! Each change is saved (committed to the notebook file) before the status line says so; a
//! notebook that could not be opened is read-only and the status line says why at each key.
//! The notebook is read once, on a thread of its own so that the first frame does not wait for
//! it (10k notes take about 65 ms to read), kept with the changes made since, and placed over
//! each new state of the corpus as it loads.

use super::app::App;
use super::layout::Pane;
use crate::notebook::reader::ReaderNotes;
use crate::notebook::resolved::Place;
use crate::notebook::{Anchor, Contents, Notebook};
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// The reader's notebook: being read on a thread of its own (so that a large notebook does not
/// hold the first frame back), then open.
pub struct NotebookState {
    pending: Option<Receiver<(Notebook, Contents)>>,
    open: Option<OpenNotebook>,
}

/// An open notebook and its records placed over the corpus shown.
pub struct OpenNotebook {
    pub notebook: Notebook,
    /// What the file holds for the analyst, as read and changed since.
    contents: Contents,
    pub notes: ReaderNotes,
}

impl App {
    /// Starts reading the notebook the configuration names, if any, on a thread of its own; it
    /// is placed over the corpus at the next state of the loading, or at the first key that
    /// needs it ([`App::notebook_ready`]).
    pub fn open_configured_notebook(&mut self) {
        let Some(args) = self.config.notebook.clone() else {
            return;
        };
        let path = match args.path() {
            Ok(path) => path,
            Err(e) => return self.say(format!("{e:#}")),
        };
        let (send, pending) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("notebook".into())
            .spawn(move || {
                let _ = send.send(Notebook::open_for_reader(&path, &args.analyst()));
            });
        match spawned {
            Ok(_) => {
                self.notebook = Some(Box::new(NotebookState {
                    pending: Some(pending),
                    open: None,
                }))
            }
            Err(e) => self.say(format!("the notebook could not be read: {e}")),
        }
    }

    /// Takes the notebook if its thread has read it (waiting for it when `wait`); true once it
    /// is open.
    fn take_notebook(&mut self, wait: bool) -> bool {
        let Some(state) = self.notebook.as_mut() else {
            return false;
        };
        let Some(pending) = &state.pending else {
            return state.open.is_some();
        };
        let got = if wait {
            pending.recv().map_err(|_| TryRecvError::Disconnected)
        } else {
            pending.try_recv()
        };
        match got {
            Ok((notebook, contents)) => {
                self.attach_notebook(notebook, contents);
                true
            }
            Err(TryRecvError::Empty) => false,
            Err(TryRecvError::Disconnected) => {
                state.pending = None;
                self.say("the notebook could not be read");
                false
            }
        }
    }

    /// True once the notebook is open, taking it if it has just been read.
    pub fn notebook_ready(&mut self) -> bool {
        self.take_notebook(false)
    }

    /// Waits for the notebook to be read; true once it is open.
    pub fn wait_for_notebook(&mut self) -> bool {
        self.take_notebook(true)
    }

    /// The notebook placed over the corpus shown, once open.
    pub fn notebook_notes(&self) -> Option<&ReaderNotes> {
        Some(&self.notebook.as_ref()?.open.as_ref()?.notes)
    }

    /// Opens the analyst's notebook for this reader (see [`Notebook::open_for_reader`]); a
    /// damaged or newer file gives a read-only notebook, and the status line says so.
    pub fn attach_notebook(&mut self, notebook: Notebook, contents: Contents) {
        if let Some(reason) = notebook.read_only() {
            self.say(reason.to_string());
        }
        let notes = ReaderNotes::new(&notebook, contents.clone(), &self.analysis);
        self.notebook = Some(Box::new(NotebookState {
            pending: None,
            open: Some(OpenNotebook {
                notebook,
                contents,
                notes,
            }),
        }));
    }

    /// Places the notebook over the corpus now shown (after [`App::take_stage`]).
    pub fn replace_notebook(&mut self) {
        if self.take_notebook(false) {
            return; // just placed over this corpus
        }
        if let Some(open) = self.notebook.as_mut().and_then(|s| s.open.as_mut()) {
            let contents = open.contents.clone();
            open.notes = ReaderNotes::new(&open.notebook, contents, &self.analysis);
        }
    }

    /// True when the article is unread in the notebook; false without a notebook.
    pub fn is_unread(&self, article: usize) -> bool {
        self.notebook_notes()
            .is_some_and(|notes| notes.is_unread(article))
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
        self.wait_for_notebook();
        let Some(state) = self.notebook.as_mut().and_then(|s| s.open.as_mut()) else {
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
        self.wait_for_notebook();
        let Some(state) = self.notebook.as_mut().and_then(|s| s.open.as_mut()) else {
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
