//! The notebook in the reader, on the state machine and a test buffer: `u` and `m` save at
//! once, what they saved is there after a restart, unread articles carry a dot in the list, and
//! a damaged notebook leaves the reader open, read-only, saying so.

use sitrep::analysis::Analysis;
use sitrep::notebook::Notebook;
use sitrep::notebook::cli::NotebookArgs;
use sitrep::tui::app::App;
use sitrep::tui::config::Config;
use sitrep::tui::keymap::Key;
use sitrep::tui::{ColorMode, fixture};
use std::path::Path;

fn reader(an: &Analysis, notebook: &Path) -> App {
    let mut config = Config::builtin(ColorMode::Never);
    config.notebook = Some(NotebookArgs {
        notebook: Some(notebook.to_path_buf()),
        analyst: Some("ana".into()),
    });
    let mut app = App::new(an.clone(), config);
    app.resize(100, 30);
    app.wait_for_notebook();
    app
}

fn press(app: &mut App, keys: &str) {
    for k in keys.split(' ').filter(|k| !k.is_empty()) {
        app.handle_key(Key::parse(k).unwrap());
    }
}

/// The list rows of the screen that carry the unread dot, counted.
fn dots(app: &mut App) -> usize {
    let text = fixture::buffer_text(&fixture::render(app, 100, 30));
    text.lines().filter(|l| l.contains('●')).count()
}

#[test]
fn u_saves_the_read_flag_and_the_list_shows_it_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nb.sqlite");
    let an = fixture::analysis();
    let mut app = reader(&an, &path);
    let all = dots(&mut app);
    assert!(all >= 2, "every article on screen starts unread: {all}");
    let first = app.list_rows[0];
    assert!(app.is_unread(first));
    press(&mut app, "u");
    assert_eq!(app.message.as_deref(), Some("marked read (saved)"));
    assert!(!app.is_unread(first));
    assert_eq!(dots(&mut app), all - 1);
    // Saved before the status said so: another connection sees it at once.
    let nb = Notebook::open(&path, "ana").unwrap();
    assert!(nb.read_state().unwrap().is_read(&an.articles[first]));
    drop(app);

    let mut again = reader(&an, &path);
    assert!(!again.is_unread(first));
    assert_eq!(dots(&mut again), all - 1);
    press(&mut again, "u");
    assert_eq!(again.message.as_deref(), Some("marked unread (saved)"));
    assert_eq!(dots(&mut again), all);
}

#[test]
fn m_marks_the_passage_under_the_cursor_and_m_again_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nb.sqlite");
    let an = fixture::analysis();
    let mut app = reader(&an, &path);
    press(&mut app, "enter");
    let article = app.reader.article;
    press(&mut app, "m");
    assert_eq!(app.message.as_deref(), Some("passage 1 marked (saved)"));
    let marks = Notebook::open(&path, "ana").unwrap().list_marks().unwrap();
    assert_eq!(marks.len(), 1);
    let a = &an.articles[article];
    assert_eq!(
        marks[0].anchor.passage.as_ref().unwrap().quote,
        a.paragraphs[0].slice(&a.body)
    );
    drop(app);
    let mut again = reader(&an, &path);
    press(&mut again, "enter");
    assert_eq!(again.reader.article, article);
    press(&mut again, "m");
    assert_eq!(
        again.message.as_deref(),
        Some("mark on passage 1 removed (saved)")
    );
    assert!(
        Notebook::open(&path, "ana")
            .unwrap()
            .list_marks()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_damaged_notebook_leaves_the_reader_open_and_read_only_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("junk.sqlite");
    std::fs::write(&path, vec![0x5a; 4096]).unwrap();
    let an = fixture::analysis();
    let mut app = reader(&an, &path);
    let screen = fixture::buffer_text(&fixture::render(&mut app, 100, 30));
    assert!(screen.contains("junk.sqlite"), "{screen}");
    press(&mut app, "u");
    let msg = app.message.clone().unwrap();
    assert!(
        msg.starts_with("not saved:") && msg.contains("junk.sqlite"),
        "{msg}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), vec![0x5a; 4096]);
}

#[test]
fn read_flags_and_marks_stay_when_the_corpus_goes_on_loading() {
    use sitrep::tui::stage::{Snapshot, Step};
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nb.sqlite");
    let an = fixture::analysis();
    // The reader starts on the first two articles, as while the files are read.
    let first = sitrep::tui::stage::bare(an.articles[..2].to_vec().into());
    let mut app = reader(&first, &path);
    let article = app.list_rows[0];
    let id = first.articles[article].id.clone();
    press(&mut app, "u enter m");
    assert_eq!(app.message.as_deref(), Some("passage 1 marked (saved)"));
    app.take_stage(&Snapshot {
        analysis: Arc::new(an.clone()),
        step: Step::Analysed,
    });
    let now = an.articles.iter().position(|a| a.id == id).unwrap();
    assert!(!app.is_unread(now), "the read flag follows the article");
    assert!(
        app.notebook_notes().unwrap().mark_at(now, 0).is_some(),
        "the mark follows its passage"
    );
    let unread = (0..an.articles.len()).filter(|&i| app.is_unread(i)).count();
    assert_eq!(unread, an.articles.len() - 1);
}

#[test]
fn the_notebook_is_read_beside_the_reader_and_placed_at_the_next_state() {
    use sitrep::tui::stage::{Snapshot, Step};
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nb.sqlite");
    let an = fixture::analysis();
    let first = an.articles[0].clone();
    Notebook::open(&path, "ana")
        .unwrap()
        .mark_read(&first, true)
        .unwrap();
    let mut config = Config::builtin(ColorMode::Never);
    config.notebook = Some(NotebookArgs {
        notebook: Some(path.clone()),
        analyst: Some("ana".into()),
    });
    // Without waiting: the first state may come before the notebook is read.
    let bare = sitrep::tui::stage::bare(an.articles.clone());
    let mut app = App::new(bare, config);
    for _ in 0..200 {
        if app.notebook_ready() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    app.take_stage(&Snapshot {
        analysis: Arc::new(an.clone()),
        step: Step::Analysed,
    });
    assert!(app.notebook_notes().is_some(), "placed once read");
    assert!(!app.is_unread(0));
    assert!(app.is_unread(1));
}
