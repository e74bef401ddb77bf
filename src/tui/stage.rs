//! Staged loading: the reader opens on the articles of the first files read, goes on over every
//! article, then over their analysis, both made meanwhile on a thread of lower priority. One
//! [`Stage`] is shared by every reader of a corpus (the local one, or many under a server): each
//! looks at [`Stage::version`] between keys and takes the new [`Snapshot`] when it changed. The
//! analysis itself knows nothing of this.

use crate::analysis::{self, Analysis, ArticleAnalysis, Vocab};
use crate::corpus::{Article, Corpus, LoadEvent, Skipped};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// Files read before the reader first opens on a large corpus: a few hundredths of a second.
pub const PREVIEW_FILES: usize = 256;

/// How far the reading of files has gone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loading {
    pub files_read: usize,
    pub files: usize,
}

/// How far the corpus a reader shows has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The first files' articles, not analysed, while the other files are read.
    Reading(Loading),
    /// Every article, not analysed yet.
    Analysing,
    /// Every article and its analysis.
    Analysed,
    /// The loading or the analysis failed: what was shown last stays, unanalysed.
    Failed,
}

impl Step {
    pub fn analysed(self) -> bool {
        self == Step::Analysed
    }
}

/// One state of the corpus handed to readers.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub analysis: Arc<Analysis>,
    pub step: Step,
}

/// The corpus as it loads, shared by its readers (cloning shares it).
#[derive(Clone)]
pub struct Stage {
    shared: Arc<Shared>,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    /// Bumped on every change, read without the lock between keys.
    version: AtomicU64,
}

#[derive(Default)]
struct State {
    now: Option<Snapshot>,
    /// The first state shown, what a reader opened while loading starts from.
    first: Option<Snapshot>,
    /// The loading thread has ended (nothing more will come).
    ended: bool,
    skipped: Vec<Skipped>,
}

/// Reads the corpus; `first_files` and the report are those of
/// [`crate::corpus::load_previewing`].
pub type LoadFn = Box<dyn FnOnce(usize, &mut dyn FnMut(LoadEvent)) -> Corpus + Send>;

impl Stage {
    /// A corpus already analysed.
    pub fn ready(analysis: Arc<Analysis>) -> Self {
        let stage = Self::empty();
        stage.publish(|s| {
            s.now = Some(Snapshot {
                analysis,
                step: Step::Analysed,
            });
            s.ended = true;
        });
        stage
    }

    /// Loads with `load`, then analyses with the vocabularies received on `vocab` (compiled
    /// meanwhile elsewhere; none received, the articles stay unanalysed), on a pool of threads
    /// of its own at a lower priority: the reader's own parallel work (the corpus search, its
    /// first list) must not queue behind them, and a key pressed while every core works is
    /// answered at once.
    pub fn load(load: LoadFn, vocab: Receiver<Vocab>) -> anyhow::Result<Self> {
        let pool = rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("analysis-{i}"))
            .start_handler(|_| lower_this_threads_priority())
            .build()?;
        let stage = Self::empty();
        let worker = stage.clone();
        std::thread::spawn(move || {
            let _ended = Ended(worker.clone());
            pool.install(move || worker.run(load, vocab))
        });
        Ok(stage)
    }

    fn empty() -> Self {
        Self {
            shared: Arc::new(Shared {
                state: Mutex::new(State::default()),
                changed: Condvar::new(),
                version: AtomicU64::new(0),
            }),
        }
    }

    fn run(&self, load: LoadFn, vocab: Receiver<Vocab>) {
        let corpus = load(PREVIEW_FILES, &mut |event| self.loaded(event));
        self.publish(|s| s.skipped.extend(corpus.skipped));
        if corpus.articles.is_empty() {
            return;
        }
        let articles: Arc<[Article]> = corpus.articles.into();
        self.show(bare(Arc::clone(&articles)), Step::Analysing);
        // The reader may have quit already, or the vocabularies failed: nobody waits then.
        let Ok(vocab) = vocab.recv() else { return };
        let analysis = analysis::analyze_releasing_vocab(articles, vocab);
        self.show(analysis, Step::Analysed);
    }

    fn loaded(&self, event: LoadEvent) {
        match event {
            LoadEvent::Preview(p) => self.show(
                bare(p.articles.into()),
                Step::Reading(Loading {
                    files_read: p.files_read,
                    files: p.files,
                }),
            ),
            LoadEvent::Read { files_read, files } => self.publish(|s| {
                if let Some(now) = &mut s.now
                    && matches!(now.step, Step::Reading(_))
                {
                    now.step = Step::Reading(Loading { files_read, files });
                }
            }),
        }
    }

    fn show(&self, analysis: Analysis, step: Step) {
        let analysis = Arc::new(analysis);
        self.publish(|s| {
            let now = Snapshot { analysis, step };
            s.first.get_or_insert_with(|| now.clone());
            s.now = Some(now);
        });
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // a panic elsewhere leaves the state whole: every change is one assignment
        self.shared
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn publish(&self, change: impl FnOnce(&mut State)) {
        change(&mut self.lock());
        self.shared.version.fetch_add(1, Ordering::SeqCst);
        self.shared.changed.notify_all();
    }

    /// Changes with every new state: a reader compares it with the one it took last.
    pub fn version(&self) -> u64 {
        self.shared.version.load(Ordering::SeqCst)
    }

    /// The corpus as it is now; `None` before anything is read.
    pub fn now(&self) -> Option<Snapshot> {
        self.lock().now.clone()
    }

    /// Whether more may still come.
    pub fn ended(&self) -> bool {
        self.lock().ended
    }

    /// Waits for something to show, and gives the first state shown (the first files'
    /// articles on a large corpus): `None` when the loading ended with no article.
    pub fn first(&self) -> Option<Snapshot> {
        let mut state = self.lock();
        loop {
            if let Some(first) = state.first.as_ref().or(state.now.as_ref()) {
                return Some(first.clone());
            }
            if state.ended {
                return None;
            }
            state = self
                .shared
                .changed
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
    }

    /// The files skipped so far, each given once.
    pub fn take_skipped(&self) -> Vec<Skipped> {
        std::mem::take(&mut self.lock().skipped)
    }
}

/// Marks the stage ended when the loading thread ends, by returning or by a panic; what was not
/// analysed by then never will be.
struct Ended(Stage);

impl Drop for Ended {
    fn drop(&mut self) {
        self.0.publish(|s| {
            s.ended = true;
            if let Some(now) = &mut s.now
                && !now.step.analysed()
            {
                now.step = Step::Failed;
            }
        });
    }
}

/// The articles before analysis: each with an empty analysis, no timeline, no entity table and
/// no related passage.
pub fn bare(articles: Arc<[Article]>) -> Analysis {
    Analysis {
        analyses: vec![ArticleAnalysis::default(); articles.len()],
        articles,
        ..Analysis::default()
    }
}

/// Makes the calling thread yield to the reader's: on Linux a nice value is per thread.
fn lower_this_threads_priority() {
    // SAFETY: setpriority only reads its arguments; `0` names the calling thread on Linux, and
    // failing (say, in a sandbox) leaves the priority as it was, which is harmless.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Preview;
    use std::sync::mpsc;

    fn articles(n: usize) -> Vec<Article> {
        crate::tui::fixture::analysis().articles[..n].to_vec()
    }

    #[test]
    fn a_stage_goes_from_the_preview_to_every_article_then_stops_unanalysed_without_vocabularies() {
        let (send, vocab) = mpsc::channel::<Vocab>();
        drop(send);
        let stage = Stage::load(
            Box::new(|first, report| {
                assert_eq!(first, PREVIEW_FILES);
                report(LoadEvent::Preview(Preview {
                    articles: articles(2),
                    files_read: 2,
                    files: 3,
                }));
                Corpus {
                    articles: articles(3),
                    ..Corpus::default()
                }
            }),
            vocab,
        )
        .unwrap();
        let first = stage.first().expect("something to show");
        assert!(first.analysis.articles.len() >= 2);
        while !stage.ended() {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let last = stage.now().unwrap();
        assert_eq!(last.analysis.articles.len(), 3);
        assert_eq!(last.step, Step::Failed, "no vocabulary came: not analysed");
        assert!(last.analysis.analyses.iter().all(|a| a.events.is_empty()));
    }

    #[test]
    fn nothing_loaded_gives_nothing_to_show_and_the_skipped_files() {
        let (_send, vocab) = mpsc::channel::<Vocab>();
        let stage = Stage::load(
            Box::new(|_, _| Corpus {
                skipped: vec![Skipped::new("broken.json", "not json")],
                ..Corpus::default()
            }),
            vocab,
        )
        .unwrap();
        assert!(stage.first().is_none());
        assert_eq!(stage.take_skipped().len(), 1);
        assert!(stage.take_skipped().is_empty(), "each given once");
    }
}
