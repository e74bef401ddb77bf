//! Round trips through a reopened file, anchors across edits, renames and moves, concurrent
//! writers, refused and damaged files.

use super::*;
use crate::analysis::EventKind;
use crate::corpus::{self, Article, LoadOptions, article_from_text};
use std::path::Path;

const BODY: &str = "Troops massed near the border on Monday.\n\n\
    The ministry said the convoy carried fuel and spare parts for the garrison at Tessalit.\n\n\
    Talks are due in Algiers next week.";

fn article() -> Article {
    article_from_text("mali-1", "Convoy reaches Tessalit", BODY, None)
}

fn open(path: &Path) -> Notebook {
    Notebook::open(path, "ana").expect("notebook opens")
}

#[test]
fn every_action_round_trips_through_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nb").join("notebook.sqlite");
    let a = article();
    let event = EventAnchor {
        anchor: Anchor::span(&a, a.sentences[0]),
        kind: EventKind::Deployment,
    };
    let corrected = Verdict::Corrected {
        kind: Some(EventKind::ArmedClash),
        actors: Some(vec!["Malian Armed Forces".into()]),
        targets: None,
    };
    let view = SavedView {
        name: "sahel".into(),
        filter: serde_json::json!({"entities": ["Mali"], "unread": true}),
        sort: "date".into(),
    };
    let (mark, note, article_note) = {
        let nb = open(&path);
        assert!(nb.read_only().is_none());
        nb.mark_read(&a, true).unwrap();
        let mark = nb.add_mark(&Anchor::paragraph(&a, 1), "fuel").unwrap();
        let note = nb
            .add_note(&Anchor::paragraph(&a, 1), "check the fuel figures")
            .unwrap();
        let article_note = nb
            .add_note(
                &Anchor::article(&a),
                "whole piece is sourced to one official",
            )
            .unwrap();
        nb.save_view(&view).unwrap();
        nb.assess_event(&event, &corrected, "a call-up, not a deployment")
            .unwrap();
        (mark, note, article_note)
    };
    let nb = open(&path);
    assert!(nb.read_state().unwrap().is_read(&a));
    assert_eq!(nb.list_marks().unwrap(), vec![mark]);
    assert_eq!(nb.list_notes().unwrap(), vec![note.clone(), article_note]);
    assert_eq!(nb.list_views().unwrap(), vec![view]);
    let assessed = nb.list_assessments().unwrap();
    assert_eq!(assessed.len(), 1);
    assert_eq!(assessed[0].verdict, corrected);
    assert_eq!(assessed[0].event, event);
    assert_eq!(assessed[0].comment, "a call-up, not a deployment");

    // Changes and removals round-trip too.
    assert!(!nb.toggle_read(&a).unwrap());
    assert!(nb.edit_note(&note.uid, "fuel: 40 t").unwrap());
    assert!(nb.remove_view("sahel").unwrap());
    nb.assess_event(&event, &Verdict::Dismissed, "").unwrap();
    drop(nb);
    let nb = open(&path);
    assert!(!nb.read_state().unwrap().is_read(&a));
    assert_eq!(nb.list_notes().unwrap()[0].text, "fuel: 40 t");
    assert!(nb.list_views().unwrap().is_empty());
    let assessed = nb.list_assessments().unwrap();
    assert_eq!(assessed.len(), 1, "a second verdict replaces the first");
    assert_eq!(assessed[0].verdict, Verdict::Dismissed);
    assert!(nb.remove_mark(&nb.list_marks().unwrap()[0].uid).unwrap());
    drop(nb);
    assert!(open(&path).list_marks().unwrap().is_empty());
}

#[test]
fn each_analyst_sees_only_their_own_notebook() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.sqlite");
    let a = article();
    let ana = Notebook::open(&path, "ana").unwrap();
    let bo = Notebook::open(&path, "bo").unwrap();
    ana.mark_read(&a, true).unwrap();
    ana.add_note(&Anchor::article(&a), "mine").unwrap();
    assert!(!bo.read_state().unwrap().is_read(&a));
    assert!(bo.list_notes().unwrap().is_empty());
    assert_eq!(ana.list_notes().unwrap().len(), 1);
}

/// Writes `files` (name, text) under `root`, loads them, returns the articles.
fn load(root: &Path, files: &[(&str, &str)]) -> Vec<Article> {
    for (name, text) in files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    corpus::load(&[root.to_path_buf()], &LoadOptions::default()).articles
}

fn placed_text(articles: &[Article], placement: Placement) -> Option<(String, String)> {
    match placement {
        Placement::Found {
            article,
            span: Some(span),
            ..
        } => Some((
            articles[article].id.clone(),
            span.slice(&articles[article].body).to_string(),
        )),
        _ => None,
    }
}

#[test]
fn a_note_stays_on_its_passage_through_edits_renames_and_moves() {
    let first = "Convoy reaches Tessalit\n\nTroops massed near the border on Monday.\n\n\
        The ministry said the convoy carried fuel for the garrison.\n\n\
        Talks are due in Algiers next week.\n";
    let dir = tempfile::tempdir().unwrap();
    let nb = open(&dir.path().join("nb.sqlite"));
    let corpus_dir = dir.path().join("v1");
    let articles = load(&corpus_dir, &[("convoy.txt", first)]);
    let a = &articles[0];
    let para = a
        .paragraphs
        .iter()
        .position(|p| p.slice(&a.body).contains("fuel"))
        .expect("the fuel paragraph");
    let quote = a.paragraphs[para].slice(&a.body).to_string();
    nb.add_note(&Anchor::paragraph(a, para), "fuel").unwrap();
    let anchor = nb.list_notes().unwrap()[0].anchor.clone();

    let edited = "Convoy reaches Tessalit\n\nUPDATE: a second convoy left Gao.\n\n\
        Troops massed near the border on Monday.\n\n\
        The ministry said the convoy carried fuel for the garrison.\n\n\
        Talks are due in Algiers next week, officials said.\n\nMore to follow.\n";
    let cases: [(&str, &str, &str); 4] = [
        ("edited above and below", "v2", "convoy.txt"),
        ("renamed", "v3", "tessalit-convoy.txt"),
        ("moved", "v4", "sahel/mali/convoy.txt"),
        ("renamed and moved", "v5", "archive/convoy-2.txt"),
    ];
    for (what, folder, name) in cases {
        let text = if what.starts_with("edited") {
            edited
        } else {
            first
        };
        let articles = load(
            &dir.path().join(folder),
            &[("other.txt", "Other\n\nNothing here.\n"), (name, text)],
        );
        let placed = Resolver::new(&articles).resolve(&anchor);
        let (_, text_found) =
            placed_text(&articles, placed).unwrap_or_else(|| panic!("{what}: lost"));
        assert_eq!(text_found, quote, "{what}");
    }
    // Renamed and edited at once: found by the passage's own text.
    let articles = load(&dir.path().join("v6"), &[("renamed.txt", edited)]);
    let placed = Resolver::new(&articles).resolve(&anchor);
    assert_eq!(
        placed_text(&articles, placed).map(|p| p.1),
        Some(quote.clone())
    );
}

#[test]
fn an_edited_passage_is_found_approximately_and_a_deleted_one_is_orphaned_with_its_quote() {
    let a = article();
    let anchor = Anchor::paragraph(&a, 1);
    let reworded = BODY.replace("spare parts", "ammunition");
    let b = article_from_text("mali-1", "Convoy reaches Tessalit", &reworded, None);
    match Resolver::new(std::slice::from_ref(&b)).resolve(&anchor) {
        Placement::Found {
            paragraph: Some(1),
            approximate: true,
            ..
        } => {}
        other => panic!("expected paragraph 1, approximately: {other:?}"),
    }
    let cut = "Troops massed near the border on Monday.\n\nTalks are due in Algiers next week.";
    let c = article_from_text("mali-1", "Convoy reaches Tessalit", cut, None);
    assert_eq!(
        Resolver::new(std::slice::from_ref(&c)).resolve(&anchor),
        Placement::Orphaned
    );
    assert!(
        anchor.quote_or_title().contains("spare parts"),
        "the quote is kept to be shown"
    );
}

#[test]
fn equal_quotes_are_told_apart_by_their_context() {
    let body = "Alpha said yes.\n\nIt is confirmed.\n\nBeta said no.\n\nIt is confirmed.";
    let a = article_from_text("x", "T", body, None);
    let anchor = Anchor::paragraph(&a, 3);
    let edited = format!("Preface.\n\n{body}");
    let b = article_from_text("x", "T", &edited, None);
    match Resolver::new(std::slice::from_ref(&b)).resolve(&anchor) {
        Placement::Found { paragraph, .. } => assert_eq!(paragraph, Some(4)),
        Placement::Orphaned => panic!("lost"),
    }
}

#[test]
fn two_writers_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nb.sqlite");
    drop(open(&path));
    let a = article();
    let writers: Vec<_> = ["ana", "bo"]
        .into_iter()
        .map(|who| {
            let path = path.clone();
            let a = a.clone();
            std::thread::spawn(move || {
                let nb = Notebook::open(&path, "ana").unwrap();
                for i in 0..100 {
                    nb.add_note(&Anchor::paragraph(&a, i % 3), &format!("{who} {i}"))
                        .unwrap();
                    nb.toggle_read(&a).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let nb = open(&path);
    let notes = nb.list_notes().unwrap();
    assert_eq!(notes.len(), 200);
    for who in ["ana", "bo"] {
        for i in 0..100 {
            let text = format!("{who} {i}");
            assert!(notes.iter().any(|n| n.text == text), "lost {text}");
        }
    }
    // 200 toggles, each read under the write lock: back where it started.
    assert!(!nb.read_state().unwrap().is_read(&a));
}

#[test]
fn a_newer_schema_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.sqlite");
    drop(open(&path));
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let err = Notebook::open(&path, "ana").err().expect("refused");
    let msg = err.to_string();
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(msg.contains("newer sitrep"), "{msg}");
    let nb = Notebook::open_or_read_only(&path, "ana");
    assert!(nb.read_only().unwrap().contains("newer sitrep"));
    assert!(matches!(
        nb.add_note(&Anchor::article(&article()), "x"),
        Err(NotebookError::ReadOnly { .. })
    ));
    // Refusing left the file as it was.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, SCHEMA_VERSION + 1);
}

#[test]
fn a_corrupt_file_is_named_and_the_notebook_opens_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.sqlite");
    let junk: Vec<u8> = (0..8192u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(&path, &junk).unwrap();
    let err = Notebook::open(&path, "ana").err().expect("refused");
    assert!(err.is_damaged(), "{err}");
    assert!(err.to_string().contains("broken.sqlite"), "{err}");
    let nb = Notebook::open_or_read_only(&path, "ana");
    let reason = nb.read_only().expect("read-only");
    assert!(
        reason.contains("broken.sqlite") && reason.contains("read-only"),
        "{reason}"
    );
    assert!(nb.list_notes().unwrap().is_empty());
    assert!(nb.mark_read(&article(), true).is_err());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        junk,
        "the damaged file is left alone"
    );
}

#[test]
fn another_sqlite_database_is_not_taken_for_a_notebook() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let err = Notebook::open(&path, "ana").err().expect("refused");
    assert!(err.to_string().contains("not a sitrep notebook"), "{err}");
}

#[test]
fn export_then_import_moves_a_notebook_and_a_second_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let a = article();
    let from = open(&dir.path().join("from.sqlite"));
    from.mark_read(&a, true).unwrap();
    from.add_mark(&Anchor::paragraph(&a, 0), "").unwrap();
    from.add_note(&Anchor::paragraph(&a, 2), "Algiers talks")
        .unwrap();
    from.add_note(&Anchor::article(&a), "single source")
        .unwrap();
    from.save_view(&SavedView {
        name: "all".into(),
        filter: serde_json::json!({}),
        sort: "severity".into(),
    })
    .unwrap();
    let event = EventAnchor {
        anchor: Anchor::span(&a, a.sentences[0]),
        kind: EventKind::Deployment,
    };
    from.assess_event(&event, &Verdict::Confirmed, "seen on imagery")
        .unwrap();
    let mut lines = Vec::new();
    assert_eq!(from.export(None, &mut lines).unwrap(), 6);

    let to = open(&dir.path().join("to.sqlite"));
    let summary = to.import(&mut &lines[..], None).unwrap();
    assert_eq!(summary.taken, 6);
    assert_eq!(to.list_notes().unwrap(), from.list_notes().unwrap());
    assert_eq!(to.list_marks().unwrap(), from.list_marks().unwrap());
    assert_eq!(to.list_views().unwrap(), from.list_views().unwrap());
    assert_eq!(
        to.list_assessments().unwrap(),
        from.list_assessments().unwrap()
    );
    assert!(to.read_state().unwrap().is_read(&a));
    let again = to.import(&mut &lines[..], None).unwrap();
    assert_eq!((again.taken, again.kept), (0, 6));
    assert_eq!(to.list_notes().unwrap().len(), 2);

    // Filed under another analyst on request.
    let bo = Notebook::open(&dir.path().join("to.sqlite"), "bo").unwrap();
    bo.import(&mut &lines[..], Some("bo")).unwrap();
    assert_eq!(bo.list_notes().unwrap().len(), 2);
}

#[test]
fn a_bad_import_line_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let nb = open(&dir.path().join("nb.sqlite"));
    let a = article();
    let good = {
        let src = open(&dir.path().join("src.sqlite"));
        src.add_note(&Anchor::article(&a), "kept?").unwrap();
        let mut out = Vec::new();
        src.export(None, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    let input = format!("{good}{{\"type\":\"note\",\"uid\":3}}\n");
    let err = nb.import(&mut input.as_bytes(), None).unwrap_err();
    assert!(err.to_string().starts_with("line 3:"), "{err}");
    assert!(nb.list_notes().unwrap().is_empty(), "all or nothing");
    let future = "{\"type\":\"header\",\"sitrep_notebook\":99}\n";
    let err = nb.import(&mut future.as_bytes(), None).unwrap_err();
    assert!(err.to_string().contains("format 99"), "{err}");
}

#[test]
fn read_state_follows_a_renamed_article_and_flags_match_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let nb = open(&dir.path().join("nb.sqlite"));
    let a = article();
    let other = article_from_text("other", "Other", "Nothing to see.", None);
    nb.mark_read(&a, true).unwrap();
    nb.mark_read(&other, false).unwrap();
    let renamed = Article {
        id: "mali-1-renamed".into(),
        ..a.clone()
    };
    let fresh = article_from_text("fresh", "Fresh", "Just in.", None);
    let state = nb.read_state().unwrap();
    for corpus in [
        vec![a.clone(), other.clone(), fresh.clone()],
        vec![renamed.clone(), other.clone(), fresh.clone()],
    ] {
        let one_by_one: Vec<bool> = corpus.iter().map(|x| state.is_read(x)).collect();
        assert_eq!(one_by_one, vec![true, false, false]);
        assert_eq!(state.flags(&corpus), one_by_one);
    }
}

#[test]
fn a_notebook_damaged_past_its_first_page_is_named_and_opens_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.sqlite");
    let a = article();
    {
        let nb = open(&path);
        for i in 0..2000 {
            nb.add_note(&Anchor::paragraph(&a, i % 3), &format!("note {i}"))
                .unwrap();
        }
    }
    // Closing the last connection folds the log into the file; then cut the file in half.
    let len = std::fs::metadata(&path).unwrap().len();
    assert!(len > 64 * 1024, "{len}");
    let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.set_len(len / 2).unwrap();
    drop(f);
    let nb = Notebook::open_or_read_only(&path, "ana");
    let reason = nb.read_only().expect("read-only");
    assert!(
        reason.contains("cut.sqlite") && reason.contains("damaged"),
        "{reason}"
    );

    // Pages overwritten in the middle of the file, its header intact.
    let path = dir.path().join("scribbled.sqlite");
    {
        let nb = open(&path);
        for i in 0..2000 {
            nb.add_note(&Anchor::paragraph(&a, i % 3), &format!("note {i}"))
                .unwrap();
        }
    }
    let mut bytes = std::fs::read(&path).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid..mid + 16384].fill(0x5a);
    std::fs::write(&path, &bytes).unwrap();
    let (nb, contents) = Notebook::open_for_reader(&path, "ana");
    assert!(contents.notes.is_empty());
    let reason = nb.read_only().expect("read-only");
    assert!(
        reason.contains("scribbled.sqlite") && reason.contains("damaged"),
        "{reason}"
    );
}

#[test]
fn a_note_past_the_limit_is_refused_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let nb = open(&dir.path().join("nb.sqlite"));
    let huge = "x".repeat(store::MAX_TEXT + 1);
    let err = nb
        .add_note(&Anchor::article(&article()), &huge)
        .unwrap_err();
    assert!(err.to_string().contains("longer than 64 KiB"), "{err}");
    assert!(nb.list_notes().unwrap().is_empty());
}
