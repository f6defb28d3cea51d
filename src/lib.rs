//! Masthead's core: who owns the news.
//!
//! Pure Rust with no browser types: the command line (`src/bin/masthead.rs`) and the WebAssembly
//! facade (`wasm/`) are thin layers over [`Engine`]. See DESIGN.md for the internals.
//!
//! ```
//! let engine = masthead::Engine::from_bundle(masthead::BUNDLED).unwrap();
//! let hit = engine.lookup_url("https://www.globaltimes.cn/page/1.shtml").unwrap().unwrap();
//! assert_eq!(engine.entity(hit.entity).name, "Global Times");
//! ```

pub mod accounts;
pub mod ambiguity;
pub mod automaton;
pub mod bundle;
pub mod chain;
pub mod countries;
pub mod dataset_dir;
pub mod edits;
pub mod engine;
pub mod host;
pub mod impostor;
pub mod labels;
pub mod lookup;
pub mod mentions;
pub mod site;
pub mod model;
pub mod source;
pub mod validate;
pub mod view;
#[cfg(feature = "cli")]
pub mod html;

pub use engine::{Engine, LoadError, Stats};

/// The bundle compiled from `data/` by build.rs: the default dataset of the command line.
#[cfg(feature = "cli")]
pub const BUNDLED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/masthead.bundle"));
