//! A reader's local edits applied over a dataset (the small test dataset, so each run starts fresh
//! quickly): any text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

static BUNDLE: OnceLock<Vec<u8>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let bytes = BUNDLE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/data");
        let outcome = masthead::dataset_dir::load(&dir).expect("the fixture dataset is readable");
        masthead::bundle::encode(&outcome.dataset.expect("the fixture dataset validates"), 1, "2026-12-05")
    });
    let mut engine = masthead::Engine::from_bundle(bytes).expect("the fixture bundle loads");
    let text = String::from_utf8_lossy(data);
    if engine.apply_edits(&text).is_ok() {
        for e in 0..engine.dataset().entities.len() {
            let _ = engine.chain(e);
        }
    }
});
