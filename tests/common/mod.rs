//! Shared set-up for the integration tests: the small fixture dataset under tests/fixtures/data, so
//! rule tests do not move when data/ grows.
#![allow(dead_code)]

use masthead::bundle::{self, BundleInfo};
use masthead::model::Dataset;
use masthead::Engine;
use std::path::Path;

pub fn fixture_dataset() -> Dataset {
    let outcome = masthead::dataset_dir::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data").as_path())
        .expect("fixture files are readable");
    let errors: Vec<String> = outcome.errors().map(ToString::to_string).collect();
    outcome.dataset.unwrap_or_else(|| panic!("fixture dataset is invalid: {errors:#?}"))
}

pub fn fixture_bundle(version: u64) -> Vec<u8> {
    bundle::encode(&fixture_dataset(), version, "2026-11-28")
}

pub fn fixture_engine() -> Engine {
    Engine::from_dataset(fixture_dataset(), BundleInfo::unbundled(1, "2026-11-28"))
}

/// The entity id a URL resolves to, `None` for unknown, `Err` for invalid input.
pub fn lookup_id(engine: &Engine, url: &str) -> Result<Option<String>, String> {
    engine.lookup_url(url).map(|m| m.map(|m| engine.entity(m.entity).id.clone())).map_err(|e| e.to_string())
}

/// (matched text, entity id) for every citation found in `text`.
pub fn scan_ids(engine: &Engine, text: &str, linked: &[&str]) -> Vec<(String, String)> {
    let linked = linked.iter().filter_map(|id| engine.find(id)).collect();
    engine.scan(text, &linked).into_iter().map(|m| (text[m.start..m.end].to_string(), engine.entity(m.entity).id.clone())).collect()
}

/// The project's own dataset (data/), loaded and validated from source, as the dataset tests read it.
pub fn data_engine() -> Engine {
    let outcome = masthead::dataset_dir::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data")).unwrap();
    let errors: Vec<String> = outcome.errors().take(20).map(ToString::to_string).collect();
    let dataset = outcome.dataset.unwrap_or_else(|| panic!("data/ does not validate:\n{}", errors.join("\n")));
    Engine::from_dataset(dataset, BundleInfo::unbundled(1, "2026-12-05"))
}
