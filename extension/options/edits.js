// Options: the reader's own edits. A form for one outlet and its owners, the list of saved edits,
// conflicts with the dataset, and export in the data/ JSON format.

import { ask, renderDataset, say } from './datasets.js';
import { el } from '../shared/render.js';

const $ = (id) => document.getElementById(id);
const today = () => new Date().toISOString().slice(0, 10);
const RELATIONS = ['owned_by', 'controlled_by', 'published_by', 'operated_by', 'part_of', 'funded_by'];
const KINDS = ['company', 'group', 'state_body', 'party', 'person', 'trust', 'fund', 'outlet', 'platform'];
let loadedId = null; // the outlet last loaded from the dataset; `carried` belongs to it only
let carried = {}; // fields of a loaded outlet the form does not show (names, aliases, accounts, note), kept as they are
const ownerSources = new WeakMap(); // owner row -> the sources the dataset gives for that link

/** The sources to save: unchanged ones as they were, or the URL the reader typed, checked today. */
function sourcesFor(url, original = []) {
  if (!url) return [];
  if (original[0]?.url === url) return original;
  return [{ url, checked: today() }];
}

function ownerRow(owner = {}) {
  const relation = el('select', { name: 'relation', 'aria-label': 'Relation' }, ...RELATIONS.map((r) => el('option', { value: r, text: r.replace('_', ' ') })));
  relation.value = owner.relation ?? 'owned_by';
  const kind = el('select', { name: 'owner-kind', 'aria-label': 'Kind of a new owner' }, ...KINDS.map((k) => el('option', { value: k, text: k.replace('_', ' ') })));
  const row = el(
    'div',
    { class: 'owner-row' },
    el('input', { name: 'owner-id', placeholder: 'owner id', 'aria-label': 'Owner id', value: owner.id ?? null }),
    el('input', { name: 'owner-name', placeholder: 'name (only for a new owner)', 'aria-label': 'Name of a new owner' }),
    kind,
    relation,
    el('input', { name: 'share', type: 'number', min: '0', max: '100', step: 'any', placeholder: 'share %', 'aria-label': 'Share in percent', value: owner.share ?? null }),
    el('input', { name: 'owner-source', type: 'url', placeholder: 'source URL', 'aria-label': 'Source URL', value: owner.sources?.[0]?.url ?? null }),
    el('button', { type: 'button', text: 'Remove', onclick: () => row.remove() }),
  );
  ownerSources.set(row, owner.sources ?? []);
  return row;
}

const list = (text) => text.split(/[\s,]+/).map((s) => s.trim().toLowerCase()).filter(Boolean);

/** The entities to save: the outlet, plus any new owner the form names. */
function entitiesFromForm() {
  const source = $('edit-source').value.trim();
  const id = $('edit-id').value.trim();
  const kept = id === loadedId ? carried : {};
  const sources = sourcesFor(source, kept.sources);
  const outlet = { ...kept, id, name: $('edit-name').value.trim(), kind: 'outlet' };
  const country = $('edit-country').value.trim().toUpperCase();
  if (country) outlet.country = country;
  const domains = list($('edit-domains').value);
  if (domains.length) outlet.domains = domains.sort();
  else delete outlet.domains;
  const label = $('edit-label').value;
  if (label) outlet.labels = [label];
  else delete outlet.labels;
  if (sources.length) outlet.sources = sources;
  else delete outlet.sources;
  const extra = [];
  const owners = [];
  for (const row of document.querySelectorAll('#edit-owners .owner-row')) {
    const value = (name) => row.querySelector(`[name=${name}]`).value.trim();
    const id = value('owner-id');
    if (!id) continue;
    const edge = { id, relation: value('relation') };
    if (value('share') !== '') edge.share = Number(value('share'));
    edge.sources = sourcesFor(value('owner-source') || source, ownerSources.get(row));
    owners.push(edge);
    if (value('owner-name')) extra.push({ id, name: value('owner-name'), kind: value('owner-kind') });
  }
  if (owners.length) outlet.owners = owners;
  else delete outlet.owners;
  return [outlet, ...extra];
}

async function loadOutlet(id) {
  const found = await ask({ type: 'editable', id });
  if (!found) return say('edit-status', `There is no entity "${id}" in the dataset; fill in the form to add it.`, 'bad');
  const { entity, owners } = found;
  carried = {};
  loadedId = entity.id;
  if (entity.names && Object.keys(entity.names).length) carried.names = entity.names;
  for (const field of ['aliases', 'ambiguous', 'accounts', 'sources']) if (entity[field]?.length) carried[field] = entity[field];
  if (entity.note) carried.note = entity.note;
  $('edit-id').value = entity.id;
  $('edit-name').value = entity.name;
  $('edit-country').value = entity.country ?? '';
  $('edit-domains').value = (entity.domains ?? []).join(', ');
  $('edit-label').value = entity.labels?.[0] ?? '';
  $('edit-source').value = entity.sources?.[0]?.url ?? '';
  $('edit-owners').replaceChildren(
    ...owners.map((edge) => ownerRow({ id: edge.to, relation: edge.relation, share: edge.share, sources: edge.sources })),
  );
  say('edit-status', `Loaded ${entity.name}. Change what is wrong and save.`);
}

async function renderEdits(conflicts) {
  const { localEdits } = await chrome.storage.local.get('localEdits');
  const entities = localEdits?.entities ?? [];
  $('edits-list').replaceChildren(
    ...(entities.length
      ? entities.map((entity) =>
          el(
            'li',
            { 'data-edit': entity.id },
            `${entity.name} (${entity.id}) `,
            el('button', {
              type: 'button',
              text: 'Remove',
              onclick: async () => {
                const result = await ask({ type: 'saveEdits', removeIds: [entity.id] });
                say('edit-status', result.ok ? `Your edit of ${entity.name} was removed.` : result.message, result.ok ? 'good' : 'bad');
                await renderEdits(result.conflicts);
              },
            }),
          ),
        )
      : [el('li', { class: 'muted', text: 'No edits yet.' })]),
  );
  const shown = conflicts ?? (await ask({ type: 'status' })).edits.conflicts ?? [];
  $('edit-conflicts').replaceChildren(...shown.map((c) => el('li', { text: c.id ? `${c.id}: ${c.message}` : c.message })));
}

function exportEdits() {
  chrome.storage.local.get('localEdits').then(({ localEdits }) => {
    const data = { entities: localEdits?.entities ?? [] };
    const url = URL.createObjectURL(new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' }));
    const link = el('a', { href: url, download: 'masthead-edits.json' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  });
}

export function wireEdits() {
  $('add-owner').addEventListener('click', () => $('edit-owners').append(ownerRow()));
  $('load-edit').addEventListener('click', () => loadOutlet($('load-id').value.trim()));
  $('export-edits').addEventListener('click', exportEdits);
  $('edit-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = await ask({ type: 'saveEdits', entities: entitiesFromForm() });
    say('edit-status', result.message, result.ok ? 'good' : 'bad');
    await renderEdits(result.ok ? result.conflicts : undefined);
    await renderDataset();
  });
  return renderEdits();
}
