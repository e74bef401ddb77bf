//! Unit tests of the cleaning of scraped text.

use super::rules::BUILTIN;
use super::*;
use crate::corpus::metadata::MetaRules;
use crate::date::DateValue;

fn clean(text: &str) -> Cleaned {
    clean_text(text, None, Rules::builtin(), MetaRules::builtin())
}

const BODY: &str =
    "The ministry said on Tuesday that the border crossing would stay closed until further notice.";

#[test]
fn builtin_rules_parse() {
    assert!(Rules::from_toml_str(BUILTIN).is_ok());
}

#[test]
fn section_and_headline_are_taken_apart() {
    let c = clean(&format!(
        "Niger\n\nBorder stays closed after talks fail\n\n{BODY}\n"
    ));
    assert_eq!(c.section.as_deref(), Some("Niger"));
    assert_eq!(
        c.title.as_deref(),
        Some("Border stays closed after talks fail")
    );
    assert_eq!(c.paragraphs, vec![BODY.to_string()]);
}

#[test]
fn repeated_and_glued_headline_appears_once() {
    let text = format!(
        "Back to top buttonBorder stays closed\n\nBorder stays closed\nBorder stays closed\n\n{BODY}"
    );
    let c = clean(&text);
    assert_eq!(c.title.as_deref(), Some("Border stays closed"));
    assert_eq!(c.section, None);
    assert_eq!(c.paragraphs, vec![BODY.to_string()]);
}

#[test]
fn headline_glued_to_unknown_debris_is_not_a_section() {
    let text = format!(
        "Whatever widgetBorder stays closed\nBorder stays closed\nBorder stays closed\n\n{BODY}"
    );
    let c = clean(&text);
    assert_eq!(c.title.as_deref(), Some("Border stays closed"));
    assert_eq!(c.section, None);
    assert_eq!(c.paragraphs, vec![BODY.to_string()]);
}

#[test]
fn bare_date_line_at_the_top_is_the_publication_date() {
    let c = clean(&format!("Border stays closed\n12 March 2024\n\n{BODY}"));
    assert_eq!(c.published, DateValue::ymd(2024, 3, 12));
    assert_eq!(c.paragraphs, vec![BODY.to_string()]);
}

#[test]
fn end_marker_drops_everything_after() {
    let text = format!(
        "Headline here\n\n{BODY}\n\nLeave a Reply\n\nA comment that is long enough to look like text, really it is.\n\nRelated Articles"
    );
    let c = clean(&text);
    assert_eq!(c.paragraphs, vec![BODY.to_string()]);
}

#[test]
fn prev_next_links_and_share_lines_are_cut() {
    let text = format!(
        "Headline here\n\nShare this:\n{BODY}\n\nPREV Some other story about something\nNEXT Another story: what happened?\n"
    );
    let c = clean(&text);
    assert_eq!(c.paragraphs, vec![BODY.to_string()]);
}

#[test]
fn byline_becomes_metadata() {
    let text = format!("Headline here\nBy Jane Doe | March 12, 2024\n\n{BODY}");
    let c = clean(&text);
    assert_eq!(c.author.as_deref(), Some("Jane Doe"));
    assert_eq!(c.published, DateValue::ymd(2024, 3, 12));
    assert_eq!(c.paragraphs, vec![BODY.to_string()]);
}

#[test]
fn one_paragraph_per_line_when_not_wrapped() {
    let lines: Vec<String> = [
        "Why the border matters for trade across the region",
        "Traders said the closure had already doubled prices in the markets of the north.",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(paragraphs(&lines).len(), 2);
}

#[test]
fn hard_wrapped_lines_join() {
    let lines: Vec<String> = [
        "This is a hard wrapped line of text that goes on",
        "and ends here.",
        "",
        "A text editor wraps its lines near the same width, so",
        "that every line but the last of a paragraph is about",
        "as long as the others. This one ends the paragraph.",
        "",
        "Second paragraph.",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(
        paragraphs(&lines),
        vec![
            "This is a hard wrapped line of text that goes on and ends here.",
            "A text editor wraps its lines near the same width, so that every line but the last of a paragraph is about as long as the others. This one ends the paragraph.",
            "Second paragraph."
        ]
    );
}

#[test]
fn known_title_repeats_removed() {
    let c = clean_text(
        &format!("Border stays closed\n\n{BODY}"),
        Some("Border stays closed"),
        Rules::builtin(),
        MetaRules::builtin(),
    );
    assert_eq!(c.paragraphs, vec![BODY.to_string()]);
}

#[test]
fn user_rules_extend_builtin() {
    let mut rules = Rules::from_toml_str(BUILTIN).unwrap();
    rules
        .extend_from_toml("drop = ['brought to you by .*']")
        .unwrap();
    let c = clean_text(
        &format!("Headline here\n\n{BODY}\n\nBrought to you by Acme"),
        None,
        &rules,
        MetaRules::builtin(),
    );
    assert_eq!(c.paragraphs, vec![BODY.to_string()]);
    assert!(rules.extend_from_toml("drop = ['(']").is_err());
}

#[test]
fn blog_layout_breadcrumbs_dateline_and_share_block() {
    let text = "Home » Africa » Niger\nJunta suspends foreign broadcaster\nPosted on February 1, 2024 by Staff Writer\n\nNIAMEY — The ruling council suspended the broadcaster for three months.\nThe decision follows a report on the army, state television said.\n\nShare this:\nClick to share on Twitter (Opens in new window)\nFacebook\nLike this:\nLike Loading...\nRelated\nTags: Niger, media\n";
    let c = clean(text);
    assert_eq!(
        c.title.as_deref(),
        Some("Junta suspends foreign broadcaster")
    );
    assert_eq!(c.published, DateValue::ymd(2024, 2, 1));
    assert_eq!(
        c.paragraphs,
        vec![
            "NIAMEY — The ruling council suspended the broadcaster for three months.",
            "The decision follows a report on the army, state television said."
        ]
    );
}

#[test]
fn news_layout_navigation_byline_ads_and_cookie_notice() {
    let text = "Skip to content\nMenu\nWorld\nAfrica\nAirspace closed to foreign flights\nBy Wire Staff | March 12, 2024\n\nThe ministry closed its airspace on Tuesday.\n\nAdvertisement\n\nThe move came after a drone was shot down, the ministry said.\n\nRead more: Drone crashed during a routine flight\n\n© 2024 Wire. All rights reserved.\nWe use cookies to improve your experience. Accept\n";
    let c = clean(text);
    assert_eq!(
        c.title.as_deref(),
        Some("Airspace closed to foreign flights")
    );
    assert_eq!(c.section.as_deref(), Some("Africa"));
    assert_eq!(c.author.as_deref(), Some("Wire Staff"));
    assert_eq!(c.published, DateValue::ymd(2024, 3, 12));
    assert_eq!(
        c.paragraphs,
        vec![
            "The ministry closed its airspace on Tuesday.",
            "The move came after a drone was shot down, the ministry said."
        ]
    );
}

#[test]
fn question_headline_and_standfirst() {
    let text = "What next for the alliance?\n\nThree governments have left the bloc. What does it mean for trade?\n\nAnalysts say the split will last.\n\nYou may also like\nAnother story entirely\n";
    let c = clean(text);
    assert_eq!(c.title.as_deref(), Some("What next for the alliance?"));
    assert_eq!(c.paragraphs.len(), 2);
    assert!(c.paragraphs[1].starts_with("Analysts"));
}

#[test]
fn text_without_headline_keeps_its_first_paragraph() {
    let c = clean("The talks ended without agreement on Friday. Both sides blamed each other.\n");
    assert_eq!(c.title, None);
    assert_eq!(c.paragraphs.len(), 1);
}

#[test]
fn french_page_furniture() {
    let text = "Mali : la frontière reste fermée\nPar Awa Traoré | 12 mars 2024\n\nÀ lire aussi : un autre sujet\n\nLe ministère a confirmé la fermeture de la frontière mardi.\n\nPartager cet article\n\nLaisser un commentaire\n\nVotre adresse e-mail ne sera pas publiée.\n";
    let c = clean(text);
    assert_eq!(c.title.as_deref(), Some("Mali : la frontière reste fermée"));
    assert_eq!(c.published, DateValue::ymd(2024, 3, 12));
    assert_eq!(
        c.paragraphs,
        vec!["Le ministère a confirmé la fermeture de la frontière mardi."]
    );
}

proptest::proptest! {
    #[test]
    fn the_quick_path_collapses_as_the_general_one(
        line in "[ a\\t\\r\\x0b\\x0cé’—\u{85}\u{a0}\u{1680}\u{2003}\u{200a}\u{200b}\u{2028}\u{202f}\u{205f}\u{3000}]{0,24}"
    ) {
        proptest::prop_assert_eq!(collapse_spaces(&line), collapse_any(&line));
    }

    /// Long lines, read by the quick path a chunk at a time: runs of plain text with the odd
    /// whitespace, double space or non-ASCII character anywhere, chunk edges included.
    #[test]
    fn the_quick_path_collapses_long_lines_as_the_general_one(
        parts in proptest::collection::vec(
            proptest::prop_oneof![
                6 => "[a-z,.]{1,12}( [a-z,.]{1,12}){0,3}",
                1 => proptest::strategy::Just("  ".to_string()),
                1 => proptest::strategy::Just(" ".to_string()),
                1 => "[\\t\\r\\x0b\\x0cé’—\u{85}\u{a0}\u{1680}\u{2003}\u{200a}\u{2028}\u{202f}\u{3000}]",
            ],
            0..16,
        )
    ) {
        let line = parts.concat();
        proptest::prop_assert_eq!(collapse_spaces(&line), collapse_any(&line));
    }

    /// Cleaning collapses a line a second time only when debris was stripped from it.
    #[test]
    fn collapsing_twice_changes_nothing(
        line in "[ a\\t\\x0bé\u{a0}\u{2003}\u{3000}]{0,24}"
    ) {
        let once = collapse_spaces(&line);
        proptest::prop_assert_eq!(collapse_spaces(&once), once);
    }
}

#[test]
fn the_quick_path_knows_every_whitespace_character() {
    for c in (0..=0x10FFFFu32)
        .filter_map(char::from_u32)
        .filter(|c| c.is_whitespace())
    {
        for line in [
            format!("a{c}b"),
            format!("{c}ab"),
            format!("ab{c}"),
            format!("a {c}b"),
        ] {
            assert_eq!(
                collapse_spaces(&line),
                collapse_any(&line),
                "U+{:04X}",
                c as u32
            );
        }
    }
}

#[test]
fn a_bad_user_debris_pattern_is_named_in_the_error() {
    let user = "drop = [\"Subscribe now\", \"Share on (Facebook\", \"Read more\"]\n";
    let err = Rules::builtin_with(user)
        .err()
        .expect("an unclosed group is refused");
    assert!(
        err.starts_with("debris pattern 'Share on (Facebook': "),
        "{err}"
    );
    // Not a regex alone, though it would splice into a valid alternation.
    let spliced = Rules::builtin_with("drop = [\"a)|(b\"]\n").err();
    assert!(
        spliced
            .as_deref()
            .is_some_and(|e| e.starts_with("debris pattern 'a)|(b': ")),
        "{spliced:?}"
    );
    assert!(Rules::builtin_with("drop = [\"Subscribe now\"]\n").is_ok());
}

#[test]
fn german_page_furniture() {
    let text = "Grenze bleibt geschlossen\n\n- Anzeige -\n\nDas Ministerium bestätigte am Dienstag die Schließung der Grenze bis auf weiteres für alle Reisenden.\n\nBild: dpa / Archiv\n\nMöchten Sie den Artikel teilen?\n\nDie Gespräche sollen am Freitag weitergehen.\n\nDas könnte Sie auch interessieren:\n\nEin anderer Artikel über etwas anderes.\n";
    let c = clean(text);
    assert_eq!(c.title.as_deref(), Some("Grenze bleibt geschlossen"));
    assert_eq!(
        c.paragraphs,
        vec![
            "Das Ministerium bestätigte am Dienstag die Schließung der Grenze bis auf weiteres für alle Reisenden.",
            "Die Gespräche sollen am Freitag weitergehen."
        ]
    );
}
