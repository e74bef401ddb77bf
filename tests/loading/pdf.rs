//! PDF reports through the binary, with PDFs made here: a text layer read into paragraphs,
//! running heads and page numbers dropped, hyphenation undone, two columns in reading order,
//! title and date from the metadata; no text layer, encryption and truncation each skipped with
//! their reason while the other files load.

use super::s;
use super::support::*;
use pdf_extract::content::{Content, Operation};
use pdf_extract::{
    Dictionary, Document, EncryptionState, EncryptionVersion, Object, Permissions, Stream,
};

/// A line of text at (x, y) on a page.
type Line<'a> = (i64, i64, &'a str);

fn text_ops(lines: &[Line]) -> Vec<Operation> {
    let mut ops = Vec::new();
    for &(x, y, text) in lines {
        ops.push(Operation::new("BT", vec![]));
        ops.push(Operation::new("Tf", vec!["F1".into(), 11.into()]));
        ops.push(Operation::new("Td", vec![x.into(), y.into()]));
        ops.push(Operation::new("Tj", vec![Object::string_literal(text)]));
        ops.push(Operation::new("ET", vec![]));
    }
    ops
}

/// A PDF whose pages draw these operations, with an information dictionary.
fn pdf(pages: Vec<Vec<Operation>>, info: &[(&str, &str)]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type1".to_vec()));
    font.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
    let font_id = doc.add_object(font);
    let mut fonts = Dictionary::new();
    fonts.set("F1", font_id);
    let mut resources = Dictionary::new();
    resources.set("Font", fonts);
    let resources_id = doc.add_object(resources);
    let mut kids = Vec::new();
    for ops in pages {
        let content = Content { operations: ops }.encode().unwrap();
        let content_id = doc.add_object(Stream::new(Dictionary::new(), content));
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set("Parent", pages_id);
        page.set("Contents", content_id);
        kids.push(Object::Reference(doc.add_object(page)));
    }
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"Pages".to_vec()));
    tree.set("Count", kids.len() as i64);
    tree.set("Kids", kids);
    tree.set("Resources", resources_id);
    tree.set("MediaBox", vec![0.into(), 0.into(), 595.into(), 842.into()]);
    doc.objects.insert(pages_id, Object::Dictionary(tree));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", pages_id);
    let catalog_id = doc.add_object(catalog);
    doc.trailer.set("Root", catalog_id);
    if !info.is_empty() {
        let mut dict = Dictionary::new();
        for (k, v) in info {
            dict.set(*k, Object::string_literal(*v));
        }
        let info_id = doc.add_object(dict);
        doc.trailer.set("Info", info_id);
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A report of three pages with a running head, page numbers and a word cut at a line end.
fn report() -> Vec<u8> {
    let page = |n: i64, body: &[&'static str]| {
        let mut lines: Vec<Line> = vec![(50, 800, "Sahel Monitoring Mission - Quarterly Report")];
        lines.extend(
            body.iter()
                .enumerate()
                .map(|(i, t)| (50, 700 - 14 * i as i64, *t)),
        );
        let number: &'static str = ["Page 1", "Page 2", "Page 3"][n as usize - 1];
        lines.push((280, 40, number));
        text_ops(&lines)
    };
    pdf(
        vec![
            page(
                1,
                &[
                    "The mission visited the northern dis-",
                    "tricts in March and met the governors there.",
                ],
            ),
            page(
                2,
                &[
                    "Security declined after the rains, and aid convoys",
                    "were stopped twice on the mountain road.",
                ],
            ),
            page(3, &["The annex lists the recommendations of the mission."]),
        ],
        &[
            ("Title", "Quarterly Report on the Sahel"),
            ("CreationDate", "D:20240312101500+01'00'"),
        ],
    )
}

#[test]
fn a_report_loads_with_its_metadata_and_without_running_heads() {
    let fx = Fixture::new();
    let path = fx.write("report.pdf", report());
    let run = extract(&[&path], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let a = run.article("report");
    assert_eq!(s(&a, "title"), "Quarterly Report on the Sahel");
    assert_eq!(s(&a, "published"), "2024-03-12");
    assert_eq!(s(&a, "format"), "pdf");
    let body = s(&a, "body");
    assert!(body.contains("the northern districts in March"), "{body}");
    assert!(body.contains("aid convoys were stopped twice"), "{body}");
    assert!(
        !body.contains("Quarterly Report"),
        "running head kept: {body}"
    );
    assert!(!body.contains("Page 2"), "page number kept: {body}");
}

#[test]
fn two_columns_are_read_column_by_column() {
    let left: Vec<Line> = vec![
        (50, 700, "Left column opens the story of"),
        (50, 686, "the convoy that reached Gao."),
    ];
    let right: Vec<Line> = vec![
        (320, 700, "Right column tells of the talks"),
        (320, 686, "that resumed in Algiers."),
    ];
    let mut ops = text_ops(&left);
    ops.extend(text_ops(&right));
    let fx = Fixture::new();
    let path = fx.write("columns.pdf", pdf(vec![ops], &[("Title", "Two columns")]));
    let run = extract(&[&path], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let body = s(&run.article("columns"), "body").to_string();
    let at = |t: &str| body.find(t).unwrap_or_else(|| panic!("{t} not in {body}"));
    assert!(
        at("the convoy that reached Gao.") < at("Right column tells"),
        "{body}"
    );
    assert!(at("Left column opens the story of the convoy") < at("that resumed in Algiers"));
}

#[test]
fn unreadable_pdfs_are_skipped_with_their_reason_and_the_rest_loads() {
    let fx = Fixture::new();
    fx.good();
    // A page that only draws a filled rectangle: no text layer.
    let drawing = vec![
        Operation::new("re", vec![50.into(), 50.into(), 200.into(), 100.into()]),
        Operation::new("f", vec![]),
    ];
    let scanned = fx.write("scanned.pdf", pdf(vec![drawing], &[]));
    let mut doc = Document::load_mem(&report()).unwrap();
    let id = Object::string_literal(b"0123456789abcdef".to_vec());
    doc.trailer.set("ID", vec![id.clone(), id]);
    let state = EncryptionState::try_from(EncryptionVersion::V1 {
        document: &doc,
        owner_password: "owner",
        user_password: "secret",
        permissions: Permissions::default(),
    })
    .unwrap();
    doc.encrypt(&state).unwrap();
    let mut locked = Vec::new();
    doc.save_to(&mut locked).unwrap();
    let locked = fx.write("locked.pdf", locked);
    let full = report();
    let truncated = fx.write("truncated.pdf", &full[..full.len() / 3]);
    let run = extract(&[fx.root()], &[]);
    assert_good_loaded(&run);
    let lines = run.stderr_lines();
    let reason = |p: &std::path::Path| {
        let name = p.display().to_string();
        lines
            .iter()
            .find(|l| l.contains(&name))
            .unwrap_or_else(|| panic!("{name} not reported: {lines:?}"))
            .to_string()
    };
    assert!(
        reason(&scanned).contains("without a text layer"),
        "{lines:?}"
    );
    assert!(reason(&locked).contains("encrypted PDF"), "{lines:?}");
    assert!(reason(&truncated).contains("broken PDF"), "{lines:?}");
}
