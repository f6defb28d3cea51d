// Everything the popup shows for one tab, in one answer.

import { getEngine } from './engine.js';
import { describeOutlet, describeOwnerGraph } from './describe.js';
import { readTab } from './tab-state.js';

export async function handlePopup({ tabId }) {
  const { engine, vocabulary, info, origin, notice } = await getEngine();
  const state = await readTab(tabId);
  let site = null;
  if (state?.site) {
    site = describeOutlet(engine, state.site, vocabulary);
    if (site && state.platformPage) site.platformPage = true;
    if (site) site.ownerGraph = describeOwnerGraph(engine, state.site);
  }
  const cited = Object.entries(state?.cited ?? {})
    .map(([id, count]) => ({ outlet: describeOutlet(engine, id, vocabulary), count }))
    .filter((entry) => entry.outlet)
    .sort((a, b) => b.count - a.count || a.outlet.name.localeCompare(b.outlet.name));
  return {
    tabId,
    url: state?.url ?? null,
    scanned: Boolean(state),
    site,
    impostor: state?.impostor ?? null,
    cited,
    unread: state?.unread ?? null,
    labels: [...vocabulary.values()],
    dataset: { ...info, origin, notice },
  };
}
