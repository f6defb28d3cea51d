// The toolbar badge and title, per tab. Chrome keeps tab-specific values per tab across tab
// switches and windows and clears them when the tab navigates.

import { CITED_STATE_COLOR } from './labels.js';
import { impostorTitle, siteTitle } from './describe.js';

export async function showSite(tabId, outlet) {
  await Promise.all([
    chrome.action.setBadgeText({ tabId, text: outlet.label.code }),
    chrome.action.setBadgeBackgroundColor({ tabId, color: outlet.label.color }),
    chrome.action.setTitle({ tabId, title: siteTitle(outlet) }),
  ]);
  await chrome.action.setBadgeTextColor?.({ tabId, color: '#ffffff' });
}

/** For a site whose ownership is unknown: the number of state-controlled outlets the page cites. */
export async function showCitations(tabId, stateControlledCount) {
  const cites =
    stateControlledCount === 0
      ? ''
      : stateControlledCount === 1
        ? '; this page cites 1 state-controlled outlet'
        : `; this page cites ${stateControlledCount} state-controlled outlets`;
  await Promise.all([
    chrome.action.setBadgeText({ tabId, text: stateControlledCount ? String(stateControlledCount) : '' }),
    chrome.action.setBadgeBackgroundColor({ tabId, color: CITED_STATE_COLOR }),
    chrome.action.setTitle({ tabId, title: `Masthead — this site's ownership is unknown${cites}` }),
  ]);
  await chrome.action.setBadgeTextColor?.({ tabId, color: '#ffffff' });
}

/** A site that only pretends to be a known outlet: red FAKE when a source documents it or its
 *  address reads the same as the real one, an amber "?" when it only resembles it. */
export async function showImpostor(tabId, impostor) {
  await Promise.all([
    chrome.action.setBadgeText({ tabId, text: impostor.style.code }),
    chrome.action.setBadgeBackgroundColor({ tabId, color: impostor.style.color }),
    chrome.action.setTitle({ tabId, title: impostorTitle(impostor) }),
  ]);
  await chrome.action.setBadgeTextColor?.({ tabId, color: '#ffffff' });
}
