// The reader's own edits: stored apart from any dataset (chrome.storage.local) in the data/ JSON
// format, and applied on top of whichever dataset is active, so they survive updates and rollbacks.

const EDITS_KEY = 'localEdits';

/** The edits as data/ JSON text, or null when the reader has none. */
export async function readEditsJson() {
  const { [EDITS_KEY]: edits } = await chrome.storage.local.get(EDITS_KEY);
  if (!edits || !Array.isArray(edits.entities) || edits.entities.length === 0) return null;
  return JSON.stringify(edits);
}

export async function readEdits() {
  const { [EDITS_KEY]: edits } = await chrome.storage.local.get(EDITS_KEY);
  return edits?.entities ? edits : { entities: [] };
}

export async function writeEdits(edits) {
  await chrome.storage.local.set({ [EDITS_KEY]: edits });
}
