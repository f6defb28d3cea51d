// DOM builders for extension pages. Dataset strings go in through textContent and attributes only.

export const RELATION_TEXT = {
  owned_by: 'owned by',
  controlled_by: 'controlled by',
  published_by: 'published by',
  operated_by: 'operated by',
  part_of: 'part of',
  funded_by: 'funded by',
};

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'style') Object.assign(node.style, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((child) => child != null));
  return node;
}

export function relationText(relation, share) {
  const words = RELATION_TEXT[relation] ?? relation;
  return share != null ? `${words} (${share}%)` : words;
}

export function labelPill(label) {
  return el('span', { class: 'pill', style: { background: label.color }, text: label.title });
}

export const editTag = () => el('span', { class: 'edit', text: 'your edit' });

/** "Sources: en.wikipedia.org, china.org.cn (checked 2026-11-28)", each site linking to its page. */
export function sourceLine(sources, title = 'Sources') {
  if (!sources?.length) return null;
  const line = el('div', { class: 'source' }, sources.length === 1 ? `${title.replace(/s$/, '')}: ` : `${title}: `);
  const dates = new Set(sources.map((source) => source.checked));
  sources.forEach((source, i) => {
    if (i) line.append(', ');
    line.append(el('a', { href: source.href, target: '_blank', rel: 'noopener noreferrer', text: source.site }));
    if (dates.size > 1 && source.checked) line.append(` (checked ${source.checked})`);
  });
  if (dates.size === 1 && sources[0].checked) line.append(` (checked ${sources[0].checked})`);
  return line;
}

/** An outlet in the dataset without an owner link: a fact about the dataset, not a claim that the
 * owner is unknowable (public corporations such as the BBC have no shareholder to name). */
export const NO_OWNER = 'No owner recorded in the dataset';

/** The chain as a list: each hop's relation and share, the owner, and the source that says so. */
/** Several owners are recorded, none with a majority or control. */
export const NO_CONTROLLER = 'No controlling owner recorded: the dataset lists only owners without a majority or control';

/** The documented end of a chain: "No controlling owner: a listed company with no controlling
 * shareholder", with the page that says so. */
const endOfChain = (end) =>
  el('div', { class: 'chain-end' }, el('div', { class: 'relation', text: `No controlling owner: ${end.text}` }), sourceLine(end.sources));

export function chainList(outlet) {
  if (!outlet.hops.length) {
    if (outlet.noController) return endOfChain(outlet.noController);
    return el('p', { class: 'unknown', text: outlet.minorityOwners ? NO_CONTROLLER : NO_OWNER });
  }
  const list = el('ol', { class: 'chain' });
  for (const hop of outlet.hops) {
    const since = hop.since ? ` since ${hop.since}` : '';
    list.append(
      el(
        'li',
        {},
        el('div', { class: 'relation', text: relationText(hop.relation, hop.share) + since }),
        el('div', { class: 'owner', text: hop.to.name }, hop.edited ? editTag() : null),
        sourceLine(hop.sources),
      ),
    );
  }
  if (outlet.truncated) list.append(el('li', { class: 'muted', text: '…' }));
  if (outlet.noController) list.append(el('li', {}, endOfChain(outlet.noController)));
  return list;
}

export function chainNames(outlet) {
  const names = outlet.hops.map((hop) => hop.to.name).join(' → ');
  if (outlet.noController) return names ? `${names} (${outlet.noController.text})` : outlet.noController.text;
  return names || (outlet.minorityOwners ? 'no controlling owner recorded' : NO_OWNER.toLowerCase());
}
