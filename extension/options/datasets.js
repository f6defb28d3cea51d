// Options: the dataset in use, updates ("Check now", automatic checks), imports and rollback.
// All work happens in the service worker; this page asks and shows its plain-sentence answers.

import { el } from '../shared/render.js';

export async function ask(message) {
  const answer = await chrome.runtime.sendMessage(message);
  if (!answer?.ok) throw new Error(answer?.error ?? 'Masthead did not answer');
  return answer.result;
}

const $ = (id) => document.getElementById(id);

function say(id, text, kind = '') {
  $(id).textContent = text;
  $(id).className = `status ${kind}`;
}

const ORIGINS = { bundled: 'came with the extension', updated: 'downloaded update', imported: 'imported from a file' };
const OUTCOMES = { updated: 'new data installed', current: 'already up to date', refused: 'refused', 'rolled-back': 'went back to the previous data' };
const day = (created) => (created ? String(created).slice(0, 10) : 'unknown date');

export async function renderDataset() {
  const status = await ask({ type: 'status' });
  const active = status.active;
  $('ds-version').textContent = String(active.version);
  $('ds-created').textContent = day(active.created);
  $('ds-counts').textContent =
    `${active.outlets} outlets, ${active.domains} domains, ${active.accounts} accounts, ${active.countries} countries, ${active.edges} ownership links`;
  $('ds-origin').textContent = ORIGINS[active.origin] ?? active.origin;
  $('ds-notice').hidden = !active.notice;
  $('ds-notice').textContent = active.notice ?? '';
  const previous = status.previous;
  $('ds-previous').textContent = previous ? `version ${previous.version ?? '?'} (${ORIGINS[previous.origin] ?? previous.origin})` : 'none';
  $('rollback').hidden = !previous;
  const last = status.lastCheck;
  $('ds-last-check').textContent = last ? `${new Date(last.lastCheck).toLocaleString()}: ${OUTCOMES[last.outcome] ?? last.outcome}` : 'never';
  if (last && !$('update-status').textContent) say('update-status', last.message, last.outcome === 'refused' ? 'bad' : 'good');
  $('update-url').value = status.settings.updateUrl ?? '';
  $('auto-update').checked = Boolean(status.settings.autoUpdate);
  return status;
}

/**
 * Shows an outcome; a refusal that names a version gets an explicit button that installs exactly that
 * version (`retry(version)`), and nothing else if the server has changed meanwhile.
 */
function showOutcome(statusId, result, retry) {
  say(statusId, result.message, result.outcome === 'refused' ? 'bad' : 'good');
  const button = $('install-older');
  if (result.offerVersion != null && retry) {
    button.textContent = result.offerLabel ?? `Install version ${result.offerVersion} anyway`;
    button.hidden = false;
    const version = result.offerVersion;
    button.onclick = async () => {
      button.hidden = true;
      showOutcome(statusId, await retry(version), null);
      await renderDataset();
    };
  } else {
    button.hidden = true;
  }
}

async function fileBase64(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function wireDatasets() {
  $('update-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    await chrome.storage.local.set({ updateUrl: $('update-url').value.trim(), autoUpdate: $('auto-update').checked });
    await ask({ type: 'settingsChanged' });
    say('update-status', 'Update settings saved.', 'good');
  });
  $('check-now').addEventListener('click', async () => {
    say('update-status', 'Checking…');
    await chrome.storage.local.set({ updateUrl: $('update-url').value.trim(), autoUpdate: $('auto-update').checked });
    const result = await ask({ type: 'checkNow' });
    showOutcome('update-status', result, (version) => ask({ type: 'checkNow', allowVersion: version }));
    await renderDataset();
  });
  $('rollback').addEventListener('click', async () => {
    const result = await ask({ type: 'rollback' });
    showOutcome('update-status', result, null);
    await renderDataset();
  });
  $('import-button').addEventListener('click', async () => {
    const file = $('import-file').files[0];
    if (!file) return say('import-status', 'Choose a file first.', 'bad');
    const head = new Uint8Array(await file.slice(0, 64).arrayBuffer());
    const looksJson = String.fromCharCode(...head).trimStart().startsWith('{');
    let result;
    if (looksJson) {
      if (!$('import-trust').checked) {
        return say('import-status', 'This file is not signed. Tick "I trust this file" to import it anyway.', 'bad');
      }
      result = await ask({ type: 'importJson', json: await file.text(), trusted: true });
      showOutcome('import-status', result, null);
    } else {
      const base64 = await fileBase64(file);
      result = await ask({ type: 'importBundle', base64 });
      showOutcome('import-status', result, (version) => ask({ type: 'importBundle', base64, allowVersion: version }));
    }
    await renderDataset();
  });
}

export { el, say };
