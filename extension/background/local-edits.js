// Saving the reader's edits: checked against the active dataset first (an invalid edit is refused
// with the engine's reasons and nothing changes), then stored and applied.

import { Engine } from '../pkg/masthead_wasm.js';
import { loadActiveDataset } from './datasets.js';
import { buildEngine, getEngine, initWasm, setEngine } from './engine.js';
import { readEdits, writeEdits } from './edits.js';

/** Replaces the reader's edit of each given entity (or adds it), or removes the edits of `removeIds`. */
export async function saveEdits({ entities = [], removeIds = [] }) {
  await initWasm();
  const current = await readEdits();
  const byId = new Map(current.entities.map((entity) => [entity.id, entity]));
  for (const id of removeIds) byId.delete(id);
  for (const entity of entities) byId.set(entity.id, entity);
  const dataset = await loadActiveDataset();
  const probe = new Engine(dataset.bytes);
  // Remember which dataset version each edit was made against, so later changes show as conflicts.
  const bases = { ...(current.bases ?? {}) };
  for (const id of removeIds) delete bases[id];
  for (const entity of entities) {
    const fingerprint = probe.baseFingerprint(entity.id);
    if (fingerprint) bases[entity.id] = fingerprint;
    else delete bases[entity.id];
  }
  const edits = { entities: [...byId.values()].sort((a, b) => a.id.localeCompare(b.id)), bases };
  const json = JSON.stringify(edits);
  let report;
  try {
    report = probe.applyEdits(json);
  } catch (error) {
    const reason = error.message.replace(/\berror: /gi, '').replace(/[.\s]+$/, '');
    return { ok: false, message: `${reason.charAt(0).toUpperCase()}${reason.slice(1)}. Nothing was saved.` };
  } finally {
    probe.free();
  }
  await writeEdits(edits);
  const { origin, notice } = await getEngine();
  setEngine(await buildEngine(dataset.bytes, origin, notice, { edits: edits.entities.length ? json : null }));
  return { ok: true, applied: report.applied, conflicts: report.conflicts, message: 'Your edit is saved and in use.' };
}

/** The dataset's own version of an entity (for the edit form), or null. */
export async function describeForEdit(id) {
  const { engine } = await getEngine();
  const entity = engine.entity(id);
  if (!entity) return null;
  const graph = engine.owners(id);
  const owners = (graph?.edges ?? []).filter((edge) => edge.from === id);
  return { entity, owners };
}
