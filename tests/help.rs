//! What `brief --help` and `extract --help` offer: each format said in words, options in the
//! order a user reaches for them, and no option that does nothing for the command.

use std::process::{Command, Output};

fn sitrep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn brief_help_says_what_each_format_is_in_a_sensible_order() {
    let o = sitrep(&["brief", "--help"]);
    assert!(o.status.success());
    let help = stdout(&o);
    for words in [
        "Markdown",
        "Plain text",
        "JSON document",
        "Event kinds (--kind)",
    ] {
        assert!(help.contains(words), "brief --help lacks {words}:\n{help}");
    }
    let at = |opt: &str| {
        help.find(opt)
            .unwrap_or_else(|| panic!("{opt} missing:\n{help}"))
    };
    // Output first, then the filters and the notebook's switches, then loading and the
    // notebook file under their headings.
    let order = [
        "--format",
        "--width",
        "--entity",
        "--kind",
        "--since",
        "--until",
        "--notes",
        "--unread",
        "Loading:",
        "--max-file-size",
        "--follow-links",
        "Notebook:",
        "--notebook",
        "--analyst",
    ];
    for pair in order.windows(2) {
        assert!(
            at(pair[0]) < at(pair[1]),
            "{} before {}:\n{help}",
            pair[0],
            pair[1]
        );
    }
}

#[test]
fn reader_options_are_not_offered_by_brief_and_extract() {
    for cmd in ["brief", "extract"] {
        let help = stdout(&sitrep(&[cmd, "--help"]));
        for opt in ["--color", "--config"] {
            assert!(!help.contains(opt), "{cmd} --help offers {opt}:\n{help}");
        }
        let o = sitrep(&[cmd, "--color", "never"]);
        assert_eq!(o.status.code(), Some(2), "{cmd} --color is a usage error");
    }
    let extract = stdout(&sitrep(&["extract", "--help"]));
    assert!(extract.contains("JSON lines"), "{extract}");
}
