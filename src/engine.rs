//! The engine: one loaded dataset with its lookup indexes and text automaton. Everything the command
//! line and the extension ask goes through here.

use crate::bundle::{self, BundleError, BundleInfo};
use crate::chain::{self, Chain, Hop};
use crate::edits::{self, Conflict};
use crate::host::UrlError;
use crate::impostor::{ImpostorIndex, ImpostorMatch};
use crate::lookup::{UrlIndex, UrlMatch};
use crate::mentions::{Form, Mention, Scanner};
use crate::site::OwnSite;
use crate::model::{Dataset, Entity, Kind};
use crate::source::{SourceEntity, SourceFile};
use crate::validate::{validate_files, Problem};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

/// Why a dataset could not become the active one.
#[derive(Debug, Clone)]
pub enum LoadError {
    Bundle(BundleError),
    Invalid(Vec<Problem>),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Bundle(e) => write!(f, "{e}"),
            LoadError::Invalid(problems) => {
                write!(f, "the dataset does not pass validation ({} problems", problems.len())?;
                if let Some(p) = problems.first() {
                    write!(f, "; first: {p}")?;
                }
                write!(f, ")")
            }
        }
    }
}

impl std::error::Error for LoadError {}

impl From<BundleError> for LoadError {
    fn from(e: BundleError) -> Self {
        LoadError::Bundle(e)
    }
}

/// Counts for `masthead stats` and the options page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub entities: usize,
    pub outlets: usize,
    pub domains: usize,
    pub accounts: usize,
    pub countries: usize,
    pub edges: usize,
    pub edges_without_source: usize,
    pub sources: usize,
    pub text_patterns: usize,
    pub labels: BTreeMap<&'static str, usize>,
    pub unknown_ownership: usize,
    /// Accounts per platform key (`x`, `youtube`, ...).
    pub accounts_by_platform: BTreeMap<&'static str, usize>,
    /// Outlets whose chain ends at an ultimate controller: a person or family, a state body, a party,
    /// a trust or foundation, or an entity the sources say nobody controls (issue #12's measure of a
    /// full chain).
    pub outlets_with_controller: usize,
}

pub struct Engine {
    info: BundleInfo,
    /// The dataset without the reader's edits, kept to re-apply edits after a change. Shared with
    /// `dataset` until edits are applied, so a plain load does not copy the dataset.
    base: Arc<Dataset>,
    dataset: Arc<Dataset>,
    index: HashMap<String, usize>,
    urls: UrlIndex,
    scanner: Scanner,
    /// Built on the first unknown address, not at load: most sessions never need it.
    impostors: std::sync::OnceLock<ImpostorIndex>,
    conflicts: Vec<Conflict>,
}

impl Engine {
    /// Loads a bundle made by `masthead build`: structure and checksum are checked, validation is not
    /// repeated. This is the fast path for the bundled dataset.
    pub fn from_bundle(bytes: &[u8]) -> Result<Engine, LoadError> {
        let (info, dataset, tables) = bundle::decode_with_scanner(bytes)?;
        let scanner = Scanner::from_tables(tables, &dataset);
        Ok(Engine::assemble(dataset, info, scanner))
    }

    /// Loads a bundle from elsewhere (an update, an import) and validates it in full first. The
    /// automaton is rebuilt from the validated data rather than trusted.
    pub fn from_bundle_validated(bytes: &[u8]) -> Result<Engine, LoadError> {
        let (info, dataset) = bundle::decode(bytes)?;
        let outcome = revalidate(&dataset);
        match outcome {
            Ok(d) => Ok(Engine::from_dataset(d, info)),
            Err(problems) => Err(LoadError::Invalid(problems)),
        }
    }

    /// An engine over a dataset that did not come with a compiled automaton: it is built here.
    pub fn from_dataset(dataset: Dataset, info: BundleInfo) -> Engine {
        let scanner = Scanner::build(&dataset);
        Engine::assemble(dataset, info, scanner)
    }

    fn assemble(dataset: Dataset, info: BundleInfo, scanner: Scanner) -> Engine {
        let dataset = Arc::new(dataset);
        Engine {
            info,
            base: Arc::clone(&dataset),
            index: index_of(&dataset),
            urls: UrlIndex::build(&dataset),
            dataset,
            scanner,
            impostors: std::sync::OnceLock::new(),
            conflicts: Vec::new(),
        }
    }

    /// Applies a reader's edits on top of the base dataset, replacing any edits applied before.
    /// On error nothing changes.
    pub fn apply_edits(&mut self, edits_json: &str) -> Result<&[Conflict], Vec<Problem>> {
        let (merged, conflicts) = edits::apply(&self.base, edits_json)?;
        self.index = index_of(&merged);
        self.urls = UrlIndex::build(&merged);
        self.scanner = Scanner::build(&merged);
        self.impostors = std::sync::OnceLock::new();
        self.dataset = Arc::new(merged);
        self.conflicts = conflicts;
        Ok(&self.conflicts)
    }

    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    pub fn info(&self) -> &BundleInfo {
        &self.info
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The base dataset's version of an entity, for recording the base of a new edit.
    pub fn base_fingerprint(&self, id: &str) -> Option<String> {
        self.base.entities.iter().find(|e| e.id == id).map(edits::fingerprint)
    }

    pub fn find(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn entity(&self, i: usize) -> &Entity {
        &self.dataset.entities[i]
    }

    pub fn lookup_url(&self, url: &str) -> Result<Option<UrlMatch>, UrlError> {
        self.urls.lookup(url)
    }

    /// The outlet an address only pretends to be (see `impostor.rs`): asked only for an address the
    /// dataset does not know, so a listed site is never taken for an impostor.
    pub fn impostor(&self, url: &str) -> Result<Option<ImpostorMatch>, UrlError> {
        let parsed = crate::host::parse_web_url(url)?;
        if self.urls.lookup_parsed(&parsed).is_some() {
            return Ok(None);
        }
        let Some(host) = crate::host::url_host(&parsed) else { return Ok(None) };
        Ok(self.impostors.get_or_init(|| ImpostorIndex::new(&self.dataset)).check(&host))
    }

    /// A link on a page as a citation: share widgets and a platform's own pages are not citations.
    pub fn lookup_citation(&self, url: &str) -> Result<Option<UrlMatch>, UrlError> {
        self.urls.lookup_citation(url)
    }

    pub fn scan(&self, text: &str, linked: &HashSet<usize>) -> Vec<Mention> {
        self.scanner.scan(text, linked)
    }

    /// Citations in a page's text: as [`Engine::scan`], less the site's own name (see `site.rs`).
    pub fn scan_page(&self, text: &str, linked: &HashSet<usize>, own: &OwnSite) -> Vec<Mention> {
        let mut found = self.scanner.scan(text, linked);
        found.retain(|m| {
            let matched = &text[m.start..m.end];
            if m.form == Form::Domain { !own.is_own_domain(matched) } else { !own.is_own_name(matched) }
        });
        found
    }

    pub fn chain(&self, i: usize) -> Chain {
        chain::chain(&self.dataset, &self.index, i)
    }

    pub fn owner_graph(&self, i: usize) -> (Vec<usize>, Vec<Hop>) {
        chain::owner_graph(&self.dataset, &self.index, i)
    }

    /// The site's own outlet and everything above it in its chain: on BBC News Chinese, "BBC" is the
    /// site naming its own house, not a citation.
    pub fn own_family(&self, site: usize) -> Vec<usize> {
        let chain = self.chain(site);
        std::iter::once(site).chain(chain.hops.iter().map(|h| h.to)).collect()
    }

    /// "Global Times → People's Daily → Central Committee of the Chinese Communist Party".
    pub fn chain_names(&self, chain: &Chain) -> String {
        std::iter::once(chain.outlet)
            .chain(chain.hops.iter().map(|h| h.to))
            .map(|i| self.dataset.entities[i].name.as_str())
            .collect::<Vec<_>>()
            .join(" → ")
    }

    pub fn stats(&self) -> Stats {
        let mut s = Stats { entities: self.dataset.entities.len(), ..Stats::default() };
        let mut countries = BTreeSet::new();
        for (i, e) in self.dataset.entities.iter().enumerate() {
            if e.kind == Kind::Outlet {
                s.outlets += 1;
                if let Some(c) = &e.country {
                    countries.insert(c.as_str());
                }
                if e.owners.iter().all(|o| !o.is_current()) && e.no_controller.is_none() {
                    s.unknown_ownership += 1;
                }
                let top = &self.dataset.entities[self.chain(i).top()];
                if top.no_controller.is_some() || matches!(top.kind, Kind::Person | Kind::StateBody | Kind::Party | Kind::Trust) {
                    s.outlets_with_controller += 1;
                }
            }
            s.domains += e.domains.len();
            s.accounts += e.accounts.len();
            for a in &e.accounts {
                let key = a.split_once(':').and_then(|(p, _)| crate::accounts::platform_by_key(p)).map_or("other", |p| p.key);
                *s.accounts_by_platform.entry(key).or_default() += 1;
            }
            s.edges += e.owners.len();
            s.edges_without_source += e.owners.iter().filter(|o| o.sources.is_empty()).count();
            s.sources += e.sources.len() + e.owners.iter().map(|o| o.sources.len()).sum::<usize>();
            for l in &e.labels {
                *s.labels.entry(l.slug()).or_default() += 1;
            }
        }
        s.countries = countries.len();
        s.text_patterns = self.scanner.pattern_count();
        s
    }
}

fn index_of(d: &Dataset) -> HashMap<String, usize> {
    d.entities.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect()
}

/// Runs the full validator over a decoded dataset, as if it had been read from `data/`.
fn revalidate(d: &Dataset) -> Result<Dataset, Vec<Problem>> {
    let file = SourceFile { entities: d.entities.iter().map(SourceEntity::from).collect(), extra: BTreeMap::new() };
    let outcome = validate_files(&[("bundle".to_string(), file)]);
    let errors: Vec<Problem> = outcome.errors().cloned().collect();
    outcome.dataset.ok_or(errors)
}
