//! Bundles: round trip, damage detection, signatures, replays, size limits.

mod common;
use common::{fixture_bundle, fixture_dataset};
use masthead::bundle::{self, BundleError};
use masthead::{Engine, LoadError};

fn key(seed: u8) -> ed25519_dalek::SigningKey {
    bundle::signing_key(&[seed; 32]).unwrap()
}

#[test]
fn round_trip_keeps_the_dataset_and_header() {
    let bytes = fixture_bundle(2026112800);
    let (info, dataset) = bundle::decode(&bytes).unwrap();
    assert_eq!(info.version, 2026112800);
    assert_eq!(info.created, "2026-11-28");
    assert!(!info.signed);
    assert_eq!(dataset, fixture_dataset());
    let engine = Engine::from_bundle(&bytes).unwrap();
    assert_eq!(engine.stats().outlets, 25);
}

#[test]
fn damaged_bundles_are_refused_with_a_reason() {
    let good = fixture_bundle(1);
    let mut flipped = good.clone();
    let mid = good.len() / 2;
    flipped[mid] ^= 0x40;
    let mut newer_format = good.clone();
    newer_format[8] = 9;
    // Format 1 had no `no_controller` field: its payload cannot be read as format 2.
    let mut older_format = good.clone();
    older_format[8] = 1;
    let mut trailing = good.clone();
    trailing.extend_from_slice(b"junk");
    // A version above 2^53 - 1 is not exact in JavaScript; above MAX_VERSION none is accepted.
    let mut huge_version = good.clone();
    huge_version[10..18].copy_from_slice(&(1u64 << 53).wrapping_add(1).to_le_bytes());
    let mut max_plus_one = good.clone();
    max_plus_one[10..18].copy_from_slice(&(bundle::MAX_VERSION + 1).to_le_bytes());
    let cases: Vec<(&str, Vec<u8>, BundleError)> = vec![
        ("empty", vec![], BundleError::NotABundle),
        ("html", b"<!doctype html><p>404</p>".to_vec(), BundleError::NotABundle),
        ("magic only", b"MASTHEAD".to_vec(), BundleError::Truncated),
        ("truncated header", good[..20].to_vec(), BundleError::Truncated),
        ("truncated payload", good[..good.len() - 10].to_vec(), BundleError::Truncated),
        ("bit flip", flipped, BundleError::ChecksumMismatch),
        ("newer format", newer_format, BundleError::UnsupportedFormat(9)),
        ("older format", older_format, BundleError::UnsupportedFormat(1)),
        ("trailing bytes", trailing, BundleError::TrailingBytes),
        ("version above 2^53", huge_version, BundleError::VersionOutOfRange((1u64 << 53) + 1)),
        ("version above the maximum", max_plus_one, BundleError::VersionOutOfRange(bundle::MAX_VERSION + 1)),
    ];
    for (name, bytes, want) in cases {
        match Engine::from_bundle(&bytes) {
            Err(LoadError::Bundle(got)) => assert_eq!(got, want, "{name}"),
            Err(other) => panic!("{name}: unexpected error {other}"),
            Ok(_) => panic!("{name}: a damaged bundle was accepted"),
        }
    }
}

#[test]
fn oversize_is_refused_before_decoding() {
    let mut bytes = fixture_bundle(1);
    bytes[28..32].copy_from_slice(&(bundle::MAX_PAYLOAD as u32 + 1).to_le_bytes());
    assert_eq!(bundle::decode(&bytes).unwrap_err(), BundleError::TooLarge);
}

#[test]
fn signatures_verify_only_with_the_right_key_and_bytes() {
    let signed = bundle::sign(&fixture_bundle(5), &key(1)).unwrap();
    let public = key(1).verifying_key();
    let info = bundle::verify(&signed, &public).unwrap();
    assert!(info.signed);
    assert_eq!(info.version, 5);
    // A signed bundle still loads normally.
    assert!(Engine::from_bundle_validated(&signed).is_ok());

    assert_eq!(bundle::verify(&signed, &key(2).verifying_key()).unwrap_err(), BundleError::BadSignature);
    assert_eq!(bundle::verify(&fixture_bundle(5), &public).unwrap_err(), BundleError::Unsigned);

    // Any flipped byte, in header, payload or signature, fails verification.
    for at in [12, 40, signed.len() / 2, signed.len() - 1] {
        let mut tampered = signed.clone();
        tampered[at] ^= 1;
        assert!(bundle::verify(&tampered, &public).is_err(), "flip at {at}");
    }
    // Raising the version in the header to replay old data as new breaks the signature.
    let mut replay = signed.clone();
    replay[10..18].copy_from_slice(&99u64.to_le_bytes());
    assert_eq!(bundle::verify(&replay, &public).unwrap_err(), BundleError::BadSignature);
    // A cut-off signature is a truncation.
    assert_eq!(bundle::verify(&signed[..signed.len() - 30], &public).unwrap_err(), BundleError::Truncated);
    // Re-signing replaces the old signature rather than stacking another.
    let resigned = bundle::sign(&signed, &key(2)).unwrap();
    assert_eq!(resigned.len(), signed.len());
    assert!(bundle::verify(&resigned, &key(2).verifying_key()).is_ok());
}

#[test]
fn the_version_is_in_the_signed_header() {
    let old = bundle::sign(&fixture_bundle(3), &key(1)).unwrap();
    let new = bundle::sign(&fixture_bundle(4), &key(1)).unwrap();
    let public = key(1).verifying_key();
    assert!(bundle::verify(&new, &public).unwrap().version > bundle::verify(&old, &public).unwrap().version);
}

#[test]
fn keys_round_trip_as_hex() {
    let k = key(7);
    let hex = bundle::to_hex(k.verifying_key().as_bytes());
    assert_eq!(hex.len(), 64);
    let back = bundle::verifying_key(&bundle::from_hex(&hex).unwrap()).unwrap();
    assert_eq!(back, k.verifying_key());
    assert!(bundle::from_hex("abc").is_none());
    assert!(bundle::from_hex("zz").is_none());
    assert!(matches!(bundle::verifying_key(&[1, 2, 3]), Err(BundleError::BadKey(_))));
}

#[test]
fn the_embedded_dataset_loads() {
    // BUNDLED is compiled from data/ by build.rs; if data/ is invalid it is an empty dataset, which
    // must still load.
    let engine = Engine::from_bundle(masthead::BUNDLED).unwrap();
    let _ = engine.stats();
}

