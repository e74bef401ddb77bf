//! Key handling on the state machine, no terminal: each key of the spec does what it says.

use sitrep::analysis::Analysis;
use sitrep::tui::app::App;
use sitrep::tui::config::Config;
use sitrep::tui::keymap::Key;
use sitrep::tui::layout::Pane;
use sitrep::tui::popup::PopupKind;
use sitrep::tui::stage::{Loading, Snapshot, Step, bare};
use sitrep::tui::{ColorMode, fixture};
use std::sync::Arc;

fn app(an: &Analysis) -> App {
    let mut app = App::new(an.clone(), Config::builtin(ColorMode::Never));
    app.resize(120, 40);
    app
}

/// Presses keys given by name, separated by spaces ("j j ctrl-d enter").
fn press(app: &mut App, keys: &str) {
    for k in keys.split(' ').filter(|k| !k.is_empty()) {
        let key = Key::parse(k).unwrap_or_else(|e| panic!("{e}"));
        app.handle_key(key);
    }
}

/// Types text into the prompt, character by character.
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(Key::ch(c));
    }
}

fn article_named(an: &Analysis, id: &str) -> usize {
    an.articles
        .iter()
        .position(|a| a.id == id)
        .expect("fixture article")
}

fn open(app: &mut App, id: &str) {
    let i = article_named(&app.analysis, id);
    let row = app.list_rows.iter().position(|&a| a == i).expect("listed");
    app.list.sel = row;
    press(app, "1 enter");
    assert_eq!(app.reader.article, i);
    assert_eq!(app.focus, Pane::Detail);
}

#[test]
fn list_moves_and_the_reader_follows() {
    let an = fixture::analysis();
    let mut app = app(&an);
    assert_eq!(app.focus, Pane::List);
    let first = app.list_rows[0];
    press(&mut app, "j");
    assert_eq!(app.list.sel, 1);
    assert_eq!(app.reader.article, app.list_rows[1]);
    press(&mut app, "down down k");
    assert_eq!(app.list.sel, 2);
    press(&mut app, "up");
    assert_eq!(app.list.sel, 1);
    press(&mut app, "G");
    assert_eq!(app.list.sel, app.list_rows.len() - 1);
    press(&mut app, "g");
    assert_eq!(app.list.sel, 0);
    press(&mut app, "end");
    assert_eq!(app.list.sel, app.list_rows.len() - 1);
    press(&mut app, "home");
    assert_eq!(app.reader.article, first);
    press(&mut app, "pagedown");
    assert!(app.list.sel > 0);
    press(&mut app, "pageup");
    assert_eq!(app.list.sel, 0);
}

#[test]
fn focus_keys_switch_panes() {
    let an = fixture::analysis();
    let mut app = app(&an);
    press(&mut app, "tab");
    assert_eq!(app.focus, Pane::Detail);
    press(&mut app, "tab");
    assert_eq!(app.focus, Pane::Timeline);
    press(&mut app, "backtab");
    assert_eq!(app.focus, Pane::Detail);
    press(&mut app, "1");
    assert_eq!(app.focus, Pane::List);
    press(&mut app, "3");
    assert_eq!(app.focus, Pane::Timeline);
    press(&mut app, "2");
    assert_eq!(app.focus, Pane::Detail);
}

#[test]
fn reader_lines_pages_and_ends() {
    let an = fixture::analysis();
    let mut app = app(&an);
    app.resize(60, 14);
    open(&mut app, "watan-pantsir");
    assert_eq!(app.cursor_line(), 0);
    press(&mut app, "j j");
    assert_eq!(app.cursor_line(), 2);
    press(&mut app, "k");
    assert_eq!(app.cursor_line(), 1);
    let rows = app.reader_rows();
    press(&mut app, "g ctrl-d");
    assert!(
        app.cursor_line() >= rows / 2 - 1,
        "half page moved {}",
        app.cursor_line()
    );
    press(&mut app, "ctrl-u");
    assert_eq!(app.cursor_line(), 0);
    press(&mut app, "pagedown");
    assert!(app.cursor_line() >= rows - 1);
    assert!(app.top_line() > 0, "the view scrolled");
    press(&mut app, "G");
    let last = app.wrapped.as_ref().unwrap().lines.len() - 1;
    assert_eq!(app.cursor_line(), last);
    press(&mut app, "home");
    assert_eq!(app.cursor_line(), 0);
    assert_eq!(app.top_line(), 0);
    press(&mut app, "end");
    assert_eq!(app.cursor_line(), last);
    assert!(app.cursor_line() < app.top_line() + rows);
}

#[test]
fn events_paragraphs_and_mentions_step() {
    let an = fixture::analysis();
    let mut app = app(&an);
    open(&mut app, "watan-pantsir");
    let i = app.reader.article;
    let events = &an.analyses[i].events;
    press(&mut app, "]");
    let e0 = app.cursor_event().expect("event under cursor");
    assert_eq!(
        events[e0].span.start(),
        events.iter().map(|e| e.span.start()).min().unwrap()
    );
    press(&mut app, "] ]");
    let e2 = app.cursor_event().unwrap();
    assert!(events[e2].span.start() >= events[e0].span.start());
    assert_ne!(e2, e0);
    press(&mut app, "[");
    let e1 = app.cursor_event().unwrap();
    assert!(events[e1].span.start() <= events[e2].span.start() && e1 != e2);
    // paragraphs
    press(&mut app, "g }");
    assert_eq!(app.reader.cursor, an.articles[i].paragraphs[1].start());
    press(&mut app, "} {");
    assert_eq!(app.reader.cursor, an.articles[i].paragraphs[1].start());
    // mentions: walk all of them forward, in order
    press(&mut app, "g");
    let ms = &an.analyses[i].mentions;
    let mut seen = Vec::new();
    for _ in 0..ms.len() {
        press(&mut app, "e");
        seen.push(app.cursor_mention().unwrap());
    }
    assert_eq!(seen, (0..ms.len()).collect::<Vec<_>>());
    press(&mut app, "e");
    assert_eq!(app.message.as_deref(), Some("no further entity mention"));
    press(&mut app, "E");
    assert_eq!(app.cursor_mention(), Some(ms.len() - 2));
}

#[test]
fn search_in_the_article_counts_steps_and_wraps() {
    let an = fixture::analysis();
    let mut app = app(&an);
    open(&mut app, "watan-pantsir");
    press(&mut app, "/");
    assert!(app.prompt.is_some());
    type_text(&mut app, "MALI");
    press(&mut app, "enter");
    let s = app.search.clone().expect("search");
    let body = &an.articles[app.reader.article].body.to_lowercase();
    assert_eq!(s.matches.len(), body.matches("mali").count());
    assert_eq!(s.current, Some(0));
    press(&mut app, "n");
    assert_eq!(app.search.as_ref().unwrap().current, Some(1));
    press(&mut app, "N N");
    let n = s.matches.len();
    assert_eq!(app.search.as_ref().unwrap().current, Some(n - 1));
    assert_eq!(app.message.as_deref(), Some("search wrapped to the bottom"));
    press(&mut app, "n");
    assert_eq!(app.search.as_ref().unwrap().current, Some(0));
    assert_eq!(app.message.as_deref(), Some("search wrapped to the top"));
    // the cursor follows the match
    let m = app.search.as_ref().unwrap().matches[0];
    let line = app.cursor_span().unwrap();
    assert!(line.start() <= m.start() && m.start() < line.end());
    // nothing found
    press(&mut app, "/");
    type_text(&mut app, "zebra");
    press(&mut app, "enter");
    assert_eq!(app.message.as_deref(), Some("nothing found: zebra"));
    press(&mut app, "esc");
    assert!(app.search.is_none());
}

#[test]
fn search_in_the_list_narrows_the_corpus() {
    let an = fixture::analysis();
    let mut app = app(&an);
    press(&mut app, "/");
    type_text(&mut app, "drone");
    press(&mut app, "enter");
    let expect: Vec<usize> = (0..an.articles.len())
        .filter(|&i| an.articles[i].body.to_lowercase().contains("drone"))
        .collect();
    let mut got = app.list_rows.clone();
    got.sort();
    assert_eq!(got, expect);
    let total: usize = expect
        .iter()
        .map(|&i| {
            let a = &an.articles[i];
            (a.title.to_lowercase() + "\n" + &a.body.to_lowercase())
                .matches("drone")
                .count()
        })
        .sum();
    assert_eq!(
        app.message.as_deref(),
        Some(format!("{} articles, {total} matches", expect.len()).as_str())
    );
    // n steps through the narrowed list, wrapping
    for _ in 0..expect.len() {
        press(&mut app, "n");
    }
    assert_eq!(app.list.sel, 0);
    assert_eq!(app.message.as_deref(), Some("search wrapped"));
    // opening an article carries the query into the reader
    press(&mut app, "enter");
    assert!(!app.search.as_ref().unwrap().matches.is_empty());
    press(&mut app, "esc");
    assert_eq!(app.list_rows.len(), an.articles.len());
    // backspace edits the prompt, esc cancels it
    press(&mut app, "1 /");
    type_text(&mut app, "xy");
    press(&mut app, "backspace");
    assert_eq!(app.prompt.as_ref().unwrap().edit.text(), "x");
    press(&mut app, "esc");
    assert!(app.prompt.is_none());
    assert!(!app.quit);
}

#[test]
fn timeline_enter_jumps_to_the_event_passage_and_back() {
    let an = fixture::analysis();
    let mut app = app(&an);
    press(&mut app, "3 j j j");
    let item = &an.timeline[app.timeline_rows[app.timeline.sel]];
    let r = item.occurrences[0];
    let before = app.position();
    press(&mut app, "enter");
    assert_eq!(app.focus, Pane::Detail);
    assert_eq!(app.reader.article, r.article);
    let ev = an.event(r);
    let line = app.cursor_span().unwrap();
    assert!(line.start() <= ev.span.start() && ev.span.start() <= line.end());
    assert_eq!(app.cursor_event(), Some(r.event));
    press(&mut app, "ctrl-o");
    assert_eq!(app.position(), before);
    press(&mut app, "ctrl-n");
    assert_eq!(app.reader.article, r.article);
    press(&mut app, "<");
    assert_eq!(app.position(), before);
    press(&mut app, ">");
    assert_eq!(app.reader.article, r.article);
}

#[test]
fn timeline_runs_by_date_with_undated_last() {
    let an = fixture::analysis();
    let app = app(&an);
    let dates: Vec<_> = app
        .timeline_rows
        .iter()
        .map(|&i| an.timeline[i].date)
        .collect();
    let first_undated = dates.iter().position(|d| d.is_none()).unwrap();
    assert!(dates[first_undated..].iter().all(|d| d.is_none()));
    let keys: Vec<_> = dates[..first_undated]
        .iter()
        .map(|d| d.unwrap().timeline_key())
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn related_popup_goes_to_the_other_article_and_back() {
    let an = fixture::analysis();
    let mut app = app(&an);
    open(&mut app, "watan-pantsir");
    // the drone passage
    press(&mut app, "}");
    let start = app.position();
    press(&mut app, "r");
    let p = app.popup.as_ref().expect("related popup");
    assert_eq!(p.kind, PopupKind::Related);
    press(&mut app, "enter");
    assert!(app.popup.is_none());
    assert_ne!(app.reader.article, start.article);
    let para = an.articles[app.reader.article].paragraph_at(app.reader.cursor);
    let rel = &an.related(start.article, 1)[0];
    assert_eq!((app.reader.article, para), (rel.article, Some(rel.passage)));
    press(&mut app, "ctrl-o");
    assert_eq!(app.position(), start);
    press(&mut app, "ctrl-n");
    assert_eq!(app.reader.article, rel.article);
    // esc closes a popup first, without clearing anything else
    press(&mut app, "r esc");
    assert!(app.popup.is_none());
    assert!(!app.quit);
}

#[test]
fn star_lists_every_mention_grouped_by_article() {
    let an = fixture::analysis();
    let mut app = app(&an);
    open(&mut app, "watan-pantsir");
    press(&mut app, "e");
    let name = {
        let aa = &an.analyses[app.reader.article];
        aa.entities[aa.mentions[app.cursor_mention().unwrap()].index()]
            .name
            .clone()
    };
    assert_eq!(&*name, "Algeria");
    press(&mut app, "*");
    let p = app.popup.as_ref().expect("mentions popup");
    assert_eq!(p.kind, PopupKind::Mentions);
    let expected: usize = an
        .analyses
        .iter()
        .flat_map(|a| a.entities.iter())
        .filter(|e| &*e.name == "Algeria")
        .map(|e| e.count as usize)
        .sum();
    let targets = p.items.iter().filter(|i| i.target.is_some()).count();
    let headings = p.items.iter().filter(|i| i.target.is_none()).count();
    assert_eq!(targets, expected);
    assert_eq!(
        headings,
        an.analyses
            .iter()
            .filter(|a| a.entities.iter().any(|e| &*e.name == "Algeria"))
            .count()
    );
    // go to a mention in another article
    press(&mut app, "G enter");
    assert_ne!(app.reader.article, article_named(&an, "watan-pantsir"));
    press(&mut app, "ctrl-o");
    assert_eq!(app.reader.article, article_named(&an, "watan-pantsir"));
}

#[test]
fn filter_and_sort_change_list_and_timeline() {
    let an = fixture::analysis();
    let mut app = app(&an);
    press(&mut app, "f");
    assert_eq!(app.popup.as_ref().unwrap().kind, PopupKind::Filter);
    // first selectable row clears; the next one is the most mentioned entity
    press(&mut app, "j enter");
    let f = app.filter.clone().expect("filter set");
    let name = match &f {
        sitrep::tui::filter::Filter::Entity(m) => m.asked[0].asked.clone(),
        other => panic!("{other:?}"),
    };
    assert!(app.list_rows.len() < an.articles.len() || name == "Algeria");
    for &i in &app.list_rows {
        assert!(an.analyses[i].entities.iter().any(|e| *e.name == *name));
    }
    assert!(app.timeline_rows.len() <= an.timeline.len());
    // clear
    press(&mut app, "f enter");
    assert!(app.filter.is_none());
    assert_eq!(app.list_rows.len(), an.articles.len());
    // a status filter keeps only proposed events in the timeline
    press(&mut app, "f");
    let idx = app
        .popup
        .as_ref()
        .unwrap()
        .items
        .iter()
        .position(|i| i.lines[0].to_string().contains("proposed"))
        .unwrap();
    app.popup.as_mut().unwrap().sel = idx;
    press(&mut app, "enter");
    assert!(!app.timeline_rows.is_empty());
    assert!(
        app.timeline_rows
            .iter()
            .all(|&t| an.timeline[t].status == sitrep::analysis::Status::Proposed)
    );
    press(&mut app, "f enter");
    // sort cycles date → severity → source → date
    press(&mut app, "s");
    assert_eq!(app.message.as_deref(), Some("sorted by severity"));
    let sev: Vec<f32> = app
        .timeline_rows
        .iter()
        .map(|&t| an.timeline[t].severity)
        .collect();
    let dated = app
        .timeline_rows
        .iter()
        .filter(|&&t| an.timeline[t].date.is_some())
        .count();
    assert!(sev[..dated].windows(2).all(|w| w[0] <= w[1]));
    press(&mut app, "s");
    assert_eq!(app.message.as_deref(), Some("sorted by source"));
    let src: Vec<String> = app
        .list_rows
        .iter()
        .map(|&i| an.source_label(i).to_lowercase())
        .collect();
    assert!(src.windows(2).all(|w| w[0] <= w[1]));
    press(&mut app, "s");
    assert_eq!(app.message.as_deref(), Some("sorted by date"));
}

#[test]
fn help_quit_and_reserved_actions() {
    let an = fixture::analysis();
    let mut app = app(&an);
    press(&mut app, "?");
    let p = app.popup.as_ref().unwrap();
    assert_eq!(p.kind, PopupKind::Help);
    let text: String = p
        .items
        .iter()
        .map(|i| i.lines[0].to_string() + "\n")
        .collect();
    for b in &app.config.keymap.bindings {
        assert!(text.contains(&b.desc), "help lacks {}", b.desc);
    }
    assert!(text.contains("Ctrl-i"));
    press(&mut app, "esc");
    assert!(app.popup.is_none());
    press(&mut app, "b");
    assert!(app.brief_open);
    press(&mut app, "esc x");
    assert!(app.export.is_some());
    press(&mut app, "esc q");
    assert!(app.quit);
}

#[test]
fn resizing_keeps_the_byte_offset() {
    let an = fixture::analysis();
    let mut app = app(&an);
    open(&mut app, "icg-report");
    press(&mut app, "} } j");
    let offset = app.reader.cursor;
    for (w, h) in [(80, 24), (200, 60), (45, 12), (120, 40)] {
        app.resize(w, h);
        let line = app.cursor_span().unwrap();
        assert!(line.start() <= offset && offset <= line.end(), "{w}x{h}");
        assert_eq!(
            app.reader.cursor, offset,
            "{w}x{h}: the cursor keeps its byte offset"
        );
        assert!(app.cursor_line() >= app.top_line());
        assert!(app.cursor_line() < app.top_line() + app.reader_rows());
    }
}

#[test]
fn rebinding_from_the_config_applies() {
    let an = fixture::analysis();
    let text = "[[keymap]]\non = [\"ctrl-j\", \"J\"]\nrun = \"move_down\"\n[[keymap]]\non = \"Q\"\nrun = \"quit\"\n";
    let config = Config::from_toml(text, "test.toml", ColorMode::Never).unwrap();
    let mut app = App::new(an.clone(), config);
    press(&mut app, "j");
    assert_eq!(app.list.sel, 0, "j no longer moves");
    press(&mut app, "J ctrl-j");
    assert_eq!(app.list.sel, 2);
    press(&mut app, "q");
    assert!(!app.quit);
    press(&mut app, "Q");
    assert!(app.quit);
}

#[test]
fn every_action_anywhere_is_harmless() {
    use sitrep::tui::actions::Action;
    let an = fixture::analysis();
    let empty = Analysis::default();
    let config = Config::builtin(ColorMode::Never);
    for corpus in [&an, &empty] {
        for setup in ["1", "2", "3", "2 } r", "2 e *", "f", "?"] {
            // each action alone from the setup state
            for action in Action::ALL {
                let mut app = App::new(corpus.clone(), config.clone());
                press(&mut app, setup);
                app.run(*action);
                app.run(*action);
                assert!(app.cursor_line() >= app.top_line() || app.wrapped.is_none());
            }
            // then all of them in a row, drawn at the end
            let mut app = App::new(corpus.clone(), config.clone());
            press(&mut app, setup);
            for action in Action::ALL.iter().filter(|a| **a != Action::Quit) {
                app.run(*action);
            }
            let text = fixture::buffer_text(&fixture::render(&mut app, 90, 30));
            assert!(
                text.contains("Reader") || text.contains("Articles") || text.contains("Timeline")
            );
        }
    }
}

#[test]
fn help_scrolls_with_the_movement_keys() {
    let an = fixture::analysis();
    let mut app = app(&an);
    app.resize(80, 24);
    press(&mut app, "?");
    assert_eq!(app.popup.as_ref().unwrap().top, 0);
    press(&mut app, "j j");
    assert_eq!(app.popup.as_ref().unwrap().top, 2);
    press(&mut app, "G");
    let p = app.popup.as_ref().unwrap();
    assert_eq!(p.top, p.items.len() - app.popup_rows());
    press(&mut app, "g");
    assert_eq!(app.popup.as_ref().unwrap().top, 0);
    press(&mut app, "?");
    assert!(app.popup.is_none(), "? toggles help");
}

#[test]
fn the_reader_over_bare_articles_goes_on_where_it_was_once_the_analysis_arrives() {
    let full = Arc::new(fixture::analysis());
    let mut early = app(&bare(full.articles.clone()));
    early.step = Step::Analysing;
    assert!(early.timeline_rows.is_empty());
    press(&mut early, "j j enter");
    let (article, cursor) = (early.reader.article, early.reader.cursor);
    let selected = early.selected_article();
    // What needs the analysis says so and waits; the rest works.
    for key in ["b", "r", "x", "f", "]", "*"] {
        press(&mut early, key);
        let said = early.message.clone().unwrap_or_default();
        assert!(said.starts_with("still analysing"), "{key}: {said}");
        assert!(early.popup.is_none() && !early.brief_open && early.export.is_none());
    }
    press(&mut early, "?");
    assert!(early.popup.is_some(), "help opens");
    press(&mut early, "esc /");
    type_text(&mut early, "drone");
    let mut later = early;
    later.take_stage(&Snapshot {
        analysis: Arc::clone(&full),
        step: Step::Analysed,
    });
    assert_eq!(later.selected_article(), selected);
    assert_eq!(
        (later.reader.article, later.reader.cursor),
        (article, cursor)
    );
    assert_eq!(later.focus, Pane::Detail);
    assert_eq!(later.prompt.as_ref().map(|p| p.edit.text()), Some("drone"));
    assert_eq!(later.timeline_rows.len(), full.timeline.len());
    assert!(later.popup.is_none());
    press(&mut later, "esc esc b");
    assert!(
        later.brief_open,
        "the briefing opens once the analysis is in"
    );
}

/// The whole screen at 120×40, as text.
fn screen_text(app: &App) -> String {
    let area = ratatui::layout::Rect::new(0, 0, 120, 40);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    sitrep::tui::ui::draw(app, area, &mut buf);
    fixture::buffer_text(&buf)
}

/// The first files' articles (as the reader opens on them), every article before analysis, and
/// what the loading says meanwhile. The fixture's newest article is read last, so that the head
/// of the list changes when it comes in.
fn loading_stages(full: &Analysis) -> (Snapshot, Snapshot, Loading) {
    let mut articles = full.articles.to_vec();
    let newest = app(&bare(full.articles.clone())).list_rows[0];
    let last = articles.remove(newest);
    articles.push(last);
    let n = articles.len();
    let loading = Loading {
        files_read: n - 1,
        files: n,
    };
    let preview = Snapshot {
        analysis: Arc::new(bare(articles[..n - 1].to_vec().into())),
        step: Step::Reading(loading),
    };
    let every = Snapshot {
        analysis: Arc::new(bare(articles.into())),
        step: Step::Analysing,
    };
    (preview, every, loading)
}

/// A reader over a stage of the corpus.
fn app_over(stage: &Snapshot) -> App {
    let mut app = App::new(
        Arc::clone(&stage.analysis),
        Config::builtin(ColorMode::Never),
    );
    app.step = stage.step;
    app.resize(120, 40);
    app
}

#[test]
fn while_files_load_the_status_says_how_far_and_keys_that_need_the_analysis_wait() {
    let full = fixture::analysis();
    let (preview, _, loading) = loading_stages(&full);
    let mut early = app_over(&preview);
    let status = format!(
        "reading files: {} of {}…",
        loading.files_read, loading.files
    );
    assert!(
        screen_text(&early).contains(&status),
        "{}",
        screen_text(&early)
    );
    press(&mut early, "b");
    let said = early.message.clone().unwrap_or_default();
    let waits = format!(
        "still reading files ({} of {})",
        loading.files_read, loading.files
    );
    assert!(said.starts_with(&waits), "{said}");
    assert!(!early.brief_open);
    press(&mut early, "j");
    assert_eq!(early.list.sel, 1, "moving works meanwhile");
}

#[test]
fn once_every_file_is_read_the_list_holds_them_all_and_the_reader_keeps_its_place() {
    let full = fixture::analysis();
    let (preview, every, _) = loading_stages(&full);
    // Not moved yet: the top of the list stays selected, now the newest of all articles.
    let mut later = app_over(&preview);
    press(&mut later, "b");
    later.take_stage(&every);
    assert_eq!(later.article_count(), full.articles.len());
    assert_eq!(later.step, Step::Analysing);
    assert_eq!(later.list.sel, 0);
    assert_eq!(later.reader.article, later.list_rows[0]);
    assert_eq!(
        later.message, None,
        "the message about reading files is gone"
    );
    assert!(screen_text(&later).contains(&format!("analysing {} articles…", full.articles.len())));
    // Moved: the same article stays selected and open, wherever it now sits in the list.
    let mut later = app_over(&preview);
    press(&mut later, "j");
    let chosen = later.selected_article();
    later.take_stage(&every);
    assert_eq!(later.selected_article(), chosen);
    assert_eq!(Some(later.reader.article), chosen);
}

#[test]
fn a_message_of_the_user_s_own_outlives_the_next_stage_and_a_failed_analysis_is_said() {
    let full = fixture::analysis();
    let (preview, every, _) = loading_stages(&full);
    let mut app = app_over(&preview);
    press(&mut app, "s");
    let said = app.message.clone();
    assert!(said.as_deref().is_some_and(|m| m.starts_with("sorted by")));
    app.take_stage(&every);
    assert_eq!(app.message, said, "only waiting messages go with the stage");
    app.take_stage(&Snapshot {
        analysis: Arc::clone(&every.analysis),
        step: Step::Failed,
    });
    assert_eq!(
        app.message.as_deref(),
        Some("the analysis failed: showing the articles only")
    );
    press(&mut app, "b");
    let said = app.message.clone().unwrap_or_default();
    assert!(said.starts_with("the analysis failed: briefing"), "{said}");
}

#[test]
fn on_a_line_without_a_chosen_mention_the_cursor_names_the_line_s_first() {
    let an = fixture::analysis();
    let mut app = app(&an);
    for id in ["watan-pantsir", "icg-report"] {
        open(&mut app, id);
        let ms = &an.analyses[app.reader.article].mentions;
        let lines = app.wrapped.as_ref().expect("wrapped").lines.clone();
        let mut named = 0;
        for line in &lines {
            app.reader.cursor = line.start;
            app.reader.mention = None;
            // The line the cursor is on (a blank line shares its start with the next).
            let on = app.cursor_span().expect("cursor line");
            let end = on.end().max(on.start() + 1);
            let want = ms
                .iter()
                .position(|m| (on.start()..end).contains(&m.span.start()));
            assert_eq!(app.cursor_mention(), want, "{id}: line at {}", line.start);
            named += usize::from(want.is_some());
        }
        assert!(named > 3, "{id}: only {named} lines hold a mention");
    }
}

/// The keys of one README key table: the backticked names of its first column, parenthesised
/// notes left out.
fn readme_table_keys(readme: &str, header: &str) -> Vec<Key> {
    let start = readme
        .find(&format!("| {header} | action |"))
        .unwrap_or_else(|| panic!("README has no '{header}' table"));
    let mut keys = Vec::new();
    for row in readme[start..].lines().skip(2) {
        if !row.starts_with('|') {
            break;
        }
        let cell = row.split('|').nth(1).unwrap_or("");
        let cell = match cell.find('(') {
            Some(i) => &cell[..i],
            None => cell,
        };
        for name in cell.split('`').skip(1).step_by(2) {
            let name = match name {
                "↓" => "down",
                "↑" => "up",
                "←" => "left",
                "→" => "right",
                other => other,
            };
            keys.push(Key::parse(name).unwrap_or_else(|e| panic!("README '{header}': {e}")));
        }
    }
    keys
}

#[test]
fn the_readme_key_tables_and_the_help_agree_with_the_keymap() {
    use sitrep::tui::keymap::{KeyMap, Mode};
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let map = KeyMap::builtin();
    let an = fixture::analysis();
    for (mode, header) in [
        (Mode::Panes, "keys"),
        (Mode::Popup, "keys in a popup"),
        (Mode::Briefing, "keys in the briefing"),
        (Mode::Prompt, "keys while typing"),
    ] {
        let mut documented = readme_table_keys(&readme, header);
        let mut bound: Vec<Key> = map.layer(mode).flat_map(|b| b.keys.clone()).collect();
        let order = |k: &Key| k.label();
        documented.sort_by_key(order);
        bound.sort_by_key(order);
        let labels = |v: &[Key]| v.iter().map(Key::label).collect::<Vec<_>>();
        assert_eq!(
            labels(&documented),
            labels(&bound),
            "README table '{header}' against the {mode:?} keymap layer"
        );
        // the help lists every binding of the layer, with its description
        let mut app = app(&an);
        app.popup = Some(sitrep::tui::popup::help(&map, &app.config.theme, mode));
        let help: Vec<String> = app
            .popup
            .as_ref()
            .unwrap()
            .items
            .iter()
            .map(|i| i.lines.iter().map(|l| l.to_string()).collect::<String>())
            .collect();
        assert_eq!(
            help[0],
            sitrep::tui::popup::mode_heading(mode),
            "here first"
        );
        for b in map.layer(mode) {
            let keys = b.keys.iter().map(Key::label).collect::<Vec<_>>().join(" ");
            assert!(
                help.iter()
                    .any(|row| row.trim_start().starts_with(&keys) && row.ends_with(&b.desc)),
                "help misses {keys} {}",
                b.desc
            );
        }
    }
}

/// Texts of the items a popup shows.
fn popup_texts(app: &App) -> Vec<(String, bool)> {
    app.popup
        .as_ref()
        .expect("a popup")
        .items
        .iter()
        .map(|i| {
            let text = i
                .lines
                .iter()
                .map(|l| l.to_string())
                .collect::<Vec<_>>()
                .join(" ");
            (text, i.target.is_some())
        })
        .collect()
}

#[test]
fn slash_in_a_list_popup_finds_as_you_type_and_enter_picks() {
    let an = fixture::analysis();
    let mut app = app(&an);
    press(&mut app, "f");
    let all = popup_texts(&app);
    let picks = all.iter().filter(|(_, t)| *t).count();
    assert!(picks < all.len(), "the picker has headings");
    assert_eq!(
        app.popup.as_ref().unwrap().counter(),
        (1, picks),
        "the counter counts items, not headings"
    );
    press(&mut app, "/");
    type_text(&mut app, "SHOOT");
    let found = popup_texts(&app);
    let kept: Vec<&String> = found.iter().filter(|(_, t)| *t).map(|(s, _)| s).collect();
    assert!(!kept.is_empty() && kept.len() < picks, "{found:?}");
    assert!(
        kept.iter().all(|s| s.to_lowercase().contains("shoot")),
        "{kept:?}"
    );
    assert_eq!(app.popup.as_ref().unwrap().counter(), (1, kept.len()));
    // j is typed, not a move; the arrows still move
    type_text(&mut app, "j");
    assert!(
        popup_texts(&app).iter().all(|(_, t)| !*t),
        "nothing holds 'shootj'"
    );
    press(&mut app, "backspace down up");
    // Esc ends the find and brings every item back; / again, Enter picks the item found
    press(&mut app, "esc");
    assert_eq!(popup_texts(&app).len(), all.len());
    assert!(app.popup.is_some(), "Esc in the find keeps the popup");
    press(&mut app, "/");
    type_text(&mut app, "shootdown");
    press(&mut app, "enter");
    assert!(app.popup.is_none());
    let said = app.message.clone().unwrap_or_default();
    assert!(said.contains("shootdown"), "{said}");
}

#[test]
fn the_mentions_and_related_popups_find_too_and_help_says_why_not() {
    let an = fixture::analysis();
    let mut app = app(&an);
    open(&mut app, "watan-pantsir");
    press(&mut app, "e *");
    let before = popup_texts(&app).len();
    press(&mut app, "/");
    type_text(&mut app, "zzzz");
    assert_eq!(app.popup.as_ref().unwrap().counter(), (0, 0));
    press(&mut app, "esc");
    assert_eq!(popup_texts(&app).len(), before);
    press(&mut app, "esc ?");
    press(&mut app, "/");
    assert!(app.popup.as_ref().unwrap().find.is_none());
    assert!(
        app.message
            .as_deref()
            .unwrap_or("")
            .contains("nothing to find")
    );
}

#[test]
fn the_severity_sort_puts_the_most_severe_first_dated_or_not() {
    use sitrep::tui::filter::{SortKey, timeline_rows};
    let an = fixture::analysis();
    let rows = timeline_rows(&an, None, SortKey::Severity);
    let t = &an.timeline;
    let sev: Vec<f32> = rows.iter().map(|&i| t[i].severity).collect();
    assert!(sev.windows(2).all(|w| w[0] <= w[1]), "{sev:?}");
    let first_undated = rows.iter().position(|&i| t[i].date.is_none()).unwrap();
    let last_dated = rows.iter().rposition(|&i| t[i].date.is_some()).unwrap();
    assert!(
        first_undated < last_dated,
        "an undated severe event comes before a dated calmer one"
    );
    // by date, undated ones still come last
    let rows = timeline_rows(&an, None, SortKey::Date);
    let first_undated = rows.iter().position(|&i| t[i].date.is_none()).unwrap();
    assert!(rows[first_undated..].iter().all(|&i| t[i].date.is_none()));
}

#[test]
fn the_status_line_gives_in_full_what_the_timeline_and_popups_shorten() {
    let an = fixture::analysis();
    let mut app = app(&an);
    press(&mut app, "3 j");
    let item = &an.timeline[app.timeline_rows[app.timeline.sel]];
    let side = |n: &[sitrep::analysis::Name]| {
        if n.is_empty() {
            "?".to_string()
        } else {
            n.join(", ")
        }
    };
    let who = format!("{} → {}", side(&item.actors), side(&item.targets));
    let text = screen_text(&app);
    let status = text.lines().rev().nth(1).unwrap_or("");
    assert!(status.contains(&who), "{who} not in {status}");
    press(&mut app, "f j");
    let chosen = app.popup.as_ref().unwrap().chosen_text().unwrap();
    let text = screen_text(&app);
    let status = text.lines().rev().nth(1).unwrap_or("");
    assert!(status.contains(chosen.trim()), "{chosen} not in {status}");
}

#[test]
fn a_key_that_cannot_do_its_work_in_a_pane_says_why() {
    let an = fixture::analysis();
    // nothing to close, no search to step through, no entity filter to list, no jump yet
    for key in ["esc", "n", "*", "ctrl-o", "ctrl-n"] {
        let mut app = app(&an);
        press(&mut app, key);
        let said = app.message.clone().unwrap_or_default();
        assert!(!said.is_empty(), "{key} in the list said nothing");
    }
    // an empty corpus: every pane says it has nothing rather than doing nothing silently
    let empty = Analysis::default();
    for setup in ["1", "2", "3"] {
        for key in ["j", "G", "pagedown", "]", "}", "e", "r", "enter"] {
            let mut app = app(&empty);
            press(&mut app, setup);
            press(&mut app, key);
            let said = app.message.clone().unwrap_or_default();
            assert!(
                !said.is_empty(),
                "{setup} {key} on an empty corpus said nothing"
            );
        }
    }
}

#[test]
fn a_page_key_moves_by_the_rows_shown_less_one_in_the_reader_and_in_popups() {
    let an = fixture::analysis();
    let mut app = app(&an);
    app.resize(60, 14);
    open(&mut app, "watan-pantsir");
    press(&mut app, "g");
    let rows = app.reader_rows();
    press(&mut app, "pagedown");
    // a step never stops on the blank line between paragraphs: one more at most
    assert!(
        (rows - 1..=rows).contains(&app.cursor_line()),
        "page of {rows} rows moved to {}",
        app.cursor_line()
    );
    press(&mut app, "?");
    let rows = app.popup_rows();
    press(&mut app, "pagedown");
    assert_eq!(
        app.popup.as_ref().unwrap().top,
        rows - 1,
        "help: a page less one"
    );
    press(&mut app, "ctrl-d");
    assert_eq!(
        app.popup.as_ref().unwrap().top,
        rows - 1 + rows / 2,
        "then half a page"
    );
}
