//! Feeds through the binary: RSS 2.0, Atom and JSON Feed, by extension and by content, one
//! article per item.

use super::s;
use super::support::*;

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Sahel Wire &amp; Co</title>
  <link>https://wire.example.org/news/</link>
  <description>News</description>
  <item>
    <title>Convoy reaches Gao &amp; unloads</title>
    <link>/2024/03/convoy</link>
    <pubDate>Tue, 12 Mar 2024 08:00:00 GMT</pubDate>
    <description><![CDATA[<p>The convoy reached Gao on Tuesday, officials said.</p><p>Aid workers began unloading flour &amp; water.</p>]]></description>
  </item>
  <item>
    <title>Talks resume &#8211; again</title>
    <link>https://wire.example.org/2024/03/talks</link>
    <description>Delegations met in Algiers &amp; agreed to meet again.</description>
  </item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Crisis Desk</title>
  <link href="https://desk.example.net/"/>
  <id>urn:desk</id>
  <updated>2024-03-14T10:00:00Z</updated>
  <entry>
    <title type="html">Airspace &lt;b&gt;closed&lt;/b&gt;</title>
    <link rel="alternate" href="https://desk.example.net/airspace"/>
    <id>urn:desk:1</id>
    <published>2024-03-13T09:30:00Z</published>
    <updated>2024-03-14T10:00:00Z</updated>
    <content type="html">&lt;p&gt;The ministry closed the airspace and recalled its envoy.&lt;/p&gt;</content>
  </entry>
</feed>"#;

const JSON_FEED: &str = r#"{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Relief Updates",
  "home_page_url": "https://relief.example.com/",
  "items": [
    {"id": "1", "title": "Camp opens", "url": "https://relief.example.com/camp",
     "date_published": "2024-03-15T12:00:00Z",
     "content_html": "<p>A camp opened near the border for 2,000 families.</p>"},
    {"id": "2", "title": "Road cut", "content_text": "Landslides cut the mountain road."}
  ]
}"#;

#[test]
fn rss_items_are_articles_with_cdata_entities_relative_links_and_missing_dates() {
    let fx = Fixture::new();
    let feed = fx.write("wire.rss", RSS);
    let run = extract(&[&feed], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.ids(), vec!["wire:1", "wire:2"]);
    let first = run.article("wire:1");
    assert_eq!(s(&first, "title"), "Convoy reaches Gao & unloads");
    assert_eq!(s(&first, "source"), "Sahel Wire & Co");
    assert_eq!(s(&first, "published"), "2024-03-12");
    assert_eq!(s(&first, "url"), "https://wire.example.org/2024/03/convoy");
    assert_eq!(
        s(&first, "body"),
        "The convoy reached Gao on Tuesday, officials said.\n\nAid workers began unloading flour & water."
    );
    assert_eq!(s(&first, "format"), "feed");
    let second = run.article("wire:2");
    assert_eq!(s(&second, "title"), "Talks resume – again");
    assert!(
        second["published"].is_null(),
        "no date given: none invented"
    );
    assert_eq!(
        s(&second, "body"),
        "Delegations met in Algiers & agreed to meet again."
    );
}

#[test]
fn atom_entries_keep_their_html_title_and_content_as_text() {
    let fx = Fixture::new();
    let feed = fx.write("desk.atom", ATOM);
    let run = extract(&[&feed], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let a = run.article("desk:1");
    assert_eq!(s(&a, "title"), "Airspace closed");
    assert_eq!(s(&a, "published"), "2024-03-13", "published, not updated");
    assert_eq!(s(&a, "source"), "Crisis Desk");
    assert_eq!(s(&a, "url"), "https://desk.example.net/airspace");
    assert_eq!(
        s(&a, "body"),
        "The ministry closed the airspace and recalled its envoy."
    );
}

#[test]
fn json_feeds_and_xml_feeds_are_told_by_their_content() {
    let fx = Fixture::new();
    fx.write("relief.json", JSON_FEED);
    fx.write("wire.xml", RSS);
    fx.write(
        "sitemap.xml",
        "<?xml version=\"1.0\"?><urlset><url><loc>x</loc></url></urlset>",
    );
    let run = extract(&[fx.root()], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.ids(), vec!["relief:1", "relief:2", "wire:1", "wire:2"]);
    let camp = run.article("relief:1");
    assert_eq!(s(&camp, "title"), "Camp opens");
    assert_eq!(s(&camp, "source"), "Relief Updates");
    assert_eq!(s(&camp, "published"), "2024-03-15");
    assert_eq!(
        s(&camp, "body"),
        "A camp opened near the border for 2,000 families."
    );
    assert_eq!(
        s(&run.article("relief:2"), "body"),
        "Landslides cut the mountain road."
    );
    let lines = run.stderr_lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("sitemap.xml: not a feed (the root element is <urlset>"),
        "{}",
        lines[0]
    );
}
