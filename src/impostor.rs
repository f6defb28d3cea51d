//! Impostor hosts: sites that only look like a known outlet's.
//!
//! Three kinds of evidence, strongest first:
//! - **documented**: the host is listed under an outlet's `impostors`, with the source that documents
//!   it (cloned sites of an influence operation such as "Doppelganger");
//! - **homograph**: the host, decoded from punycode and folded by the UTS #39 confusables, reads the
//!   same as an outlet's domain while it is not that domain (`xn--bld-...` for "bіld.de" with a
//!   Cyrillic і, or "rnsn.com" for "msn.com");
//! - **look-alike**: the outlet's distinctive registrable label on a new generic top-level domain it
//!   does not use ("spiegel.ltd", "bild.asia"). Only new gTLDs: on country and legacy domains the
//!   same label is too often another real outlet ("thesun.ng", "thestar.co.uk", "publimetro.co" were
//!   44 of MBFC's 9,775 sources in Dec 2026), and a wrong warning on a real site is worse than none.
//!
//! A host the dataset gives to any entity is never an impostor: the caller asks only after the
//! ordinary lookup found nothing.

use crate::model::Dataset;
use std::collections::HashMap;

include!(concat!(env!("OUT_DIR"), "/confusables.rs"));

/// Why a host is taken for an impostor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// Listed in the dataset with a source: `impostor` is its index in the outlet's `impostors`.
    Documented { impostor: usize },
    Homograph,
    Lookalike,
}

impl Evidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Documented { .. } => "documented",
            Evidence::Homograph => "homograph",
            Evidence::Lookalike => "lookalike",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImpostorMatch {
    /// The imitated outlet (index into the dataset's entities).
    pub outlet: usize,
    /// The outlet's domain that the host imitates.
    pub domain: String,
    pub evidence: Evidence,
}

/// Labels shorter than this are too often ordinary words or other outlets' names to warn about
/// on another top-level domain ("bild" is 4, "spiegel" 7, "washingtonpost" 14).
const MIN_LOOKALIKE_LABEL: usize = 5;

/// Top-level domains that are not new generic ones: legacy generics, and every two-letter country
/// code (checked by length).
const LEGACY_TLDS: &[&str] = &["com", "org", "net", "edu", "gov", "mil", "int", "arpa"];

#[derive(Debug, Default)]
pub struct ImpostorIndex {
    documented: HashMap<String, (usize, usize)>,
    /// Skeleton of each bare dataset domain → (outlet, domain).
    skeletons: HashMap<String, (usize, String)>,
    /// Registrable label → (outlet, domain), for labels only one outlet uses.
    labels: HashMap<String, (usize, String)>,
}

impl ImpostorIndex {
    pub fn new(dataset: &Dataset) -> ImpostorIndex {
        let mut index = ImpostorIndex::default();
        // Label → the outlets that use it: one outlet's several domains (spiegel.de, spiegel.tv) are
        // still one outlet; two outlets sharing a label are left alone.
        let mut label_users: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in dataset.entities.iter().enumerate() {
            for (k, imp) in e.impostors.iter().enumerate() {
                index.documented.insert(imp.domain.clone(), (i, k));
            }
            for d in e.domains.iter().filter(|d| !d.contains('/')) {
                // A domain of any entity (outlets, groups, platforms) anchors homographs: "paypa1.com"
                // is no outlet, but a host that reads as a group's site is still not that site.
                index.skeletons.entry(skeleton(d)).or_insert((i, d.clone()));
                if let Some(label) = registrable_label(d) {
                    if label.len() >= MIN_LOOKALIKE_LABEL && e.kind == crate::model::Kind::Outlet {
                        let users = label_users.entry(label.to_string()).or_default();
                        if !users.contains(&i) {
                            users.push(i);
                        }
                        index.labels.entry(label.to_string()).or_insert((i, d.clone()));
                    }
                }
            }
        }
        index.labels.retain(|label, _| label_users.get(label).is_some_and(|u| u.len() == 1));
        index
    }

    /// The outlet `host` imitates, if any. `host` is the normalised ASCII host of an address the
    /// ordinary lookup did not resolve.
    pub fn check(&self, host: &str) -> Option<ImpostorMatch> {
        let host = host.strip_prefix("www.").unwrap_or(host);
        for suffix in suffixes(host) {
            if let Some(&(outlet, k)) = self.documented.get(suffix) {
                return Some(ImpostorMatch { outlet, domain: String::new(), evidence: Evidence::Documented { impostor: k } });
            }
        }
        for suffix in suffixes(host) {
            if let Some((outlet, domain)) = self.skeletons.get(&skeleton(suffix)) {
                if domain != suffix {
                    return Some(ImpostorMatch { outlet: *outlet, domain: domain.clone(), evidence: Evidence::Homograph });
                }
            }
        }
        let (label, tld) = host.rsplit_once('.').and_then(|(rest, tld)| Some((rest.rsplit('.').next()?, tld)))?;
        let new_gtld = tld.len() > 2 && !LEGACY_TLDS.contains(&tld) && !tld.starts_with("xn--");
        if new_gtld {
            if let Some((outlet, domain)) = self.labels.get(label) {
                return Some(ImpostorMatch { outlet: *outlet, domain: domain.clone(), evidence: Evidence::Lookalike });
            }
        }
        None
    }
}

/// "a.b.example.com" → "a.b.example.com", "b.example.com", "example.com" (never a bare TLD).
fn suffixes(host: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(host);
    std::iter::from_fn(move || {
        let now = rest?;
        rest = now.split_once('.').map(|(_, r)| r).filter(|r| r.contains('.'));
        now.contains('.').then_some(now)
    })
}

/// The label before the public suffix, for the common shapes: "spiegel" of "spiegel.de",
/// "thestar" of "thestar.com.my" (a two-letter country code after a short second level).
fn registrable_label(domain: &str) -> Option<&str> {
    let labels: Vec<&str> = domain.split('.').collect();
    match labels.as_slice() {
        [.., label, second, cc] if cc.len() == 2 && second.len() <= 3 && labels.len() >= 3 => Some(label),
        [.., label, _tld] => Some(label),
        _ => None,
    }
}

/// The UTS #39 skeleton of an ASCII host, lower-cased: punycode labels decoded, each character
/// replaced by its confusable prototype where that is host text ("xn--bld-..." → "bild", "m" → "rn").
pub fn skeleton(host: &str) -> String {
    let mut out = String::with_capacity(host.len());
    for (i, label) in host.split('.').enumerate() {
        if i > 0 {
            out.push('.');
        }
        let decoded = label.strip_prefix("xn--").and_then(idna::punycode::decode_to_string).filter(|d| !d.is_empty());
        for c in decoded.as_deref().unwrap_or(label).chars().flat_map(char::to_lowercase) {
            match CONFUSABLE_KEYS.binary_search(&(c as u32)) {
                Ok(at) => {
                    let start = if at == 0 { 0 } else { CONFUSABLE_ENDS[at - 1] as usize };
                    out.push_str(CONFUSABLE_TEXT.get(start..CONFUSABLE_ENDS[at] as usize).unwrap_or_default());
                }
                Err(_) => out.push(c),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeletons_fold_confusables_and_punycode() {
        let cases = [
            // Cyrillic і (U+0456), in punycode as browsers hand it over.
            ("xn--bld-jhd.de", "bild.de"),
            ("rnsn.com", "msn.com"),
            ("g00gle.com", "google.com"),
            ("WASHINGTONPOST.COM", "washingtonpost.com"),
        ];
        for (host, want) in cases {
            assert_eq!(skeleton(host), skeleton(want), "{host}");
        }
        assert_ne!(skeleton("bild.de"), skeleton("blid.de"));
        assert_eq!(skeleton("xn--"), "xn--", "a broken punycode label stays as it is");
        assert!(CONFUSABLE_KEYS.windows(2).all(|w| w[0] < w[1]), "sorted for binary search");
        assert_eq!(CONFUSABLE_ENDS.last().map(|&e| e as usize), Some(CONFUSABLE_TEXT.len()));
    }

    #[test]
    fn suffixes_never_reach_a_bare_tld() {
        assert_eq!(suffixes("a.b.example.com").collect::<Vec<_>>(), ["a.b.example.com", "b.example.com", "example.com"]);
        assert_eq!(suffixes("com").count(), 0);
    }

    #[test]
    fn registrable_labels() {
        for (domain, want) in [("spiegel.de", Some("spiegel")), ("thestar.com.my", Some("thestar")), ("bbc.co.uk", Some("bbc")), ("news.bbc.co.uk", Some("bbc")), ("localhost", None)] {
            assert_eq!(registrable_label(domain), want, "{domain}");
        }
    }
}
