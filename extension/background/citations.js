// Answers the content script: which outlet a page belongs to, which outlets it links to and
// mentions, and keeps the tab's citation counts and badge up to date.

import { getEngine } from './engine.js';
import { describeImpostor, describeOutlet, impostorMark } from './describe.js';
import { STATE_CONTROLLED } from './labels.js';
import { newPageState, readTab, updateTab } from './tab-state.js';
import { showCitations, showImpostor, showSite } from './badge.js';
import { readSettings, siteKey } from '../shared/settings.js';

/** A page finished loading in a tab: find its outlet, reset the tab, set the badge. */
export async function handlePage(tabId, url) {
  const { engine, vocabulary } = await getEngine();
  const [found] = engine.lookupUrls([url]);
  const site = found ? describeOutlet(engine, found.id, vocabulary) : null;
  if (site && found.via === 'platform') site.platformPage = true;
  // Only an address no outlet claims can be an impostor (impostor.rs).
  const impostor = site ? null : describeImpostor(engine.impostor(url));
  await updateTab(tabId, () => ({
    ...newPageState(url, site?.id ?? null),
    platformPage: Boolean(site?.platformPage),
    ...(impostor ? { impostor } : {}),
  }));
  if (site) await showSite(tabId, site);
  else if (impostor) await showImpostor(tabId, impostor);
  else await showCitations(tabId, 0);
  const settings = await readSettings();
  const disabled = settings.disabledSites.includes(siteKey(url));
  return { site, annotate: disabled ? 'none' : settings.annotate };
}

/**
 * A batch of links and block texts from the page: resolve links, scan texts, describe every outlet
 * found. `page` says what the page calls itself (og:site_name, title): its own name is not a citation.
 */
export async function handleScan(tabId, { links, texts, page = {} }, url) {
  const { engine, vocabulary } = await getEngine();
  const state = await readTab(tabId);
  const site = state?.site ?? null;

  // The site's own outlet is shown by the badge; its own links and name, and those of the house
  // above it (BBC on BBC News Chinese), are not citations.
  const family = new Set(site ? [site, ...(engine.chain(site)?.hops ?? []).map((hop) => hop.to.id)] : []);
  const linkIds = engine.lookupCitations(links).map((id) => (id && !family.has(id) ? id : null));
  const linked = new Set(state?.linked ?? []);
  for (const id of linkIds) if (id) linked.add(id);
  const mentions = engine
    .scanTexts(texts, [...linked], hostOf(url), page.siteName ?? '', page.title ?? '')
    .map((matches) => matches.filter((m) => !family.has(m.id)).map(({ start, end, id }) => ({ start, end, id })));

  const outlets = {};
  // Links to sites that only pretend to be an outlet get a warning mark of their own. Links within
  // the page's own site are left alone: its badge already says what it is.
  const pageHost = hostOf(url);
  links.forEach((href, i) => {
    const host = hostOf(href);
    if (linkIds[i] || !host || host === pageHost) return;
    const impostor = describeImpostor(engine.impostor(href));
    if (!impostor) return;
    linkIds[i] = `impostor:${host}`;
    outlets[linkIds[i]] ??= impostorMark(impostor, host);
  });
  const describe = (id) => {
    if (id && !(id in outlets)) outlets[id] = describeOutlet(engine, id, vocabulary);
  };
  linkIds.forEach((id) => id?.startsWith('impostor:') || describe(id));
  for (const matches of mentions) for (const m of matches) describe(m.id);

  const newlyLinked = [...linked].filter((id) => !(state?.linked ?? []).includes(id));
  if (newlyLinked.length) {
    await updateTab(tabId, (s) => s && { ...s, linked: [...new Set([...s.linked, ...newlyLinked])] });
  }
  return { links: linkIds, mentions, outlets };
}

function hostOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** The content script reports the citations it found (after de-duplication) for the popup and badge. */
export async function handleCited(tabId, { counts, unread }) {
  const { engine } = await getEngine();
  const state = await updateTab(tabId, (s) => {
    if (!s) return null;
    const cited = { ...s.cited };
    for (const [id, n] of Object.entries(counts)) cited[id] = (cited[id] ?? 0) + n;
    // How much of a very long page was left unread: the popup says so rather than staying silent.
    const { blocks, links, blocksLeft, linksLeft } = unread ?? {};
    return unread ? { ...s, cited, unread: { blocks, links, blocksLeft, linksLeft } } : { ...s, cited };
  });
  // The badge of a known site, or the warning of an impostor, stays as it is.
  if (!state || state.site || state.impostor) return {};
  const stateControlled = Object.keys(state.cited).filter((id) =>
    engine.entity(id)?.labels?.includes(STATE_CONTROLLED),
  ).length;
  await showCitations(tabId, stateControlled);
  return {};
}
