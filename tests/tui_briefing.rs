//! The briefing view (`b`) and the Markdown export (`x`) on the state machine, no terminal:
//! opening and closing, scrolling, jumping to a passage and back, the filter it follows, the
//! export prompt, the overwrite question and errors.

use sitrep::analysis::{Analysis, EventKind, Status};
use sitrep::briefing;
use sitrep::date::DateValue;
use sitrep::tui::app::App;
use sitrep::tui::config::Config;
use sitrep::tui::export::ExportPrompt;
use sitrep::tui::filter::Filter;
use sitrep::tui::keymap::Key;
use sitrep::tui::layout::Pane;
use sitrep::tui::{ColorMode, fixture};
use std::fs;

fn app(an: &Analysis) -> App {
    let mut app = App::new(an.clone(), Config::builtin(ColorMode::Never));
    app.resize(80, 24);
    app.clock = || DateValue::ymd(2025, 3, 9).unwrap_or(DateValue::year(2025));
    // a folder of its own, and no clipboard question unless a test asks for it
    app.config.export.dir = Some("/briefs".into());
    app.config.export.clipboard = false;
    app
}

fn press(app: &mut App, keys: &str) {
    for k in keys.split(' ').filter(|k| !k.is_empty()) {
        let key = Key::parse(k).unwrap_or_else(|e| panic!("{e}"));
        app.handle_key(key);
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(Key::ch(c));
    }
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    fixture::buffer_text(&fixture::render(app, w, h))
}

fn typed_path(app: &App) -> String {
    match &app.export {
        Some(ExportPrompt::Path(p)) => p.text().to_string(),
        other => panic!("no path prompt: {other:?}"),
    }
}

/// Index of the first block of the view that is an event line.
fn first_event_block(app: &App) -> usize {
    let v = app.brief.as_ref().expect("view");
    v.doc
        .blocks
        .iter()
        .position(|b| b.event.is_some())
        .expect("an event line")
}

#[test]
fn b_opens_and_esc_b_or_q_close_it() {
    let an = fixture::analysis();
    let mut app = app(&an);
    press(&mut app, "2");
    assert!(!screen(&mut app, 80, 24).contains("Bottom line"));
    press(&mut app, "b");
    assert!(app.brief_open);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Situation briefing"), "{text}");
    assert!(text.contains("Bottom line"), "{text}");
    press(&mut app, "esc");
    assert!(!app.brief_open);
    assert_eq!(app.focus, Pane::Detail, "back to the pane it came from");
    assert!(!screen(&mut app, 80, 24).contains("Bottom line"));
    press(&mut app, "b");
    assert!(app.brief_open);
    press(&mut app, "b");
    assert!(!app.brief_open);
    press(&mut app, "b q");
    assert!(!app.brief_open, "q closes the view");
    assert!(!app.quit, "q closes the view without quitting");
    press(&mut app, "b ctrl-c");
    assert!(app.quit, "Ctrl-c still quits");
    let mut app2 = self::app(&an);
    press(&mut app2, "q");
    assert!(app2.quit, "q quits from the panes");
}

#[test]
fn the_view_has_every_section_of_the_briefing() {
    let an = fixture::analysis();
    let mut app = app(&an);
    app.resize(200, 60);
    press(&mut app, "b");
    let v = app.brief.as_ref().expect("view");
    let b = briefing::build(&an, &Default::default());
    assert_eq!(*v.briefing, b, "the same briefing as sitrep brief");
    let rows: Vec<String> = v.doc.rows.iter().map(|r| r.line.to_string()).collect();
    for heading in [
        "Bottom line",
        "Key actors",
        "Timeline",
        "Undated reported events",
        "Warnings",
        "Proposals",
        "Escalation chart",
        "Sources",
    ] {
        assert!(rows.iter().any(|r| r == heading), "no {heading} heading");
    }
    let events = v.doc.blocks.iter().filter(|b| b.event.is_some()).count();
    assert_eq!(
        events,
        b.timeline.len() + b.undated.len() + b.warnings.len() + b.proposals.len()
    );
    let bars = v.doc.bars.len();
    assert!(bars > 0, "the chart has bars");
}

#[test]
fn scrolling_keys_move_the_cursor_and_the_view() {
    let an = fixture::analysis();
    let mut app = app(&an);
    press(&mut app, "b");
    let rows = app.brief_rows();
    let (n_rows, n_blocks) = {
        let v = app.brief.as_ref().unwrap();
        (v.doc.rows.len(), v.doc.blocks.len())
    };
    assert!(
        n_rows > rows,
        "the fixture briefing is longer than a screen"
    );
    press(&mut app, "j j");
    assert_eq!(app.brief.as_ref().unwrap().cursor, 2);
    press(&mut app, "k");
    assert_eq!(app.brief.as_ref().unwrap().cursor, 1);
    press(&mut app, "pagedown");
    let v = app.brief.as_ref().unwrap();
    assert_eq!(v.top, rows - 1, "a page minus one row of overlap");
    let b = &v.doc.blocks[v.cursor];
    assert!(b.end > v.top && b.start < v.top + rows, "cursor in view");
    press(&mut app, "pageup");
    assert_eq!(app.brief.as_ref().unwrap().top, 0);
    press(&mut app, "ctrl-d");
    assert_eq!(app.brief.as_ref().unwrap().top, rows / 2);
    press(&mut app, "ctrl-u");
    assert_eq!(app.brief.as_ref().unwrap().top, 0);
    press(&mut app, "G");
    let v = app.brief.as_ref().unwrap();
    assert_eq!(v.cursor, n_blocks - 1);
    assert_eq!(v.top, n_rows - rows);
    assert!(screen(&mut app, 80, 24).contains("Sources"));
    press(&mut app, "g");
    let v = app.brief.as_ref().unwrap();
    assert_eq!((v.cursor, v.top), (0, 0));
    for _ in 0..n_blocks + n_rows {
        press(&mut app, "j");
        let v = app.brief.as_ref().unwrap();
        let b = &v.doc.blocks[v.cursor];
        assert!(
            b.start < v.top + rows && b.end > v.top,
            "cursor stays in view"
        );
    }
    assert_eq!(app.brief.as_ref().unwrap().cursor, n_blocks - 1);
}

#[test]
fn the_view_remembers_its_place_until_the_filter_changes() {
    let an = fixture::analysis();
    let mut app = app(&an);
    press(&mut app, "b j j j esc b");
    assert_eq!(app.brief.as_ref().unwrap().cursor, 3);
    press(&mut app, "esc");
    app.filter = Some(Filter::Kind(EventKind::Shootdown));
    app.refresh_rows();
    press(&mut app, "b");
    let v = app.brief.as_ref().unwrap();
    assert_eq!(v.cursor, 0, "a new filter, a new briefing");
    assert_eq!(v.briefing.filter.kinds, vec![EventKind::Shootdown]);
    assert!(v.title().contains("kind shootdown"));
    assert!(
        v.briefing
            .timeline
            .iter()
            .chain(&v.briefing.warnings)
            .all(|l| l.kind == EventKind::Shootdown)
    );
    assert!(screen(&mut app, 80, 24).contains("filter: kind shootdown"));
}

#[test]
fn a_status_filter_is_not_applied_and_the_title_says_so() {
    let an = fixture::analysis();
    let mut app = app(&an);
    app.filter = Some(Filter::Status(Status::Potential));
    app.refresh_rows();
    press(&mut app, "b");
    let v = app.brief.as_ref().unwrap();
    assert!(v.briefing.filter.is_empty());
    assert!(v.title().contains("status potential not applied"));
    assert!(screen(&mut app, 200, 60).contains("status potential not applied"));
}

#[test]
fn enter_jumps_to_the_passage_and_ctrl_o_comes_back() {
    let an = fixture::analysis();
    let mut app = app(&an);
    press(&mut app, "b");
    press(&mut app, "enter");
    assert!(app.brief_open, "the scope line is no event");
    assert!(
        app.message
            .as_deref()
            .unwrap_or("")
            .contains("not an event")
    );
    let before = (app.reader.article, app.reader.cursor);
    let target = first_event_block(&app);
    for _ in 0..target {
        press(&mut app, "j");
    }
    let r = app.brief.as_ref().unwrap().chosen_event().expect("event");
    press(&mut app, "enter");
    assert!(!app.brief_open);
    assert_eq!(app.focus, Pane::Detail);
    assert_eq!(app.reader.article, r.article);
    assert_eq!(
        app.reader.cursor,
        an.analyses[r.article].events[r.event].span.start()
    );
    assert_eq!(app.cursor_event(), Some(r.event));
    press(&mut app, "ctrl-o");
    assert_eq!((app.reader.article, app.reader.cursor), before);
}

#[test]
fn x_prompt_is_prefilled_and_editable() {
    let an = fixture::analysis();
    let mut app = app(&an);
    press(&mut app, "b x");
    assert_eq!(typed_path(&app), "/briefs/sitrep-brief-2025-03-09.md");
    assert!(
        screen(&mut app, 80, 24).contains("export briefing to: /briefs/sitrep-brief-2025-03-09.md")
    );
    press(&mut app, "backspace backspace backspace");
    assert_eq!(typed_path(&app), "/briefs/sitrep-brief-2025-03-09");
    type_text(&mut app, ".txt");
    assert_eq!(typed_path(&app), "/briefs/sitrep-brief-2025-03-09.txt");
    press(&mut app, "ctrl-u");
    assert_eq!(typed_path(&app), "");
    type_text(&mut app, "jkq");
    assert_eq!(typed_path(&app), "jkq", "keys are text in the prompt");
    assert!(!app.quit);
    press(&mut app, "esc");
    assert!(app.export.is_none());
    assert!(app.brief_open, "Esc cancels the prompt, not the view");
    assert_eq!(app.message.as_deref(), Some("export cancelled"));
}

#[test]
fn export_writes_markdown_and_asks_before_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.md");
    let p = path.to_string_lossy().to_string();
    let an = fixture::analysis();
    let mut app = app(&an);
    app.filter = Some(Filter::Kind(EventKind::Shootdown));
    app.refresh_rows();
    // from a pane: the briefing of the current filter
    press(&mut app, "x ctrl-u");
    type_text(&mut app, &p);
    press(&mut app, "enter");
    assert!(app.export.is_none());
    let expected = briefing::to_markdown(&briefing::build(
        &an,
        &briefing::BriefFilter {
            kinds: vec![EventKind::Shootdown],
            ..Default::default()
        },
    ));
    assert_eq!(fs::read_to_string(&path).unwrap(), expected);
    assert_eq!(app.message, Some(format!("briefing saved to {p}")));
    // the file exists: n (or anything but y) keeps it
    fs::write(&path, "mine").unwrap();
    press(&mut app, "x ctrl-u");
    type_text(&mut app, &p);
    press(&mut app, "enter");
    assert_eq!(app.export, Some(ExportPrompt::Confirm(p.clone())));
    assert!(screen(&mut app, 200, 60).contains(&format!("overwrite {p}? (y/n)")));
    press(&mut app, "n");
    assert!(app.export.is_none());
    assert_eq!(fs::read_to_string(&path).unwrap(), "mine");
    assert!(app.message.as_deref().unwrap().contains("not overwritten"));
    press(&mut app, "x ctrl-u");
    type_text(&mut app, &p);
    press(&mut app, "enter esc");
    assert_eq!(fs::read_to_string(&path).unwrap(), "mine");
    // y replaces it
    press(&mut app, "x ctrl-u");
    type_text(&mut app, &p);
    press(&mut app, "enter y");
    assert_eq!(fs::read_to_string(&path).unwrap(), expected);
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file left behind");
}

#[test]
fn export_errors_name_the_path_and_do_not_crash() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder").join("brief.md");
    let p = missing.to_string_lossy().to_string();
    let an = fixture::analysis();
    let mut app = app(&an);
    press(&mut app, "b x ctrl-u");
    type_text(&mut app, &p);
    press(&mut app, "enter");
    let msg = app.message.clone().unwrap_or_default();
    assert!(msg.starts_with(&format!("cannot export to {p}")), "{msg}");
    assert!(!missing.exists());
    assert!(app.brief_open && !app.quit);
    // an empty name cancels
    press(&mut app, "x ctrl-u enter");
    assert!(app.message.as_deref().unwrap().contains("no file name"));
    // a folder in the way: asked, then the rename fails with a message
    let folder = dir.path().to_string_lossy().to_string();
    press(&mut app, "x ctrl-u");
    type_text(&mut app, &folder);
    press(&mut app, "enter y");
    let msg = app.message.clone().unwrap_or_default();
    assert!(
        msg.starts_with(&format!("cannot export to {folder}")),
        "{msg}"
    );
    assert!(dir.path().is_dir());
}

#[test]
fn help_lists_the_briefing_and_export_keys() {
    let an = fixture::analysis();
    let mut app = app(&an);
    press(&mut app, "?");
    let p = app.popup.as_ref().unwrap();
    let text: Vec<String> = p.items.iter().map(|i| i.lines[0].to_string()).collect();
    for (key, desc) in [
        ("b", "Briefing of the current filter"),
        ("x", "Export the briefing"),
    ] {
        assert!(
            text.iter()
                .any(|l| l.trim_start().starts_with(&format!("{key}  ")) && l.contains(desc)),
            "help lacks {key}"
        );
    }
}

#[test]
fn f_inside_the_view_changes_the_filter_and_the_briefing_follows() {
    let an = fixture::analysis();
    let mut app = app(&an);
    press(&mut app, "b f");
    let p = app.popup.as_ref().expect("the filter picker");
    let row = p
        .items
        .iter()
        .position(|i| i.lines[0].to_string().trim_end().ends_with(" shootdown"))
        .expect("a shootdown choice");
    app.popup.as_mut().unwrap().sel = row;
    press(&mut app, "enter");
    assert!(app.brief_open);
    assert_eq!(app.filter, Some(Filter::Kind(EventKind::Shootdown)));
    let v = app.brief.as_ref().unwrap();
    assert_eq!(v.key, app.filter);
    assert_eq!(v.briefing.filter.kinds, vec![EventKind::Shootdown]);
    assert!(screen(&mut app, 80, 24).contains("filter: kind shootdown"));
}

#[cfg(unix)]
#[test]
fn a_folder_without_write_permission_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
    if fs::write(locked.join("probe"), "x").is_ok() {
        eprintln!("running with permission to write anywhere: permission case skipped");
        return;
    }
    let target = locked.join("brief.md");
    let p = target.to_string_lossy().to_string();
    let an = fixture::analysis();
    let mut app = app(&an);
    press(&mut app, "x ctrl-u");
    type_text(&mut app, &p);
    press(&mut app, "enter");
    let msg = app.message.clone().unwrap_or_default();
    assert!(msg.starts_with(&format!("cannot export to {p}")), "{msg}");
    assert!(msg.contains("ermission"), "{msg}");
    assert!(!target.exists());
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
}

/// Cells of the chart's bars (the first row drawn with a full block).
fn bar_cells(buf: &ratatui::buffer::Buffer) -> Vec<ratatui::buffer::Cell> {
    let area = buf.area;
    let mut out = Vec::new();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if buf[(x, y)].symbol() == "█" {
                out.push(buf[(x, y)].clone());
            }
        }
    }
    out
}

#[test]
fn the_chart_reads_without_colour_and_uses_16_colours() {
    use ratatui::style::Color;
    let an = fixture::analysis();
    for mode in [ColorMode::Never, ColorMode::Ansi16] {
        let mut app = App::new(an.clone(), Config::builtin(mode));
        press(&mut app, "b G");
        let buf = fixture::render(&mut app, 80, 24);
        let cells = bar_cells(&buf);
        assert!(cells.len() > 10, "the bars are drawn in block characters");
        let text = fixture::buffer_text(&buf);
        assert!(text.contains("8 events  -47.0"), "figures beside the bars");
        for c in &cells {
            match mode {
                ColorMode::Never => assert_eq!(c.fg, Color::Reset, "no colour"),
                _ => assert!(
                    !matches!(c.fg, Color::Rgb(..) | Color::Indexed(_)),
                    "16 colours only: {:?}",
                    c.fg
                ),
            }
        }
        if mode == ColorMode::Ansi16 {
            assert!(cells.iter().any(|c| c.fg != Color::Reset), "coloured bars");
        }
    }
}

#[test]
fn a_bare_name_goes_to_the_export_folder_and_the_full_path_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let an = fixture::analysis();
    let mut app = app(&an);
    app.config.export.dir = Some(dir.path().to_path_buf());
    press(&mut app, "x");
    let full = dir.path().join("sitrep-brief-2025-03-09.md");
    assert_eq!(typed_path(&app), full.to_string_lossy());
    // a name typed without a folder lands in the export folder too, not the working directory
    press(&mut app, "ctrl-u");
    type_text(&mut app, "mine.md");
    press(&mut app, "enter");
    let mine = dir.path().join("mine.md");
    assert!(mine.is_file());
    assert_eq!(
        app.message,
        Some(format!("briefing saved to {}", mine.to_string_lossy()))
    );
}

#[test]
fn once_saved_the_markdown_is_offered_to_the_terminal_clipboard() {
    let dir = tempfile::tempdir().unwrap();
    let an = fixture::analysis();
    let mut app = app(&an);
    app.config.export.dir = Some(dir.path().to_path_buf());
    app.config.export.clipboard = true;
    press(&mut app, "x enter");
    let path = dir.path().join("sitrep-brief-2025-03-09.md");
    let p = path.to_string_lossy().to_string();
    assert_eq!(app.export, Some(ExportPrompt::Copy(p.clone())));
    assert!(screen(&mut app, 200, 60).contains(&format!("saved to {p} · copy the Markdown")));
    press(&mut app, "y");
    assert_eq!(
        app.clipboard.as_deref(),
        Some(fs::read_to_string(&path).unwrap().as_str())
    );
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("terminal clipboard")
    );
    // n: saved, nothing copied
    app.clipboard = None;
    press(&mut app, "x ctrl-u");
    type_text(&mut app, "other.md");
    press(&mut app, "enter n");
    assert_eq!(app.clipboard, None);
    let other = dir.path().join("other.md");
    assert_eq!(
        app.message,
        Some(format!("briefing saved to {}", other.to_string_lossy()))
    );
}

#[test]
fn the_session_writes_the_clipboard_request_to_its_terminal_as_osc_52() {
    use sitrep::tui::frames::Frames;
    use sitrep::tui::session::{Input, Session};
    use sitrep::tui::stage::Stage;
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::builtin(ColorMode::Never);
    config.export.dir = Some(dir.path().to_path_buf());
    let stage = Stage::ready(std::sync::Arc::new(fixture::analysis()));
    let now = stage.now().expect("articles to show");
    let mut session = Session::new(&stage, now, config, 100, 30);
    let (send, inputs) = std::sync::mpsc::channel();
    for bytes in [&b"x"[..], b"\r", b"y"] {
        send.send(Input::Bytes(bytes.to_vec())).unwrap();
    }
    send.send(Input::Stop).unwrap();
    let mut out = Vec::new();
    {
        let mut frames = Frames::new(&mut out, 100, 30);
        session.run(&mut frames, &inputs);
    }
    // the keys of one batch run before the frame: one more batch sends the request
    let (send, inputs) = std::sync::mpsc::channel();
    send.send(Input::Stop).unwrap();
    let mut more = Vec::new();
    session.run(&mut Frames::new(&mut more, 100, 30), &inputs);
    let written = [out, more].concat();
    let start = b"\x1b]52;c;";
    let at = written
        .windows(start.len())
        .position(|w| w == start)
        .expect("an OSC 52 sequence");
    let end = written[at..].iter().position(|&b| b == 0x07).expect("BEL") + at;
    assert!(end - at > 100, "the Markdown, base64-encoded");
    assert!(
        session
            .app
            .message
            .as_deref()
            .unwrap()
            .contains("clipboard")
    );
}
