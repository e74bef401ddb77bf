//! Event kinds grouped by family in the reader: the help legend at 80 columns and the filter
//! picker list each kind under its family's name.

use sitrep::analysis::{EventKind, Family};
use sitrep::tui::app::App;
use sitrep::tui::config::Config;
use sitrep::tui::keymap::Key;
use sitrep::tui::popup::PopupKind;
use sitrep::tui::theme::Theme;
use sitrep::tui::{ColorMode, fixture};

fn press(app: &mut App, keys: &str) {
    for k in keys.split(' ').filter(|k| !k.is_empty()) {
        app.handle_key(Key::parse(k).unwrap());
    }
}

/// The family whose name starts the legend row `row` or, for a continuation row, the nearest
/// row above that names one.
fn family_of_row(rows: &[&str], row: usize) -> Option<Family> {
    rows[..=row].iter().rev().find_map(|r| {
        Family::ALL
            .iter()
            .copied()
            .find(|f| r.contains(&format!("║  {} ", f.as_str())))
    })
}

#[test]
fn the_help_legend_lists_every_kind_under_its_family_at_80_columns() {
    let an = fixture::analysis();
    let mut app = App::new(an.clone(), Config::builtin(ColorMode::Never));
    let (w, h) = (80, 60);
    app.resize(w, h);
    press(&mut app, "? G");
    let text = fixture::buffer_text(&fixture::render(&mut app, w, h));
    let rows: Vec<&str> = text.lines().collect();
    assert!(
        text.contains("Events by family"),
        "legend heading missing:\n{text}"
    );
    let theme = Theme::builtin(ColorMode::Never);
    for k in EventKind::ALL {
        let entry = format!("{} {}", theme.glyph(*k), k.as_str());
        let row = rows
            .iter()
            .position(|r| {
                r.split("  ")
                    .any(|cell| cell.trim_matches(['║', ' ']) == entry)
            })
            .unwrap_or_else(|| panic!("{entry:?} not shown whole in the legend:\n{text}"));
        assert_eq!(
            family_of_row(&rows, row),
            Some(k.family()),
            "{entry} under the wrong family:\n{text}"
        );
    }
}

#[test]
fn the_filter_picker_lists_the_kinds_present_under_their_family() {
    let an = fixture::analysis();
    let mut app = App::new(an.clone(), Config::builtin(ColorMode::Never));
    app.resize(80, 24);
    press(&mut app, "f");
    let popup = app.popup.as_ref().expect("f opens the filter picker");
    assert_eq!(popup.kind, PopupKind::Filter);
    let lines: Vec<String> = popup
        .items
        .iter()
        .map(|i| i.lines.iter().map(|l| l.to_string()).collect::<String>())
        .collect();
    let start = lines
        .iter()
        .position(|l| l == "Event kinds")
        .expect("an Event kinds heading");
    let end = lines
        .iter()
        .position(|l| l == "Statuses")
        .expect("a Statuses heading");
    let mut family = None;
    let mut kinds = 0;
    for (line, item) in lines[start + 1..end]
        .iter()
        .zip(&popup.items[start + 1..end])
    {
        if let Some(f) = Family::ALL
            .iter()
            .find(|f| line.trim() == f.as_str() && line.starts_with("  "))
        {
            assert!(item.target.is_none(), "a family heading is not a choice");
            family = Some(*f);
            continue;
        }
        let name = line.split_whitespace().last().unwrap_or("");
        let kind = EventKind::parse(name).unwrap_or_else(|| panic!("not a kind: {line:?}"));
        assert_eq!(Some(kind.family()), family, "{line:?} under {family:?}");
        assert!(line.starts_with("    "), "kinds indent under their family");
        kinds += 1;
    }
    assert!(kinds > 1, "the fixture has events of several kinds");
}
