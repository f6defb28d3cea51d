//! URL lookup and citation lookup against the bundled dataset: any text as a URL.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static ENGINE: OnceLock<masthead::Engine> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let engine = ENGINE.get_or_init(|| masthead::Engine::from_bundle(masthead::BUNDLED).expect("the bundled data loads"));
    let text = String::from_utf8_lossy(data);
    let _ = engine.lookup_url(&text);
    let _ = engine.lookup_citation(&text);
    let _ = masthead::host::normalize_host(&text);
});
