//! Compiles `data/` into the bundle the command line embeds as its default dataset.
//!
//! The core's data modules are compiled into this build script by path, so the bundle is made by the
//! same validator as `masthead build`. Invalid data does not stop the build (that would leave no
//! `masthead validate` to find the problems): the CLI then embeds an empty dataset and says so.
#![allow(dead_code)]

#[path = "src/accounts.rs"]
mod accounts;
#[path = "src/ambiguity.rs"]
mod ambiguity;
#[path = "src/automaton.rs"]
mod automaton;
#[path = "src/bundle.rs"]
mod bundle;
#[path = "src/chain.rs"]
#[allow(dead_code)]
mod chain;
#[path = "src/countries.rs"]
mod countries;
#[path = "src/dataset_dir.rs"]
mod dataset_dir;
#[path = "src/host.rs"]
mod host;
#[path = "src/labels.rs"]
mod labels;
#[path = "src/lookup.rs"]
mod lookup;
#[path = "src/mentions.rs"]
mod mentions;
#[path = "src/model.rs"]
mod model;
#[path = "src/source.rs"]
mod source;
#[path = "src/validate.rs"]
mod validate;

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("masthead.bundle");
    let data = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("data");
    let bytes = if std::env::var_os("CARGO_FEATURE_CLI").is_none() {
        Vec::new()
    } else {
        match dataset_dir::load(&data) {
            Ok(outcome) => match outcome.dataset {
                Some(d) => {
                    let (version, created) = dataset_dir::default_version(&d);
                    bundle::encode(&d, version, &created)
                }
                None => {
                    println!(
                        "cargo:warning=data/ has {} validation errors; the CLI embeds an empty dataset (run `masthead validate data/`)",
                        outcome.error_count()
                    );
                    bundle::encode(&model::Dataset::default(), 0, "1970-01-01")
                }
            },
            Err(e) => {
                println!("cargo:warning=cannot read data/: {e}");
                bundle::encode(&model::Dataset::default(), 0, "1970-01-01")
            }
        }
    };
    std::fs::write(&out, bytes).expect("OUT_DIR is writable");
}
