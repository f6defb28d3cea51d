//! Saved pages for `masthead scan --html`: the visible text and the links, parsed with a real HTML
//! parser (html5ever via scraper), never with regular expressions.

use crate::host::{parse_absolute_web_url, strip_ignored, UrlError};
use scraper::{Html, Node};
use url::Url;

/// A page reduced to what Masthead reads: its reading matter (blocks separated by newlines) and the
/// links in it, each located by the span of its text within `text`, plus what the page says of itself.
#[derive(Debug, Default)]
pub struct PageText {
    pub text: String,
    pub links: Vec<Link>,
    /// The page's own address (`<base>`, canonical link or `og:url`), if it gives one.
    pub url: Option<Url>,
    /// `og:site_name` (or `application-name`), if any.
    pub site_name: String,
    pub title: String,
}

#[derive(Debug)]
pub struct Link {
    pub start: usize,
    pub end: usize,
    pub href: String,
}

/// The reading-matter rules, shared with the content script (`extension/content/content.js`, which
/// must apply the same ones so that `masthead scan --html` predicts what a reader sees).
///
/// Elements whose text is not prose a reader sees or that Masthead must not annotate.
pub const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "code", "pre", "kbd", "samp", "textarea", "input", "select",
    "option", "button", "svg", "math", "head", "title", "iframe", "object", "canvas", "nav", "menu", "aside",
    "dialog",
];
/// Page chrome by role: navigation, menus, banners, footers, tab strips, sidebars.
pub const SKIPPED_ROLES: &[&str] =
    &["navigation", "menu", "menubar", "banner", "contentinfo", "tablist", "toolbar", "search", "complementary", "dialog"];
/// Class or id words of share and follow widgets ("share-buttons", "social-share", "sharebar").
pub const WIDGET_WORDS: &[&str] = &["share", "sharing", "sharebar", "sharetools", "addthis", "addtoany", "sharethis", "follow", "social"];
const BLOCKS: &[&str] = &[
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "table",
    "section", "article", "header", "footer", "nav", "aside", "blockquote", "figcaption", "figure", "main",
    "dd", "dt", "dl", "hr", "title", "form",
];

/// Is this element, by itself, outside the reading matter? `in_article`: it is inside an `article`,
/// whose own header and footer (title, byline, dateline) are read.
pub fn is_skipped(el: &scraper::node::Element, in_article: bool) -> bool {
    let name = el.name();
    if SKIPPED.contains(&name) || (!in_article && (name == "header" || name == "footer")) {
        return true;
    }
    let attr = |a: &str| el.attr(a).map(|v| v.trim().to_ascii_lowercase());
    if el.attr("hidden").is_some() || attr("aria-hidden").as_deref() == Some("true") {
        return true;
    }
    if attr("role").is_some_and(|r| r.split_ascii_whitespace().any(|r| SKIPPED_ROLES.contains(&r))) {
        return true;
    }
    if let Some(style) = attr("style") {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    if el.attr("contenteditable").is_some_and(|v| !v.eq_ignore_ascii_case("false")) {
        return true;
    }
    let widget = |v: &str| v.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| WIDGET_WORDS.contains(&w.to_ascii_lowercase().as_str()));
    el.attr("class").is_some_and(widget) || el.attr("id").is_some_and(widget)
}

pub fn extract(html: &str) -> PageText {
    let doc = Html::parse_document(html);
    let base = base_url(&doc);
    let mut page = PageText {
        site_name: meta(&doc, "meta[property='og:site_name']", "content")
            .or_else(|| meta(&doc, "meta[name='application-name']", "content"))
            .unwrap_or_default(),
        title: meta_text(&doc, "title").unwrap_or_default(),
        url: base.clone(),
        ..PageText::default()
    };
    // Where the page marks its main content, only that is read.
    let has = |sel: &str| scraper::Selector::parse(sel).is_ok_and(|s| doc.select(&s).next().is_some());
    let region: &[&str] = if has("main, [role=main]") {
        &["main"]
    } else if has("article") {
        &["article"]
    } else {
        &[]
    };
    let in_region = |el: &scraper::node::Element| {
        region.contains(&el.name()) || (region == ["main"] && el.attr("role").is_some_and(|r| r.eq_ignore_ascii_case("main")))
    };
    let mut region_depth = 0usize;
    let mut article_depth = 0usize;
    let mut skip_depth = 0usize;
    let mut open_links: Vec<(usize, Option<String>)> = Vec::new();
    // traverse() is iterative: deeply nested hostile markup cannot overflow the stack here.
    for edge in doc.root_element().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    if skip_depth > 0 || is_skipped(el, article_depth > 0) {
                        skip_depth += 1;
                        continue;
                    }
                    let name = el.name();
                    region_depth += usize::from(in_region(el));
                    article_depth += usize::from(name == "article");
                    if BLOCKS.contains(&name) {
                        page.text.push('\n');
                    }
                    if name == "a" {
                        let href = el.attr("href").and_then(|h| resolve(base.as_ref(), h));
                        open_links.push((page.text.len(), href));
                    }
                }
                Node::Text(t) if skip_depth == 0 && (region.is_empty() || region_depth > 0) => page.text.push_str(t),
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    let name = el.name();
                    if name == "a" {
                        if let Some((start, Some(href))) = open_links.pop() {
                            // An icon-only link (a follow button, a logo) cites nobody.
                            if !page.text[start..].trim().is_empty() {
                                page.links.push(Link { start, end: page.text.len(), href });
                            }
                        }
                    }
                    region_depth -= usize::from(in_region(el));
                    article_depth -= usize::from(name == "article");
                    if BLOCKS.contains(&name) {
                        page.text.push('\n');
                    }
                }
            }
        }
    }
    page.links.sort_by_key(|l| l.start);
    page
}

fn meta(doc: &Html, sel: &str, attr: &str) -> Option<String> {
    let s = scraper::Selector::parse(sel).ok()?;
    doc.select(&s).find_map(|e| e.value().attr(attr)).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

fn meta_text(doc: &Html, sel: &str) -> Option<String> {
    let s = scraper::Selector::parse(sel).ok()?;
    doc.select(&s).next().map(|e| e.text().collect::<String>().trim().to_string())
}

/// The page's own address, for resolving relative links: `<base href>`, then the canonical link, then
/// `og:url`. Without one, relative links are left out.
fn base_url(doc: &Html) -> Option<Url> {
    let pick = |sel: &str, attr: &str| {
        let s = scraper::Selector::parse(sel).ok()?;
        doc.select(&s).find_map(|e| e.value().attr(attr)).and_then(|h| parse_absolute_web_url(h).ok())
    };
    pick("base[href]", "href")
        .or_else(|| pick("link[rel=canonical]", "href"))
        .or_else(|| pick("meta[property='og:url']", "content"))
}

fn resolve(base: Option<&Url>, href: &str) -> Option<String> {
    // What the WHATWG parser ignores (edge controls and spaces, every tab and newline), read the same way.
    let href = strip_ignored(href);
    // Absolute and scheme-relative links carry their own host; they go through host.rs, which
    // prepares the host for the table-less IDNA step. Path-relative links reuse the base's host.
    let scheme_relative = href.starts_with(['/', '\\']) && href[1..].starts_with(['/', '\\']);
    let url = match parse_absolute_web_url(&href) {
        Ok(u) => u,
        Err(UrlError::Malformed(_)) if scheme_relative => {
            parse_absolute_web_url(&format!("{}:{href}", base?.scheme())).ok()?
        }
        Err(UrlError::Malformed(_)) if !href.contains(':') || href.starts_with(['/', '?', '#', '.']) => {
            base?.join(&href).ok()?
        }
        Err(_) => return None,
    };
    Some(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_text_and_links() {
        let page = extract(
            r#"<html><head><title>T</title><link rel="canonical" href="https://www.cbc.ca/news/a"></head><body>
            <p>Said <b>Global</b> Times and <a href="https://www.globaltimes.cn/x">this story</a>.</p>
            <pre>Global Times in code</pre><script>var s = "Xinhua";</script>
            <a href="/local">local</a><a href="javascript:void(0)">js</a></body></html>"#,
        );
        assert!(page.text.contains("Said Global Times and this story."));
        assert!(!page.text.contains("in code"));
        assert!(!page.text.contains("Xinhua"));
        assert_eq!(page.links.len(), 2);
        assert_eq!(&page.text[page.links[0].start..page.links[0].end], "this story");
        assert_eq!(page.links[0].href, "https://www.globaltimes.cn/x");
        assert_eq!(page.links[1].href, "https://www.cbc.ca/local");
    }

    #[test]
    fn reads_only_the_reading_matter() {
        let page = extract(
            r#"<html><head><title>Story - Site</title><meta property="og:site_name" content="The Site"></head><body>
            <header>Masthead header</header><nav>Nav menu</nav>
            <div role="navigation">Role nav</div><ul role="menu"><li>Role menu</li></ul>
            <main><article>
              <header>Article header</header>
              <p>Body text <a href="https://www.rt.com/x">linked</a>.</p>
              <p hidden>Hidden attr</p><p aria-hidden="true">Aria hidden</p><p style="display: none">Styled away</p>
              <div class="share-buttons"><a href="https://x.com/intent/tweet">Share widget</a></div>
              <div id="social">Social box</div>
              <p><a href="https://www.rt.com/y"><img src="i.png"></a></p>
              <aside>Aside box</aside><iframe>Frame</iframe><button>Button</button>
              <footer>Article footer</footer>
            </article></main>
            <p>Outside main</p><footer>Page footer</footer></body></html>"#,
        );
        for kept in ["Article header", "Body text linked.", "Article footer"] {
            assert!(page.text.contains(kept), "{kept:?} is read: {:?}", page.text);
        }
        for gone in [
            "Masthead header", "Nav menu", "Role nav", "Role menu", "Hidden attr", "Aria hidden", "Styled away", "Share widget",
            "Social box", "Aside box", "Frame", "Button", "Outside main", "Page footer", "Story",
        ] {
            assert!(!page.text.contains(gone), "{gone:?} is not read: {:?}", page.text);
        }
        assert_eq!(page.links.len(), 1, "an icon-only link cites nobody: {:?}", page.links);
        assert_eq!(page.site_name, "The Site");
        assert_eq!(page.title, "Story - Site");
    }

    #[test]
    fn without_main_or_article_the_whole_body_is_read() {
        let page = extract("<html><body><div>One</div><p>Two</p><footer>Three</footer></body></html>");
        assert!(page.text.contains("One") && page.text.contains("Two") && !page.text.contains("Three"));
        let page = extract("<html><body><div>Teaser</div><article><p>Story</p></article></body></html>");
        assert!(page.text.contains("Story") && !page.text.contains("Teaser"));
    }

    #[test]
    fn resolves_links_as_a_browser_would() {
        let base = Url::parse("https://www.cbc.ca/news/a").ok();
        let cases = [
            ("https://RT.com/x", Some("https://rt.com/x")),
            ("//www.globaltimes.cn/x", Some("https://www.globaltimes.cn/x")),
            ("\\\\Bücher.de/", Some("https://xn--bcher-kva.de/")),
            ("b", Some("https://www.cbc.ca/news/b")),
            ("?q=1", Some("https://www.cbc.ca/news/a?q=1")),
            ("javascript:void(0)", None),
            ("mailto:a@b.c", None),
            // Hosts that would reach the IDNA step with upper case beside other characters.
            ("https://A%41%FF.com/", None),
            ("\u{1}//A%FF/", None),
            ("/\t/A\u{FFFC}%FF", None),
            ("ftp://A\u{FFFC}/", None),
        ];
        for (href, want) in cases {
            assert_eq!(resolve(base.as_ref(), href).as_deref(), want, "{href:?}");
        }
        assert_eq!(resolve(None, "/relative"), None, "no base, no relative links");
    }
}
