//! Text scanning against the bundled dataset: any text, with and without linked outlets and a site.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;
use std::sync::OnceLock;

static ENGINE: OnceLock<masthead::Engine> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let engine = ENGINE.get_or_init(|| masthead::Engine::from_bundle(masthead::BUNDLED).expect("the bundled data loads"));
    let text = String::from_utf8_lossy(data);
    let mentions = engine.scan(&text, &HashSet::new());
    for m in &mentions {
        assert!(m.start < m.end && m.end <= text.len() && text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
    let linked: HashSet<usize> = mentions.iter().map(|m| m.entity).collect();
    let _ = engine.scan(&text, &linked);
});
