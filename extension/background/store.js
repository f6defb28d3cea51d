// A tiny IndexedDB key-value store for dataset bundles (too large for chrome.storage).

const DB_NAME = 'masthead';
const STORE = 'datasets';

let dbPromise = null;
function openDb() {
  dbPromise ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return dbPromise;
}

function run(mode, operate) {
  return openDb().then(
    (db) =>
      new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = operate(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(request?.result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      }),
  );
}

export function readRecord(key) {
  return run('readonly', (store) => store.get(key));
}

/** Writes several records in one transaction, so a swap is all or nothing. */
export function writeRecords(entries) {
  return run('readwrite', (store) => {
    let last = null;
    for (const [key, value] of Object.entries(entries)) {
      last = value === undefined ? store.delete(key) : store.put(value, key);
    }
    return last;
  });
}
