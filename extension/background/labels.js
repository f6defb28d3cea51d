// How each ownership label looks in the badge, the marks and the popup.
// State-controlled media must stand out; independent public media must never look like them.

const LABEL_STYLES = {
  'state-controlled': { code: 'STATE', short: 'S', color: '#b3261e' },
  'state-affiliated': { code: 'S-AF', short: 'SA', color: '#b45309' },
  'party-owned': { code: 'PRTY', short: 'P', color: '#7e22ce' },
  'public-service': { code: 'PUB', short: 'PS', color: '#1d4ed8' },
  'nonprofit': { code: 'NPO', short: 'N', color: '#047857' },
  'cooperative': { code: 'COOP', short: 'C', color: '#0f766e' },
  'private': { code: 'PRIV', short: 'Pr', color: '#475569' },
};

const UNLABELLED = { code: '?', short: '?', color: '#6b7280' };

export const STATE_CONTROLLED = 'state-controlled';

/** The style of an outlet's first label, or the neutral style when it has none. */
export function labelStyle(labels) {
  const id = labels?.find((label) => label in LABEL_STYLES);
  return id ? { id, ...LABEL_STYLES[id] } : { id: null, ...UNLABELLED };
}

/** The badge colour for the count of state-controlled outlets cited by an unknown site. */
export const CITED_STATE_COLOR = LABEL_STYLES[STATE_CONTROLLED].color;

/** Sites that only pretend to be an outlet: FAKE in red when sure, "?" in amber for a look-alike. */
export const IMPOSTOR_STYLES = { certain: { code: 'FAKE', color: '#b00020' }, lookalike: { code: '?', color: '#8a5300' } };
