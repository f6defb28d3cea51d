//! The compiled dataset file: versioned, checksummed, optionally signed.
//!
//! ```text
//! offset  size  field
//!      0     8  magic "MASTHEAD"
//!      8     2  format version, u16 LE (this code reads FORMAT_VERSION)
//!     10     8  dataset version, u64 LE, monotonic (YYYYMMDDNN by convention)
//!     18    10  creation date, ASCII YYYY-MM-DD
//!     28     4  payload length N, u32 LE
//!     32     4  Adler-32 of the payload
//!     36     N  payload: the validated Dataset and the compiled text automaton, postcard-encoded
//!   36+N    68  optional: "SIG1" + ed25519 signature over bytes [0, 36+N)
//! ```
//!
//! The signature covers the header too, so version and date cannot be swapped for a replay. Loading
//! checks structure and checksum but does not re-run validation: `build` did that once.

use crate::mentions::{Scanner, ScannerTables};
use crate::model::Dataset;
use serde::{Deserialize, Serialize};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use std::collections::HashSet;
use std::fmt;

pub const MAGIC: &[u8; 8] = b"MASTHEAD";
pub const FORMAT_VERSION: u16 = 3;
const HEADER_LEN: usize = 36;
const SIG_MAGIC: &[u8; 4] = b"SIG1";
const SIG_BLOCK_LEN: usize = 4 + 64;
/// Larger payloads are refused before decoding: today's dataset is well under 2 MiB.
pub const MAX_PAYLOAD: usize = 64 << 20;
/// The highest dataset version: YYYYMMDDNN up to the year 9999. Far below 2^53, so every version is
/// exact as a JavaScript number (a larger one made the extension's `info()` fail).
pub const MAX_VERSION: u64 = 9_999_999_999;

/// What the header says about a bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleInfo {
    pub format: u16,
    pub version: u64,
    pub created: String,
    pub signed: bool,
    pub size: usize,
}

impl BundleInfo {
    /// The header of a dataset read straight from `data/` rather than from a bundle.
    pub fn unbundled(version: u64, created: &str) -> BundleInfo {
        BundleInfo { format: FORMAT_VERSION, version, created: created.to_string(), signed: false, size: 0 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleError {
    NotABundle,
    UnsupportedFormat(u16),
    Truncated,
    TrailingBytes,
    ChecksumMismatch,
    Undecodable(String),
    Inconsistent(String),
    TooLarge,
    VersionOutOfRange(u64),
    Unsigned,
    BadSignature,
    BadKey(String),
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BundleError::NotABundle => write!(f, "this is not a Masthead dataset file"),
            BundleError::UnsupportedFormat(v) => {
                write!(f, "the dataset uses format {v}, which this version of Masthead cannot read (it reads format {FORMAT_VERSION})")
            }
            BundleError::Truncated => write!(f, "the dataset file is incomplete (truncated)"),
            BundleError::TrailingBytes => write!(f, "the dataset file has unexpected bytes at its end"),
            BundleError::ChecksumMismatch => write!(f, "the dataset file is damaged (its checksum does not match)"),
            BundleError::Undecodable(e) => write!(f, "the dataset file is damaged ({e})"),
            BundleError::Inconsistent(e) => write!(f, "the dataset file is inconsistent ({e})"),
            BundleError::TooLarge => write!(f, "the dataset file is larger than Masthead accepts"),
            BundleError::VersionOutOfRange(v) => write!(f, "the dataset claims version {v}, above the highest possible version {MAX_VERSION}"),
            BundleError::Unsigned => write!(f, "the dataset is not signed"),
            BundleError::BadSignature => write!(f, "the signature does not match the Masthead key"),
            BundleError::BadKey(e) => write!(f, "the key is not usable ({e})"),
        }
    }
}

impl std::error::Error for BundleError {}

/// What the payload holds: the data, and the derived text automaton so loading need not build it.
#[derive(Deserialize)]
struct Payload {
    dataset: Dataset,
    scanner: ScannerTables,
}

/// The same fields, borrowed for encoding (postcard writes a reference exactly as the value).
#[derive(Serialize)]
struct PayloadRef<'a> {
    dataset: &'a Dataset,
    scanner: &'a ScannerTables,
}

/// Adler-32 (RFC 1950). It only has to catch damage (tampering is the signature's job); unlike a
/// table-driven CRC it adds no 16 KB table to the WebAssembly, and it runs at memory speed.
pub fn checksum(bytes: &[u8]) -> u32 {
    const MOD: u32 = 65521;
    // 5552 is the largest block for which the sums cannot overflow u32 before reduction.
    let (mut a, mut b) = (1u32, 0u32);
    for block in bytes.chunks(5552) {
        for &x in block {
            a += u32::from(x);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

/// Encodes a validated dataset as an unsigned bundle.
pub fn encode(dataset: &Dataset, version: u64, created: &str) -> Vec<u8> {
    let scanner = Scanner::compile(dataset);
    let payload = PayloadRef { dataset, scanner: &scanner };
    let payload = postcard::to_stdvec(&payload).expect("postcard encodes plain data without failing");
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len() + SIG_BLOCK_LEN);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&version.to_le_bytes());
    let mut date = [b'0'; 10];
    let c = created.as_bytes();
    date[..c.len().min(10)].copy_from_slice(&c[..c.len().min(10)]);
    out.extend_from_slice(&date);
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&checksum(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

/// A bundle split up: header, the signed part, and the signature if there is one.
type Parts<'a> = (BundleInfo, &'a [u8], Option<&'a [u8]>);

/// Splits a bundle into its header, the signed part and the signature, checking sizes only.
fn parts(bytes: &[u8]) -> Result<Parts<'_>, BundleError> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(if MAGIC.starts_with(bytes) && !bytes.is_empty() { BundleError::Truncated } else { BundleError::NotABundle });
    }
    if bytes.len() < HEADER_LEN {
        return Err(BundleError::Truncated);
    }
    let format = u16::from_le_bytes([bytes[8], bytes[9]]);
    if format != FORMAT_VERSION {
        return Err(BundleError::UnsupportedFormat(format));
    }
    let version = u64::from_le_bytes(bytes[10..18].try_into().expect("8 bytes"));
    if version > MAX_VERSION {
        return Err(BundleError::VersionOutOfRange(version));
    }
    let created = String::from_utf8_lossy(&bytes[18..28]).into_owned();
    let len = u32::from_le_bytes(bytes[28..32].try_into().expect("4 bytes")) as usize;
    if len > MAX_PAYLOAD {
        return Err(BundleError::TooLarge);
    }
    let signed_end = HEADER_LEN + len;
    let signature = match bytes.len().cmp(&signed_end) {
        std::cmp::Ordering::Less => return Err(BundleError::Truncated),
        std::cmp::Ordering::Equal => None,
        std::cmp::Ordering::Greater => {
            let rest = &bytes[signed_end..];
            if rest.len() < SIG_BLOCK_LEN && SIG_MAGIC.starts_with(&rest[..rest.len().min(4)]) {
                return Err(BundleError::Truncated);
            }
            if rest.len() != SIG_BLOCK_LEN || &rest[..4] != SIG_MAGIC {
                return Err(BundleError::TrailingBytes);
            }
            Some(&rest[4..])
        }
    };
    let info = BundleInfo { format, version, created, signed: signature.is_some(), size: bytes.len() };
    Ok((info, &bytes[..signed_end], signature))
}

/// Reads the header without decoding the payload.
pub fn info(bytes: &[u8]) -> Result<BundleInfo, BundleError> {
    parts(bytes).map(|(info, _, _)| info)
}

/// Decodes a bundle: structure, checksum, payload, and the cheap consistency checks that keep every
/// later lookup panic-free (ids unique and sorted, owners resolvable, no empty match patterns).
pub fn decode(bytes: &[u8]) -> Result<(BundleInfo, Dataset), BundleError> {
    decode_with_scanner(bytes).map(|(info, dataset, _)| (info, dataset))
}

/// Like `decode`, also returning the compiled text automaton (checked against the dataset).
pub fn decode_with_scanner(bytes: &[u8]) -> Result<(BundleInfo, Dataset, ScannerTables), BundleError> {
    let (info, signed, _) = parts(bytes)?;
    let payload = &signed[HEADER_LEN..];
    let sum = u32::from_le_bytes(signed[32..36].try_into().expect("4 bytes"));
    if checksum(payload) != sum {
        return Err(BundleError::ChecksumMismatch);
    }
    let Payload { dataset, scanner } = postcard::from_bytes(payload).map_err(|e| BundleError::Undecodable(e.to_string()))?;
    check_consistency(&dataset)?;
    scanner.check(dataset.entities.len()).map_err(BundleError::Inconsistent)?;
    Ok((info, dataset, scanner))
}

fn check_consistency(d: &Dataset) -> Result<(), BundleError> {
    let bad = |m: String| Err(BundleError::Inconsistent(m));
    for pair in d.entities.windows(2) {
        if pair[0].id >= pair[1].id {
            return bad(format!("entities out of order at {:?}", pair[1].id));
        }
    }
    let ids: HashSet<&str> = d.entities.iter().map(|e| e.id.as_str()).collect();
    for e in &d.entities {
        if e.id.is_empty() {
            return bad("an entity has no id".into());
        }
        if let Some(o) = e.owners.iter().find(|o| !ids.contains(o.owner.as_str())) {
            return bad(format!("{} names an unknown owner {:?}", e.id, o.owner));
        }
        let empty = |v: &Vec<String>| v.iter().any(|s| s.is_empty());
        if e.name.is_empty() || empty(&e.aliases) || empty(&e.ambiguous) || empty(&e.domains) || e.names.iter().any(|(_, n)| n.is_empty()) {
            return bad(format!("{} has an empty name, alias or domain", e.id));
        }
    }
    Ok(())
}

/// Appends (or replaces) the signature block.
pub fn sign(bytes: &[u8], key: &SigningKey) -> Result<Vec<u8>, BundleError> {
    let (_, signed, _) = parts(bytes)?;
    let signature = key.sign(signed);
    let mut out = signed.to_vec();
    out.extend_from_slice(SIG_MAGIC);
    out.extend_from_slice(&signature.to_bytes());
    Ok(out)
}

/// Checks the signature against a public key. It does not decode the payload: call `decode` after.
pub fn verify(bytes: &[u8], key: &VerifyingKey) -> Result<BundleInfo, BundleError> {
    let (info, signed, signature) = parts(bytes)?;
    let signature = signature.ok_or(BundleError::Unsigned)?;
    let signature = Signature::from_slice(signature).map_err(|_| BundleError::BadSignature)?;
    // Strict: refuses weak keys and non-canonical signatures, which plain `verify` lets through.
    key.verify_strict(signed, &signature).map_err(|_| BundleError::BadSignature)?;
    Ok(info)
}

/// A public key from its 32 raw bytes.
pub fn verifying_key(bytes: &[u8]) -> Result<VerifyingKey, BundleError> {
    let arr: [u8; 32] = bytes.try_into().map_err(|_| BundleError::BadKey(format!("a public key is 32 bytes, not {}", bytes.len())))?;
    VerifyingKey::from_bytes(&arr).map_err(|e| BundleError::BadKey(e.to_string()))
}

/// A signing key from its 32-byte seed.
pub fn signing_key(bytes: &[u8]) -> Result<SigningKey, BundleError> {
    let arr: [u8; 32] = bytes.try_into().map_err(|_| BundleError::BadKey(format!("a private key is 32 bytes, not {}", bytes.len())))?;
    Ok(SigningKey::from_bytes(&arr))
}


/// Keys are stored as hex text, one line.
pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn from_hex(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    if !s.len().is_multiple_of(2) || !s.is_ascii() {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn adler32_known_values() {
        // Reference values from zlib.adler32.
        assert_eq!(super::checksum(b""), 1);
        assert_eq!(super::checksum(b"Wikipedia"), 0x11E6_0398);
        let long = vec![0xffu8; 100_000];
        assert_eq!(super::checksum(&long), 0x149a_302c);
    }
}
