// Which dataset is active: the one shipped with the extension, or a stored update or import.

import { readRecord } from './store.js';

export const ACTIVE = 'active';
export const PREVIOUS = 'previous';

export async function fetchBundledDataset() {
  const response = await fetch(chrome.runtime.getURL('pkg/masthead.bundle'));
  return { bytes: new Uint8Array(await response.arrayBuffer()), origin: 'bundled' };
}

/**
 * The stored active dataset when there is one, else the bundled one. A stored dataset that does not
 * load falls back to the bundled one with a notice (handled by buildEngine through `fallback`).
 */
export async function loadActiveDataset() {
  let stored = null;
  try {
    stored = await readRecord(ACTIVE);
  } catch {
    stored = null;
  }
  if (!stored?.bytes) return fetchBundledDataset();
  return {
    bytes: stored.bytes,
    origin: stored.origin,
    fallback: async () => ({
      ...(await fetchBundledDataset()),
      notice: 'The stored dataset could not be read, so Masthead is using the data that came with the extension.',
    }),
  };
}
