// Turns engine answers into the plain objects the content script and the popup render.
// Everything here is data; the pages put it into the DOM with textContent only.

import { IMPOSTOR_STYLES, labelStyle } from './labels.js';

// Hosts whose name alone says nothing about who published the page: show the repository's owner too,
// so two research lists on GitHub read "github.com/ercexpo, github.com/palewire", not "github.com" twice.
const CODE_HOSTS = new Set(['github.com', 'gitlab.com']);

/**
 * A source as the pages show it: `site` is the text of the link, `href` is set only for http(s) URLs
 * (anything else is shown but not linked), `checked` is the day it was read.
 */
export function describeSource(source) {
  let site = source.url;
  let href = null;
  try {
    const url = new URL(source.url);
    if (url.protocol === 'https:' || url.protocol === 'http:') href = source.url;
    if (url.hostname) {
      site = url.hostname.replace(/^www\./, '');
      const owner = url.pathname.split('/')[1];
      if (CODE_HOSTS.has(site) && owner) site += `/${owner}`;
    }
  } catch {}
  return { site, href, checked: source.checked ?? null };
}

const describeSources = (sources) => (sources ?? []).map(describeSource);

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
    sources: describeSources(outlet.sources),
    edited: Boolean(outlet.edited),
    hops: chain.hops.map((hop) => ({
      relation: hop.relation,
      share: hop.share ?? null,
      since: hop.since ?? null,
      to: { id: hop.to.id, name: hop.to.name, kind: hop.to.kind, country: hop.to.country ?? null },
      sources: describeSources(hop.sources),
      edited: Boolean(hop.edited),
    })),
    truncated: Boolean(chain.truncated),
    // The chain ends at an entity the sources say nobody controls (a widely held listed company, a
    // cooperative): a fact, shown as such, not "ownership unknown".
    noController: describeNoController(chain.hops.length ? chain.hops[chain.hops.length - 1].to : outlet),
    // Owners recorded without one that controls (several minority shareholders): not "no owner".
    minorityOwners: chain.hops.length ? 0 : (engine.owners(id)?.edges ?? []).filter((edge) => edge.from === id).length,
  };
}

function describeNoController(entity) {
  const end = entity?.no_controller;
  return end ? { text: end.text, sources: describeSources(end.sources) } : null;
}

/** What to say when the chain is empty: nobody controls it, nothing is known, or no owner has control. */
export function noChainText(outlet) {
  if (outlet.noController) return outlet.noController.text;
  return outlet.minorityOwners ? 'no controlling owner recorded' : 'ownership unknown';
}

/** "People's Daily → Central Committee of the Chinese Communist Party", or "" when no owner is known.
 * A chain that ends at an entity nobody controls says so after the last name. */
export function ownersText(outlet) {
  const names = outlet.hops.map((hop) => hop.to.name).join(' → ');
  return names && outlet.noController ? `${names} (${outlet.noController.text})` : names;
}

/** The toolbar title for a known site, e.g. "Global Times — People's Daily → Central Committee ...". */
export function siteTitle(outlet) {
  const owners = ownersText(outlet) || noChainText(outlet);
  // A page on a platform whose account is not in the dataset: the platform is not the author.
  if (outlet.platformPage) return `${outlet.name}, a platform, not the author of this page: ${owners}; this account is not in the dataset`;
  return `${outlet.name} — ${owners}`;
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
    sources: describeSources(edge.sources),
    edited: Boolean(edge.edited),
  }));
}

/** An impostor answer from the engine, for the badge and the popup; null stays null. */
export function describeImpostor(found) {
  if (!found) return null;
  const real = (found.domains ?? []).filter((d) => !d.includes('/'));
  const certain = found.evidence !== 'lookalike';
  return {
    certain,
    style: IMPOSTOR_STYLES[certain ? 'certain' : 'lookalike'],
    id: found.id,
    name: found.name,
    evidence: found.evidence,
    domain: found.domain,
    realUrl: `https://${found.domain}/`,
    otherDomains: real.filter((d) => d !== found.domain),
    operation: found.operation ?? null,
    sources: describeSources(found.sources),
    explanation: impostorExplanation(found),
  };
}

/** Why Masthead thinks so, in plain words. */
function impostorExplanation({ evidence, name, domain, operation }) {
  if (evidence === 'documented') {
    const op = operation ? ` in the "${operation}" operation` : '';
    return `This site imitates ${name}: the source below documents it as a clone${op}.`;
  }
  if (evidence === 'homograph') {
    return `This address is written with look-alike characters so that it reads as ${domain}, ${name}'s real site, but it is a different address.`;
  }
  return `This address carries ${name}'s name on a domain ${name} does not use. It may be unrelated, or a copy: ${name}'s real site is ${domain}.`;
}

/** The toolbar title for an impostor: it names the imitated outlet and its real domain. */
export function impostorTitle(impostor) {
  if (!impostor.certain) {
    return `Masthead — looks like ${impostor.name}, but this is not its address (${impostor.domain})`;
  }
  return `Masthead — not ${impostor.name}: this site imitates it (the real site is ${impostor.domain})`;
}

/** A link to an impostor, shaped as the outlet a mark and its card show: the label says it in
 *  words ("Imitates The Washington Post"), the note names the real site. */
export function impostorMark(impostor, host) {
  const { certain, style } = impostor;
  return {
    id: `impostor:${host}`,
    impostor: true,
    name: host,
    label: {
      id: 'impostor',
      short: style.code,
      title: certain ? `Imitates ${impostor.name}` : `Looks like ${impostor.name}`,
      color: style.color,
      definition: impostor.explanation,
    },
    note: `${impostor.name}'s real site is ${impostor.domain}.`,
    hops: [],
    noController: null,
    minorityOwners: false,
    edited: false,
    sources: impostor.sources,
  };
}
