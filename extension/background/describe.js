// Turns engine answers into the plain objects the content script and the popup render.
// Everything here is data; the pages put it into the DOM with textContent only.

import { labelStyle } from './labels.js';

/** An outlet with its label and ownership chain, ready for a card; null for an unknown id. */
export function describeOutlet(engine, id, vocabulary) {
  const chain = engine.chain(id);
  if (!chain) return null;
  const outlet = chain.outlet;
  const style = labelStyle(outlet.labels);
  const term = vocabulary.get(style.id);
  return {
    id: outlet.id,
    name: outlet.name,
    kind: outlet.kind,
    country: outlet.country ?? null,
    label: {
      id: style.id,
      code: style.code,
      short: style.short,
      color: style.color,
      title: term?.title ?? 'Label unknown',
      definition: term?.definition ?? '',
    },
    note: outlet.note ?? null,
    sources: outlet.sources ?? [],
    edited: Boolean(outlet.edited),
    hops: chain.hops.map((hop) => ({
      relation: hop.relation,
      share: hop.share ?? null,
      since: hop.since ?? null,
      to: { id: hop.to.id, name: hop.to.name, kind: hop.to.kind, country: hop.to.country ?? null },
      sources: hop.sources ?? [],
      edited: Boolean(hop.edited),
    })),
    truncated: Boolean(chain.truncated),
  };
}

/** "People's Daily → Central Committee of the Chinese Communist Party", or "" when no owner is known. */
export function ownersText(outlet) {
  return outlet.hops.map((hop) => hop.to.name).join(' → ');
}

/** The toolbar title for a known site, e.g. "Global Times — People's Daily → Central Committee ...". */
export function siteTitle(outlet) {
  const owners = ownersText(outlet);
  return `${outlet.name} — ${owners || 'ownership unknown'}`;
}

/**
 * The full owner graph when the chain alone hides something (several owners somewhere up the line).
 * Returns null when the chain already tells the whole story.
 */
export function describeOwnerGraph(engine, id) {
  const graph = engine.owners(id);
  if (!graph || graph.edges.length <= 1) return null;
  const ownersPerEntity = new Map();
  for (const edge of graph.edges) ownersPerEntity.set(edge.from, (ownersPerEntity.get(edge.from) ?? 0) + 1);
  if (![...ownersPerEntity.values()].some((count) => count > 1)) return null;
  const names = new Map(graph.nodes.map((node) => [node.id, node.name]));
  return graph.edges.map((edge) => ({
    from: { id: edge.from, name: names.get(edge.from) ?? edge.from },
    to: { id: edge.to, name: names.get(edge.to) ?? edge.to },
    relation: edge.relation,
    share: edge.share ?? null,
    sources: edge.sources ?? [],
    edited: Boolean(edge.edited),
  }));
}
