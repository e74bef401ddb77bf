//! The notebook through the command line: `notes export|import`, `brief --notes/--unread` and
//! `extract --notes` on the bundled seeds, with notebooks written through the library.

use sitrep::analysis::{self, Analysis, EventKind, Vocab};
use sitrep::corpus;
use sitrep::notebook::{Anchor, EventAnchor, Notebook, Verdict};
use std::path::Path;
use std::process::{Command, Output};

fn sitrep(nb: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .arg("--notebook")
        .arg(nb)
        .args(["--analyst", "ana"])
        .env_remove("NO_COLOR")
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .env("XDG_DATA_HOME", "/nonexistent")
        .output()
        .expect("the sitrep binary runs")
}

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("JSON out")
}

fn seeds() -> Analysis {
    analysis::analyze(corpus::load_seeds().articles, &Vocab::builtin().unwrap())
}

#[test]
fn brief_notes_uses_assessments_and_lists_notes_even_orphaned() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nb.sqlite");
    let an = seeds();
    let mut events = an
        .analyses
        .iter()
        .enumerate()
        .flat_map(|(i, a)| a.events.iter().map(move |e| (i, e.clone())));
    let (article, event) = events.next().expect("the seeds hold an event");
    let (other_article, other) = events
        .find(|(i, e)| (*i, e.span) != (article, event.span))
        .expect("the seeds hold two events");
    let new_kind = if other.kind == EventKind::Airstrike {
        EventKind::ArmedClash
    } else {
        EventKind::Airstrike
    };
    let a = &an.articles[article];
    {
        let nb = Notebook::open(&path, "ana").unwrap();
        nb.add_note(
            &Anchor::paragraph(a, 0),
            "lede is sourced to one official\u{1b}]0;title\u{7}",
        )
        .unwrap();
        let gone = corpus::article_from_text("gone", "A withdrawn story", "Nothing left.", None);
        nb.add_note(&Anchor::paragraph(&gone, 0), "was this ever confirmed?")
            .unwrap();
        nb.assess_event(&EventAnchor::new(a, &event), &Verdict::Dismissed, "a drill")
            .unwrap();
        let corrected = Verdict::Corrected {
            kind: Some(new_kind),
            actors: None,
            targets: None,
        };
        let other_anchor = EventAnchor::new(&an.articles[other_article], &other);
        nb.assess_event(&other_anchor, &corrected, "").unwrap();
    }
    let plain = json(&sitrep(&path, &["brief", "--format", "json"]));
    let noted = json(&sitrep(&path, &["brief", "--notes", "--format", "json"]));
    let matched = |v: &serde_json::Value| v["scope"]["events_matched"].as_u64().unwrap();
    assert_eq!(
        matched(&noted),
        matched(&plain) - 1,
        "the dismissed event is left out"
    );
    let notes = &noted["analyst_notes"];
    assert_eq!(notes["notes"].as_array().unwrap().len(), 2);
    let orphan = &notes["notes"][1];
    assert_eq!(orphan["orphaned"], true);
    assert_eq!(orphan["quote"], "Nothing left.");
    assert_eq!(notes["assessments"][0]["verdict"], "dismissed");
    assert_eq!(notes["assessments"][0]["found"], true);
    assert_eq!(notes["assessments"][1]["verdict"], "corrected");
    let lines: Vec<&serde_json::Value> = ["timeline", "undated", "warnings", "proposals"]
        .iter()
        .flat_map(|s| noted[*s].as_array().unwrap())
        .collect();
    let marked: Vec<_> = lines
        .iter()
        .filter(|l| {
            l["summary"]
                .as_str()
                .unwrap()
                .starts_with("(assessed: corrected)")
        })
        .collect();
    assert!(!marked.is_empty(), "the corrected event's line is marked");
    assert!(
        marked.iter().all(|l| l["kind"] == new_kind.as_str()),
        "{marked:?}"
    );

    let md = sitrep(&path, &["brief", "--notes"]);
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("## Analyst notes"), "{md}");
    assert!(md.contains("orphaned: no longer found"), "{md}");
    assert!(md.contains("dismissed as a false flag"), "{md}");
    let text =
        String::from_utf8(sitrep(&path, &["brief", "--notes", "--format", "text"]).stdout).unwrap();
    assert!(text.contains("ANALYST NOTES"), "{text}");
    for out in [&md, &text] {
        assert!(out.contains("one official"), "{out}");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "control characters reach the terminal"
        );
    }
}

#[test]
fn brief_unread_keeps_what_the_analyst_has_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nb.sqlite");
    let an = seeds();
    Notebook::open(&path, "ana")
        .unwrap()
        .mark_read(&an.articles[0], true)
        .unwrap();
    let all = json(&sitrep(&path, &["brief", "--format", "json"]));
    let unread = json(&sitrep(&path, &["brief", "--unread", "--format", "json"]));
    assert_eq!(all["scope"]["articles"], an.articles.len());
    assert_eq!(unread["scope"]["articles"], an.articles.len() - 1);
}

#[test]
fn extract_notes_adds_the_notebook_to_both_formats() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nb.sqlite");
    let an = seeds();
    let nb = Notebook::open(&path, "ana").unwrap();
    nb.add_mark(&Anchor::paragraph(&an.articles[1], 1), "key")
        .unwrap();
    nb.mark_read(&an.articles[1], true).unwrap();
    drop(nb);
    for pretty in [false, true] {
        let args: &[&str] = if pretty {
            &["extract", "--notes", "--pretty"]
        } else {
            &["extract", "--notes"]
        };
        let doc = json(&sitrep(&path, args));
        assert_eq!(doc["articles"].as_array().unwrap().len(), an.articles.len());
        let mark = &doc["notebook"]["marks"][0];
        assert_eq!(mark["place"]["article"], an.articles[1].id.as_str());
        assert_eq!(mark["place"]["paragraph"], 1);
        assert_eq!(doc["notebook"]["read"][0], an.articles[1].id.as_str());
    }
    let lines = sitrep(&path, &["extract", "--notes", "--format", "jsonl"]);
    let text = String::from_utf8(lines.stdout).unwrap();
    let last: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    assert_eq!(last["notebook"]["marks"][0]["label"], "key");
    // Without --notes the document is as before.
    assert!(json(&sitrep(&path, &["extract"])).get("notebook").is_none());
}

#[test]
fn notes_export_and_import_move_a_notebook_between_files() {
    let dir = tempfile::tempdir().unwrap();
    let from = dir.path().join("from.sqlite");
    let to = dir.path().join("sub").join("to.sqlite");
    let an = seeds();
    Notebook::open(&from, "ana")
        .unwrap()
        .add_note(&Anchor::article(&an.articles[0]), "n1")
        .unwrap();
    let out = dir.path().join("notes.jsonl");
    let o = sitrep(
        &from,
        &["notes", "export", "--output", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("exported 1 records"));
    let o = sitrep(&to, &["notes", "import", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let notes = Notebook::open(&to, "ana").unwrap().list_notes().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "n1");
    // Exporting to standard output gives the same lines.
    let o = sitrep(&to, &["notes", "export"]);
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        std::fs::read_to_string(&out).unwrap()
    );
}

#[test]
fn a_damaged_or_newer_notebook_is_named_and_nothing_is_printed() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.sqlite");
    std::fs::write(&junk, vec![0x5a; 4096]).unwrap();
    let o = sitrep(&junk, &["brief", "--notes"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("junk.sqlite") && err.contains("damaged"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
    let bad_lines = dir.path().join("bad.jsonl");
    std::fs::write(
        &bad_lines,
        "{\"type\":\"header\",\"sitrep_notebook\":1}\nnot json\n",
    )
    .unwrap();
    let o = sitrep(
        &dir.path().join("nb.sqlite"),
        &["notes", "import", bad_lines.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.jsonl") && err.contains("line 2"), "{err}");
}
