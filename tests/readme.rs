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

#[test]
fn the_kind_table_lists_every_kind_with_its_glyph_under_its_family() {
    use sitrep::analysis::EventKind;
    let text = readme();
    let section = text
        .split("### Event kinds")
        .nth(1)
        .expect("README has an Event kinds section");
    let theme: toml::Table =
        toml::from_str(include_str!("../assets/theme.toml")).expect("theme.toml parses");
    let glyphs = theme["glyphs"].as_table().expect("[glyphs]");
    // family | glyph | kind | covers | anchor; the family only on the first row of its group.
    let mut family = String::new();
    let mut rows = Vec::new();
    for line in section.lines().filter(|l| l.starts_with("| ")) {
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
        if cells.len() < 5 || cells[0] == "family" {
            continue;
        }
        if !cells[0].is_empty() {
            family = cells[0].to_string();
        }
        rows.push((
            family.clone(),
            cells[1].trim_matches('`').to_string(),
            cells[2].trim_matches('`').to_string(),
        ));
    }
    assert_eq!(
        rows.len(),
        EventKind::ALL.len(),
        "one row per kind: {rows:?}"
    );
    for k in EventKind::ALL {
        let (fam, glyph, _) = rows
            .iter()
            .find(|(_, _, kind)| kind == k.as_str())
            .unwrap_or_else(|| panic!("{k} missing from the README's kind table"));
        assert_eq!(fam, k.family().as_str(), "{k}'s family");
        assert_eq!(
            Some(glyph.as_str()),
            glyphs[k.as_str()].as_str(),
            "{k}'s glyph"
        );
    }
}
