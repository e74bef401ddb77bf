//! Bytes held in memory read as a file of a given format would be, with the built-in cleaning
//! vocabularies (compiled once per process): for fuzzing and benchmarks that read many small
//! inputs without writing them to files.

use super::build::{self, Origin, Tools};
use super::{Article, Format, formats, read};

/// What a file of `format` holding `bytes` gives: each article, or why a draft of it (or the
/// whole file) was dropped.
pub fn read_bytes(format: Format, bytes: &[u8]) -> Vec<Result<Article, String>> {
    let text = match read::decode(bytes) {
        Ok(t) => t,
        Err(reason) => return vec![Err(reason)],
    };
    let tools = Tools::builtin();
    formats::read_drafts(format, &text.text)
        .into_iter()
        .map(|item| {
            let (line, draft) = item.map_err(|(_, reason)| reason)?;
            let id = line.map_or_else(|| "memory".to_string(), |n| format!("memory:{n}"));
            let origin = Origin {
                id: &id,
                path: "memory",
                format,
                folder_source: None,
                lossy: text.lossy,
            };
            build::finish(draft, &origin, &tools)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_format_as_the_loader_does() {
        let text = b"Clashes in Gao\n\nTroops attacked Gao on Monday.\n";
        let txt = read_bytes(Format::Txt, text);
        assert_eq!(txt.len(), 1);
        let a = txt[0].as_ref().expect("an article");
        assert_eq!(a.title, "Clashes in Gao");
        assert!(a.body.contains("Troops attacked Gao"));
        let lines = read_bytes(
            Format::Jsonl,
            b"{\"title\": \"A\", \"text\": \"Troops attacked Gao.\"}\nnot json\n",
        );
        assert_eq!(lines.len(), 2);
        assert!(lines[0].is_ok() && lines[1].is_err());
        assert!(
            read_bytes(Format::Html, b"\0binary")
                .iter()
                .all(Result::is_err)
        );
    }
}
