//! Ownership chains and owner graphs over the fixture dataset.

mod common;
use common::fixture_engine;

/// (name, relation, share) of one hop.
type Hop = (String, &'static str, Option<f32>);

fn chain_of(id: &str) -> (String, Vec<Hop>) {
    let engine = fixture_engine();
    let chain = engine.chain(engine.find(id).unwrap());
    let hops = chain
        .hops
        .iter()
        .map(|h| {
            let e = &engine.entity(h.from).owners[h.edge];
            (engine.entity(h.to).id.clone(), e.relation.as_str(), e.share)
        })
        .collect();
    (engine.chain_names(&chain), hops)
}

#[test]
fn global_times_to_the_central_committee() {
    let (names, hops) = chain_of("global-times");
    assert_eq!(names, "Global Times → People's Daily → Central Committee of the Chinese Communist Party");
    assert_eq!(hops[0], ("peoples-daily".to_string(), "published_by", None));
    assert_eq!(hops[1], ("ccp-central-committee".to_string(), "controlled_by", None));
}

#[test]
fn majority_owner_then_controller() {
    let (names, hops) = chain_of("example-daily");
    assert_eq!(names, "Example Daily → Example Holdings → The Example family");
    assert_eq!(hops[0], ("example-holdings".to_string(), "owned_by", Some(60.0)));
}

#[test]
fn a_sole_funder_is_the_last_hop_and_unknown_stays_unknown() {
    // TV-Novosti has no owner, only the state that funds it: the chain ends there, saying so.
    let (names, hops) = chain_of("rt");
    assert_eq!(names, "RT → TV-Novosti → Government of Russia");
    assert_eq!(hops[1], ("government-ru".to_string(), "funded_by", None));
    let (names, hops) = chain_of("xinhua");
    assert_eq!(names, "Xinhua News Agency");
    assert!(hops.is_empty());
}

#[test]
fn owner_graph_shows_every_owner_with_shares() {
    let engine = fixture_engine();
    let (nodes, edges) = engine.owner_graph(engine.find("example-daily").unwrap());
    let names: Vec<&str> = nodes.iter().map(|&i| engine.entity(i).id.as_str()).collect();
    assert_eq!(names, ["example-daily", "example-holdings", "example-trust", "example-family"]);
    assert_eq!(edges.len(), 3);
    let (nodes, edges) = engine.owner_graph(engine.find("rt").unwrap());
    assert_eq!(nodes.len(), 3, "the funder is in the graph even though it is not in the chain");
    assert_eq!(edges.len(), 2);
}

#[test]
fn cycles_in_a_decoded_bundle_cannot_hang_the_chain() {
    // Validation rejects cycles, but a hand-made bundle could contain one: the chain must still end.
    let mut d = common::fixture_dataset();
    let cc = d.entities.iter().position(|e| e.id == "ccp-central-committee").unwrap();
    let gt_edge = d.entities.iter().find(|e| e.id == "global-times").unwrap().owners[0].clone();
    let mut back = gt_edge;
    back.owner = "global-times".into();
    back.relation = masthead::model::Relation::ControlledBy;
    d.entities[cc].owners.push(back);
    let bytes = masthead::bundle::encode(&d, 1, "2026-11-28");
    let engine = masthead::Engine::from_bundle(&bytes).unwrap();
    let chain = engine.chain(engine.find("global-times").unwrap());
    assert!(chain.truncated);
    assert_eq!(chain.hops.len(), 2);
    assert!(masthead::Engine::from_bundle_validated(&bytes).is_err(), "full validation must reject the cycle");
}
