//! Validation of data/ files: any text, as JSON or not.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let outcome = masthead::validate::validate_texts(&[("fuzz.json".to_string(), text)]);
    // A dataset that validates must also compile and load.
    let clean = outcome.error_count() == 0;
    if let Some(dataset) = outcome.dataset.filter(|_| clean) {
        let bytes = masthead::bundle::encode(&dataset, 1, "2026-12-05");
        masthead::Engine::from_bundle_validated(&bytes).expect("a validated dataset loads");
    }
});
