//! Ownership chains: from an outlet up to whoever ultimately controls it, one hop at a time, and the
//! full owner graph for display.

use crate::model::{Dataset, Edge, Relation};
use std::collections::{HashMap, HashSet, VecDeque};

/// Chains longer than this are cut: real ones are under ten hops, so a longer one is a data error.
pub const MAX_DEPTH: usize = 16;
/// The owner graph shown for one outlet stops growing here (a conglomerate can have hundreds).
pub const MAX_GRAPH_NODES: usize = 64;

/// One step up the chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Hop {
    pub from: usize,
    pub to: usize,
    /// Index into `entities[from].owners`.
    pub edge: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    pub outlet: usize,
    pub hops: Vec<Hop>,
    /// True if the chain was cut at MAX_DEPTH or at a repeated entity.
    pub truncated: bool,
}

impl Chain {
    /// The entity at the top: the ultimate controller as far as the dataset knows.
    pub fn top(&self) -> usize {
        self.hops.last().map_or(self.outlet, |h| h.to)
    }
}

/// The edge a chain follows from an entity, in order of preference: who controls it, who owns a
/// majority (or is the only owner), who publishes, operates or contains it, and last its one funder.
/// Funding is not control, so a funder is followed only when nothing else ties the entity to anyone:
/// that is what makes a public broadcaster public (Deutsche Welle, funded by the federal budget
/// under the Deutsche Welle Act), and the hop says "funded by", never "owned by". Historical edges
/// (with `until`) are ignored.
pub fn primary_edge(edges: &[Edge]) -> Option<usize> {
    let current = || edges.iter().enumerate().filter(|(_, e)| e.is_current());
    if let Some((i, _)) = current().find(|(_, e)| e.relation == Relation::ControlledBy) {
        return Some(i);
    }
    let owned: Vec<(usize, &Edge)> = current().filter(|(_, e)| e.relation == Relation::OwnedBy).collect();
    let majority = owned.iter().filter(|(_, e)| e.share.is_some_and(|s| s > 50.0)).max_by(|a, b| {
        a.1.share.partial_cmp(&b.1.share).unwrap_or(std::cmp::Ordering::Equal).then(b.0.cmp(&a.0))
    });
    if let Some((i, _)) = majority {
        return Some(*i);
    }
    if let [(i, only)] = owned.as_slice() {
        if only.share.is_none_or(|s| s > 50.0) {
            return Some(*i);
        }
    }
    for relation in [Relation::PublishedBy, Relation::OperatedBy, Relation::PartOf] {
        if let Some((i, _)) = current().find(|(_, e)| e.relation == relation) {
            return Some(i);
        }
    }
    let mut funders = current().filter(|(_, e)| e.relation == Relation::FundedBy);
    match (funders.next(), funders.next()) {
        (Some((i, _)), None) => Some(i),
        _ => None,
    }
}

/// Builds the primary chain from `outlet`. `index` maps ids to entity positions.
pub fn chain(dataset: &Dataset, index: &HashMap<String, usize>, outlet: usize) -> Chain {
    let mut hops = Vec::new();
    let mut seen = HashSet::from([outlet]);
    let mut at = outlet;
    let mut truncated = false;
    while let Some(edge) = primary_edge(&dataset.entities[at].owners) {
        let Some(&to) = index.get(&dataset.entities[at].owners[edge].owner) else { break };
        if hops.len() == MAX_DEPTH || !seen.insert(to) {
            truncated = true;
            break;
        }
        hops.push(Hop { from: at, to, edge });
        at = to;
    }
    Chain { outlet, hops, truncated }
}

/// Every current owner reachable from `outlet`, breadth first, as (from, to, edge index) triples,
/// capped at MAX_GRAPH_NODES nodes.
pub fn owner_graph(dataset: &Dataset, index: &HashMap<String, usize>, outlet: usize) -> (Vec<usize>, Vec<Hop>) {
    let mut nodes = vec![outlet];
    let mut seen = HashSet::from([outlet]);
    let mut edges = Vec::new();
    let mut queue = VecDeque::from([(outlet, 0usize)]);
    while let Some((at, depth)) = queue.pop_front() {
        if depth >= MAX_DEPTH {
            continue;
        }
        for (i, e) in dataset.entities[at].owners.iter().enumerate() {
            if !e.is_current() {
                continue;
            }
            let Some(&to) = index.get(&e.owner) else { continue };
            if !seen.contains(&to) {
                if nodes.len() >= MAX_GRAPH_NODES {
                    continue;
                }
                seen.insert(to);
                nodes.push(to);
                queue.push_back((to, depth + 1));
            }
            edges.push(Hop { from: at, to, edge: i });
        }
    }
    (nodes, edges)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(relation: Relation, share: Option<f32>, until: Option<&str>) -> Edge {
        Edge { owner: "x".into(), relation, share, since: None, until: until.map(String::from), sources: vec![] }
    }

    #[test]
    fn primary_edge_preference() {
        use Relation::*;
        let cases: Vec<(Vec<Edge>, Option<usize>)> = vec![
            (vec![], None),
            (vec![edge(PublishedBy, None, None), edge(ControlledBy, None, None)], Some(1)),
            (vec![edge(OwnedBy, Some(30.0), None), edge(OwnedBy, Some(70.0), None)], Some(1)),
            (vec![edge(OwnedBy, Some(30.0), None), edge(OwnedBy, Some(20.0), None)], None),
            (vec![edge(OwnedBy, Some(30.0), None), edge(PartOf, None, None)], Some(1)),
            (vec![edge(OwnedBy, None, None)], Some(0)),
            (vec![edge(OwnedBy, Some(40.0), None)], None),
            (vec![edge(FundedBy, None, None)], Some(0)),
            (vec![edge(FundedBy, None, None), edge(FundedBy, None, None)], None),
            (vec![edge(FundedBy, None, None), edge(PartOf, None, None)], Some(1)),
            (vec![edge(FundedBy, None, None), edge(OwnedBy, Some(60.0), None)], Some(1)),
            (vec![edge(OwnedBy, Some(40.0), None), edge(FundedBy, None, None)], Some(1)),
            (vec![edge(FundedBy, None, Some("2020"))], None),
            (vec![edge(ControlledBy, None, Some("2020")), edge(OperatedBy, None, None)], Some(1)),
            (vec![edge(OwnedBy, None, None), edge(OwnedBy, None, None)], None),
        ];
        for (i, (edges, want)) in cases.into_iter().enumerate() {
            assert_eq!(primary_edge(&edges), want, "case {i}");
        }
    }
}
