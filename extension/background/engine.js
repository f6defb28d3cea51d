// The one Engine of the extension, created on first use and kept for the worker's lifetime.
// MV3 workers may not use top-level await, so callers await the shared promise instead.

import init, { Engine, labelVocabulary } from '../pkg/masthead_wasm.js';
import { loadActiveDataset } from './datasets.js';
import { readEditsJson } from './edits.js';

let current = null; // Promise<{engine, info, origin, vocabulary, notice}>

/** Timings of the last cold start, in milliseconds; read by tests/e2e/bench.mjs. */
export const coldStartTimings = {};

let lastConstructorMs = 0;
let wasmReady = null;
function initWasm() {
  wasmReady ??= init({ module_or_path: chrome.runtime.getURL('pkg/masthead_wasm_bg.wasm') });
  return wasmReady;
}

export function getEngine() {
  current ??= start().catch((error) => {
    current = null; // let the next message try again
    throw error;
  });
  return current;
}

/** Replaces the running engine (after an update, import, rollback or edit); the old one answers until then. */
export function setEngine(state) {
  const previous = current;
  current = Promise.resolve(state);
  // Free the old engine's WASM memory once answers that already hold it have finished.
  previous?.then(
    (old) => old.engine !== state.engine && setTimeout(() => old.engine.free(), 10_000),
    () => {},
  );
}

async function start() {
  const t0 = performance.now();
  await initWasm();
  const t1 = performance.now();
  const dataset = await loadActiveDataset();
  const t2 = performance.now();
  const state = await buildEngine(dataset.bytes, dataset.origin, dataset.notice ?? null, { fallback: dataset.fallback });
  const t3 = performance.now();
  Object.assign(coldStartTimings, {
    instantiateMs: t1 - t0,
    loadBundleMs: t2 - t1,
    buildEngineMs: t3 - t2, // Engine constructor + the reader's edits + label vocabulary
    engineConstructorMs: lastConstructorMs,
    totalMs: t3 - t0,
    bundleBytes: dataset.bytes.length,
  });
  return state;
}

/**
 * An engine over `bytes` with the reader's edits applied on top.
 * When the bytes are bad and a fallback loader is given, that dataset is used with a notice instead.
 */
export async function buildEngine(bytes, origin, notice = null, { fallback, edits } = {}) {
  await initWasm();
  let engine;
  try {
    const t0 = performance.now();
    engine = new Engine(bytes);
    lastConstructorMs = performance.now() - t0;
  } catch (error) {
    if (!fallback) throw error;
    const bundled = await fallback();
    return buildEngine(bundled.bytes, bundled.origin, bundled.notice, { edits });
  }
  const editResult = await applyReaderEdits(engine, edits);
  const vocabulary = new Map(labelVocabulary().map((term) => [term.label, term]));
  return { engine, info: engine.info(), origin, notice, vocabulary, editResult };
}

async function applyReaderEdits(engine, edits) {
  const json = edits ?? (await readEditsJson());
  if (!json) return { applied: 0, conflicts: [] };
  try {
    return engine.applyEdits(json);
  } catch (error) {
    return { applied: 0, conflicts: [{ id: '', message: `Your edits could not be applied: ${error.message}` }] };
  }
}

export { initWasm };
