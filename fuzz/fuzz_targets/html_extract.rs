//! Reading matter of a saved page, then a scan of it: any text as HTML.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;
use std::sync::OnceLock;

static ENGINE: OnceLock<masthead::Engine> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let engine = ENGINE.get_or_init(|| masthead::Engine::from_bundle(masthead::BUNDLED).expect("the bundled data loads"));
    let html = String::from_utf8_lossy(data);
    let page = masthead::html::extract(&html);
    let host = page.url.as_ref().and_then(|u| u.host_str()).unwrap_or("").to_string();
    let own = masthead::site::OwnSite::new(&host, &page.site_name, &page.title);
    let linked: HashSet<usize> = page.links.iter().filter_map(|l| engine.lookup_citation(&l.href).ok().flatten()).map(|m| m.entity).collect();
    let _ = engine.scan_page(&page.text, &linked, &own);
});
