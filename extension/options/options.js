// Options page entry: which citations to mark and where; datasets.js and edits.js do the rest.

import { readSettings, siteKey, writeSettings } from '../shared/settings.js';
import { el } from '../shared/render.js';
import { renderDataset, wireDatasets } from './datasets.js';
import { wireEdits } from './edits.js';

function say(text, kind = '') {
  const status = document.getElementById('settings-status');
  status.textContent = text;
  status.className = `status ${kind}`;
}

async function renderSettings() {
  const settings = await readSettings();
  for (const radio of document.querySelectorAll('input[name=annotate]')) radio.checked = radio.value === settings.annotate;
  const list = document.getElementById('disabled-sites');
  list.replaceChildren(
    ...settings.disabledSites.map((site) =>
      el('li', {}, `${site} `, el('button', { type: 'button', 'data-site': site, onclick: () => enableSite(site), text: 'Turn back on' })),
    ),
  );
}

async function enableSite(site) {
  const settings = await readSettings();
  await writeSettings({ disabledSites: settings.disabledSites.filter((s) => s !== site) });
  say(`Masthead is on again for ${site}; reload its pages to see marks.`, 'good');
  await renderSettings();
}

async function main() {
  document.getElementById('annotate').addEventListener('change', async (event) => {
    await writeSettings({ annotate: event.target.value });
    say('Saved. Pages you load from now on follow this setting.', 'good');
  });
  document.getElementById('site-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = document.getElementById('site-input');
    const raw = input.value.trim();
    const site = siteKey(raw.includes('://') ? raw : `https://${raw}`);
    if (!site) {
      say('That does not look like a site name, for example example.com.', 'bad');
      return;
    }
    const settings = await readSettings();
    if (!settings.disabledSites.includes(site)) await writeSettings({ disabledSites: [...settings.disabledSites, site].sort() });
    input.value = '';
    say(`Masthead draws nothing on ${site} from now on.`, 'good');
    await renderSettings();
  });
  await renderSettings();
  wireDatasets();
  await renderDataset();
  await wireEdits();
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  say(`Masthead could not load its settings: ${error.message}`, 'bad');
  document.body.dataset.ready = 'error';
});
