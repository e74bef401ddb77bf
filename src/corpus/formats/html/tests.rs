//! Pages written for the tests, one per pattern the extraction must get right.

use super::*;

fn draft(html: &str) -> Draft {
    read_html(html).remove(0).unwrap().1
}

#[test]
fn builtin_rules_parse() {
    assert!(HtmlRules::from_toml_str(BUILTIN).is_ok());
}
#[test]
fn main_content_only_and_furniture_dropped() {
    let d = draft(
        r#"<!DOCTYPE html><html><head><title>Border closed | Daily Wire</title>
        <meta property="article:published_time" content="2024-03-12T08:00:00Z">
        <meta property="og:site_name" content="Daily Wire"><style>p{}</style></head>
        <body><nav><a>Home</a></nav><header><h1>Border closed</h1></header>
        <article><p>Officials said the crossing &amp; the road would stay shut.</p>
        <!-- ad slot --><script>var x = "<p>no</p>";</script>
        <h2>Talks stall</h2><p>They didn&#8217;t say when. It&#x2019;s unclear.</p>
        <aside>Read more</aside></article><footer>© 2024</footer></body></html>"#,
    );
    assert_eq!(d.title.as_deref(), Some("Border closed"));
    assert_eq!(d.published.as_deref(), Some("2024-03-12T08:00:00Z"));
    assert_eq!(d.source.as_deref(), Some("Daily Wire"));
    assert_eq!(
        d.text,
        "Officials said the crossing & the road would stay shut.\n\nTalks stall\n\nThey didn’t say when. It’s unclear."
    );
}

#[test]
fn headline_of_the_article_beats_the_site_name() {
    let d = draft(
        "<header><h1>Daily Site</h1></header><main><h1>Drone downed near border</h1><p>Text.</p></main>",
    );
    assert_eq!(d.title.as_deref(), Some("Drone downed near border"));
}

#[test]
fn no_main_element_keeps_body_text_and_title_tag() {
    let d = draft(
        "<title>Some long page title - Site</title><p>One&nbsp;two</p><div>Three<br>Four</div>",
    );
    assert_eq!(d.title.as_deref(), Some("Some long page title"));
    assert_eq!(d.text, "One\u{A0}two\n\nThree\n\nFour");
}

#[test]
fn entities_and_broken_markup() {
    let r = HtmlRules::builtin();
    assert_eq!(
        decode_entities("a &amp b &bogus; &#0; &#x110000; &lt;", r),
        "a &amp b &bogus; \u{FFFD} \u{FFFD} <"
    );
    let d = draft("<p>unclosed <b>bold <p>next 3 < 4 <span title='a>b'>x</span>");
    assert_eq!(d.text, "unclosed bold\n\nnext 3 < 4 x");
}

/// Three paragraphs of a story, long enough to read as one.
const STORY: &str = "<p>The convoy reached the northern crossing on Tuesday after two days on the road, \
    officials said, and aid workers began unloading flour, medicine and water for the families \
    who had gathered near the gate since the weekend.</p>\
    <p>Local leaders said the supplies would last about a week, and asked for a second convoy \
    before the rains close the mountain road, which has been cut twice already this season by \
    landslides and by fighting between rival militias.</p>\
    <p>The governor told reporters that talks with the armed groups would resume on Friday, \
    adding that a ceasefire along the road was the only way to keep the crossing open for the \
    rest of the month.</p>";

fn body(html: &str) -> String {
    draft(html).text
}

#[test]
fn story_in_a_plain_div_beats_a_teaser_card_and_comment_articles() {
    let page = format!(
        "<html><body><div class=\"content\">{STORY}</div>\
         <article class=\"card\"><h3><a href=\"/x\">Floods hit the coast</a></h3></article>\
         <section><article class=\"comment\"><p>Great article, thanks!</p></article>\
         <article class=\"comment\"><p>I disagree with the governor.</p></article></section>\
         </body></html>"
    );
    let text = body(&page);
    assert!(
        text.contains("The convoy reached the northern crossing"),
        "{text}"
    );
    assert!(text.contains("rest of the month."), "{text}");
    assert!(!text.contains("Floods hit the coast"), "{text}");
    assert!(!text.contains("Great article"), "{text}");
}

#[test]
fn a_page_wrapped_in_one_form_is_read() {
    let page = format!(
        "<html><body><form id=\"aspnetForm\" method=\"post\"><div class=\"main\">{STORY}</div>\
         <input type=\"hidden\" value=\"x\"></form></body></html>"
    );
    assert!(body(&page).contains("The convoy reached the northern crossing"));
}

#[test]
fn an_inline_related_box_is_dropped_and_the_story_goes_on() {
    let (first, rest) = STORY.split_at(STORY.find("<p>Local").unwrap());
    let page = format!(
        "<html><body><article>{first}<div class=\"related-box\"><h4>Related</h4>\
         <ul><li><a href=\"/a\">Earlier convoy turned back</a></li></ul></div>{rest}</article>\
         </body></html>"
    );
    let text = body(&page);
    assert!(text.contains("rest of the month."), "{text}");
    assert!(!text.contains("Earlier convoy turned back"), "{text}");
}

#[test]
fn menus_built_from_divs_and_lists_are_dropped_without_a_nav() {
    let page = format!(
        "<html><body><div class=\"menu\"><ul><li><a href=\"/\">Home</a></li>\
         <li><a href=\"/world\">World</a></li><li><a href=\"/sport\">Sport</a></li></ul></div>\
         <div class=\"story\">{STORY}</div><div id=\"footer-menu\"><a href=\"/imprint\">Imprint</a></div>\
         </body></html>"
    );
    let text = body(&page);
    assert!(text.contains("The convoy reached"), "{text}");
    for word in ["Home", "Sport", "Imprint"] {
        assert!(!text.contains(word), "{word} in {text}");
    }
}

#[test]
fn teaser_cards_after_the_story_are_not_appended() {
    let cards: String = (1..=61)
        .map(|i| {
            format!(
                "<div class=\"teaser\"><a href=\"/s{i}\"><h3>Other story number {i}</h3></a>\
                 <p>A short line about story {i}.</p></div>"
            )
        })
        .collect();
    let page = format!(
        "<html><body><article>{STORY}</article><div class=\"teasers\">{cards}</div></body></html>"
    );
    let text = body(&page);
    assert!(text.contains("rest of the month."), "{text}");
    assert!(!text.contains("Other story number"), "{text}");
}

#[test]
fn read_also_lists_are_dropped() {
    let page = format!(
        "<html><body><article>{STORY}<p><strong>Lesen Sie auch:</strong></p>\
         <ul><li><a href=\"/1\">Grenze bleibt geschlossen</a></li>\
         <li><a href=\"/2\">Neue Gespräche in Genf</a></li></ul></article></body></html>"
    );
    let text = body(&page);
    assert!(text.contains("rest of the month."), "{text}");
    assert!(!text.contains("Grenze bleibt"), "{text}");
    assert!(!text.contains("Lesen Sie auch"), "{text}");
}

#[test]
fn entities_are_decoded_in_titles() {
    let page = format!(
        "<html><head><title>Talks &amp; truce &#8211; what next | Daily Wire</title></head>\
         <body><article>{STORY}</article></body></html>"
    );
    assert_eq!(
        draft(&page).title.as_deref(),
        Some("Talks & truce – what next")
    );
}

#[test]
fn a_logo_h1_is_not_the_title() {
    let page = format!(
        "<html><head><title>Convoy reaches the crossing - The Gazette</title>\
         <meta property=\"og:site_name\" content=\"The Gazette\"></head><body>\
         <header><a href=\"/\"><h1 class=\"logo\">The Gazette</h1></a></header>\
         <div class=\"post\"><h1>Convoy reaches the crossing</h1>{STORY}</div></body></html>"
    );
    assert_eq!(
        draft(&page).title.as_deref(),
        Some("Convoy reaches the crossing")
    );
    let only_logo = format!(
        "<html><head><meta property=\"og:title\" content=\"Aid arrives in the north\"></head>\
         <body><header><h1><a href=\"/\">The Gazette</a></h1></header><div>{STORY}</div></body></html>"
    );
    assert_eq!(
        draft(&only_logo).title.as_deref(),
        Some("Aid arrives in the north")
    );
}

#[test]
fn dates_come_from_json_ld_meta_time_and_bylines() {
    let with = |head: &str, body: &str| {
        draft(&format!(
            "<html><head>{head}</head><body>{body}<article>{STORY}</article></body></html>"
        ))
        .published
    };
    let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"WebSite","name":"Gazette"},
        {"@type":"NewsArticle","headline":"Convoy","datePublished":"2024-03-12T08:00:00Z"}]}</script>"#;
    assert_eq!(with(ld, "").as_deref(), Some("2024-03-12T08:00:00Z"));
    let meta = r#"<meta name="dc.date" content="2023-11-02">"#;
    assert_eq!(with(meta, "").as_deref(), Some("2023-11-02"));
    let time = r#"<article><time datetime="2022-05-06T10:00">6 May</time></article>"#;
    assert_eq!(with("", time).as_deref(), Some("2022-05-06T10:00"));
    let byline = r#"<p class="entry-meta">Veröffentlicht am 3. August 2015 von Anna</p>"#;
    assert_eq!(with("", byline).as_deref(), Some("2015-08-03"));
    let numeric = r#"<span class="itemPostDate">am 25.08.2015 22:30</span>"#;
    assert_eq!(with("", numeric).as_deref(), Some("2015-08-25"));
}

#[test]
fn hostile_markup_is_read_whole() {
    // Bare ampersands, deep nesting and stray end tags: each once slow, now read in one pass.
    let amps = "&".repeat(200_000);
    assert_eq!(decode_entities(&amps, HtmlRules::builtin()), amps);
    let deep = format!("{}<p>bottom</p>", "<div>".repeat(50_000));
    assert_eq!(body(&deep), "bottom");
    let stray = format!("<p>kept</p>{}", "</span>".repeat(100_000));
    assert_eq!(body(&stray), "kept");
}

#[test]
fn a_post_title_under_a_site_name_h1_and_in_an_article_header() {
    let blog = format!(
        "<html><head><title>Nummer zwei: Leo | seelenradio</title></head><body>\
         <header id=\"masthead\"><h1 class=\"site-title\">seelenradio</h1></header>\
         <div class=\"post\"><h2 class=\"entry-title\">Nummer zwei: Leo</h2>{STORY}</div></body></html>"
    );
    assert_eq!(draft(&blog).title.as_deref(), Some("Nummer zwei: Leo"));
    let post = format!(
        "<html><head><title>Uberspace und Let’s Encrypt › Am Rande der Realität</title></head>\
         <body><article><header class=\"entry-header\"><h1 class=\"entry-title\">Uberspace und \
         Let’s Encrypt</h1></header>{STORY}</article></body></html>"
    );
    assert_eq!(
        draft(&post).title.as_deref(),
        Some("Uberspace und Let’s Encrypt")
    );
}

#[test]
fn a_date_in_words_in_a_time_element_or_a_short_line() {
    let time = format!(
        "<html><body><ul class=\"info\"><li><time>29.04.2020, 12:01 Uhr</time></li></ul>\
         <article>{STORY}</article></body></html>"
    );
    assert_eq!(draft(&time).published.as_deref(), Some("2020-04-29"));
    let line = format!(
        "<html><body><div><span>Sara Zinnecker</span> <span>Stand: 05. Februar 2020</span></div>\
         <article>{STORY}<p>The talks of 12 March 2019 failed, the governor recalled.</p></article>\
         </body></html>"
    );
    assert_eq!(draft(&line).published.as_deref(), Some("2020-02-05"));
    let story_only = format!(
        "<html><body><article>{STORY}<p>The talks of 12 March 2019 failed, the governor \
         recalled, and the convoys have waited at the crossing ever since then.</p></article></body></html>"
    );
    assert_eq!(
        draft(&story_only).published,
        None,
        "a date inside the story is news"
    );
}

#[test]
fn a_glued_kicker_and_a_logo_linking_home_are_not_the_title() {
    let kicker = format!(
        "<html><head><meta property=\"og:title\" content=\"Why collaborative thinking wins\">\
         </head><body><article><h1><span>Open Progress</span><span>Why collaborative thinking \
         wins</span></h1>{STORY}</article></body></html>"
    );
    assert_eq!(
        draft(&kicker).title.as_deref(),
        Some("Why collaborative thinking wins")
    );
    let logo = format!(
        "<html><head><title>Podcasts in Plex einbinden - Disfunctions</title></head><body>\
         <div id=\"top\"><h1><a href=\"https://disfunctions.example/\">Disfunctions</a></h1></div>\
         <div class=\"post\"><h2>Podcasts in Plex einbinden</h2>{STORY}</div></body></html>"
    );
    assert_eq!(
        draft(&logo).title.as_deref(),
        Some("Podcasts in Plex einbinden")
    );
}

#[test]
fn the_marked_article_wins_when_readability_keeps_a_small_part_of_it() {
    let marked = "lead ".repeat(10) + &"story ".repeat(100);
    let part = "story ".repeat(30);
    assert_eq!(pick(Some(part.clone()), marked.clone(), true), marked);
    // Without a marked article, or when Readability kept most of it, its text stands.
    assert_eq!(pick(Some(part.clone()), marked.clone(), false), part);
    let most = "story ".repeat(90);
    assert_eq!(pick(Some(most.clone()), marked.clone(), true), most);
    assert_eq!(pick(None, marked.clone(), false), marked);
}
