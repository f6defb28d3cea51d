//! Impostor hosts (issue #13): documented clones, homographs and look-alikes of real outlets are
//! told apart from the outlets; no site the dataset lists, and none of the 1,000 most-visited news
//! domains, is ever taken for one.

use masthead::host::to_ascii_host;
use masthead::impostor::Evidence;
use masthead::Engine;

fn engine() -> Engine {
    Engine::from_bundle(masthead::BUNDLED).expect("the bundled dataset loads")
}

/// (outlet id, its domain, the same domain with one letter swapped for a Cyrillic or Greek twin)
const HOMOGRAPHS: &[(&str, &str, &str)] = &[
    ("bild", "bild.de", "b\u{456}ld.de"),
    ("der-spiegel", "spiegel.de", "spi\u{435}gel.de"),
    ("le-monde", "lemonde.fr", "lem\u{43e}nde.fr"),
    ("the-guardian", "theguardian.com", "thegu\u{430}rdian.com"),
    ("washington-post", "washingtonpost.com", "washingt\u{43e}npost.com"),
    ("fox-news", "foxnews.com", "f\u{43e}xnews.com"),
    ("new-york-times", "nytimes.com", "nytim\u{435}s.com"),
    ("reuters", "reuters.com", "r\u{435}uters.com"),
    ("bbc", "bbc.co.uk", "bb\u{441}.co.uk"),
    ("agence-france-presse", "afp.com", "\u{430}fp.com"),
    ("associated-press", "apnews.com", "\u{430}pnews.com"),
];

#[test]
fn homographs_of_major_outlets_in_unicode_and_punycode() {
    let engine = engine();
    for (id, real, fake) in HOMOGRAPHS {
        let outlet = engine.find(id).unwrap_or_else(|| panic!("{id} is in the dataset"));
        assert!(engine.entity(outlet).domains.iter().any(|d| d == real), "{id} has {real}");
        let puny = to_ascii_host(fake).expect("an IDN host");
        assert!(puny.contains("xn--"), "{fake} → {puny}");
        for form in [fake.to_string(), puny.clone(), format!("www.{puny}"), format!("news.{puny}")] {
            let m = engine.impostor(&format!("https://{form}/story")).unwrap().unwrap_or_else(|| panic!("{form} imitates {id}"));
            assert_eq!((engine.entity(m.outlet).id.as_str(), m.domain.as_str(), m.evidence), (*id, *real, Evidence::Homograph), "{form}");
        }
        // The real site is the outlet, never its own impostor.
        assert_eq!(engine.impostor(&format!("https://www.{real}/")).unwrap(), None);
        assert_eq!(engine.lookup_url(&format!("https://www.{real}/")).unwrap().map(|m| m.entity), Some(outlet));
    }
}

#[test]
fn documented_clones_name_their_operation_and_source() {
    let engine = engine();
    let mut documented = 0;
    for (i, e) in engine.dataset().entities.iter().enumerate() {
        for imp in &e.impostors {
            documented += 1;
            assert!(!imp.sources.is_empty(), "{} {}", e.id, imp.domain);
            let m = engine.impostor(&format!("http://{}/x", imp.domain)).unwrap().unwrap_or_else(|| panic!("{} is flagged", imp.domain));
            assert_eq!(m.outlet, i);
            assert!(matches!(m.evidence, Evidence::Documented { .. }), "{}", imp.domain);
        }
    }
    assert!(documented >= 1, "documented clones: {documented}");
}

#[test]
fn lookalikes_only_on_new_generic_domains() {
    let engine = engine();
    let cases: &[(&str, Option<(&str, Evidence)>)] = &[
        ("https://www.spiegel.ltd/", Some(("der-spiegel", Evidence::Lookalike))),
        ("https://washingtonpost.online/", Some(("washington-post", Evidence::Lookalike))),
        // Country and legacy domains: the same label is too often another real outlet.
        ("https://spiegel.co/", None),
        ("https://washingtonpost.net/", None),
        // Short labels say nothing ("bild", "welt", "bbc"): documented clones cover those.
        ("https://bild.asia/", None),
        ("https://example.ltd/", None),
    ];
    for (url, want) in cases {
        let got = engine.impostor(url).unwrap().map(|m| (engine.entity(m.outlet).id.clone(), m.evidence));
        assert_eq!(got, want.map(|(id, e)| (id.to_string(), e)), "{url}");
    }
}

#[test]
fn no_listed_site_is_ever_an_impostor() {
    let engine = engine();
    for e in &engine.dataset().entities {
        for d in &e.domains {
            let url = format!("https://{d}");
            assert_eq!(engine.impostor(&url).unwrap(), None, "{} ({})", d, e.id);
        }
    }
    // The 1,000 most-visited news domains, listed or not.
    let top = include_str!("fixtures/top-news/domains.txt");
    let flagged: Vec<&str> = top
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .filter(|d| engine.impostor(&format!("https://{d}")).unwrap().is_some())
        .collect();
    assert!(flagged.is_empty(), "top news domains taken for impostors: {flagged:?}");
}

#[test]
fn no_site_of_the_real_page_set_is_an_impostor() {
    // The hosts of the 1,078 real saved pages the judged citations come from (tests/precision).
    let engine = engine();
    let set = include_str!("precision/devset.jsonl");
    let mut hosts: Vec<String> = set
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|j| j["site_host"].as_str().map(str::to_string))
        .filter(|h| !h.is_empty())
        .collect();
    hosts.sort();
    hosts.dedup();
    assert!(hosts.len() >= 500, "{} hosts", hosts.len());
    let flagged: Vec<&String> = hosts.iter().filter(|h| engine.impostor(&format!("https://{h}/")).ok().flatten().is_some()).collect();
    assert!(flagged.is_empty(), "real sites taken for impostors: {flagged:?}");
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let engine = engine();
    assert!(engine.impostor("javascript:alert(1)").is_err());
    assert!(engine.impostor("not a url at all").is_err());
    for host in ["xn--", "xn--.com", "xn--zz.xn--", "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p", "\u{200d}.com"] {
        let _ = engine.impostor(&format!("https://{host}/"));
    }
}
