// Every message is checked before it is acted on: it must come from this extension, from the right
// kind of sender, and have the expected shape. Anything else is dropped.

const MAX_LINKS = 10000;
const MAX_TEXTS = 20000;
const MAX_URL = 4096;
const MAX_TEXT_TOTAL = 8 * 1024 * 1024;
const ID = /^[a-z0-9][a-z0-9-]{0,127}$/;

const isStringArray = (value, max, maxEach) =>
  Array.isArray(value) && value.length <= max && value.every((item) => typeof item === 'string' && item.length <= maxEach);

/** A dataset version: a whole number from 0 to 9,999,999,999 (src/bundle.rs MAX_VERSION). */
const isVersion = (value) => Number.isSafeInteger(value) && value >= 0 && value <= 9_999_999_999;

const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Messages a content script may send, and their shapes. */
const FROM_CONTENT = {
  page: (m) => m.url === undefined || (typeof m.url === 'string' && m.url.length <= MAX_URL),
  scan: (m) =>
    (m.page === undefined ||
      (isPlainObject(m.page) &&
        ['siteName', 'title'].every((k) => m.page[k] === undefined || (typeof m.page[k] === 'string' && m.page[k].length <= 500)))) &&
    isStringArray(m.links, MAX_LINKS, MAX_URL) &&
    isStringArray(m.texts, MAX_TEXTS, MAX_TEXT_TOTAL) &&
    m.texts.reduce((sum, text) => sum + text.length, 0) <= MAX_TEXT_TOTAL,
  cited: (m) =>
    (m.unread === undefined ||
      (isPlainObject(m.unread) &&
        ['blocks', 'links', 'blocksLeft', 'linksLeft'].every((k) => Number.isInteger(m.unread[k]) && m.unread[k] >= 0 && m.unread[k] < 1e9))) &&
    isPlainObject(m.counts) &&
    Object.keys(m.counts).length <= 5000 &&
    Object.entries(m.counts).every(([id, n]) => ID.test(id) && Number.isInteger(n) && n > 0 && n < 1e6),
};

/** Messages only the extension's own pages (popup, options) may send. */
const FROM_EXTENSION_PAGE = {
  popup: (m) => Number.isInteger(m.tabId) && m.tabId >= 0,
  timings: () => true,
  status: () => true,
  checkNow: (m) => m.allowVersion === undefined || isVersion(m.allowVersion),
  rollback: () => true,
  importBundle: (m) =>
    typeof m.base64 === 'string' && m.base64.length <= 24 * 1024 * 1024 && (m.allowVersion === undefined || isVersion(m.allowVersion)),
  importJson: (m) => typeof m.json === 'string' && m.json.length <= 64 * 1024 * 1024 && m.trusted === true,
  saveEdits: (m) =>
    (m.entities === undefined || (Array.isArray(m.entities) && m.entities.length <= 500 && m.entities.every(isPlainObject))) &&
    (m.removeIds === undefined || isStringArray(m.removeIds, 500, 128)),
  editable: (m) => typeof m.id === 'string' && ID.test(m.id),
  settingsChanged: () => true,
};

/**
 * 'content' with the tab id for a content script in a top-level frame, 'page' for an extension page,
 * or null when the message must be ignored.
 */
export function classifyMessage(message, sender) {
  if (!isPlainObject(message) || typeof message.type !== 'string') return null;
  if (sender.id !== chrome.runtime.id) return null;
  const ownPage = typeof sender.url === 'string' && sender.url.startsWith(chrome.runtime.getURL(''));
  if (ownPage) {
    const check = FROM_EXTENSION_PAGE[message.type];
    return check && Object.hasOwn(FROM_EXTENSION_PAGE, message.type) && check(message) ? { from: 'page' } : null;
  }
  const check = FROM_CONTENT[message.type];
  const fromTopFrame = Number.isInteger(sender.tab?.id) && sender.frameId === 0 && /^https?:/.test(sender.url ?? '');
  if (!fromTopFrame || !check || !Object.hasOwn(FROM_CONTENT, message.type) || !check(message)) return null;
  return { from: 'content', tabId: sender.tab.id, url: pageUrl(message, sender.url) };
}

/**
 * The address a content script reports for its page after a same-document navigation (pushState):
 * the sender's URL can still be the document's first one. Only an address of the same origin is
 * taken, which is all a same-document navigation can reach; anything else keeps the sender's.
 */
function pageUrl(message, senderUrl) {
  if (message.type !== 'page' || typeof message.url !== 'string') return senderUrl;
  try {
    return new URL(message.url).origin === new URL(senderUrl).origin ? message.url : senderUrl;
  } catch {
    return senderUrl;
  }
}
