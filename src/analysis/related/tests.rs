use super::{RelatedConfig, RelatedIndex, build_related, build_related_with, related_for};
use crate::analysis::model::{EntityKind, EventKind, Related, Status};
use crate::analysis::timeline::testkit::{Doc, at, corpus, event};

use EntityKind::{Country, Equipment, Place};

/// A corpus where "Mali" is everywhere and "Pantsir S-1" in two passages.
fn sahel() -> Vec<Doc> {
    let mut docs = vec![
        Doc::new(
            "q",
            "Mali deployed a Pantsir S-1 battery near Kidal.\n\nThe Pantsir S-1 was later moved.",
        )
        .entity("Mali", Country, "Mali")
        .entity("Pantsir S-1", Equipment, "Pantsir S-1")
        .entity("Kidal", Place, "Kidal"),
        Doc::new("rare", "Officials described the Pantsir S-1 on Tuesday.").entity(
            "Pantsir S-1",
            Equipment,
            "Pantsir S-1",
        ),
        Doc::new("common", "Officials described the Mali on Tuesday.")
            .entity("Mali", Country, "Mali"),
        Doc::new("words", "Officials deployed a battery near the border.").event(event(
            EventKind::Deployment,
            Status::Reported,
            None,
            &[],
            &[],
        )),
        Doc::new("nothing", "A battery deployed near somewhere."),
    ];
    for i in 0..6 {
        docs.push(
            Doc::new(
                &format!("filler{i}"),
                "Mali held a routine meeting in the capital.",
            )
            .entity("Mali", Country, "Mali"),
        );
    }
    docs
}

fn ids(list: &[Related]) -> Vec<usize> {
    list.iter().map(|r| r.article).collect()
}

fn build(docs: Vec<Doc>) -> Vec<Vec<Vec<Related>>> {
    let (articles, analyses) = corpus(docs);
    build_related(&articles, &analyses)
}

#[test]
fn a_rare_shared_entity_ranks_above_a_common_one() {
    let related = build(sahel());
    let first = &related[0][0];
    let rare = ids(first)
        .iter()
        .position(|&a| a == 1)
        .expect("rare passage listed");
    let common = ids(first)
        .iter()
        .position(|&a| a == 2)
        .expect("common passage listed");
    assert!(rare < common, "{first:?}");
    assert_eq!(first[rare].shared_entities, ["Pantsir S-1"]);
    assert!(first[rare].score > first[common].score);
}

#[test]
fn entity_weight_alone_follows_the_rarity_of_the_entity() {
    let (articles, analyses) = corpus(sahel());
    let mut config = RelatedConfig::builtin().expect("config");
    config.score.text = 0.0;
    config.score.kinds = 0.0;
    let related = build_related_with(&articles, &analyses, &config);
    let first = &related[0][0];
    assert_eq!(ids(first)[0], 1, "{first:?}");
    let common: Vec<&Related> = first.iter().filter(|r| r.article != 1).collect();
    assert!(common.iter().all(|r| r.score < first[0].score));
}

#[test]
fn passages_of_the_same_article_are_never_related() {
    let related = build(sahel());
    for (a, per_passage) in related.iter().enumerate() {
        for list in per_passage {
            assert!(list.iter().all(|r| r.article != a));
        }
    }
    assert!(
        ids(&related[0][1]).contains(&1),
        "the second paragraph shares the Pantsir S-1"
    );
}

#[test]
fn reasons_list_the_shared_entities_most_specific_first_and_the_shared_kinds() {
    let deploy = || event(EventKind::Deployment, Status::Reported, None, &[], &[]);
    let docs = vec![
        Doc::new("a", "Mali moved a Pantsir S-1 to Kidal.")
            .entity("Mali", Country, "Mali")
            .entity("Pantsir S-1", Equipment, "Pantsir S-1")
            .event(deploy()),
        Doc::new("b", "Mali sent a Pantsir S-1 north.")
            .entity("Mali", Country, "Mali")
            .entity("Pantsir S-1", Equipment, "Pantsir S-1")
            .event(deploy()),
        Doc::new("c", "Mali again.").entity("Mali", Country, "Mali"),
        Doc::new("d", "Mali once more.").entity("Mali", Country, "Mali"),
        Doc::new("e", "Troops moved.").event(deploy()),
    ];
    let related = build(docs);
    let best = &related[0][0][0];
    assert_eq!(best.article, 1);
    assert_eq!(best.passage, 0);
    assert_eq!(best.shared_entities, ["Pantsir S-1", "Mali"]);
    assert_eq!(best.shared_kinds, [EventKind::Deployment]);
    let by_kind = related[0][0]
        .iter()
        .find(|r| r.article == 4)
        .expect("kind only");
    assert!(by_kind.shared_entities.is_empty());
    assert_eq!(by_kind.shared_kinds, [EventKind::Deployment]);
}

#[test]
fn shared_entities_as_rare_as_each_other_are_listed_by_name() {
    // "Tessalit" is met first (a lower entity id) but sorts after "Kidal".
    let docs = vec![
        Doc::new("a", "Tessalit and Kidal.")
            .entity("Tessalit", Place, "Tessalit")
            .entity("Kidal", Place, "Kidal"),
        Doc::new("b", "Kidal and Tessalit again.")
            .entity("Kidal", Place, "Kidal")
            .entity("Tessalit", Place, "Tessalit"),
    ];
    let related = build(docs);
    assert_eq!(related[0][0][0].shared_entities, ["Kidal", "Tessalit"]);
    assert_eq!(related[1][0][0].shared_entities, ["Kidal", "Tessalit"]);
}

#[test]
fn shared_words_alone_do_not_make_a_passage_related() {
    let related = build(sahel());
    assert!(!ids(&related[0][0]).contains(&4), "{:?}", related[0][0]);
    assert!(
        related[4][0].is_empty(),
        "a passage with no entity and no event"
    );
}

#[test]
fn entities_and_kinds_belong_to_the_paragraph_that_holds_them() {
    let clash = event(EventKind::ArmedClash, Status::Reported, None, &[], &[]);
    let docs = vec![
        Doc::new("a", "Nothing here.\n\nFighting near Boni.")
            .entity("Boni", Place, "Boni")
            .event(at(clash.clone(), 1, 1)),
        Doc::new("b", "Fighting near Boni again.")
            .entity("Boni", Place, "Boni")
            .event(clash),
    ];
    let related = build(docs);
    assert!(related[0][0].is_empty());
    assert_eq!(ids(&related[0][1]), [1]);
    assert_eq!(related[1][0][0].passage, 1);
    assert_eq!(related[1][0][0].shared_kinds, [EventKind::ArmedClash]);
}

#[test]
fn at_most_ten_are_kept_best_first() {
    let docs: Vec<Doc> = (0..15)
        .map(|i| {
            let body = format!("Gao checkpoint report number {}.", "x".repeat(i + 2));
            Doc::new(&format!("d{i}"), &body).entity("Gao", Place, "Gao")
        })
        .collect();
    let related = build(docs);
    for list in related.iter().flatten() {
        assert_eq!(list.len(), 10);
        assert!(list.windows(2).all(|w| w[0].score >= w[1].score));
        assert!(list.iter().all(|r| r.score > 0.0));
    }
}

#[test]
fn very_common_entities_still_bring_nearby_passages_and_still_count() {
    let (articles, analyses) = corpus(sahel());
    let mut config = RelatedConfig::builtin().expect("config");
    config.limits.posting_cap = 3;
    config.limits.nearby = 2;
    let related = build_related_with(&articles, &analyses, &config);
    // "Mali" is in 8 passages: article "common" only shares it and is among the nearest.
    assert!(ids(&related[0][0]).contains(&2), "{:?}", related[0][0]);
    // A filler only shares "Mali": it still finds its two nearest neighbours.
    assert_eq!(related[7][0].len(), 2);
}

#[test]
fn empty_and_single_article_corpora_give_empty_lists() {
    assert!(build(Vec::new()).is_empty());
    let single = build(vec![
        Doc::new("a", "Mali and Algeria.\n\nAlgeria and Mali.")
            .entity("Mali", Country, "Mali")
            .entity("Algeria", Country, "Algeria"),
    ]);
    assert_eq!(single, vec![vec![Vec::<Related>::new(), Vec::new()]]);
    let (articles, _) = corpus(sahel());
    let without_analyses = build_related(&articles, &[]);
    assert_eq!(without_analyses.len(), articles.len());
    assert!(without_analyses.iter().flatten().all(Vec::is_empty));
    let no_text = build(vec![Doc::new("a", ""), Doc::new("b", "   ")]);
    assert_eq!(no_text, vec![Vec::<Vec<Related>>::new(), Vec::new()]);
}

#[test]
fn answers_on_demand_match_the_precomputed_ones_and_runs_agree() {
    let (articles, analyses) = corpus(sahel());
    let config = RelatedConfig::builtin().expect("config");
    let index = RelatedIndex::build(&articles, &analyses, &config);
    let all = build_related_with(&articles, &analyses, &config);
    for (a, per_passage) in all.iter().enumerate() {
        for (p, list) in per_passage.iter().enumerate() {
            assert_eq!(&related_for(&index, a, p, 10), list);
        }
    }
    assert_eq!(all, build_related_with(&articles, &analyses, &config));
    assert!(related_for(&index, 99, 0, 10).is_empty());
    assert!(related_for(&index, 0, 99, 10).is_empty());
    assert_eq!(related_for(&index, 0, 0, 1).len(), 1);
}

#[test]
fn an_answer_does_not_depend_on_the_queries_asked_before_it() {
    // A query works in lists its thread keeps from one query to the next: whatever the
    // queries before it left there, each answer is the one a fresh thread gives.
    let (articles, analyses) = corpus(sahel());
    let config = RelatedConfig::builtin().expect("config");
    let index = RelatedIndex::build(&articles, &analyses, &config);
    let passages: Vec<(usize, usize)> = articles
        .iter()
        .enumerate()
        .flat_map(|(a, art)| (0..art.paragraphs.len()).map(move |p| (a, p)))
        .collect();
    let fresh = |a: usize, p: usize, k: usize| {
        std::thread::scope(|s| {
            s.spawn(|| related_for(&index, a, p, k))
                .join()
                .expect("query")
        })
    };
    for (i, &(a, p)) in passages.iter().rev().enumerate() {
        let k = [10, 1, 3][i % 3];
        // A large query and an empty one in between.
        related_for(&index, 0, 0, 10);
        related_for(&index, a, 99, 10);
        assert_eq!(
            related_for(&index, a, p, k),
            fresh(a, p, k),
            "{a}/{p} k={k}"
        );
    }
}

#[test]
fn common_entities_count_before_the_full_score_narrows_the_candidates() {
    let docs = vec![
        Doc::new("q", "Fighting in Kidal, Mali.")
            .entity("Kidal", Place, "Kidal")
            .entity("Mali", Country, "Mali"),
        Doc::new("near", "Report from Kidal.").entity("Kidal", Place, "Kidal"),
        Doc::new("both", "Report from Kidal, Mali.")
            .entity("Kidal", Place, "Kidal")
            .entity("Mali", Country, "Mali"),
        Doc::new("m1", "Mali.").entity("Mali", Country, "Mali"),
        Doc::new("m2", "Mali.").entity("Mali", Country, "Mali"),
        Doc::new("m3", "Mali.").entity("Mali", Country, "Mali"),
    ];
    let (articles, analyses) = corpus(docs);
    let mut config = RelatedConfig::builtin().expect("config");
    config.limits.posting_cap = 3;
    config.limits.rerank = 1;
    config.limits.max_candidates = 1;
    let index = RelatedIndex::build(&articles, &analyses, &config);
    let best = related_for(&index, 0, 0, 1);
    assert_eq!(ids(&best), [2], "{best:?}");
    assert_eq!(best[0].shared_entities, ["Kidal", "Mali"]);
}

/// Every passage of other articles scored the plain way, no index shortcut.
fn brute_force(
    index: &RelatedIndex,
    article: usize,
    passage: usize,
    k: usize,
) -> Vec<(usize, usize, f32)> {
    let Some(id) = index.id(article, passage) else {
        return Vec::new();
    };
    let q = index.passage(id);
    let w = &index.config.score;
    let eidf = |e: &u32| index.entity_idf[*e as usize];
    let kidf = |m: u32| -> f32 {
        (0..super::index::KINDS)
            .filter(|k| m & (1 << k) != 0)
            .map(|k| index.kind_idf[k])
            .sum()
    };
    let (lo, hi) = index.range(article);
    let mut out = Vec::new();
    for c in 0..index.len() as u32 {
        let d = index.passage(c);
        if (lo..hi).contains(&c) {
            continue;
        }
        let shared: Vec<u32> = q
            .entities
            .iter()
            .copied()
            .filter(|e| d.entities.contains(e))
            .collect();
        if shared.is_empty() && q.kinds & d.kinds == 0 {
            continue;
        }
        let part = |x: f32, total: f32| if total > 0.0 { x / total } else { 0.0 };
        let text: f32 = d
            .terms()
            .filter(|t| q.terms().any(|u| u.word == t.word))
            .map(|t| t.weight)
            .sum();
        let score = w.entities
            * part(
                shared.iter().map(eidf).sum(),
                q.entities.iter().map(eidf).sum(),
            )
            + w.kinds * part(kidf(q.kinds & d.kinds), kidf(q.kinds))
            + w.text * part(text, q.text_max);
        let (a, p) = index.locate(c);
        out.push((a, p, score));
    }
    out.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    out.truncate(k);
    out
}

#[test]
fn with_generous_limits_the_index_finds_what_scoring_every_pair_finds() {
    let mut docs = sahel();
    for i in 0..20 {
        let place = ["Gao", "Boni", "Menaka", "Tessalit"][i % 4];
        let body =
            format!("Clashes near {place} in Mali, report {i}.\n\nA drone struck {place} again.");
        let mut d = Doc::new(&format!("x{i}"), &body)
            .entity(place, Place, place)
            .entity("Mali", Country, "Mali");
        if i % 3 == 0 {
            d = d.event(at(
                event(EventKind::Airstrike, Status::Reported, None, &[], &[]),
                2,
                1,
            ));
        }
        docs.push(d);
    }
    let (articles, analyses) = corpus(docs);
    let mut config = RelatedConfig::builtin().expect("config");
    config.limits.posting_cap = 1000;
    config.limits.max_candidates = 1000;
    config.limits.rerank = 1000;
    let index = RelatedIndex::build(&articles, &analyses, &config);
    for (a, article) in articles.iter().enumerate() {
        for p in 0..article.paragraphs.len() {
            let got = related_for(&index, a, p, 10);
            let want = brute_force(&index, a, p, 10);
            assert_eq!(got.len(), want.len(), "{a}/{p}");
            for (g, w) in got.iter().zip(&want) {
                assert!((g.score - w.2).abs() < 1e-4, "{a}/{p}: {g:?} vs {w:?}");
            }
            let got_at: Vec<(usize, usize)> = got.iter().map(|r| (r.article, r.passage)).collect();
            let want_at: Vec<(usize, usize)> = want.iter().map(|w| (w.0, w.1)).collect();
            assert_eq!(got_at, want_at, "{a}/{p}");
        }
    }
}

#[test]
fn a_word_of_one_passage_only_is_not_stored_but_still_weighs_on_its_best_score() {
    let index_of = |extra: &str| {
        let mut docs = sahel();
        docs[1] = Doc::new(
            "rare",
            &format!("Officials described the Pantsir S-1 on Tuesday{extra}."),
        )
        .entity("Pantsir S-1", Equipment, "Pantsir S-1");
        let (articles, analyses) = corpus(docs);
        RelatedIndex::build(&articles, &analyses, &RelatedConfig::builtin().unwrap())
    };
    let (plain, unique) = (index_of(""), index_of(" zanzibarite"));
    let id = plain.id(1, 0).expect("passage");
    let (p, u) = (plain.passage(id), unique.passage(id));
    assert_eq!(p.words, u.words, "the unique word is not kept");
    assert!(u.text_max > p.text_max, "{} vs {}", u.text_max, p.text_max);
    // "officials", "described" and "pantsir" are in other passages: they are kept.
    assert_eq!(p.words.len(), 3, "{:?}", p.words);
}

#[test]
fn a_word_repeated_past_255_times_keeps_its_whole_frequency() {
    let best_weight = |repeats: usize| {
        let text = format!("{} strike.", "drone ".repeat(repeats));
        let docs = vec![
            Doc::new("a", &text),
            Doc::new("b", "A drone strike was reported."),
        ];
        let (articles, analyses) = corpus(docs);
        let index = RelatedIndex::build(&articles, &analyses, &RelatedConfig::builtin().unwrap());
        let p = index.passage(index.id(0, 0).expect("passage"));
        assert_eq!(p.words.len(), 2, "drone and strike are shared");
        p.terms().map(|t| t.weight).fold(0.0f32, f32::max)
    };
    let (at_254, at_255, at_300, at_600) = (
        best_weight(254),
        best_weight(255),
        best_weight(300),
        best_weight(600),
    );
    assert!(at_254 < at_255, "{at_254} {at_255}");
    assert!(
        at_255 < at_300 && at_300 < at_600,
        "{at_255} {at_300} {at_600}"
    );
}

#[test]
fn every_passage_id_locates_its_article_and_paragraph() {
    // Uneven articles, empty ones among them (no passage: their start repeats the next one's),
    // so that a guess from the average length is wrong in both directions.
    let bodies = [
        "",
        "A.\n\nB.\n\nC.\n\nD.\n\nE.\n\nF.",
        "",
        "",
        "G.",
        "H.\n\nI.",
        "",
    ];
    let docs = bodies
        .iter()
        .enumerate()
        .map(|(i, b)| Doc::new(&format!("d{i}"), b))
        .collect();
    let (articles, analyses) = corpus(docs);
    let index = RelatedIndex::build(&articles, &analyses, &RelatedConfig::builtin().unwrap());
    let mut seen = 0;
    for (a, article) in articles.iter().enumerate() {
        for p in 0..article.paragraphs.len() {
            let id = index.id(a, p).expect("passage");
            assert_eq!(index.locate(id), (a, p), "passage {id}");
            seen += 1;
        }
    }
    assert_eq!(seen, 9);
    assert_eq!(index.len(), 9);
}
