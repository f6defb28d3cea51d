// Masthead's service worker: routes checked messages to their handlers. Listeners are registered
// synchronously at the top level so a restarted worker receives the event that woke it.

import { classifyMessage } from './messages.js';
import { handleCited, handlePage, handleScan } from './citations.js';
import { handlePopup } from './popup-data.js';
import { coldStartTimings, getEngine } from './engine.js';
import { forgetTab } from './tab-state.js';
import { UPDATE_ALARM, checkForUpdate, datasetStatus, importBundle, importJson, rollback, scheduleChecks } from './updates.js';
import { describeForEdit, saveEdits } from './local-edits.js';

const CONTENT_HANDLERS = {
  page: (message, { tabId, url }) => handlePage(tabId, url),
  scan: (message, { tabId, url }) => handleScan(tabId, message, url),
  cited: (message, { tabId }) => handleCited(tabId, message),
};

const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

const PAGE_HANDLERS = {
  popup: (message) => handlePopup(message),
  timings: async () => {
    await getEngine();
    return { ...coldStartTimings };
  },
  status: () => datasetStatus(),
  checkNow: (message) => checkForUpdate({ allowVersion: message.allowVersion ?? null }),
  rollback: () => rollback(),
  importBundle: (message) => importBundle(fromBase64(message.base64), { allowVersion: message.allowVersion ?? null }),
  importJson: (message) => importJson(message.json),
  saveEdits: (message) => saveEdits(message),
  editable: (message) => describeForEdit(message.id),
  settingsChanged: () => scheduleChecks(),
};

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const origin = classifyMessage(message, sender);
  if (!origin) return false;
  const handler = origin.from === 'content' ? CONTENT_HANDLERS[message.type] : PAGE_HANDLERS[message.type];
  if (!handler) return false;
  handler(message, origin).then(
    (result) => sendResponse({ ok: true, result }),
    (error) => sendResponse({ ok: false, error: String(error?.message ?? error) }),
  );
  return true; // the answer comes asynchronously
});

chrome.tabs.onRemoved.addListener((tabId) => {
  forgetTab(tabId);
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === UPDATE_ALARM) checkForUpdate({ scheduled: true });
});

chrome.runtime.onInstalled.addListener(() => scheduleChecks());
chrome.runtime.onStartup.addListener(() => scheduleChecks());

// For tests and the benchmark (evaluated in the worker): cold-start timings of this worker instance.
globalThis.mastheadColdStart = () => getEngine().then(() => ({ ...coldStartTimings }));
