//! No byte that reaches the terminal drives it: names from a vocabulary file, errors that echo
//! a TOML line, paths given on the command line and file names. Each test runs the binary and
//! checks the bytes it wrote.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// An OSC sequence that would retitle the terminal.
const OSC: &str = "\u{1b}]0;PWNED\u{7}";

fn sitrep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .env("HOME", "/nonexistent")
        .output()
        .expect("sitrep runs")
}

/// What sitrep writes on a terminal (the reader reads its configuration only there) before it
/// exits; killed after ten seconds.
fn on_a_terminal(args: &[&str]) -> Vec<u8> {
    let size = PtySize {
        rows: 24,
        cols: 80,
        pixel_width: 0,
        pixel_height: 0,
    };
    let pair = native_pty_system().openpty(size).expect("openpty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_sitrep"));
    cmd.args(args);
    // Without a folder of its own the command starts in $HOME, set to nowhere below.
    cmd.cwd(std::env::temp_dir());
    cmd.env("TERM", "xterm");
    cmd.env("NO_COLOR", "1");
    cmd.env("XDG_CONFIG_HOME", "/nonexistent");
    cmd.env("HOME", "/nonexistent");
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let mut buf = [0u8; 4096];
        // Linux answers EIO once the program has closed its side.
        while let Ok(n @ 1..) = reader.read(&mut buf) {
            out.extend_from_slice(&buf[..n]);
        }
        let _ = tx.send(out);
    });
    let start = Instant::now();
    while child.try_wait().ok().flatten().is_none() {
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("sitrep {args:?} did not exit on a terminal");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = rx.recv_timeout(Duration::from_secs(5)).unwrap_or_default();
    drop(pair.master);
    // The terminal turns each newline into CR LF.
    String::from_utf8_lossy(&out)
        .replace("\r\n", "\n")
        .into_bytes()
}

/// The control characters (but newline) and bidi controls in `bytes`.
fn controls(bytes: &[u8]) -> Vec<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

fn article(dir: &Path, name: &str) {
    fs::write(
        dir.join(name),
        "Clashes in Gao\n\nZorbu troops attacked militants in Gao on 3 May 2024. \
         Algeria condemned the attack by Zorbu.\n",
    )
    .unwrap();
}

#[test]
fn a_vocabulary_name_reaches_the_briefing_sanitised() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    article(&corpus, "gao.txt");
    let gazetteer = dir.path().join("g.toml");
    // TOML escapes: the file is valid, the name holds the sequence and a line break.
    fs::write(
        &gazetteer,
        "country = [{ name = \"Zorbu\\u001b]0;PWNED\\u0007\\nsitrep: forged\", aliases = [\"Zorbu\"] }]\n",
    )
    .unwrap();
    for format in ["text", "md"] {
        let out = sitrep(&[
            "brief",
            "--format",
            format,
            "--gazetteer",
            gazetteer.to_str().unwrap(),
            corpus.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Zorbu"), "the name is shown: {text}");
        assert!(
            !text.lines().any(|l| l.starts_with("sitrep: forged")),
            "{text}"
        );
        assert_eq!(controls(&out.stdout), Vec::<char>::new(), "{format}");
    }
}

#[test]
fn toml_errors_do_not_echo_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    article(&corpus, "gao.txt");
    let vocab = dir.path().join("vocab");
    fs::create_dir(&vocab).unwrap();
    fs::write(
        vocab.join("gazetteer.toml"),
        format!("[[place]\nname = {OSC}\n"),
    )
    .unwrap();
    let out = sitrep(&[
        "extract",
        "--vocab",
        vocab.to_str().unwrap(),
        corpus.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("gazetteer"));
    assert_eq!(controls(&out.stderr), Vec::<char>::new());

    let config = dir.path().join("config.toml");
    fs::write(&config, format!("[keys]\nquit = {OSC}\n")).unwrap();
    // The reader reads its configuration before it touches the terminal.
    let out = on_a_terminal(&[
        "--config",
        config.to_str().unwrap(),
        corpus.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out);
    assert!(err.contains("config"), "{err}");
    assert_eq!(controls(&out), Vec::<char>::new(), "{err}");
}

#[test]
fn paths_from_the_command_line_are_echoed_sanitised() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    article(&corpus, "gao.txt");
    let hostile = dir.path().join(format!("x{OSC}\nsitrep: forged"));
    let hostile = hostile.to_str().unwrap();
    for flag in ["--gazetteer", "--vocab"] {
        let out = sitrep(&["extract", flag, hostile, corpus.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{flag}");
        assert_eq!(controls(&out.stderr), Vec::<char>::new(), "{flag}: {err}");
        assert!(
            !err.lines().any(|l| l.starts_with("sitrep: forged")),
            "{flag}: {err}"
        );
    }
    let out = on_a_terminal(&["--config", hostile, corpus.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out);
    assert!(err.contains("config"), "{err}");
    assert_eq!(controls(&out), Vec::<char>::new(), "--config: {err}");
    assert!(
        !err.lines().any(|l| l.starts_with("sitrep: forged")),
        "{err}"
    );
}

#[test]
fn a_file_name_cannot_forge_a_message_nor_split_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let forged = "x\nsitrep: no article could be loaded\n| forged | row |";
    article(dir.path(), &format!("{forged}.txt"));
    // An empty file is skipped, and its name printed on stderr.
    fs::write(dir.path().join(format!("{forged}{OSC}.txt")), "").unwrap();
    let out = sitrep(&["brief", "--format", "md", dir.path().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (md, err) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(controls(&out.stdout), Vec::<char>::new());
    assert_eq!(controls(&out.stderr), Vec::<char>::new());
    assert!(err.contains("skipped"), "{err}");
    assert!(
        !err.lines().any(|l| l.starts_with("sitrep: no article")),
        "{err}"
    );
    assert!(!md.lines().any(|l| l.starts_with("| forged")), "{md}");
    assert!(!md.lines().any(|l| l.starts_with("sitrep:")), "{md}");
}
