//! Bundle loading: arbitrary bytes, and arbitrary payloads behind a well-formed header with the right
//! checksum (so the fuzzer reaches decoding and the consistency checks, not only the checksum).
#![no_main]
use libfuzzer_sys::fuzz_target;
use masthead::{bundle, Engine};

fuzz_target!(|data: &[u8]| {
    let _ = Engine::from_bundle(data);
    let _ = Engine::from_bundle_validated(data);
    let mut framed = Vec::with_capacity(36 + data.len());
    framed.extend_from_slice(bundle::MAGIC);
    framed.extend_from_slice(&bundle::FORMAT_VERSION.to_le_bytes());
    framed.extend_from_slice(&2026120500u64.to_le_bytes());
    framed.extend_from_slice(b"2026-12-05");
    framed.extend_from_slice(&(data.len() as u32).to_le_bytes());
    framed.extend_from_slice(&bundle::checksum(data).to_le_bytes());
    framed.extend_from_slice(data);
    let _ = Engine::from_bundle(&framed);
    let _ = Engine::from_bundle_validated(&framed);
});
