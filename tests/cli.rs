//! The command line's contract: help, version, and exit codes (2 on usage errors).

use std::process::{Command, Output};

/// The sitrep binary with `args`, reading no user configuration.
fn command(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    cmd.args(args)
        .env_remove("NO_COLOR")
        .env("XDG_CONFIG_HOME", "/nonexistent");
    cmd
}

fn sitrep(args: &[&str]) -> Output {
    command(args).output().expect("the sitrep binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn help_names_every_subcommand_and_the_default_corpus() {
    let o = sitrep(&["--help"]);
    assert!(o.status.success());
    let text = stdout(&o);
    for word in [
        "extract",
        "brief",
        "PATH",
        "--max-file-size",
        "--follow-links",
        "--color",
    ] {
        assert!(text.contains(word), "--help lacks {word}:\n{text}");
    }
    assert!(
        text.contains("bundled"),
        "--help should say what no PATH opens"
    );
}

#[test]
fn version_prints_the_crate_version() {
    let o = sitrep(&["--version"]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o).trim(),
        format!("sitrep {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    for args in [
        &["--no-such-flag"][..],
        &["extract", "--format", "xml"],
        &["brief", "--kind", "picnic"],
        &["brief", "--since", "2024-13"],
        &["--max-file-size", "lots"],
    ] {
        let o = sitrep(args);
        assert_eq!(o.status.code(), Some(2), "{args:?} should be a usage error");
        assert!(stderr(&o).contains("error"), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn nothing_loadable_exits_1_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let o = sitrep(&["extract", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no article could be loaded"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn a_bad_gazetteer_file_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.toml");
    let o = sitrep(&["extract", "--gazetteer", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nope.toml"), "{}", stderr(&o));
}

fn extract_json(args: &[&str]) -> serde_json::Value {
    let o = sitrep(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("extract prints JSON")
}

fn entity_names(v: &serde_json::Value) -> Vec<String> {
    v["articles"][0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_vocab_folder_extends_the_gazetteer_and_the_event_lexicon() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("story.md");
    std::fs::write(
        &text,
        "# Flare-up\n\nZorbanian troops were seen near the Kessel pass. Rebels blorked the depot.\n",
    )
    .unwrap();
    let vocab = dir.path().join("vocab");
    std::fs::create_dir(&vocab).unwrap();
    let path = text.to_str().unwrap();
    let before = extract_json(&["extract", path]);
    assert!(!entity_names(&before).contains(&"Zorbania".to_string()));
    assert_eq!(before["articles"][0]["events"].as_array().unwrap().len(), 0);

    std::fs::write(
        vocab.join("gazetteer.toml"),
        "country = [{ name = \"Zorbania\", demonyms = [\"Zorbanian\"] }]\n",
    )
    .unwrap();
    std::fs::write(
        vocab.join("events.toml"),
        "[[kind]]\nkind = \"looting\"\nseverity = -5.0\nverbs = [\"blork\"]\n",
    )
    .unwrap();
    let after = extract_json(&["extract", "--vocab", vocab.to_str().unwrap(), path]);
    assert!(
        entity_names(&after).contains(&"Zorbania".to_string()),
        "{after}"
    );
    let kinds: Vec<&str> = after["articles"][0]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["looting"]);
}

#[test]
fn a_bad_vocab_file_is_named_and_nothing_runs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("events.toml"), "[[kind]]\nkind = 12\n").unwrap();
    let o = sitrep(&["extract", "--vocab", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("events.toml"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());

    let o = sitrep(&["extract", "--vocab", "/no/such/folder"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a folder"), "{}", stderr(&o));
}

#[test]
fn extract_is_one_compact_line_unless_pretty_and_both_carry_the_same_document() {
    let compact = sitrep(&["extract"]);
    let pretty = sitrep(&["extract", "--pretty"]);
    assert!(compact.status.success() && pretty.status.success());
    assert_eq!(stdout(&compact).lines().count(), 1);
    assert!(stdout(&pretty).lines().count() > 100);
    let a: serde_json::Value = serde_json::from_slice(&compact.stdout).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&pretty.stdout).unwrap();
    assert_eq!(a, b);
    assert_eq!(a["articles"].as_array().unwrap().len(), 2, "the two seeds");
    let help = stdout(&sitrep(&["extract", "--help"]));
    assert!(help.contains("--pretty"), "{help}");
}

/// Runs sitrep with its output going to a pipe that is closed before anything is written,
/// as `sitrep extract | head -c0` would.
fn sitrep_into_closed_pipe(args: &[&str]) -> Output {
    let mut child = command(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the sitrep binary runs");
    drop(child.stdout.take());
    child.wait_with_output().expect("sitrep ends")
}

#[test]
fn a_reader_that_stops_reading_is_no_error() {
    for args in [
        &["extract"][..],
        &["extract", "--pretty"],
        &["brief"],
        &["brief", "--format", "text"],
        &["brief", "--format", "json"],
    ] {
        let o = sitrep_into_closed_pipe(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?} should end quietly");
    }
}
