//! The command line's contract: help, version, and exit codes (2 on usage errors).

use std::process::{Command, Output};

fn sitrep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("the sitrep binary runs")
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
