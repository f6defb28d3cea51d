//! The page's own identity. On a site that is not in the dataset, the site's own name in its masthead,
//! title or footer is the site speaking of itself, never a citation: measured in Dec 2026,
//! assabah.com.tn's masthead "الصباح" was marked ten times as Iraq's Al-Sabah.

use crate::mentions::fold_apostrophes;

/// What a page says its own name is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnSite {
    /// Lower-cased names: `og:site_name`, the title's last segment.
    names: Vec<String>,
    /// Lower-cased labels of the host, without `www` and the top-level label.
    host_labels: Vec<String>,
    /// The host without `www.`.
    host: String,
}

/// Separators between a page's headline and its site name in `<title>`: "Headline - Site".
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " · ", " :: ", " « ", " » ", "｜", "_"];

impl OwnSite {
    /// From the page's host, its `og:site_name` (or `application-name`) and its `<title>`; any may be empty.
    pub fn new(host: &str, site_name: &str, title: &str) -> OwnSite {
        let mut names = Vec::new();
        let mut push = |s: &str| {
            let s = fold(s.trim());
            if s.chars().count() >= 2 && s.chars().count() <= 80 && !names.contains(&s) {
                names.push(s);
            }
        };
        push(site_name);
        if let Some(last) = title_site_segment(title) {
            push(last);
        }
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let labels: Vec<&str> = host.split('.').collect();
        let host_labels = labels
            .iter()
            .take(labels.len().saturating_sub(1))
            .filter(|l| !matches!(**l, "www" | "m" | "amp" | "mobile" | "news" | "com" | "co" | "org" | "net"))
            .map(|l| l.to_string())
            .collect();
        let bare = host.strip_prefix("www.").unwrap_or(&host).to_string();
        OwnSite { names, host_labels, host: bare }
    }

    /// No identity: nothing is the site's own name.
    pub fn none() -> OwnSite {
        OwnSite::default()
    }

    /// Is `domain` (a bare domain found in the page's text) the site's own host or a parent of it?
    pub fn is_own_domain(&self, domain: &str) -> bool {
        let d = domain.to_ascii_lowercase();
        let d = d.strip_prefix("www.").unwrap_or(&d);
        !self.host.is_empty() && (self.host == d || self.host.ends_with(&format!(".{d}")))
    }

    /// Is `matched` (a name found in the page's text) the site's own name? It is when it stands as
    /// whole words in one of the site's names, or spelled without spaces it is a label of the host.
    pub fn is_own_name(&self, matched: &str) -> bool {
        let m = fold(matched);
        if m.is_empty() {
            return false;
        }
        // "The Detroit News" is detroitnews.com; "mbl.is" is www.mbl.is.
        let unarticled = ["the ", "le ", "la ", "el ", "die ", "der ", "il "].iter().find_map(|a| m.strip_prefix(a)).unwrap_or(&m);
        let compact: String = unarticled.chars().filter(|c| c.is_alphanumeric()).map(strip_accent).collect();
        self.names.iter().any(|n| contains_words(n, &m))
            || self.host_labels.iter().any(|l| *l == compact)
            || (m.contains('.') && self.is_own_domain(&m))
    }
}

/// Hosts are written without accents: "Página Siete" is paginasiete.bo.
fn strip_accent(c: char) -> char {
    const FROM: &str = "àáâãäåāăąçćčďèéêëēęěğìíîïīıłñńňòóôõöøōőřśşšťùúûüūůűýÿźżž";
    const TO: &str = "aaaaaaaaacccdeeeeeeegiiiiiilnnnoooooooorssstuuuuuuuyyzzz";
    FROM.chars().position(|f| f == c).and_then(|i| TO.chars().nth(i)).unwrap_or(c)
}

fn fold(s: &str) -> String {
    fold_apostrophes(s).to_lowercase()
}

/// The site name in a title such as "Headline - Site Name": its last segment, if it has several.
fn title_site_segment(title: &str) -> Option<&str> {
    TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| &title[i + sep.len()..]))
        .min_by_key(|rest| rest.len())
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// `needle` occurs in `hay` with no letter or digit glued to either side (CJK needs no boundary).
fn contains_words(hay: &str, needle: &str) -> bool {
    let unspaced = |c: char| (c as u32) >= 0x2E80;
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        let first = needle.chars().next();
        let last = needle.chars().next_back();
        let left = before.is_none_or(|c| !c.is_alphanumeric() || first.is_some_and(unspaced));
        let right = after.is_none_or(|c| !c.is_alphanumeric() || last.is_some_and(unspaced));
        left && right
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_names_itself() {
        let cases: &[(&str, &str, &str, &str, bool)] = &[
            ("www.assabah.com.tn", "", "خبر اليوم - الصباح نيوز", "الصباح", true),
            ("www.assabah.com.tn", "", "", "Assabah", true),
            ("example.org", "Global News Network", "", "Global News", true),
            ("example.org", "Global News Network", "", "Global Times", false),
            ("www.sina.com.cn", "新浪财经", "", "财经", true),
            ("example.org", "", "Why Reuters matters | The Blog", "Reuters", false),
            ("example.org", "", "The Nation | Headline", "The Nation", false),
            ("example.org", "", "Headline | The Nation", "The Nation", true),
            ("example.org", "Mehrheit", "", "Mehr", false),
            ("www.paginasiete.bo", "", "", "Página Siete", true),
            ("www.detroitnews.com", "", "", "The Detroit News", true),
            ("www.mbl.is", "", "", "mbl.is", true),
        ];
        for (host, site_name, title, matched, want) in cases {
            assert_eq!(OwnSite::new(host, site_name, title).is_own_name(matched), *want, "{host} {site_name} {title} {matched}");
        }
        assert!(!OwnSite::none().is_own_name("Reuters"));
        let own = OwnSite::new("www.pagina12.com.ar", "", "");
        assert!(own.is_own_domain("www.pagina12.com.ar") && own.is_own_domain("pagina12.com.ar"));
        assert!(!own.is_own_domain("clarin.com") && !OwnSite::none().is_own_domain("rt.com"));
    }
}
