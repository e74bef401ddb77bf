//! Relative expressions resolved against the publication date or the text's last date; each test
//! names the phrasing it covers. Calendar reference: 2025-03-05 is a Wednesday.

use super::tests::{Seen, find, one};

fn s(x: &str) -> String {
    x.to_string()
}

/// Published Wednesday 5 March 2025.
const PUB: Option<&str> = Some("2025-03-05");

fn rel(body: &str) -> (String, Option<String>) {
    let f = find(body, PUB);
    assert_eq!(f.len(), 1, "{body:?} gave {f:?}");
    assert!(f[0].3, "{body:?} should be relative");
    (f[0].0.clone(), f[0].1.clone())
}

fn range(body: &str) -> Seen {
    let f = find(body, PUB);
    assert_eq!(f.len(), 1, "{body:?} gave {f:?}");
    f[0].clone()
}

#[test]
fn deictic_days() {
    // "yesterday", "today", "tomorrow", "hier", "aujourd'hui", "avant-hier", "yesterday's"
    assert_eq!(
        rel("Gunmen attacked yesterday."),
        (s("yesterday"), Some(s("2025-03-04")))
    );
    assert_eq!(
        rel("Today, the army said"),
        (s("Today"), Some(s("2025-03-05")))
    );
    assert_eq!(
        rel("talks tomorrow"),
        (s("tomorrow"), Some(s("2025-03-06")))
    );
    assert_eq!(rel("l'attaque d'hier"), (s("hier"), Some(s("2025-03-04"))));
    assert_eq!(
        rel("aujourd’hui encore"),
        (s("aujourd’hui"), Some(s("2025-03-05")))
    );
    assert_eq!(
        rel("avant-hier soir"),
        (s("avant-hier soir"), Some(s("2025-03-03")))
    );
    assert_eq!(
        rel("yesterday's attack"),
        (s("yesterday"), Some(s("2025-03-04")))
    );
}

#[test]
fn weekdays_and_parts_of_day() {
    // "on Tuesday", "Sunday night", "last Tuesday", "next Tuesday", "on Wednesday" (the
    // publication day), "mardi dernier", "Monday last week", "will meet on Friday"
    assert_eq!(
        rel("On Tuesday, JNIM attacked"),
        (s("Tuesday"), Some(s("2025-03-04")))
    );
    assert_eq!(
        rel("clashes on Sunday night"),
        (s("Sunday night"), Some(s("2025-03-02")))
    );
    assert_eq!(
        rel("since last Wednesday"),
        (s("last Wednesday"), Some(s("2025-02-26")))
    );
    assert_eq!(
        rel("on Wednesday the army"),
        (s("Wednesday"), Some(s("2025-03-05")))
    );
    assert_eq!(
        rel("next Wednesday"),
        (s("next Wednesday"), Some(s("2025-03-12")))
    );
    assert_eq!(
        rel("mardi dernier"),
        (s("mardi dernier"), Some(s("2025-03-04")))
    );
    assert_eq!(
        rel("on Monday last week"),
        (s("Monday last week"), Some(s("2025-02-24")))
    );
    assert_eq!(
        rel("Ministers will meet on Friday."),
        (s("Friday"), Some(s("2025-03-07")))
    );
    assert_eq!(
        rel("Ministers met on Friday."),
        (s("Friday"), Some(s("2025-02-28")))
    );
}

#[test]
fn month_and_day_without_year() {
    // "On February 22," (past: this year), "On March 20," (after publication: last year),
    // "will meet on March 20" (future cue: this year), "early July" (last July)
    assert_eq!(
        rel("On February 22, rebels"),
        (s("February 22"), Some(s("2025-02-22")))
    );
    assert_eq!(
        rel("On March 20, rebels"),
        (s("March 20"), Some(s("2024-03-20")))
    );
    assert_eq!(
        rel("Leaders will meet on March 20."),
        (s("March 20"), Some(s("2025-03-20")))
    );
    assert_eq!(
        rel("in early July, the"),
        (s("early July"), Some(s("2024-07")))
    );
    assert_eq!(rel("end of March"), (s("end of March"), Some(s("2025-03"))));
    assert_eq!(
        rel("in March last year"),
        (s("March last year"), Some(s("2024-03")))
    );
    assert_eq!(rel("mi-juin"), (s("mi-juin"), Some(s("2024-06"))));
    assert_eq!(
        rel("début juillet"),
        (s("début juillet"), Some(s("2024-07")))
    );
}

#[test]
fn months_and_periods_relative_to_publication() {
    // "last July", "juillet dernier", "this month", "last month", "last year", "earlier this
    // year", "next year", "l'an dernier", "l'année prochaine", "last summer"
    assert_eq!(rel("last July"), (s("last July"), Some(s("2024-07"))));
    assert_eq!(rel("last March"), (s("last March"), Some(s("2024-03"))));
    assert_eq!(
        rel("juillet dernier"),
        (s("juillet dernier"), Some(s("2024-07")))
    );
    assert_eq!(rel("this month"), (s("this month"), Some(s("2025-03"))));
    assert_eq!(rel("last month"), (s("last month"), Some(s("2025-02"))));
    assert_eq!(rel("last year's coup"), (s("last year"), Some(s("2024"))));
    assert_eq!(
        rel("earlier this year"),
        (s("earlier this year"), Some(s("2025")))
    );
    assert_eq!(rel("next year"), (s("next year"), Some(s("2026"))));
    assert_eq!(rel("l'an dernier"), (s("an dernier"), Some(s("2024"))));
    assert_eq!(
        rel("l'année prochaine"),
        (s("année prochaine"), Some(s("2026")))
    );
    assert_eq!(rel("last summer"), (s("last summer"), Some(s("2024"))));
}

#[test]
fn weeks_are_monday_to_sunday_ranges() {
    // "last week", "this week", "la semaine dernière", "last weekend"
    let w = |a: &str, v: &str, u: &str| (s(a), Some(s(v)), Some(s(u)), true);
    assert_eq!(
        range("last week"),
        w("last week", "2025-02-24", "2025-03-02")
    );
    assert_eq!(
        range("this week"),
        w("this week", "2025-03-03", "2025-03-09")
    );
    assert_eq!(
        range("la semaine dernière"),
        w("semaine dernière", "2025-02-24", "2025-03-02")
    );
    assert_eq!(
        range("last weekend"),
        w("last weekend", "2025-03-01", "2025-03-02")
    );
}

#[test]
fn counts_ago() {
    // "two days ago", "a week ago", "3 years ago", "il y a deux jours"
    assert_eq!(
        rel("two days ago"),
        (s("two days ago"), Some(s("2025-03-03")))
    );
    assert_eq!(range("a week ago").1, Some(s("2025-02-24")));
    assert_eq!(rel("3 years ago"), (s("3 years ago"), Some(s("2022"))));
    assert_eq!(
        rel("il y a deux jours"),
        (s("il y a deux jours"), Some(s("2025-03-03")))
    );
    assert_eq!(
        rel("two months ago"),
        (s("two months ago"), Some(s("2025-01")))
    );
}

#[test]
fn last_night_and_this_morning() {
    // "last night", "this morning", "tonight"
    assert_eq!(rel("last night"), (s("last night"), Some(s("2025-03-04"))));
    assert_eq!(
        rel("this morning"),
        (s("this morning"), Some(s("2025-03-05")))
    );
    assert_eq!(rel("tonight"), (s("tonight"), Some(s("2025-03-05"))));
}

#[test]
fn anaphora_count_from_the_last_date_of_the_text() {
    // "the same day", "the following day", "the next day", "la veille", "le lendemain"
    let f = find(
        "On 12 March 2020, JNIM attacked Boni. The same day, a convoy was hit. The following day, troops arrived. La veille, rien.",
        PUB,
    );
    let got: Vec<(&str, Option<&str>)> = f.iter().map(|d| (d.0.as_str(), d.1.as_deref())).collect();
    assert_eq!(
        got,
        [
            ("12 March 2020", Some("2020-03-12")),
            ("The same day", Some("2020-03-12")),
            ("The following day", Some("2020-03-13")),
            ("veille", Some("2020-03-12")),
        ]
    );
    assert_eq!(
        one("the next day", PUB).1,
        None,
        "nothing before to count from"
    );
    assert_eq!(
        find("le 3 mai 2024, puis le lendemain", None)[1].1,
        Some(s("2024-05-04"))
    );
}

#[test]
fn without_publication_date() {
    // "yesterday", "on Tuesday", "in July" with no date to count from: relative, no value;
    // "On 14 March" after "12 March 2020" in an undated report takes 2020 (narrative order)
    for body in [
        "yesterday",
        "on Tuesday",
        "in July",
        "last week",
        "two days ago",
        "last year",
    ] {
        let f = find(body, None);
        assert_eq!(f.len(), 1, "{body:?} gave {f:?}");
        assert_eq!((f[0].1.clone(), f[0].3), (None, true), "{body:?}");
    }
    let f = find(
        "On 12 March 2020, JNIM attacked. On 14 March, FAMa retook Boni.",
        None,
    );
    assert_eq!(f[1], (s("14 March"), Some(s("2020-03-14")), None, true));
}

#[test]
fn publication_known_only_to_the_month() {
    // "in July" against a month-precision date works; "yesterday" needs the day
    assert_eq!(find("in July", Some("2025-03"))[0].1, Some(s("2024-07")));
    assert_eq!(find("yesterday", Some("2025-03"))[0].1, None);
}

#[test]
fn lone_words_are_not_dates() {
    // "the last day", "this day", "May God", "a week" (no "ago"), "next to", "the past"
    for body in [
        "on the last day",
        "a week of talks",
        "next to the border",
        "in the past",
        "the end of the war",
    ] {
        assert!(
            find(body, PUB).is_empty(),
            "{body:?} gave {:?}",
            find(body, PUB)
        );
    }
}

#[test]
fn part_of_period_before_relative_periods() {
    // "by the end of the year", "late last year", "early next month", "fin de l'année"
    assert_eq!(
        rel("by the end of the year"),
        (s("end of the year"), Some(s("2025")))
    );
    assert_eq!(
        rel("in late last year"),
        (s("late last year"), Some(s("2024")))
    );
    assert_eq!(
        rel("early next month"),
        (s("early next month"), Some(s("2025-04")))
    );
    assert_eq!(
        rel("d'ici la fin de l'année"),
        (s("fin de l'année"), Some(s("2025")))
    );
}

#[test]
fn day_names_in_titles_are_names() {
    // "the Sunday Times" is a newspaper; "On Sunday Malian troops" is a day
    assert!(find("told the Sunday Times that", PUB).is_empty());
    assert_eq!(
        rel("On Sunday Malian troops"),
        (s("Sunday"), Some(s("2025-03-02")))
    );
}

#[test]
fn that_year_is_anaphoric() {
    // "that year", "cette année-là", "that day" count from the text's last date
    let f = find(
        "In 2019, Wagner arrived. That year, attacks rose. Cette année-là, rien.",
        PUB,
    );
    let got: Vec<Option<&str>> = f.iter().map(|d| d.1.as_deref()).collect();
    assert_eq!(got, [Some("2019"), Some("2019"), Some("2019")], "{f:?}");
    assert_eq!(f[2].0, "Cette année-là");
}

#[test]
fn day_name_picks_the_year() {
    // "Mardi 1er avril" (published March 2025): 1 April 2025 is a Tuesday, 1 April 2024 is not
    assert_eq!(
        rel("Mardi 1er avril, Bamako a réagi."),
        (s("Mardi 1er avril"), Some(s("2025-04-01")))
    );
    // Without a day name the past policy gives the year before.
    assert_eq!(
        rel("Le 1er avril, Bamako a réagi."),
        (s("1er avril"), Some(s("2024-04-01")))
    );
}
