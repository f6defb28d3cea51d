// Per-tab state in chrome.storage.session, so it survives the worker being stopped and restarted.
// Updates for one tab are serialised: batches from a busy page must not overwrite each other.

const key = (tabId) => `tab:${tabId}`;
const queues = new Map();

export async function readTab(tabId) {
  const { [key(tabId)]: state } = await chrome.storage.session.get(key(tabId));
  return state ?? null;
}

/** Runs `change(state)` on the tab's state and stores what it returns, one change at a time per tab. */
export function updateTab(tabId, change) {
  const previous = queues.get(tabId) ?? Promise.resolve();
  const next = previous
    .catch(() => {})
    .then(async () => {
      const state = await readTab(tabId);
      const updated = await change(state);
      if (updated) await chrome.storage.session.set({ [key(tabId)]: updated });
      return updated;
    });
  queues.set(tabId, next);
  next.finally(() => {
    if (queues.get(tabId) === next) queues.delete(tabId);
  });
  return next;
}

export async function forgetTab(tabId) {
  await chrome.storage.session.remove(key(tabId));
}

/** A fresh state for a page that just loaded in the tab. */
export function newPageState(url, site) {
  return { url, site, cited: {}, linked: [] };
}
