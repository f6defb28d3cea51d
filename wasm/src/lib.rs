//! The WebAssembly facade: a thin `#[wasm_bindgen]` newtype over the core engine. It converts types at
//! the edge (serde-wasm-bindgen, UTF-8 byte offsets → UTF-16 offsets) and turns every error into a
//! JavaScript `Error` with a readable message. No logic lives here.

use masthead::bundle;
use masthead::lookup::Via;
use masthead::site::OwnSite;
use masthead::view::{chain_view, graph_view, EntityView};
use serde::Serialize;
use std::collections::HashSet;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize>(value: &T) -> JsValue {
    // json_compatible: maps become plain objects, which is what extension code expects.
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

fn error(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

#[wasm_bindgen]
pub struct Engine(masthead::Engine);

#[derive(Serialize)]
struct Info {
    format: u16,
    version: u64,
    created: String,
    signed: bool,
    size: usize,
    outlets: usize,
    entities: usize,
    domains: usize,
    accounts: usize,
    countries: usize,
    edges: usize,
    conflicts: Vec<ConflictView>,
}

#[derive(Serialize)]
struct ConflictView {
    id: String,
    message: String,
}

#[derive(Serialize)]
struct UrlHit {
    id: String,
    via: &'static str,
    matched: String,
}

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
    id: String,
    text: String,
}

#[derive(Serialize)]
struct EditReport {
    applied: usize,
    conflicts: Vec<ConflictView>,
}

#[wasm_bindgen]
impl Engine {
    /// Loads the bundled dataset (fast path: structure and checksum, no re-validation).
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: &[u8]) -> Result<Engine, JsError> {
        masthead::Engine::from_bundle(bytes).map(Engine).map_err(error)
    }

    /// Loads a dataset from elsewhere (an update or an import), validating it in full first.
    #[wasm_bindgen(js_name = fromUpdate)]
    pub fn from_update(bytes: &[u8]) -> Result<Engine, JsError> {
        masthead::Engine::from_bundle_validated(bytes).map(Engine).map_err(error)
    }

    pub fn info(&self) -> JsValue {
        let i = self.0.info();
        let s = self.0.stats();
        to_js(&Info {
            format: i.format,
            version: i.version,
            created: i.created.clone(),
            signed: i.signed,
            size: i.size,
            outlets: s.outlets,
            entities: s.entities,
            domains: s.domains,
            accounts: s.accounts,
            countries: s.countries,
            edges: s.edges,
            conflicts: conflicts(&self.0),
        })
    }

    /// For each URL: `{id, via, matched}` or `null` (unknown or not a web URL).
    #[wasm_bindgen(js_name = lookupUrls)]
    pub fn lookup_urls(&self, urls: Vec<String>) -> JsValue {
        let hits: Vec<Option<UrlHit>> = urls
            .iter()
            .map(|u| {
                let m = self.0.lookup_url(u).ok().flatten()?;
                let (via, matched) = match m.via {
                    Via::Domain(d) => ("domain", d),
                    Via::Account(a) => ("account", a),
                    Via::Platform(p) => ("platform", p.to_string()),
                };
                Some(UrlHit { id: self.0.entity(m.entity).id.clone(), via, matched })
            })
            .collect();
        to_js(&hits)
    }

    /// The outlet an address only pretends to be, `{id, name, domains, evidence, domain, operation,
    /// sources}`, or `null` (a known site, an unknown one that imitates nobody, or not a URL).
    pub fn impostor(&self, url: &str) -> JsValue {
        match self.0.impostor(url).ok().flatten() {
            Some(m) => to_js(&masthead::view::ImpostorView::new(&self.0, &m)),
            None => JsValue::NULL,
        }
    }

    /// For each link on a page: the outlet it cites, as `lookupUrls`, but share widgets and a
    /// platform's own pages cite nobody (`null`).
    #[wasm_bindgen(js_name = lookupCitations)]
    pub fn lookup_citations(&self, urls: Vec<String>) -> JsValue {
        let hits: Vec<Option<String>> = urls
            .iter()
            .map(|u| self.0.lookup_citation(u).ok().flatten().map(|m| self.0.entity(m.entity).id.clone()))
            .collect();
        to_js(&hits)
    }

    /// For each text: the citations in it, with UTF-16 offsets. `linked` lists entity ids the page
    /// links to, which unlock their ambiguous aliases. `host`, `site_name` and `title` say what the
    /// page calls itself: its own name is never a citation.
    #[wasm_bindgen(js_name = scanTexts)]
    pub fn scan_texts(&self, texts: Vec<String>, linked: Vec<String>, host: &str, site_name: &str, title: &str) -> JsValue {
        let linked: HashSet<usize> = linked.iter().filter_map(|id| self.0.find(id)).collect();
        let own = OwnSite::new(host, site_name, title);
        let spans: Vec<Vec<Span>> = texts
            .iter()
            .map(|t| {
                let mentions = self.0.scan_page(t, &linked, &own);
                let mut offsets = Utf16Offsets::new(t);
                mentions
                    .into_iter()
                    .map(|m| Span {
                        start: offsets.at(m.start),
                        end: offsets.at(m.end),
                        id: self.0.entity(m.entity).id.clone(),
                        text: t[m.start..m.end].to_string(),
                    })
                    .collect()
            })
            .collect();
        to_js(&spans)
    }

    pub fn entity(&self, id: &str) -> JsValue {
        self.0.find(id).map_or(JsValue::NULL, |i| to_js(&EntityView::from(self.0.entity(i))))
    }

    pub fn chain(&self, id: &str) -> JsValue {
        self.0.find(id).map_or(JsValue::NULL, |i| to_js(&chain_view(&self.0, &self.0.chain(i))))
    }

    pub fn owners(&self, id: &str) -> JsValue {
        self.0.find(id).map_or(JsValue::NULL, |i| to_js(&graph_view(&self.0, i)))
    }

    /// Applies the reader's edits (data/ JSON format plus optional `bases`) on top of the dataset,
    /// replacing earlier edits. Throws, changing nothing, if the edits are invalid.
    #[wasm_bindgen(js_name = applyEdits)]
    pub fn apply_edits(&mut self, json: &str) -> Result<JsValue, JsError> {
        match self.0.apply_edits(json) {
            Ok(_) => {
                let applied = self.0.dataset().entities.iter().filter(|e| e.edited).count();
                Ok(to_js(&EditReport { applied, conflicts: conflicts(&self.0) }))
            }
            Err(problems) => {
                let lines: Vec<String> = problems.iter().take(10).map(ToString::to_string).collect();
                Err(error(format!("your edits were not applied: {}", lines.join("; "))))
            }
        }
    }

    /// The fingerprint of the dataset's own version of an entity, recorded with a new edit so that
    /// later changes to it can be reported as conflicts.
    #[wasm_bindgen(js_name = baseFingerprint)]
    pub fn base_fingerprint(&self, id: &str) -> Option<String> {
        self.0.base_fingerprint(id)
    }
}

fn conflicts(engine: &masthead::Engine) -> Vec<ConflictView> {
    engine.conflicts().iter().map(|c| ConflictView { id: c.id.clone(), message: c.message.clone() }).collect()
}

/// Converts increasing UTF-8 byte offsets of one string to UTF-16 offsets in a single pass.
struct Utf16Offsets<'a> {
    chars: std::str::CharIndices<'a>,
    byte: usize,
    utf16: usize,
    text_len: usize,
}

impl<'a> Utf16Offsets<'a> {
    fn new(text: &'a str) -> Self {
        Utf16Offsets { chars: text.char_indices(), byte: 0, utf16: 0, text_len: text.len() }
    }

    /// Offsets must be asked for in non-decreasing order, except that asking again for an earlier
    /// one restarts from the beginning (mentions are sorted, so that does not happen in practice).
    fn at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text_len);
        while self.byte < byte {
            match self.chars.next() {
                Some((_, c)) => {
                    self.byte += c.len_utf8();
                    self.utf16 += c.len_utf16();
                }
                None => break,
            }
        }
        self.utf16
    }
}

/// The label vocabulary with the one-line definitions readers see.
#[wasm_bindgen(js_name = labelVocabulary)]
pub fn label_vocabulary() -> JsValue {
    #[derive(Serialize)]
    struct Row {
        label: &'static str,
        title: &'static str,
        definition: &'static str,
    }
    let rows: Vec<Row> = masthead::labels::VOCABULARY
        .iter()
        .map(|i| Row { label: i.slug, title: i.title, definition: i.definition })
        .collect();
    to_js(&rows)
}

#[derive(Serialize)]
struct BundleHeader {
    format: u16,
    version: u64,
    created: String,
    signed: bool,
    size: usize,
}

fn header(i: bundle::BundleInfo) -> BundleHeader {
    BundleHeader { format: i.format, version: i.version, created: i.created, signed: i.signed, size: i.size }
}

/// Reads a bundle's header: `{format, version, created, signed, size}`.
#[wasm_bindgen(js_name = bundleInfo)]
pub fn bundle_info(bytes: &[u8]) -> Result<JsValue, JsError> {
    bundle::info(bytes).map(|i| to_js(&header(i))).map_err(error)
}

/// Checks a bundle's signature against a 32-byte ed25519 public key.
#[wasm_bindgen(js_name = verifyBundle)]
pub fn verify_bundle(bytes: &[u8], public_key: &[u8]) -> Result<JsValue, JsError> {
    let key = bundle::verifying_key(public_key).map_err(error)?;
    bundle::verify(bytes, &key).map(|i| to_js(&header(i))).map_err(error)
}

/// Compiles a dataset in the data/ JSON format into an unsigned bundle, or throws with the
/// validation problems.
#[wasm_bindgen(js_name = compileDataset)]
pub fn compile_dataset(json: &str) -> Result<Vec<u8>, JsError> {
    let outcome = masthead::validate::validate_texts(&[("imported file".to_string(), json.to_string())]);
    match outcome.dataset {
        Some(d) => {
            let (version, created) = masthead::dataset_dir::default_version(&d);
            Ok(bundle::encode(&d, version, &created))
        }
        None => {
            let lines: Vec<String> = outcome.errors().take(10).map(ToString::to_string).collect();
            Err(error(format!("the file does not pass validation ({} problems): {}", outcome.error_count(), lines.join("; "))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Utf16Offsets;

    #[test]
    fn utf16_offsets() {
        let t = "据环球时报报道 😀 Global Times";
        let mut o = Utf16Offsets::new(t);
        assert_eq!(o.at(0), 0);
        assert_eq!(o.at(3), 1); // 据 is 3 bytes, 1 UTF-16 unit
        let g = t.find("Global").unwrap();
        // 7 CJK chars (7 units) + space + emoji (2 units) + space
        assert_eq!(o.at(g), 11);
    }
}
