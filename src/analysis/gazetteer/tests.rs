//! Gazetteer loading tests: coverage of the built-in file, user overrides, malformed files.

use super::Gazetteer;
use crate::analysis::model::EntityKind;

fn error_of(text: &str) -> String {
    match Gazetteer::from_toml_str(text) {
        Ok(_) => panic!("accepted a malformed gazetteer: {text}"),
        Err(e) => format!("{e:#}"),
    }
}

#[test]
fn builtin_covers_every_african_state_and_outside_powers() {
    let g = Gazetteer::builtin().expect("built-in gazetteer parses");
    let african = [
        "Algeria",
        "Angola",
        "Benin",
        "Botswana",
        "Burkina Faso",
        "Burundi",
        "Cape Verde",
        "Cameroon",
        "Central African Republic",
        "Chad",
        "Comoros",
        "Democratic Republic of the Congo",
        "Republic of the Congo",
        "Côte d'Ivoire",
        "Djibouti",
        "Egypt",
        "Equatorial Guinea",
        "Eritrea",
        "Eswatini",
        "Ethiopia",
        "Gabon",
        "Gambia",
        "Ghana",
        "Guinea",
        "Guinea-Bissau",
        "Kenya",
        "Lesotho",
        "Liberia",
        "Libya",
        "Madagascar",
        "Malawi",
        "Mali",
        "Mauritania",
        "Mauritius",
        "Morocco",
        "Mozambique",
        "Namibia",
        "Niger",
        "Nigeria",
        "Rwanda",
        "São Tomé and Príncipe",
        "Senegal",
        "Seychelles",
        "Sierra Leone",
        "Somalia",
        "South Africa",
        "South Sudan",
        "Sudan",
        "Tanzania",
        "Togo",
        "Tunisia",
        "Uganda",
        "Zambia",
        "Zimbabwe",
    ];
    assert_eq!(african.len(), 54);
    let powers = [
        "France",
        "Russia",
        "United States",
        "China",
        "Turkey",
        "Iran",
        "United Kingdom",
        "Germany",
        "Italy",
        "Spain",
        "United Arab Emirates",
        "Qatar",
        "Saudi Arabia",
        "Israel",
        "Ukraine",
        "India",
    ];
    for name in african.iter().chain(&powers) {
        let e = g.get(name).unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(e.kind, EntityKind::Country, "{name}");
        assert!(!e.demonyms.is_empty(), "{name} has no demonym");
    }
    assert!(
        g.entries().len() >= 300,
        "only {} entries",
        g.entries().len()
    );
    let fama = g.get("Malian Armed Forces").expect("FAMa");
    assert_eq!(
        (fama.kind, fama.parent.as_deref()),
        (EntityKind::Military, Some("Mali"))
    );
    assert_eq!(
        g.get("Algiers").and_then(|e| e.parent.as_deref()),
        Some("Algeria")
    );
}

#[test]
fn malformed_toml_names_the_problem() {
    let e = error_of("country = [ { name = \"Mali\" ");
    assert!(e.contains("gazetteer TOML"), "{e}");
    let e = error_of("countries = [ { name = \"Mali\" } ]");
    assert!(e.contains("countries"), "{e}");
    let e = error_of("country = [ { name = \"Mali\", alias = [\"x\"] } ]");
    assert!(e.contains("alias"), "{e}");
    let e = error_of("place = [ { aliases = [\"x\"] } ]");
    assert!(e.contains("name"), "{e}");
    let e = error_of("place = [ { name = \"  \" } ]");
    assert!(e.contains("`place` entry 1 has no name"), "{e}");
    let e = error_of("place = [ { name = \"Gao\", aliases = [\"--\"] } ]");
    assert!(e.contains("\"Gao\"") && e.contains("\"--\""), "{e}");
    let e = error_of("place = [ { name = \"Gao\" }, { name = \"GAO\" } ]");
    assert!(e.contains("repeats"), "{e}");
    let e = error_of("place = [ { name = \"Gao\", national_forces = true } ]");
    assert!(e.contains("national_forces"), "{e}");
}

#[test]
fn merge_replaces_by_canonical_name_and_adds_new_names() {
    let mut g = Gazetteer::builtin().expect("builtin");
    let n = g.entries().len();
    let user = "country = [ { name = \"Mali\", aliases = [\"Republic of Mali\"] } ]\n\
                person = [ { name = \"Oumarou Zanga\", parent = \"Niger\" } ]";
    g.merge(Gazetteer::from_toml_str(user).expect("user"))
        .expect("merge");
    assert_eq!(g.entries().len(), n + 1);
    let mali = g.get("Mali").expect("Mali");
    assert!(
        mali.demonyms.is_empty(),
        "replaced, not merged field by field"
    );
    assert_eq!(
        g.get("Oumarou Zanga").map(|e| e.kind),
        Some(EntityKind::Person)
    );
}
