//! The README's examples must stay true: its config and manifest examples parse.

use sitrep::tui::ColorMode;
use sitrep::tui::config::Config;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The ```toml blocks of the README, in order.
fn toml_blocks(text: &str) -> Vec<String> {
    text.split("```toml\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn the_config_example_is_accepted_by_the_reader() {
    let blocks = toml_blocks(&readme());
    let config = blocks
        .iter()
        .find(|b| b.contains("[[keymap]]"))
        .expect("README shows a config example");
    Config::from_toml(config, "README.md", ColorMode::Ansi16).expect("README config parses");
}

#[test]
fn the_manifest_example_loads() {
    let blocks = toml_blocks(&readme());
    let manifest = blocks
        .iter()
        .find(|b| b.contains("[files."))
        .expect("README shows a corpus.toml example");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("corpus.toml"), manifest).unwrap();
    std::fs::write(
        dir.path().join("report-12.txt"),
        "Gunmen attacked a post near Kidal.\n",
    )
    .unwrap();
    let corpus = sitrep::corpus::load(&[dir.path().to_path_buf()], &Default::default());
    assert!(corpus.skipped.is_empty(), "{:?}", corpus.skipped);
    let a = &corpus.articles[0];
    assert_eq!(a.title, "Drone strike near Kidal");
    assert_eq!(a.source.as_deref(), Some("Sahel Monitor"));
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2024-03-12")
    );
}
