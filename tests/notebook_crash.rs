//! The notebook under real processes: a writer killed with SIGKILL in the middle of a burst of
//! writes, and two writer processes at once. The test binary runs itself as the writer (with
//! `SITREP_NOTEBOOK_WRITER` set), which prints `saved <text>` once each note's save has
//! returned: what the reader would have reported saved.

use sitrep::corpus::article_from_text;
use sitrep::notebook::{Anchor, Notebook};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

const WRITER: &str = "SITREP_NOTEBOOK_WRITER";
const WRITER_NAME: &str = "SITREP_NOTEBOOK_WRITER_NAME";

/// In a writer process: saves notes (and flips a read flag) until killed.
fn write_until_killed(path: &Path, name: &str) -> ! {
    let article = article_from_text(
        "convoy",
        "Convoy reaches Tessalit",
        "Troops massed near the border.\n\nThe convoy carried fuel.\n\nTalks are due.",
        None,
    );
    let nb = Notebook::open(path, "ana").expect("writer opens the notebook");
    let mut out = std::io::stdout().lock();
    for i in 0u64.. {
        let text = format!("{name}-{i}");
        let anchor = Anchor::paragraph(&article, (i % 3) as usize);
        nb.add_note(&anchor, &text).expect("saved");
        if i % 2 == 0 {
            nb.toggle_read(&article).expect("saved");
        }
        use std::io::Write;
        writeln!(out, "saved {text}")
            .and_then(|()| out.flush())
            .ok();
    }
    unreachable!()
}

fn spawn_writer(test: &str, path: &Path, name: &str) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(WRITER, path)
        .env(WRITER_NAME, name)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("writer starts")
}

/// Reads the writer's `saved` lines until `count` have come, kills it with SIGKILL, then takes
/// the lines it printed before dying too. Returns every text reported saved.
fn saved_until_killed(child: &mut Child, count: usize) -> Vec<String> {
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut saved = Vec::new();
    while saved.len() < count {
        match lines.next() {
            Some(Ok(line)) => saved.extend(line.strip_prefix("saved ").map(String::from)),
            _ => panic!("the writer stopped after {} saves", saved.len()),
        }
    }
    child.kill().expect("SIGKILL");
    saved.extend(
        lines
            .map_while(Result::ok)
            .filter_map(|l| l.strip_prefix("saved ").map(String::from)),
    );
    child.wait().unwrap();
    saved
}

fn check_holds(path: &Path, saved: &[String]) {
    let nb = Notebook::open(path, "ana").expect("the notebook opens after the kill");
    nb.integrity_check().expect("integrity_check passes");
    let notes: std::collections::HashSet<String> = nb
        .list_notes()
        .unwrap()
        .into_iter()
        .map(|n| n.text)
        .collect();
    for text in saved {
        assert!(
            notes.contains(text),
            "{text} was reported saved but is gone"
        );
    }
}

#[test]
fn a_writer_killed_in_a_burst_of_writes_keeps_every_saved_change() {
    if let (Some(path), Some(name)) = (std::env::var_os(WRITER), std::env::var_os(WRITER_NAME)) {
        write_until_killed(Path::new(&path), &name.to_string_lossy());
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notebook.sqlite");
    let mut all = Vec::new();
    // Kill points spread out, so that the kills land at different moments of a transaction
    // (30 rounds: a journal that tears the file on a kill was caught in some of them).
    for (round, count) in (0..30).map(|r| (r, 3 + (r * 37) % 120)) {
        let mut child = spawn_writer(
            "a_writer_killed_in_a_burst_of_writes_keeps_every_saved_change",
            &path,
            &format!("round{round}"),
        );
        let saved = saved_until_killed(&mut child, count);
        assert!(saved.len() >= count);
        all.extend(saved);
        check_holds(&path, &all);
    }
}

#[test]
fn two_writer_processes_at_once_lose_nothing() {
    if let (Some(path), Some(name)) = (std::env::var_os(WRITER), std::env::var_os(WRITER_NAME)) {
        write_until_killed(Path::new(&path), &name.to_string_lossy());
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notebook.sqlite");
    // Created first, so that both writers find it ready.
    drop(Notebook::open(&path, "ana").unwrap());
    let test = "two_writer_processes_at_once_lose_nothing";
    let mut a = spawn_writer(test, &path, "a");
    let mut b = spawn_writer(test, &path, "b");
    let reader_a = std::thread::spawn(move || saved_until_killed(&mut a, 150));
    let saved_b = saved_until_killed(&mut b, 150);
    let saved_a = reader_a.join().unwrap();
    assert!(saved_a.len() >= 150 && saved_b.len() >= 150);
    let all: Vec<String> = saved_a.into_iter().chain(saved_b).collect();
    check_holds(&path, &all);
}
