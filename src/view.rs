//! Serializable views of engine answers: what `masthead check --json` prints and what the WASM facade
//! hands to JavaScript. One shape for both, so the extension and scripts agree.

use crate::chain::{Chain, Hop};
use crate::engine::Engine;
use crate::model::{Entity, Source};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize, Debug, Clone)]
pub struct SourceView {
    pub url: String,
    pub checked: String,
}

impl From<&Source> for SourceView {
    fn from(s: &Source) -> Self {
        SourceView { url: s.url.clone(), checked: s.checked.clone() }
    }
}

#[derive(Serialize, Debug, Clone)]
pub struct EntityView {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub country: Option<String>,
    pub labels: Vec<&'static str>,
    pub names: BTreeMap<String, String>,
    pub aliases: Vec<String>,
    pub ambiguous: Vec<String>,
    pub domains: Vec<String>,
    pub accounts: Vec<String>,
    pub note: Option<String>,
    pub sources: Vec<SourceView>,
    /// Set when the sources say nobody controls the entity: the chain ends here by fact.
    pub no_controller: Option<NoControllerView>,
    pub edited: bool,
}

#[derive(Serialize, Debug, Clone)]
pub struct NoControllerView {
    /// `widely-held`, `member-owned` or `employee-owned`.
    pub reason: &'static str,
    /// The same in words for readers: "a listed company with no controlling shareholder".
    pub text: &'static str,
    pub sources: Vec<SourceView>,
}

impl From<&Entity> for EntityView {
    fn from(e: &Entity) -> Self {
        EntityView {
            id: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind.as_str(),
            country: e.country.clone(),
            labels: e.labels.iter().map(|l| l.slug()).collect(),
            names: e.names.iter().cloned().collect(),
            aliases: e.aliases.clone(),
            ambiguous: e.ambiguous.clone(),
            domains: e.domains.clone(),
            accounts: e.accounts.clone(),
            note: e.note.clone(),
            sources: e.sources.iter().map(SourceView::from).collect(),
            no_controller: e.no_controller.as_ref().map(|n| NoControllerView {
                reason: n.reason.as_str(),
                text: n.reason.phrase(),
                sources: n.sources.iter().map(SourceView::from).collect(),
            }),
            edited: e.edited,
        }
    }
}

#[derive(Serialize, Debug, Clone)]
pub struct HopView {
    pub from: String,
    pub to: EntityView,
    pub relation: &'static str,
    pub share: Option<f32>,
    pub since: Option<String>,
    pub sources: Vec<SourceView>,
    /// True when the edge comes from the reader's edits.
    pub edited: bool,
}

#[derive(Serialize, Debug, Clone)]
pub struct ChainView {
    pub outlet: EntityView,
    pub hops: Vec<HopView>,
    pub truncated: bool,
    /// Names joined by " → ".
    pub names: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct EdgeView {
    pub from: String,
    pub to: String,
    pub relation: &'static str,
    pub share: Option<f32>,
    pub sources: Vec<SourceView>,
    pub edited: bool,
}

#[derive(Serialize, Debug, Clone)]
pub struct GraphView {
    pub nodes: Vec<EntityView>,
    pub edges: Vec<EdgeView>,
}

pub fn hop_view(engine: &Engine, hop: &Hop) -> HopView {
    let from = engine.entity(hop.from);
    let edge = &from.owners[hop.edge];
    HopView {
        from: from.id.clone(),
        to: EntityView::from(engine.entity(hop.to)),
        relation: edge.relation.as_str(),
        share: edge.share,
        since: edge.since.clone(),
        sources: edge.sources.iter().map(SourceView::from).collect(),
        edited: from.edited,
    }
}

pub fn chain_view(engine: &Engine, chain: &Chain) -> ChainView {
    ChainView {
        outlet: EntityView::from(engine.entity(chain.outlet)),
        hops: chain.hops.iter().map(|h| hop_view(engine, h)).collect(),
        truncated: chain.truncated,
        names: engine.chain_names(chain),
    }
}

pub fn graph_view(engine: &Engine, outlet: usize) -> GraphView {
    let (nodes, hops) = engine.owner_graph(outlet);
    GraphView {
        nodes: nodes.iter().map(|&i| EntityView::from(engine.entity(i))).collect(),
        edges: hops
            .iter()
            .map(|h| {
                let from = engine.entity(h.from);
                let e = &from.owners[h.edge];
                EdgeView {
                    from: from.id.clone(),
                    to: engine.entity(h.to).id.clone(),
                    relation: e.relation.as_str(),
                    share: e.share,
                    sources: e.sources.iter().map(SourceView::from).collect(),
                    edited: from.edited,
                }
            })
            .collect(),
    }
}

/// A site that only pretends to be an outlet: what `check --json` prints as `imitates` and what
/// the extension shows on its badge and popup.
#[derive(Serialize, Debug, Clone)]
pub struct ImpostorView {
    /// The imitated outlet's id, name and real domains.
    pub id: String,
    pub name: String,
    pub domains: Vec<String>,
    /// `documented` (a source names the site), `homograph` (it reads as the outlet's domain) or
    /// `lookalike` (the outlet's name on a top-level domain it does not use).
    pub evidence: &'static str,
    /// The real domain the host resembles (for a documented clone, the outlet's first domain).
    pub domain: String,
    /// The influence operation a source ties the site to, when it names one.
    pub operation: Option<String>,
    pub sources: Vec<SourceView>,
}

impl ImpostorView {
    pub fn new(engine: &Engine, m: &crate::impostor::ImpostorMatch) -> ImpostorView {
        let outlet = engine.entity(m.outlet);
        let documented = match m.evidence {
            crate::impostor::Evidence::Documented { impostor } => outlet.impostors.get(impostor),
            _ => None,
        };
        let first_domain = || outlet.domains.iter().find(|d| !d.contains('/')).cloned().unwrap_or_default();
        ImpostorView {
            id: outlet.id.clone(),
            name: outlet.name.clone(),
            domains: outlet.domains.clone(),
            evidence: m.evidence.as_str(),
            domain: if m.domain.is_empty() { first_domain() } else { m.domain.clone() },
            operation: documented.and_then(|d| d.operation.clone()),
            sources: documented.map(|d| d.sources.iter().map(SourceView::from).collect()).unwrap_or_default(),
        }
    }
}
