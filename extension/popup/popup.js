// The popup: who owns this site, and whom this page cites. Reads the current tab, or ?tab=ID.

import { chainList, chainNames, editTag, el, labelPill, relationText, sourceLine } from '../shared/render.js';

async function targetTabId() {
  const fromQuery = new URLSearchParams(location.search).get('tab');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

async function ask(message) {
  const answer = await chrome.runtime.sendMessage(message);
  if (!answer?.ok) throw new Error(answer?.error ?? 'Masthead did not answer');
  return answer.result;
}

function renderSite(data) {
  const body = document.getElementById('site-body');
  const site = data.site;
  if (!site && data.impostor) {
    body.replaceChildren(impostorCard(data.impostor));
    return;
  }
  if (!site) {
    const message = data.scanned
      ? 'This site is not in the Masthead dataset: ownership unknown.'
      : 'Masthead has not read this page (it may be a browser page, or it was open before Masthead started).';
    body.replaceChildren(el('p', { class: 'unknown', text: message }));
    return;
  }
  const children = [
    el('div', { class: 'outlet-head' }, el('h1', { class: 'outlet-name', text: site.name }), labelPill(site.label), site.edited ? editTag() : null),
    // On a platform, an account the dataset does not know: the platform is shown, and it is not the author.
    site.platformPage
      ? el('p', { class: 'notice platform', text: `This page is on ${site.name}, a platform. Its author's account is not in the Masthead dataset, so the platform and who owns it are shown here: ${site.name} is not the author.` })
      : null,
    el('p', {
      class: 'definition',
      text: site.label.definition || (site.kind === 'platform' ? 'A platform, not a news outlet: labels are given to outlets only.' : 'No ownership label is recorded for this outlet.'),
    }),
    site.note ? el('p', { class: 'note', text: site.note }) : null,
    chainList(site),
    sourceLine(site.sources),
  ];
  if (site.ownerGraph) children.push(ownerGraph(site.ownerGraph));
  body.replaceChildren(...children.filter(Boolean));
}

/** A site that only pretends to be a known outlet: who it imitates, why we think so, the real site. */
function impostorCard(impostor) {
  const { certain } = impostor;
  const heading = certain ? `Not ${impostor.name}` : `Looks like ${impostor.name}`;
  const real = el('a', { href: impostor.realUrl, target: '_blank', rel: 'noopener noreferrer', text: impostor.domain });
  return el(
    'div',
    { class: `impostor ${certain ? 'certain' : 'lookalike'}`, role: 'alert' },
    el('h1', { class: 'outlet-name', text: heading }),
    el('p', { class: 'explanation', text: impostor.explanation }),
    el('p', { class: 'real-site' }, `${impostor.name}'s real site: `, real),
    impostor.sources.length ? sourceLine(impostor.sources) : null,
  );
}

function ownerGraph(edges) {
  const list = el('ul');
  for (const edge of edges) {
    list.append(
      el('li', {}, `${edge.from.name} — ${relationText(edge.relation, edge.share)} → `, el('strong', { text: edge.to.name }), edge.edited ? editTag() : null, sourceLine(edge.sources)),
    );
  }
  return el('details', { class: 'graph', open: '' }, el('summary', { text: `All owners (${edges.length} links)` }), list);
}

/** A very long page is read up to a limit; the reader is told how far, never left to guess. */
function unreadNotice(unread) {
  if (!unread || (!unread.blocksLeft && !unread.linksLeft)) return null;
  const n = (x) => x.toLocaleString('en');
  const parts = [];
  if (unread.blocksLeft) parts.push(`the first ${n(unread.blocks)} blocks of text (${n(unread.blocksLeft)} more were not read)`);
  if (unread.linksLeft) parts.push(`the first ${n(unread.links)} links (${n(unread.linksLeft)} more were not read)`);
  return el('p', { class: 'notice unread', text: `This page is very long: Masthead marked ${parts.join(' and ')}.` });
}

function renderCited(data) {
  const body = document.getElementById('cited-body');
  const notice = unreadNotice(data.unread);
  if (!data.cited.length) {
    body.replaceChildren(el('p', { class: 'muted', text: 'No known outlets are linked or named on this page.' }), ...(notice ? [notice] : []));
    return;
  }
  // One group per label, state-controlled first, in the vocabulary's order.
  const order = data.labels.map((term) => term.label);
  const groups = new Map();
  for (const entry of data.cited) {
    const key = entry.outlet.label.id ?? '';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(entry);
  }
  const keys = [...groups.keys()].sort((a, b) => rank(order, a) - rank(order, b));
  body.replaceChildren(
    ...keys.map((key) => {
      const entries = groups.get(key);
      const label = entries[0].outlet.label;
      const items = entries.map(({ outlet, count }) =>
        el(
          'li',
          {},
          el(
            'button',
            { class: 'cited-item', type: 'button', 'data-outlet': outlet.id, onclick: () => reveal(data.tabId, outlet.id) },
            el('div', { class: 'cited-top' }, el('span', { class: 'cited-name', text: outlet.name }), el('span', { class: 'count', text: `${count}×` })),
            el('div', { class: 'cited-chain', text: chainNames(outlet) }),
          ),
        ),
      );
      return el('div', { class: 'group', 'data-label': key }, el('div', { class: 'group-title' }, labelPill(label)), el('ul', { class: 'cited-list' }, ...items));
    }),
    ...(notice ? [notice] : []),
  );
}

const rank = (order, key) => (key === 'state-controlled' ? -1 : order.includes(key) ? order.indexOf(key) : order.length);

function reveal(tabId, outletId) {
  chrome.tabs.sendMessage(tabId, { type: 'reveal', id: outletId }).catch(() => {});
}

function renderDataset(dataset) {
  const origin = { bundled: 'bundled', updated: 'updated', imported: 'imported' }[dataset.origin] ?? dataset.origin;
  const date = dataset.created ? String(dataset.created).slice(0, 10) : 'unknown date';
  document.getElementById('dataset').textContent = `Dataset v${dataset.version} · ${date} · ${origin}`;
  if (dataset.notice) document.getElementById('site').after(el('p', { class: 'notice', text: dataset.notice }));
}

async function main() {
  document.getElementById('options-link').addEventListener('click', (event) => {
    event.preventDefault();
    chrome.runtime.openOptionsPage();
  });
  const tabId = await targetTabId();
  if (tabId === null) throw new Error('No tab to describe.');
  const data = await ask({ type: 'popup', tabId });
  renderSite(data);
  renderCited(data);
  renderDataset(data.dataset);
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  document.getElementById('site-body').replaceChildren(el('p', { class: 'notice', text: `Masthead could not load: ${error.message}` }));
  document.body.dataset.ready = 'error';
});
