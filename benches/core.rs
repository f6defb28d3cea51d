//! Core benchmarks (criterion): URL lookups, text scanning, bundle load + automaton build.
//! Budgets (DESIGN.md): ≥ 2,000,000 lookups/s, ≥ 200 MB/s scan, ≤ 5 ms load of a 5,000-entity bundle.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use masthead::bundle;
use masthead::model::{Dataset, Edge, Entity, Kind, Relation, Source};
use masthead::Engine;
use std::collections::HashSet;
use std::hint::black_box;

/// 10,000 URLs: known domains with subdomains and paths, platform accounts, and unknown hosts (about
/// a third each), the mix a page of links gives.
fn url_batch(engine: &Engine) -> Vec<String> {
    let domains: Vec<&String> = engine.dataset().entities.iter().flat_map(|e| e.domains.iter()).filter(|d| !d.contains('/')).collect();
    let accounts: Vec<&String> = engine.dataset().entities.iter().flat_map(|e| e.accounts.iter()).collect();
    (0..10_000)
        .map(|i| match i % 3 {
            0 => format!("https://www.{}/news/2026/11/story-{i}.html", domains[i % domains.len()]),
            1 if !accounts.is_empty() => {
                let (platform, handle) = accounts[i % accounts.len()].split_once(':').unwrap();
                match platform {
                    "x" => format!("https://x.com/{handle}/status/{i}"),
                    "telegram" => format!("https://t.me/{handle}/{i}"),
                    "youtube" => format!("https://www.youtube.com/{handle}"),
                    _ => format!("https://www.facebook.com/{handle}"),
                }
            }
            _ => format!("https://cdn{i}.unknown-site-{i}.example.org/a/b?c={i}"),
        })
        .collect()
}

/// About 1 MB of English-like prose with a citation every ~5 KB, like a long article page.
fn text_mb(engine: &Engine) -> String {
    let names: Vec<&str> = engine.dataset().entities.iter().filter(|e| e.kind == Kind::Outlet).map(|e| e.name.as_str()).collect();
    let filler = "The minister said on Tuesday that the talks would continue next week, while officials in the \
                  capital declined to comment on the details of the proposal or its timing. ";
    let mut text = String::with_capacity(1 << 20);
    let mut i = 0;
    while text.len() < 1 << 20 {
        for _ in 0..25 {
            text.push_str(filler);
        }
        text.push_str("According to ");
        text.push_str(names[(i * 7919) % names.len()]);
        text.push_str(", the plan was approved. ");
        i += 1;
    }
    text
}

fn synthetic(n: usize) -> Dataset {
    let src = vec![Source { url: "https://example.org/s".into(), checked: "2026-11-28".into() }];
    let mut entities: Vec<Entity> = (0..n)
        .map(|i| Entity {
            id: format!("synthetic-{i:05}"),
            name: format!("Synthetic Outlet {i}"),
            kind: Kind::Outlet,
            country: Some("GB".into()),
            names: vec![("zh-Hans".into(), format!("合成新闻{i}"))],
            aliases: vec![format!("SynthNews{i}")],
            ambiguous: vec![],
            domains: vec![format!("synthetic-outlet-{i}.example"), format!("so{i}.example")],
            accounts: vec![format!("x:synth{i}")],
            labels: vec![],
            note: None,
            sources: src.clone(),
            owners: if i % 10 == 0 {
                vec![]
            } else {
                vec![Edge { owner: format!("synthetic-{:05}", i - i % 10), relation: Relation::OwnedBy, share: Some(100.0), since: None, until: None, sources: src.clone() }]
            },
            no_controller: None,
            impostors: vec![],
            edited: false,
        })
        .collect();
    entities.sort_by(|a, b| a.id.cmp(&b.id));
    Dataset { entities }
}

fn benches(c: &mut Criterion) {
    let engine = Engine::from_bundle(masthead::BUNDLED).expect("the embedded dataset loads");

    let urls = url_batch(&engine);
    let mut g = c.benchmark_group("lookup");
    g.throughput(Throughput::Elements(urls.len() as u64));
    g.bench_function("10k_urls", |b| {
        b.iter(|| {
            let mut hits = 0;
            for u in &urls {
                hits += engine.lookup_url(black_box(u)).ok().flatten().is_some() as usize;
            }
            hits
        })
    });
    g.finish();

    let text = text_mb(&engine);
    let linked = HashSet::new();
    let mut g = c.benchmark_group("scan");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("1mb_full_alias_set", |b| b.iter(|| engine.scan(black_box(&text), &linked).len()));
    g.finish();

    // Hostile inputs (issue #11): each must cost within 3× of prose per byte. A page controls its own
    // text and links, so these are what a page can make the engine do for every tab.
    let hostile = [
        ("dotted_200kb", "a.".repeat(100_000)),
        ("dotted_hosts_1mb", "a.b.c.d.e.f.g.h.rt.com ".repeat(45_000)),
        ("reuters_said_1mb", "Reuters said. ".repeat(75_000)),
        ("names_no_space_1mb", "ReutersReutersXinhuaTASS".repeat(43_000)),
    ];
    let mut g = c.benchmark_group("scan_hostile");
    for (name, text) in &hostile {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(*name, |b| b.iter(|| engine.scan(black_box(text), &linked).len()));
    }
    g.finish();
    let long_links: Vec<String> = (0..100).map(|i| format!("https://{}example{i}.com/x", "a.".repeat(2_000))).collect();
    let mut g = c.benchmark_group("lookup_hostile");
    g.throughput(Throughput::Bytes(long_links.iter().map(|u| u.len() as u64).sum()));
    g.bench_function("4kb_dotted_hosts", |b| b.iter(|| long_links.iter().filter(|u| engine.lookup_url(black_box(u)).ok().flatten().is_some()).count()));
    g.finish();

    let real = masthead::BUNDLED.to_vec();
    let synth = bundle::encode(&synthetic(5000), 1, "2026-11-28");
    let mut g = c.benchmark_group("load");
    g.bench_function("bundled_dataset", |b| b.iter_batched(|| real.clone(), |bytes| Engine::from_bundle(&bytes).unwrap(), BatchSize::SmallInput));
    g.bench_function("synthetic_5000_entities", |b| b.iter_batched(|| synth.clone(), |bytes| Engine::from_bundle(&bytes).unwrap(), BatchSize::SmallInput));
    g.finish();
}

criterion_group! {
    name = core;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(4));
    targets = benches
}
criterion_main!(core);
