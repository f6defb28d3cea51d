// Reader settings, kept in chrome.storage.local. Shared by the worker and the options page.

export const ANNOTATE_MODES = ['all', 'state', 'none'];

const DEFAULTS = {
  annotate: 'all', // mark all known outlets, only state-controlled ones, or none
  disabledSites: [], // hostnames where Masthead draws nothing
};

export async function readSettings() {
  const stored = await chrome.storage.local.get(Object.keys(DEFAULTS));
  const settings = { ...DEFAULTS, ...stored };
  if (!ANNOTATE_MODES.includes(settings.annotate)) settings.annotate = DEFAULTS.annotate;
  if (!Array.isArray(settings.disabledSites)) settings.disabledSites = [];
  return settings;
}

export async function writeSettings(changes) {
  await chrome.storage.local.set(changes);
}

/** The host a per-site switch applies to: lower case, without a leading "www.". */
export function siteKey(url) {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return '';
  }
}
