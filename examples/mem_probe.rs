//! Where the memory of an analysed corpus goes. First the heap blocks and bytes live after each
//! step, and the most bytes live during it, counted by a wrapping allocator (each block also
//! costs the allocator a header and rounding): the analysis is run once stage by stage, one
//! after the other, then as `analysis::analyze` runs it (the timeline beside the related index).
//! Then the heap bytes of each part of the [`Analysis`] (capacities, not lengths), counted by
//! walking it.

use sitrep::analysis::{self, Names, Occurrences, Vocab};
use sitrep::corpus::{self, LoadOptions};
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The system allocator, counting live blocks and bytes and the most bytes live.
struct Counting;

static BLOCKS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator with the same arguments; the counters
// are only read for reporting.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        BLOCKS.fetch_add(1, Relaxed);
        let now = BYTES.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(now, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        BLOCKS.fetch_sub(1, Relaxed);
        BYTES.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let now = BYTES.fetch_add(new_size, Relaxed) + new_size;
        PEAK.fetch_max(now, Relaxed);
        BYTES.fetch_sub(layout.size(), Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live(when: &str) {
    println!(
        "live {when}: {} blocks, {:.1} MB; most bytes live so far {:.1} MB",
        BLOCKS.load(Relaxed),
        BYTES.load(Relaxed) as f64 / 1e6,
        PEAK.load(Relaxed) as f64 / 1e6
    );
}

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
    live("after compiling the vocabularies");
    let loaded = corpus::load(std::slice::from_ref(&dir), &LoadOptions::default());
    live("after loading");
    {
        use rayon::prelude::*;
        let per: Vec<_> = loaded
            .articles
            .par_iter()
            .map(|a| analysis::analyze_article(a, &vocab))
            .collect();
        live("stage: per article");
        // From here each line's most bytes live is the stage's own peak.
        PEAK.store(BYTES.load(Relaxed), Relaxed);
        let t = analysis::timeline::build_timeline(&loaded.articles, &per);
        live("stage: timeline");
        PEAK.store(BYTES.load(Relaxed), Relaxed);
        let r = analysis::related::RelatedIndex::build(&loaded.articles, &per, &vocab.related);
        live("stage: related index");
        PEAK.store(BYTES.load(Relaxed), Relaxed);
        let e = analysis::corpus_entities(&per);
        live("stage: entities");
        drop((per, t, r, e));
        PEAK.store(BYTES.load(Relaxed), Relaxed);
    }
    let an = analysis::analyze(loaded.articles, &vocab);
    live("after the analysis");
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
    // Lists of names are shared (a timeline item keeps its event's when it adds no name): each
    // distinct allocation is counted once, with its two reference counts.
    let mut lists = std::collections::HashSet::new();
    let mut list_bytes = |l: &Names| {
        let fresh = !l.is_empty() && lists.insert(std::sync::Arc::as_ptr(l) as *const u8 as usize);
        if fresh { 16 + slice_bytes(l) } else { 0 }
    };
    parts.push((
        "events: actor and target lists",
        aa.iter()
            .flat_map(|a| &a.events)
            .map(|e| list_bytes(&e.actors) + list_bytes(&e.targets))
            .sum(),
    ));
    parts.push(("dates", aa.iter().map(|a| vec_bytes(&a.dates)).sum()));
    parts.push(("timeline: structs", vec_bytes(&an.timeline)));
    parts.push((
        "timeline: lists of its own (names, occurrences)",
        an.timeline
            .iter()
            .map(|t| {
                list_bytes(&t.actors)
                    + list_bytes(&t.targets)
                    + list_bytes(&t.sources)
                    + match &t.occurrences {
                        Occurrences::Many(all) => slice_bytes(all),
                        Occurrences::One(_) => 0,
                    }
            })
            .sum(),
    ));
    // Their names are the articles' entities' (counted with the names below).
    parts.push((
        "corpus entities",
        vec_bytes(&an.entities)
            + an.entities
                .iter()
                .map(|e| vec_bytes(&e.articles))
                .sum::<usize>(),
    ));
    // Names are shared (entity names from the gazetteer, actors, targets and sources from the
    // entities and articles): each distinct allocation once, its text and two reference counts.
    let mut names = std::collections::HashSet::new();
    let mut add = |n: &sitrep::analysis::Name| {
        names.insert((n.as_ptr() as usize, n.len()));
    };
    for a in aa {
        for e in &a.entities {
            std::iter::once(&e.name).chain(&e.parent).for_each(&mut add);
        }
        for e in &a.events {
            e.actors.iter().chain(e.targets.iter()).for_each(&mut add);
        }
    }
    for t in &an.timeline {
        t.actors
            .iter()
            .chain(t.targets.iter())
            .chain(t.sources.iter())
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
