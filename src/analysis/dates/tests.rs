//! Calendar dates, years, ranges, spans and the public helpers. Relative expressions are in
//! `tests_relative.rs`. Each test names the phrasing it covers.

use super::*;
use crate::corpus::article_from_text;

/// One mention as text: the covered surface, value, end of range, relative flag.
pub(super) type Seen = (String, Option<String>, Option<String>, bool);

pub(super) fn find(body: &str, published: Option<&str>) -> Vec<Seen> {
    let vocab = DateVocab::builtin().expect("built-in vocabulary parses");
    let published = published.map(|p| DateValue::parse_iso(p).expect("test date"));
    let article = article_from_text("t", "T", body, published);
    let found = find_dates(&article, &vocab);
    found
        .iter()
        .map(|d| {
            (
                d.span.slice(&article.body).to_string(),
                d.value.map(|v| v.to_string()),
                d.until.map(|v| v.to_string()),
                d.relative,
            )
        })
        .collect()
}

/// The single mention in `body`: surface and value.
pub(super) fn one(body: &str, published: Option<&str>) -> (String, Option<String>) {
    let found = find(body, published);
    assert_eq!(found.len(), 1, "{body:?} gave {found:?}");
    (found[0].0.clone(), found[0].1.clone())
}

fn s(x: &str) -> String {
    x.to_string()
}

fn val(body: &str) -> Option<String> {
    one(body, None).1
}

#[test]
fn day_month_year_forms() {
    // "12 March 2024", "March 12, 2024", "12th of March 2024", "Mar. 12, 2024"
    assert_eq!(
        one("On 12 March 2024, JNIM attacked.", None),
        (s("12 March 2024"), Some(s("2024-03-12")))
    );
    assert_eq!(
        one("It began March 12, 2024 in Gao.", None),
        (s("March 12, 2024"), Some(s("2024-03-12")))
    );
    assert_eq!(
        one("On the 12th of March 2024 they left.", None),
        (s("12th of March 2024"), Some(s("2024-03-12")))
    );
    assert_eq!(
        one("Dated Mar. 12, 2024, the note", None),
        (s("Mar. 12, 2024"), Some(s("2024-03-12")))
    );
    assert_eq!(val("Sept. 3, 2023"), Some(s("2023-09-03")));
    assert_eq!(val("on 1 May 2021"), Some(s("2021-05-01")));
}

#[test]
fn month_year_and_tuesday_prefix() {
    // "November 2022"; "Tuesday, 12 March 2024" keeps the day name in the span
    assert_eq!(
        one("withdrew in November 2022.", None),
        (s("November 2022"), Some(s("2022-11")))
    );
    assert_eq!(val("the summit of May 2024"), Some(s("2024-05")));
    assert_eq!(
        one("On Tuesday, 12 March 2024, gunmen struck.", None),
        (s("Tuesday, 12 March 2024"), Some(s("2024-03-12")))
    );
}

#[test]
fn nonexistent_days_keep_the_month() {
    // "31 February 2024" (a typo): the span stays whole, the value falls back to the month
    assert_eq!(
        one("On 31 February 2024 nothing happened.", None),
        (s("31 February 2024"), Some(s("2024-02")))
    );
    assert_eq!(val("29 February 2024"), Some(s("2024-02-29")));
}

#[test]
fn numeric_dates_only_when_unambiguous() {
    // "2024-03-12", "12/03/2024" (ambiguous: skipped), "13/03/2024", "03/13/2024", "05/05/2024"
    assert_eq!(
        one("Report 2024-03-12 from Gao", None),
        (s("2024-03-12"), Some(s("2024-03-12")))
    );
    assert_eq!(val("Posted 2024/03/12"), Some(s("2024-03-12")));
    assert!(find("on 12/03/2024 near Boni", None).is_empty());
    assert_eq!(val("on 13/03/2024 near Boni"), Some(s("2024-03-13")));
    assert_eq!(val("on 03/13/2024 near Boni"), Some(s("2024-03-13")));
    assert_eq!(val("on 13.03.2024 near Boni"), Some(s("2024-03-13")));
    assert_eq!(val("on 05/05/2024 near Boni"), Some(s("2024-05-05")));
    assert!(find("a ratio of 1/2/2024", None).is_empty());
}

#[test]
fn bare_years_need_a_date_context() {
    // "in 2005", "since 2012", "the 2012 coup", "as of 2024", "by 2030"
    assert_eq!(
        one("established in 2005, as a platform", None),
        (s("2005"), Some(s("2005")))
    );
    assert_eq!(
        val("Since 2012, the north has been contested."),
        Some(s("2012"))
    );
    assert_eq!(val("after the 2012 coup"), Some(s("2012")));
    assert_eq!(val("Mali’s 2023 constitution"), Some(s("2023")));
    assert_eq!(val("as of 2024 the mission"), Some(s("2024")));
    assert_eq!(val("withdrawn by 2030"), Some(s("2030")));
    assert_eq!(val("en 2013, la France"), Some(s("2013")));
}

#[test]
fn numbers_that_are_not_years() {
    // "2005 soldiers", "$2005", "page 2005", "2,005", "45%", "2005km", "killed 2005 people"
    for body in [
        "Mali sent 2005 soldiers north.",
        "It cost $2005 in all.",
        "see page 2005 of the report",
        "since 2,005 troops arrived",
        "a rise of 2005% since",
        "a 2005km border",
        "the 2005 soldiers deployed there",
        "In 1999.5 units",
        "see pp. 2001-2005",
        "from 2000 to 3000 people",
        "between 1900 and 2500 fighters",
    ] {
        assert!(
            find(body, None).is_empty(),
            "{body:?} gave {:?}",
            find(body, None)
        );
    }
    // Out of the bare-year range: 1850 alone is not read, next to a month it is.
    assert!(find("in 1850 the town", None).is_empty());
    assert_eq!(val("in March 1850"), Some(s("1850-03")));
}

#[test]
fn part_of_period_words_keep_the_precision() {
    // "mid-2023", "early July", "late 2024", "end of March", "the beginning of 2024"
    assert_eq!(
        one("Since mid-2023, drones", None),
        (s("mid-2023"), Some(s("2023")))
    );
    assert_eq!(
        one("In late 2024 the junta", None),
        (s("late 2024"), Some(s("2024")))
    );
    assert_eq!(
        one("at the end of March 2024", None),
        (s("end of March 2024"), Some(s("2024-03")))
    );
    assert_eq!(val("at the beginning of 2024"), Some(s("2024")));
    assert_eq!(val("early July 2024"), Some(s("2024-07")));
    assert_eq!(val("the summer of 2023"), Some(s("2023")));
    // "end" without "of" is no modifier.
    assert!(
        find("to end 2024 sales", None)
            .iter()
            .all(|d| d.0 == "2024")
    );
}

#[test]
fn french_months_and_forms() {
    // "12 mars 2024", "1er juillet 2023", "février 2025", "début juillet 2024", "mi-juin 2024",
    // "fin 2024", "le 3 juillet" (no year: resolved against publication)
    assert_eq!(
        one("Le 12 mars 2024, l'armée", None),
        (s("12 mars 2024"), Some(s("2024-03-12")))
    );
    assert_eq!(val("le 1er juillet 2023"), Some(s("2023-07-01")));
    assert_eq!(val("en février 2025"), Some(s("2025-02")));
    assert_eq!(val("Fevrier 2025"), Some(s("2025-02")));
    assert_eq!(
        one("début juillet 2024", None),
        (s("début juillet 2024"), Some(s("2024-07")))
    );
    assert_eq!(
        one("dès la mi-juin 2024", None),
        (s("mi-juin 2024"), Some(s("2024-06")))
    );
    assert_eq!(val("d'ici fin 2024"), Some(s("2024")));
    assert_eq!(
        one("le 3 juillet", Some("2024-09-01")),
        (s("3 juillet"), Some(s("2024-07-03")))
    );
    assert_eq!(val("l'été 2024"), Some(s("2024")));
}

#[test]
fn english_months_need_a_capital_and_ambiguous_ones_a_context() {
    // "may", "march" (lower case), "May" alone, "in May", "April Smith"
    assert!(find("the army may march north", None).is_empty());
    assert!(find("May God protect them", Some("2024-06-01")).is_empty());
    assert_eq!(
        val_pub("elections in May were postponed", "2024-06-01"),
        Some(s("2024-05"))
    );
    assert!(find("said April Smith, an analyst", Some("2024-06-01")).is_empty());
    assert_eq!(
        val_pub("In July Malian troops left", "2024-09-01"),
        Some(s("2024-07"))
    );
    assert_eq!(
        val_pub("The talks resumed in November.", "2024-12-01"),
        Some(s("2024-11"))
    );
}

fn val_pub(body: &str, published: &str) -> Option<String> {
    one(body, Some(published)).1
}

#[test]
fn ranges_have_a_start_and_an_end() {
    // "between 2012 and 2015", "3-5 July 2024", "from March to May 2024", "2012–2015",
    // "12 March to 3 April 2024", "July 3-5, 2024", "du 3 au 5 juillet 2024", "December to
    // January 2024", "2012-15"
    let r = |body: &str| {
        let f = find(body, None);
        assert_eq!(f.len(), 1, "{body:?} gave {f:?}");
        (f[0].0.clone(), f[0].1.clone(), f[0].2.clone())
    };
    let t = |a: &str, b: &str, c: &str| (s(a), Some(s(b)), Some(s(c)));
    assert_eq!(
        r("between 2012 and 2015, the"),
        t("between 2012 and 2015", "2012", "2015")
    );
    assert_eq!(
        r("on 3-5 July 2024 in Kidal"),
        t("3-5 July 2024", "2024-07-03", "2024-07-05")
    );
    assert_eq!(
        r("from March to May 2024"),
        t("from March to May 2024", "2024-03", "2024-05")
    );
    assert_eq!(r("over 2012–2015 the"), t("2012–2015", "2012", "2015"));
    assert_eq!(
        r("12 March to 3 April 2024"),
        t("12 March to 3 April 2024", "2024-03-12", "2024-04-03")
    );
    assert_eq!(
        r("on July 3-5, 2024 there"),
        t("July 3-5, 2024", "2024-07-03", "2024-07-05")
    );
    assert_eq!(
        r("du 3 au 5 juillet 2024"),
        t("du 3 au 5 juillet 2024", "2024-07-03", "2024-07-05")
    );
    assert_eq!(
        r("from December to January 2024"),
        t("from December to January 2024", "2023-12", "2024-01")
    );
    assert_eq!(r("the 2012-15 crisis"), t("2012-15", "2012", "2015"));
    assert_eq!(
        r("entre 2012 et 2015"),
        t("entre 2012 et 2015", "2012", "2015")
    );
}

#[test]
fn two_dates_joined_by_and_are_two_mentions() {
    // "in 2012 and 2015"; a backwards "2015-2012" is no range
    let f = find("in 2012 and 2015, and 2019 soldiers", None);
    let years: Vec<Option<String>> = f.iter().map(|d| d.1.clone()).collect();
    assert_eq!(years, [Some(s("2012")), Some(s("2015"))]);
    let f = find("in March and in May 2024", None);
    assert_eq!(f.len(), 2, "{f:?}");
    let f = find("in 2015-2012", None);
    assert_eq!(f.first().map(|d| d.2.clone()), Some(None), "{f:?}");
}

#[test]
fn a_range_end_without_a_year_takes_the_year_of_its_start() {
    // Not the year of the decade read before it: the range would end before it starts.
    let f = find("In the 1990s, then 2024-March, troops moved.", None);
    assert_eq!(
        f.last(),
        Some(&(s("2024-March"), Some(s("2024")), Some(s("2024-03")), false))
    );
    // An end that would come before its start is in the next year.
    let f = find(
        "From November 2023 to February, the talks stalled.",
        Some("2020-01-01"),
    );
    assert_eq!(
        f.last().map(|d| (d.1.clone(), d.2.clone())),
        Some((Some(s("2023-11")), Some(s("2024-02"))))
    );
}

#[test]
fn decades_are_year_ranges() {
    // "the 1990s", "the early 2000s", "the 1990's"
    let f = find("since the 1990s, Algeria", None);
    assert_eq!(
        f,
        vec![(s("1990s"), Some(s("1990")), Some(s("1999")), false)]
    );
    assert_eq!(find("in the early 2000s", None)[0].0, "early 2000s");
    assert_eq!(find("the 1990's", None)[0].2, Some(s("1999")));
}

#[test]
fn spans_are_byte_offsets_sorted_and_disjoint() {
    let vocab = DateVocab::builtin().expect("vocabulary");
    let body =
        "Après le 12 février 2025 — et depuis mi-2023 — l’armée… En 2005, puis le 3 juillet.";
    let a = article_from_text("t", "T", body, DateValue::parse_iso("2025-03-01"));
    let dates = find_dates(&a, &vocab);
    let surfaces: Vec<&str> = dates.iter().map(|d| d.span.slice(&a.body)).collect();
    assert_eq!(
        surfaces,
        ["12 février 2025", "mi-2023", "2005", "3 juillet"]
    );
    assert!(
        dates
            .windows(2)
            .all(|w| w[0].span.end() <= w[1].span.start())
    );
}

#[test]
fn no_input_panics() {
    let vocab = DateVocab::builtin().expect("vocabulary");
    for body in [
        "",
        "2024-",
        "12/",
        "March",
        "between",
        "3-",
        "Tuesday,",
        "il y a",
        "l'",
        "’s",
        "99999999999999 March",
        "1er",
        "the 1990s-",
        "mi-",
        "from 12 to",
        "\u{301}2024",
        "é’",
        "2024\u{2013}",
    ] {
        let a = article_from_text("t", "T", body, DateValue::parse_iso("2024-01-01"));
        let _ = find_dates(&a, &vocab);
    }
}

#[test]
fn latest_date_skips_dates_after_today() {
    // An undated article saying "in 2019 ... by 2095" is not from 2095.
    let vocab = DateVocab::builtin().expect("vocabulary");
    let a = article_from_text(
        "t",
        "T",
        "In 2019 and again in March 2021; a plan runs until 2095.",
        None,
    );
    let dates = find_dates(&a, &vocab);
    assert_eq!(latest_date(&dates), DateValue::parse_iso("2021-03"));
    let b = article_from_text("t", "T", "between 2012 and 2015", None);
    assert_eq!(
        latest_date(&find_dates(&b, &vocab)),
        DateValue::parse_iso("2015")
    );
}

#[test]
fn dates_in_a_sentence() {
    let vocab = DateVocab::builtin().expect("vocabulary");
    let a = article_from_text(
        "t",
        "T",
        "In 2012 rebels rose. On 3 May 2013 talks began in 2014 too. Since 2020 calm.",
        None,
    );
    let dates = find_dates(&a, &vocab);
    let second = a.sentences[1];
    let inside: Vec<&str> = dates_in(second, &dates)
        .map(|d| d.span.slice(&a.body))
        .collect();
    assert_eq!(inside, ["3 May 2013", "2014"]);
}

#[test]
fn covering_value_of_ranges() {
    let vocab = DateVocab::builtin().expect("vocabulary");
    let a = article_from_text("t", "T", "on 3-5 July 2024 and between 2012 and 2015", None);
    let dates = find_dates(&a, &vocab);
    assert_eq!(covering_value(&dates[0]), DateValue::parse_iso("2024-07"));
    assert_eq!(covering_value(&dates[1]), None);
}

#[test]
fn user_vocabulary_errors_name_the_cause() {
    let err = DateVocab::from_toml_str("months = 3").expect_err("invalid");
    assert!(format!("{err:#}").contains("months"), "{err:#}");
    let bad = super::vocab::BUILTIN.replace(r#"names = ["janvier""#, r#"names = ["janvier", "x""#);
    let err = DateVocab::from_toml_str(&bad).expect_err("13 months");
    assert!(format!("{err:#}").contains("12 months"), "{err:#}");
}

#[test]
fn coordinated_dates_share_the_year_or_month() {
    // "May and June 2015", "the 1st and 2nd of March 2024", "le 3 et le 4 juillet 2024"
    let f = find("signed in May and June 2015 in Algiers", None);
    let got: Vec<(&str, Option<&str>)> = f.iter().map(|d| (d.0.as_str(), d.1.as_deref())).collect();
    assert_eq!(
        got,
        [("May", Some("2015-05")), ("June 2015", Some("2015-06"))]
    );
    let f = find("on the 1st and 2nd of March 2024", None);
    assert_eq!(f[0].1, Some(s("2024-03-01")), "{f:?}");
    let f = find("le 3 et le 4 juillet 2024", None);
    assert_eq!(f[0].1, Some(s("2024-07-03")), "{f:?}");
    assert!(!f[0].3, "completed from an absolute date");
}

#[test]
fn french_range_with_articles() {
    // "entre le 25 et le 27 juillet 2024"
    let f = find("entre le 25 et le 27 juillet 2024", None);
    assert_eq!(
        f,
        vec![(
            s("entre le 25 et le 27 juillet 2024"),
            Some(s("2024-07-25")),
            Some(s("2024-07-27")),
            false
        )]
    );
}

#[test]
fn timestamps_and_indefinite_article_years() {
    // "2024-03-12T10:00:00Z" (the date only), "a 2022 UN report", not "a 2000-strong force"
    assert_eq!(
        one("at 2024-03-12T10:00:00Z", None),
        (s("2024-03-12"), Some(s("2024-03-12")))
    );
    assert_eq!(val("a 2022 UN report"), Some(s("2022")));
    assert!(find("a 2000-strong force", None).is_empty());
}

#[test]
fn user_vocabulary_file_errors_name_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing.toml");
    let err = DateVocab::from_file(&missing).expect_err("missing file");
    assert!(format!("{err:#}").contains("missing.toml"), "{err:#}");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "months = []\n").expect("write");
    let err = DateVocab::from_file(&bad).expect_err("incomplete file");
    assert!(format!("{err:#}").contains("bad.toml"), "{err:#}");
    let good = dir.path().join("good.toml");
    let custom = super::vocab::BUILTIN.replace(
        r#"yesterday = -1"#,
        r#"yesterday = -1
ystrdy = -1"#,
    );
    std::fs::write(&good, custom).expect("write");
    let vocab = DateVocab::from_file(&good).expect("valid file");
    let a = article_from_text("t", "T", "ystrdy", DateValue::parse_iso("2025-03-05"));
    assert_eq!(
        find_dates(&a, &vocab)[0].value,
        DateValue::parse_iso("2025-03-04")
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "12",
        "3",
        "1er",
        "2024",
        "1990s",
        "2012",
        "15",
        "31",
        "March",
        "mars",
        "May",
        "Mar",
        ".",
        ",",
        "-",
        "–",
        "/",
        "between",
        "and",
        "from",
        "to",
        "du",
        "au",
        "entre",
        "et",
        "the",
        "l’",
        "last",
        "next",
        "this",
        "week",
        "year",
        "ago",
        "two",
        "il",
        "y",
        "a",
        "Tuesday",
        "mardi",
        "dernier",
        "early",
        "mid",
        "end",
        "of",
        "yesterday",
        "hier",
        "same",
        "day",
        "in",
        "since",
        "soldiers",
        "$",
        "page",
        "\n",
        "é",
        "’s",
        "T",
        "summer",
        "là",
        "that",
    ];

    fn body() -> impl Strategy<Value = String> {
        prop::collection::vec((0..PIECES.len(), prop::bool::ANY), 0..40).prop_map(|v| {
            let mut s = String::new();
            for (i, space) in v {
                s.push_str(PIECES[i]);
                if space {
                    s.push(' ');
                }
            }
            s
        })
    }

    proptest! {
        #[test]
        fn spans_are_sorted_disjoint_and_on_char_boundaries(b in body(), dated in prop::bool::ANY) {
            let vocab = DateVocab::builtin().expect("vocabulary");
            let published = dated.then(|| DateValue::ymd(2025, 3, 5)).flatten();
            let a = article_from_text("t", "T", &b, published);
            let dates = find_dates(&a, &vocab);
            for d in &dates {
                prop_assert!(d.span.start() < d.span.end() && d.span.end() <= a.body.len());
                prop_assert!(a.body.is_char_boundary(d.span.start()) && a.body.is_char_boundary(d.span.end()));
                if let (Some(v), Some(u)) = (d.value, d.until) {
                    prop_assert!(v.first_day() <= u.last_day(), "{:?} in {:?}", d, a.body);
                }
            }
            prop_assert!(dates.windows(2).all(|w| w[0].span.end() <= w[1].span.start()));
        }
    }
}

#[test]
fn incident_report_phrasings() {
    // "On the night of 11-12 March 2020", "Between 10-12 March 2020", "12-Mar-2020"
    let r = |body: &str| find(body, None).into_iter().next().expect("a date");
    assert_eq!(
        r("On the night of 11-12 March 2020, an IED struck."),
        (
            s("11-12 March 2020"),
            Some(s("2020-03-11")),
            Some(s("2020-03-12")),
            false
        )
    );
    assert_eq!(
        r("Between 10-12 March 2020, clashes."),
        (
            s("Between 10-12 March 2020"),
            Some(s("2020-03-10")),
            Some(s("2020-03-12")),
            false
        )
    );
    assert_eq!(
        one("On 12-Mar-2020 there", None),
        (s("12-Mar-2020"), Some(s("2020-03-12")))
    );
}
