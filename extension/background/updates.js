// Dataset updates, imports and rollback. A new dataset becomes active only after its signature,
// full validation and version check pass; the one in use keeps answering until the swap, and the
// previous one is kept for a one-click rollback. Every refusal is a plain sentence for the reader.

import { Engine, compileDataset, verifyBundle } from '../pkg/masthead_wasm.js';
import { DEFAULT_UPDATE_URL, MAX_UPDATE_BYTES, PUBLIC_KEY_HEX, UPDATE_TIMEOUT_MS } from './config.js';
import { ACTIVE, PREVIOUS, fetchBundledDataset } from './datasets.js';
import { buildEngine, getEngine, initWasm, setEngine } from './engine.js';
import { readRecord, writeRecords } from './store.js';
import { readEditsJson } from './edits.js';

const STATUS_KEY = 'updateStatus';
// The version the reader rolled back from: no check installs it again unless the reader asks.
const DECLINED_KEY = 'declinedVersion';
const MAX_VERSION = 9_999_999_999; // src/bundle.rs MAX_VERSION: YYYYMMDDNN, exact as a JS number
const SETTINGS = { updateUrl: DEFAULT_UPDATE_URL, autoUpdate: true };
export const UPDATE_ALARM = 'masthead-update-check';
const CHECK_EVERY_MINUTES = 24 * 60;

const UNCHANGED = 'Your current data is unchanged.';

/**
 * A refusal the reader sees as is. `offerVersion` (with `offerLabel`) lets the options page offer to
 * install exactly that version anyway.
 */
class Refusal extends Error {
  constructor(message, extra = {}) {
    super(message);
    Object.assign(this, extra);
  }
}

const sentence = (text) => {
  const trimmed = String(text).trim().replace(/[.;:\s]+$/, '');
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
};

function hexToBytes(hex) {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export async function readUpdateSettings() {
  const stored = await chrome.storage.local.get(Object.keys(SETTINGS));
  return { ...SETTINGS, ...stored };
}

async function recordOutcome(outcome, message) {
  const status = { lastCheck: new Date().toISOString(), outcome, message };
  await chrome.storage.local.set({ [STATUS_KEY]: status });
  return status;
}

/** Keeps the alarm in line with the settings: a daily check when automatic checks are on and a URL is set. */
export async function scheduleChecks() {
  const { updateUrl, autoUpdate } = await readUpdateSettings();
  if (autoUpdate && updateUrl) {
    const existing = await chrome.alarms.get(UPDATE_ALARM);
    if (!existing) await chrome.alarms.create(UPDATE_ALARM, { delayInMinutes: 1, periodInMinutes: CHECK_EVERY_MINUTES });
  } else {
    await chrome.alarms.clear(UPDATE_ALARM);
  }
}

/** Downloads at most MAX_UPDATE_BYTES from `url`, giving up after UPDATE_TIMEOUT_MS. */
async function download(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new Refusal(`The update address "${url}" is not a valid URL. ${UNCHANGED}`);
  }
  if (!/^https?:$/.test(parsed.protocol)) throw new Refusal(`The update address must start with https:// (or http://). ${UNCHANGED}`);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), UPDATE_TIMEOUT_MS);
  const seconds = Math.round(UPDATE_TIMEOUT_MS / 1000);
  try {
    const response = await fetch(parsed, { signal: controller.signal, cache: 'no-store', credentials: 'omit' });
    if (!response.ok) throw new Refusal(`The update server answered with HTTP ${response.status}. ${UNCHANGED}`);
    const declared = Number(response.headers.get('content-length'));
    if (declared > MAX_UPDATE_BYTES) throw tooLarge();
    const reader = response.body.getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > MAX_UPDATE_BYTES) {
        controller.abort();
        throw tooLarge();
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  } catch (error) {
    if (error instanceof Refusal) throw error;
    if (controller.signal.aborted) throw new Refusal(`The update server did not answer within ${seconds} seconds. ${UNCHANGED}`);
    throw new Refusal(`The update could not be downloaded (${sentence(error.message).toLowerCase()}). ${UNCHANGED}`);
  } finally {
    clearTimeout(timer);
  }
}

const tooLarge = () =>
  new Refusal(`The update is larger than ${Math.round(MAX_UPDATE_BYTES / 1024 / 1024)} MiB, so it was not downloaded. ${UNCHANGED}`);

/**
 * Checks `bytes` completely and, if everything passes, makes it the active dataset.
 * `signed`: the bundle must carry a valid signature by the Masthead key (updates and bundle imports).
 * `allowVersion`: the reader explicitly chose to install exactly this version, though it is not newer.
 * `scheduled`: the daily check, which quietly skips a version the reader went back from.
 */
async function activate(bytes, { origin, signed = true, allowVersion = null, scheduled = false }) {
  await initWasm();
  const current = await getEngine();
  if (signed) {
    try {
      verifyBundle(bytes, hexToBytes(PUBLIC_KEY_HEX));
    } catch (error) {
      throw new Refusal(`${sentence(error.message)}. ${UNCHANGED}`);
    }
  }
  let engine;
  try {
    engine = Engine.fromUpdate(bytes); // full validation, not the fast path used for the bundled data
  } catch (error) {
    throw new Refusal(`This is not a usable Masthead dataset: ${sentence(error.message).toLowerCase()}. ${UNCHANGED}`);
  }
  const info = engine.info();
  engine.free();
  if (!info || !Number.isSafeInteger(info.version) || info.version < 0 || info.version > MAX_VERSION) {
    throw new Refusal(`This dataset's version is out of range. ${UNCHANGED}`);
  }
  if (allowVersion !== null && allowVersion !== info.version) {
    // "Install version N anyway" installs N and nothing else: the server may have changed meanwhile.
    throw new Refusal(`The dataset offered now is version ${info.version}, not version ${allowVersion} which you chose, so it was not installed. ${UNCHANGED}`);
  }
  const activeRecord = await activeRecordOf(current);
  // Signed versions are compared with the signed dataset in use, or, under an unsigned import, with
  // the signed one it replaced: an import's own version (from its dates) says nothing about the
  // signed timeline and must not block the next signed update.
  // Records stored before `signed` was kept: an import whose bytes carry no signature.
  const unsignedActive = activeRecord.signed === false || (activeRecord.origin === 'imported' && current.info.signed === false);
  const base = unsignedActive ? activeRecord.signedBase ?? 0 : current.info.version;
  const chosen = allowVersion === info.version;
  if (signed && !chosen) {
    const { [DECLINED_KEY]: declined } = await chrome.storage.local.get(DECLINED_KEY);
    if (info.version === declined && info.version > base) {
      const message = `Version ${info.version} is the newest offered, and you went back from it, so it was not installed again. ${UNCHANGED}`;
      if (scheduled) return { outcome: 'current', message };
      throw new Refusal(message, { offerVersion: info.version, offerLabel: `Install version ${info.version} again` });
    }
    if (info.version === base && !unsignedActive) return { outcome: 'current', message: `You already have the latest data (version ${info.version}).` };
    if (info.version <= base) {
      if (unsignedActive && info.version === base) return { outcome: 'current', message: `Version ${info.version} is the signed data your imported file replaced; your import stays in use.` };
      throw new Refusal(
        `The offered dataset (version ${info.version}) is older than the one in use (version ${base}), so it was refused: an old dataset can be replayed to hide newer facts. ${UNCHANGED}`,
        { offerVersion: info.version, offerLabel: `Install the older version ${info.version} anyway` },
      );
    }
  }

  const record = {
    bytes,
    origin,
    version: info.version,
    created: info.created,
    storedAt: new Date().toISOString(),
    signed,
    ...(signed ? {} : { signedBase: base }),
  };
  const state = await buildEngine(bytes, origin, null, { edits: await readEditsJson() });
  await writeRecords({ [ACTIVE]: record, [PREVIOUS]: withoutBytesIfBundled(activeRecord) });
  if (signed) await chrome.storage.local.remove(DECLINED_KEY);
  setEngine(state);
  return {
    outcome: 'updated',
    message: `Masthead now uses dataset version ${info.version} (${String(info.created).slice(0, 10)}, ${info.outlets} outlets).`,
  };
}

/** The stored record of the dataset in use; the bundled one when that is what runs (also after a
 * stored dataset could not be read and Masthead fell back to the bundled data). */
async function activeRecordOf(current) {
  const bundled = { origin: 'bundled', version: current.info.version, created: current.info.created };
  if (current.origin === 'bundled') return bundled;
  return (await readRecord(ACTIVE)) ?? bundled;
}

const withoutBytesIfBundled = (record) =>
  record.origin === 'bundled' ? { origin: 'bundled', version: record.version, created: record.created } : record;

// Every change of the active dataset runs alone: a scheduled check and "Check now" (or an import, or
// a rollback) must not interleave their reads and writes of the stored records.
let exclusive = Promise.resolve();

function attempt(run) {
  const result = exclusive.then(async () => {
    try {
      const { outcome, message } = await run();
      return { ...(await recordOutcome(outcome, message)) };
    } catch (error) {
      const message = error instanceof Refusal ? error.message : `Something went wrong: ${error.message}. ${UNCHANGED}`;
      return { ...(await recordOutcome('refused', message)), offerVersion: error.offerVersion ?? null, offerLabel: error.offerLabel ?? null };
    }
  });
  exclusive = result.catch(() => {});
  return result;
}

/** "Check now", or the daily alarm: download from the update URL and activate it if it passes. */
export function checkForUpdate({ allowVersion = null, scheduled = false } = {}) {
  return attempt(async () => {
    const { updateUrl } = await readUpdateSettings();
    if (!updateUrl) throw new Refusal('No update address is set, so there is nothing to check.');
    const bytes = await download(updateUrl);
    return activate(bytes, { origin: 'updated', allowVersion, scheduled });
  });
}

/** A signed bundle file the reader picked. */
export function importBundle(bytes, { allowVersion = null } = {}) {
  return attempt(() => {
    if (bytes.length > MAX_UPDATE_BYTES) throw tooLarge();
    return activate(bytes, { origin: 'imported', allowVersion });
  });
}

/** An unsigned data/ JSON file the reader explicitly said they trust. */
export function importJson(json) {
  return attempt(async () => {
    await initWasm();
    let bytes;
    try {
      bytes = compileDataset(json);
    } catch (error) {
      throw new Refusal(`The file is not a valid Masthead dataset: ${sentence(error.message).toLowerCase()}. ${UNCHANGED}`);
    }
    return activate(bytes, { origin: 'imported', signed: false });
  });
}

/** Swaps back to the previous dataset (which may be the bundled one); the current one becomes "previous". */
export function rollback() {
  return attempt(async () => {
    const previous = await readRecord(PREVIOUS);
    if (!previous) throw new Refusal('There is no previous dataset to go back to.');
    const current = await getEngine();
    const active = await activeRecordOf(current);
    const edits = await readEditsJson();
    const state = previous.bytes
      ? await buildEngine(previous.bytes, previous.origin, null, { edits })
      : await fetchBundledDataset().then((bundled) => buildEngine(bundled.bytes, 'bundled', null, { edits }));
    await writeRecords({ [ACTIVE]: previous.bytes ? previous : undefined, [PREVIOUS]: withoutBytesIfBundled(active) });
    // Remembered, so the next daily check does not simply install it again.
    await chrome.storage.local.set({ [DECLINED_KEY]: active.version });
    setEngine(state);
    return { outcome: 'rolled-back', message: `Masthead went back to dataset version ${state.info.version} (${state.origin}).` };
  });
}

/** Everything the options page shows about the data in use. */
export async function datasetStatus() {
  const state = await getEngine();
  const previous = await readRecord(PREVIOUS).catch(() => null);
  const { [STATUS_KEY]: lastCheck } = await chrome.storage.local.get(STATUS_KEY);
  const settings = await readUpdateSettings();
  return {
    active: { ...state.info, origin: state.origin, notice: state.notice },
    previous: previous ? { origin: previous.origin, version: previous.version ?? null, created: previous.created ?? null } : null,
    lastCheck: lastCheck ?? null,
    settings,
    edits: state.editResult ?? { applied: 0, conflicts: [] },
  };
}
