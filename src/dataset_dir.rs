//! Reading a dataset from disk: a `data/` folder of JSON files, or a single JSON file.

use crate::model::Dataset;
use crate::ambiguity::CommonWords;
use crate::validate::{validate_texts_with, Outcome};
use std::path::Path;

/// Reads `path` (a folder: every `*.json` in it, sorted by name; or one file) as `(name, text)` pairs.
pub fn read_sources(path: &Path) -> std::io::Result<Vec<(String, String)>> {
    let mut files = Vec::new();
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            files.push((name, std::fs::read_to_string(&p)?));
        }
    } else {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        files.push((name, std::fs::read_to_string(path)?));
    }
    Ok(files)
}

/// Reads and validates a dataset folder or file. A folder's `common-words/` lists (see
/// `ambiguity.rs`) make names that are common words ambiguous; a single file is checked with the
/// lists of the `common-words/` folder beside it, if there is one.
pub fn load(path: &Path) -> std::io::Result<Outcome> {
    let folder = if path.is_dir() { Some(path) } else { path.parent() };
    let words = match folder {
        Some(dir) => CommonWords::load_dir(&dir.join("common-words"))?,
        None => CommonWords::default(),
    };
    Ok(validate_texts_with(&read_sources(path)?, &words))
}

/// The default dataset version: the newest `checked` date as `YYYYMMDD00`, so that a dataset with
/// newer facts always has a higher version, and building the same data twice gives the same bundle.
pub fn default_version(d: &Dataset) -> (u64, String) {
    let newest = d
        .entities
        .iter()
        .flat_map(|e| e.sources.iter().chain(e.owners.iter().flat_map(|o| o.sources.iter())))
        .map(|s| s.checked.as_str())
        .max()
        .unwrap_or("2026-01-01")
        .to_string();
    let digits: String = newest.chars().filter(char::is_ascii_digit).collect();
    (digits.parse::<u64>().unwrap_or(20260101) * 100, newest)
}
