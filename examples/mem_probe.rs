//! Where the memory of an analysed corpus goes: the heap bytes of each part of the
//! [`Analysis`] (capacities, not lengths), counted by walking it.

use sitrep::analysis::{self, Vocab};
use sitrep::corpus::{self, LoadOptions};
use std::path::PathBuf;

fn vec_bytes<T>(v: &Vec<T>) -> usize {
    v.capacity() * std::mem::size_of::<T>()
}
fn slice_bytes<T>(v: &[T]) -> usize {
    std::mem::size_of_val(v)
}
fn s(x: &String) -> usize {
    x.capacity()
}
fn os(x: &Option<String>) -> usize {
    x.as_ref().map_or(0, s)
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("DIR"));
    let vocab = Vocab::builtin().unwrap();
    let loaded = corpus::load(std::slice::from_ref(&dir), &LoadOptions::default());
    let an = analysis::analyze(loaded.articles, &vocab);
    let mut parts: Vec<(&str, usize)> = Vec::new();
    let arts = &an.articles;
    parts.push((
        "articles: structs",
        arts.len() * std::mem::size_of::<corpus::Article>(),
    ));
    parts.push(("articles: bodies", arts.iter().map(|a| s(&a.body)).sum()));
    parts.push((
        "articles: other strings",
        arts.iter()
            .map(|a| {
                s(&a.id) + s(&a.path) + s(&a.title) + os(&a.section) + os(&a.source) + os(&a.url)
            })
            .sum(),
    ));
    parts.push((
        "articles: paragraphs",
        arts.iter().map(|a| vec_bytes(&a.paragraphs)).sum(),
    ));
    parts.push((
        "articles: sentences",
        arts.iter().map(|a| vec_bytes(&a.sentences)).sum(),
    ));
    let aa = &an.analyses;
    parts.push(("analyses: structs", vec_bytes(aa)));
    parts.push((
        "entities: structs",
        aa.iter().map(|a| vec_bytes(&a.entities)).sum(),
    ));
    parts.push(("mentions", aa.iter().map(|a| vec_bytes(&a.mentions)).sum()));
    parts.push((
        "events: structs",
        aa.iter().map(|a| vec_bytes(&a.events)).sum(),
    ));
    parts.push((
        "events: actor and target lists",
        aa.iter()
            .flat_map(|a| &a.events)
            .map(|e| vec_bytes(&e.actors) + vec_bytes(&e.targets))
            .sum(),
    ));
    parts.push(("dates", aa.iter().map(|a| vec_bytes(&a.dates)).sum()));
    parts.push(("timeline: structs", vec_bytes(&an.timeline)));
    parts.push((
        "timeline: lists (names, occurrences)",
        an.timeline
            .iter()
            .map(|t| {
                slice_bytes(&t.actors)
                    + slice_bytes(&t.targets)
                    + slice_bytes(&t.sources)
                    + slice_bytes(&t.occurrences)
            })
            .sum(),
    ));
    parts.push((
        "corpus entities",
        vec_bytes(&an.entities)
            + an.entities
                .iter()
                .map(|e| s(&e.name) + os(&e.parent) + vec_bytes(&e.articles))
                .sum::<usize>(),
    ));
    // Names are shared (entity names from the gazetteer, actors, targets and sources from the
    // entities and articles): each distinct allocation once, its text and two reference counts.
    let mut names = std::collections::HashSet::new();
    let mut add = |n: &std::sync::Arc<str>| {
        names.insert((std::sync::Arc::as_ptr(n) as *const u8 as usize, n.len()));
    };
    for a in aa {
        for e in &a.entities {
            std::iter::once(&e.name).chain(&e.parent).for_each(&mut add);
        }
        for e in &a.events {
            e.actors.iter().chain(&e.targets).for_each(&mut add);
        }
    }
    for t in &an.timeline {
        t.actors
            .iter()
            .chain(&t.targets)
            .chain(&t.sources)
            .for_each(&mut add);
    }
    parts.push((
        "names (entities, actors, targets, sources)",
        names.iter().map(|(_, len)| len + 16).sum(),
    ));
    let total: usize = parts.iter().map(|p| p.1).sum();
    parts.push(("related index", an.related.heap_bytes()));
    let files: u64 = walk(&dir);
    for (name, b) in &parts {
        println!(
            "{:>9.1} MB {:5.2}x  {name}",
            *b as f64 / 1e6,
            *b as f64 / files as f64
        );
    }
    println!(
        "{:>9.1} MB {:5.2}x  total (without the related index) for {:.1} MB of files",
        total as f64 / 1e6,
        total as f64 / files as f64,
        files as f64 / 1e6
    );
    std::mem::forget(an);
}

fn walk(p: &std::path::Path) -> u64 {
    if p.is_file() {
        return p.metadata().map(|m| m.len()).unwrap_or(0);
    }
    std::fs::read_dir(p)
        .map(|d| d.flatten().map(|e| walk(&e.path())).sum())
        .unwrap_or(0)
}
