//! Saved pages for `masthead scan --html`: the visible text and the links, parsed with a real HTML
//! parser (html5ever via scraper), never with regular expressions.

use scraper::{Html, Node};
use url::Url;

/// A page reduced to what Masthead reads: visible text (blocks separated by newlines) and links,
/// each link located by the span of its text within `text`.
#[derive(Debug, Default)]
pub struct PageText {
    pub text: String,
    pub links: Vec<Link>,
}

#[derive(Debug)]
pub struct Link {
    pub start: usize,
    pub end: usize,
    pub href: String,
}

/// Elements whose text is not prose a reader sees or that Masthead must not annotate.
const SKIPPED: &[&str] = &["script", "style", "noscript", "template", "code", "pre", "textarea", "svg", "math", "head", "select", "option"];
const BLOCKS: &[&str] = &[
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "table",
    "section", "article", "header", "footer", "nav", "aside", "blockquote", "figcaption", "figure", "main",
    "dd", "dt", "dl", "hr", "title", "form",
];

pub fn extract(html: &str) -> PageText {
    let doc = Html::parse_document(html);
    let base = base_url(&doc);
    let mut page = PageText::default();
    let mut skip_depth = 0usize;
    let mut open_links: Vec<(usize, Option<String>)> = Vec::new();
    // traverse() is iterative: deeply nested hostile markup cannot overflow the stack here.
    for edge in doc.root_element().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if skip_depth > 0 || SKIPPED.contains(&name) {
                        skip_depth += 1;
                        continue;
                    }
                    if BLOCKS.contains(&name) {
                        page.text.push('\n');
                    }
                    if name == "a" {
                        let href = el.attr("href").and_then(|h| resolve(base.as_ref(), h));
                        open_links.push((page.text.len(), href));
                    }
                }
                Node::Text(t) if skip_depth == 0 => page.text.push_str(t),
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
                            page.links.push(Link { start, end: page.text.len(), href });
                        }
                    }
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

/// The page's own address, for resolving relative links: `<base href>`, then the canonical link, then
/// `og:url`. Without one, relative links are left out.
fn base_url(doc: &Html) -> Option<Url> {
    let pick = |sel: &str, attr: &str| {
        let s = scraper::Selector::parse(sel).ok()?;
        doc.select(&s).find_map(|e| e.value().attr(attr)).and_then(|h| Url::parse(h).ok())
    };
    pick("base[href]", "href").or_else(|| pick("link[rel=canonical]", "href")).or_else(|| pick("meta[property='og:url']", "content"))
}

fn resolve(base: Option<&Url>, href: &str) -> Option<String> {
    let url = match Url::parse(href.trim()) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(href.trim()).ok()?,
        Err(_) => return None,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
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
}
