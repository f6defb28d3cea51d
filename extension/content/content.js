// Masthead content script (classic script, no WebAssembly: a page's CSP may forbid it).
// Collects links and block texts, asks the worker which outlets they cite, and draws a small mark
// after each citation. Marks and the card live in closed shadow roots; dataset strings are only ever
// set with textContent or attributes.
(() => {
  'use strict';
  const api = globalThis.browser ?? globalThis.chrome;
  if (!api?.runtime?.id || window.top !== window || globalThis.mastheadContentLoaded) return;
  globalThis.mastheadContentLoaded = true; // this isolated world only; the page cannot see it

  const MARK_TAG = 'masthead-mark';
  const CARD_TAG = 'masthead-card';
  // The reading-matter rules: the same as src/html.rs, so that `masthead scan --html` predicts what a
  // reader sees. Only the article is read: not navigation, menus, page headers and footers, asides,
  // hidden elements, frames, share and follow widgets, nor anything editable or code.
  const SKIP_TAGS = new Set([
    'script', 'style', 'noscript', 'template', 'code', 'pre', 'kbd', 'samp', 'textarea', 'input', 'select',
    'option', 'button', 'svg', 'math', 'head', 'title', 'iframe', 'object', 'canvas', 'nav', 'menu', 'aside',
    'dialog',
  ]);
  const SKIP_ROLES = new Set([
    'navigation', 'menu', 'menubar', 'banner', 'contentinfo', 'tablist', 'toolbar', 'search', 'complementary', 'dialog',
  ]);
  const WIDGET_WORDS = new Set(['share', 'sharing', 'sharebar', 'sharetools', 'addthis', 'addtoany', 'sharethis', 'follow', 'social']);
  const HIDDEN_STYLE = /display:none|visibility:hidden/;

  // Elements that continue the running text of their block; a mention may span them (<b>Global</b> Times).
  const INLINE_TAGS = new Set([
    'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'label', 'mark',
    'q', 'ruby', 'rb', 'rt', 's', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'nobr',
  ]);
  const SLICE_MS = 8; // yield to the page after this much work, so no task gets long
  // One message to the worker carries at most this much, so that a huge page is handled in turns with
  // every other tab instead of in one long task (the worker refuses more than 10k links, 20k texts or
  // 8 MiB in one message). A page is read up to PAGE_* in all; beyond that the popup says so.
  const CHUNK_LINKS = 2000;
  const CHUNK_TEXTS = 2000;
  const CHUNK_CHARS = 1 << 20;
  const MAX_BLOCK_CHARS = 1 << 20; // a single block longer than this is read up to here
  const PAGE_BLOCKS = 100000;
  const PAGE_LINKS = 100000;
  const FLUSH_DELAY_MS = 250; // batch DOM changes (a feed appending every 100 ms gives 1 batch per 250 ms)
  const HAS_LETTER = /\p{L}/u;

  let annotate = 'all';
  const outlets = new Map(); // outlet id -> description from the worker
  // Marks are known by identity, never by tag or attribute: a page can make a <masthead-mark> of its
  // own, but it cannot put one in this map, so it can neither open a real card nor suppress a mark.
  const ownMarks = new WeakMap(); // mark element -> outlet id
  let cardHost = null;
  // Text nodes of the page that a mark split, with the nodes Masthead put after them (marks and the
  // split-off rest). When the page changes or removes such a node (a framework updating its own text
  // node), those nodes are taken away again, so the page's text is exactly what the page set.
  const splits = new WeakMap(); // page text node -> [nodes Masthead inserted after it]
  // How far the page was read; the popup shows it when something was left unread.
  const reach = { blocks: 0, links: 0, blocksLeft: 0, linksLeft: 0 };
  const seenLinks = new WeakSet();
  const lastBlockText = new WeakMap();
  let theme = 'light';

  // ---- timing, for the benchmark ----
  // Kept in this isolated world only (the benchmark reads it over the DevTools protocol): nothing goes
  // into the page's performance timeline, which any site can read to learn Masthead is installed.
  const timings = { slices: 0, total: 0, longest: 0, collect: 0, send: 0, apply: 0, firstStart: null };
  globalThis.mastheadTimings = timings;
  let sliceStart = 0;
  let phase = 'collect';
  const beginSlice = () => {
    sliceStart = performance.now();
    timings.firstStart ??= sliceStart;
  };
  const endSlice = () => {
    const spent = performance.now() - sliceStart;
    timings.slices += 1;
    timings.total += spent;
    timings.longest = Math.max(timings.longest, spent);
    timings[phase] += spent;
  };
  const sliceSpent = () => performance.now() - sliceStart > SLICE_MS;
  const nextTask = () =>
    new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = resolve;
      channel.port2.postMessage(null);
    });
  async function yieldSlice() {
    endSlice();
    await nextTask();
    beginSlice();
  }

  async function send(message) {
    const answer = await api.runtime.sendMessage(message);
    if (!answer?.ok) throw new Error(answer?.error ?? 'no answer from Masthead');
    return answer.result;
  }

  // ---- collecting links and block texts ----

  const isWidgetName = (value) => value.split(/[^A-Za-z0-9]+/).some((word) => WIDGET_WORDS.has(word.toLowerCase()));

  /** Is this element, by itself, outside the reading matter? (src/html.rs `is_skipped`) */
  function isSkipped(element, inArticle) {
    const name = element.localName;
    if (SKIP_TAGS.has(name) || (!inArticle && (name === 'header' || name === 'footer'))) return true;
    if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden')?.trim().toLowerCase() === 'true') return true;
    const role = element.getAttribute('role');
    if (role && role.toLowerCase().split(/\s+/).some((r) => SKIP_ROLES.has(r))) return true;
    const style = element.getAttribute('style');
    if (style && HIDDEN_STYLE.test(style.toLowerCase().replace(/\s+/g, ''))) return true;
    const editable = element.getAttribute('contenteditable');
    if (editable !== null && editable.toLowerCase() !== 'false') return true;
    const className = element.getAttribute('class');
    const id = element.getAttribute('id');
    return (className !== null && isWidgetName(className)) || (id !== null && isWidgetName(id));
  }

  /** Where the page marks its main content, only that is read: `main`, else `article`, else all. */
  function readingRegion() {
    if (document.querySelector('main, [role=main i]')) return (el) => el.localName === 'main' || el.getAttribute('role')?.toLowerCase() === 'main';
    if (document.querySelector('article')) return (el) => el.localName === 'article';
    return null;
  }

  /**
   * A memoised "is this element part of the reading matter?" for one scan: none of its ancestors is
   * skipped, it is inside the reading region, and the browser renders it visibly (what CSS hides,
   * the command line cannot see; everything else is the same rule).
   */
  function readingChecker() {
    const isRegion = readingRegion();
    const memo = new Map(); // element -> { skip, inArticle, inRegion }
    const top = { skip: false, inArticle: false, inRegion: isRegion === null };
    const stateOf = (element) => {
      const chain = [];
      let el = element;
      for (; el && !memo.has(el); el = el.parentElement) chain.push(el);
      let state = el ? memo.get(el) : top;
      for (let i = chain.length - 1; i >= 0; i--) {
        const c = chain[i];
        if (!state.skip) {
          state = {
            skip: isSkipped(c, state.inArticle),
            inArticle: state.inArticle || c.localName === 'article',
            inRegion: state.inRegion || (isRegion !== null && isRegion(c)),
          };
        }
        memo.set(c, state);
      }
      return state;
    };
    const visible = new Map();
    const readable = (element) => {
      const state = stateOf(element);
      if (state.skip || !state.inRegion) return false;
      let shown = visible.get(element);
      if (shown === undefined) {
        shown = element.checkVisibility?.({ visibilityProperty: true, opacityProperty: true }) ?? true;
        visible.set(element, shown);
      }
      return shown;
    };
    // A changed subtree is worth walking unless it lies in skipped chrome; its nodes are checked one by one.
    readable.walkable = (element) => !stateOf(element).skip;
    return readable;
  }

  function blockOf(node) {
    let el = node.nodeType === 1 ? node : node.parentElement;
    while (el && INLINE_TAGS.has(el.localName) && el.parentElement) el = el.parentElement;
    return el;
  }

  /**
   * The link's absolute URL when it points to another site. Relative links stay on this site, which is
   * never a citation of itself, so they are skipped without the cost of resolving them (anchor.href).
   */
  function absoluteHref(raw) {
    if (!raw || raw.length > 4096) return null;
    const href = raw.trim();
    if (/^https?:\/\//i.test(href)) return href;
    if (href.startsWith('//')) return location.protocol + href;
    return null;
  }

  /**
   * Finds new links and the text of each block under `roots`, with enough bookkeeping to map match
   * offsets back to text nodes. Yields to the page between slices.
   */
  async function collect(roots) {
    const readable = readingChecker();
    const blockOfParent = new Map();
    const newAnchors = [];
    const takeAnchor = (anchor) => {
      // An icon-only link (a follow button, a logo) cites nobody: a link needs text, as in html.rs.
      if (!seenLinks.has(anchor) && readable(anchor) && anchor.textContent.trim()) newAnchors.push(anchor);
    };
    for (const root of roots) {
      if (root.localName === 'a' && root.hasAttribute('href')) takeAnchor(root);
      // One by one, not spread: a page with 100,000s of links must not overflow the argument list.
      for (const anchor of root.querySelectorAll('a[href]')) takeAnchor(anchor);
    }
    const blocks = new Map(); // block element -> { parts, nodes, starts, length }
    let previousBlock = null;
    let visited = 0;
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (++visited % 256 === 0 && sliceSpent()) await yieldSlice();
        const parent = node.parentElement;
        if (!parent || !readable(parent)) continue;
        let block = blockOfParent.get(parent);
        if (!block) blockOfParent.set(parent, (block = blockOf(parent)));
        let entry = blocks.get(block);
        if (!entry) blocks.set(block, (entry = { parts: [], nodes: [], starts: [], length: 0 }));
        else if (block !== previousBlock) {
          // Text resumes after a nested block: keep the two runs apart.
          entry.parts.push('\n');
          entry.length += 1;
        }
        previousBlock = block;
        entry.nodes.push(node);
        entry.starts.push(entry.length);
        entry.parts.push(node.data);
        entry.length += node.data.length;
      }
    }
    const texts = [];
    const textBlocks = [];
    for (const [block, entry] of blocks) {
      let text = entry.parts.join('');
      if (text.length < 2 || !HAS_LETTER.test(text) || lastBlockText.get(block) === text) continue;
      if (reach.blocks >= PAGE_BLOCKS) {
        reach.blocksLeft += 1;
        continue;
      }
      lastBlockText.set(block, text);
      if (text.length > MAX_BLOCK_CHARS) text = text.slice(0, MAX_BLOCK_CHARS);
      reach.blocks += 1;
      texts.push(text);
      textBlocks.push(entry);
    }
    const hrefs = [];
    const hrefIndex = new Map();
    const anchorHref = [];
    if (reach.links + newAnchors.length > PAGE_LINKS) {
      const room = Math.max(0, PAGE_LINKS - reach.links);
      reach.linksLeft += newAnchors.length - room;
      newAnchors.length = room;
    }
    reach.links += newAnchors.length;
    for (const anchor of newAnchors) {
      seenLinks.add(anchor);
      const href = absoluteHref(anchor.getAttribute('href'));
      if (!href) {
        anchorHref.push(-1);
        continue;
      }
      if (!hrefIndex.has(href)) {
        hrefIndex.set(href, hrefs.length);
        hrefs.push(href);
      }
      anchorHref.push(hrefIndex.get(href));
    }
    return { anchors: newAnchors, anchorHref, hrefs, texts, textBlocks };
  }

  /**
   * Cuts what `collect` found into messages of at most CHUNK_LINKS links and CHUNK_TEXTS texts or
   * CHUNK_CHARS characters, each with the anchors and blocks it answers for.
   */
  function* chunks(collected) {
    const linkChunks = [];
    for (let from = 0; from < collected.hrefs.length; from += CHUNK_LINKS) {
      linkChunks.push({ from, hrefs: collected.hrefs.slice(from, from + CHUNK_LINKS), anchors: [], anchorHref: [] });
    }
    collected.anchors.forEach((anchor, i) => {
      const at = collected.anchorHref[i];
      if (at < 0) return; // a link to this site: no citation, nothing to ask
      const chunk = linkChunks[Math.floor(at / CHUNK_LINKS)];
      chunk.anchors.push(anchor);
      chunk.anchorHref.push(at - chunk.from);
    });
    const textChunks = [];
    let current = null;
    collected.texts.forEach((text, i) => {
      if (!current || current.texts.length === CHUNK_TEXTS || current.chars + text.length > CHUNK_CHARS) {
        textChunks.push((current = { texts: [], textBlocks: [], chars: 0 }));
      }
      current.texts.push(text);
      current.textBlocks.push(collected.textBlocks[i]);
      current.chars += text.length;
    });
    for (let i = 0; i < Math.max(linkChunks.length, textChunks.length); i++) {
      const links = linkChunks[i] ?? { hrefs: [], anchors: [], anchorHref: [] };
      const texts = textChunks[i] ?? { texts: [], textBlocks: [] };
      yield { hrefs: links.hrefs, anchors: links.anchors, anchorHref: links.anchorHref, texts: texts.texts, textBlocks: texts.textBlocks };
    }
  }

  // ---- drawing marks ----

  const MARK_CSS = `
    :host { all: initial !important; display: inline !important; font-size: inherit !important; }
    .m { all: unset; display: inline-block; box-sizing: border-box; margin: 0 0 0 .25em; padding: 0 .32em;
      min-width: 1.25em; height: 1.25em; border-radius: .625em; vertical-align: .1em;
      font: 700 .62em/1.25em system-ui, -apple-system, "Segoe UI", sans-serif; letter-spacing: .02em;
      text-align: center; text-indent: 0; text-transform: none; white-space: nowrap; cursor: help;
      color: #fff; background: var(--c); box-shadow: 0 0 0 1px rgb(0 0 0 / .08); user-select: none; }
    .m.dark { box-shadow: 0 0 0 1px rgb(255 255 255 / .25); }
    .m:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
    .m.dark:focus-visible { outline-color: #93c5fd; }
    :host([data-masthead-flash]) .m { animation: flash 1.2s ease-out 2; }
    @keyframes flash { 0% { box-shadow: 0 0 0 0 var(--c); } 100% { box-shadow: 0 0 0 .7em transparent; } }
  `;

  function chainText(outlet) {
    // A link to a site that only pretends to be an outlet: its warning, not a chain.
    if (outlet.impostor) return outlet.note;
    const owners = outlet.hops.map((hop) => hop.to.name).join(' → ');
    if (outlet.noController) return owners ? `${owners} (${outlet.noController.text})` : outlet.noController.text;
    return owners || (outlet.minorityOwners ? 'no controlling owner recorded' : 'no owner recorded in the dataset');
  }

  // One prototype mark per outlet, kind and theme; each mark is a clone (a clonable shadow root is
  // copied with its host), which is several times cheaper than building a shadow root per mark.
  const markPrototypes = new Map();

  function createMark(outlet, kind) {
    const key = `${outlet.id}|${kind}|${theme}`;
    let prototype = markPrototypes.get(key);
    if (!prototype) {
      prototype = document.createElement(MARK_TAG);
      prototype.setAttribute('data-masthead-outlet', outlet.id);
      prototype.setAttribute('data-masthead-kind', kind);
      // delegatesFocus: focusing the host (from script or the keyboard) focuses the mark inside.
      const root = prototype.attachShadow({ mode: 'closed', delegatesFocus: true, clonable: true });
      const style = document.createElement('style');
      style.textContent = MARK_CSS;
      const button = document.createElement('span');
      button.className = theme === 'dark' ? 'm dark' : 'm';
      button.setAttribute('role', 'button');
      button.tabIndex = 0;
      button.style.setProperty('--c', outlet.label.color);
      button.textContent = outlet.label.short;
      button.setAttribute(
        'aria-label',
        `Masthead: ${outlet.name}, ${outlet.label.title.toLowerCase()}. Owned: ${outlet.name} → ${chainText(outlet)}`,
      );
      root.append(style, button);
      markPrototypes.set(key, prototype);
    }
    const mark = prototype.cloneNode(true);
    ownMarks.set(mark, outlet.id);
    return mark;
  }

  // Marks are handled by delegation: events from inside a closed shadow root reach the document
  // retargeted to the mark's host element.
  const markOf = (target) => (target && ownMarks.has(target) ? target : null);
  const outletOf = (mark) => outlets.get(ownMarks.get(mark));

  function listenToMarks() {
    const showFor = (mark) => {
      const outlet = outletOf(mark);
      if (outlet) card.show(mark, outlet);
    };
    document.addEventListener('mouseover', (event) => {
      const mark = markOf(event.target);
      if (mark && !mark.contains(event.relatedTarget)) showFor(mark);
    }, true);
    document.addEventListener('mouseout', (event) => {
      const mark = markOf(event.target);
      if (mark && !mark.contains(event.relatedTarget)) card.hideSoon();
    }, true);
    document.addEventListener('focusin', (event) => {
      const mark = markOf(event.target);
      if (mark) showFor(mark);
    }, true);
    document.addEventListener('focusout', (event) => {
      if (markOf(event.target)) card.hideSoon();
    }, true);
    document.addEventListener('click', (event) => {
      const mark = markOf(event.target);
      if (!mark) return;
      event.preventDefault();
      event.stopPropagation();
      showFor(mark);
    }, true);
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') return card.hide();
      const mark = markOf(event.target);
      if (mark && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        showFor(mark);
      }
    }, true);
  }

  /** True when a mark for `id` already follows `node` (possibly after other marks). */
  function markFollows(node, id) {
    for (let next = node.nextSibling; next && ownMarks.has(next); next = next.nextSibling) {
      if (ownMarks.get(next) === id) return true;
    }
    return false;
  }

  /** Records that Masthead put `inserted` right after the page's text node `node`. */
  function noteInserted(node, ...inserted) {
    let list = splits.get(node);
    if (!list) splits.set(node, (list = []));
    list.push(...inserted);
  }

  /** The page changed or removed a text node Masthead split: take Masthead's nodes away again. */
  function restore(node) {
    const inserted = splits.get(node);
    if (!inserted) return;
    splits.delete(node);
    for (const n of inserted) n.remove();
  }

  // Links to impostors are warned about whenever marks are on: they are rarer and worse than state media.
  const shouldDraw = (outlet) =>
    annotate === 'all' || (annotate === 'state' && (outlet.label.id === 'state-controlled' || outlet.impostor));

  /** Index of the text node holding the character just before `end` (the earlier node at boundaries). */
  function nodeBefore(entry, end) {
    let lo = 0;
    let hi = entry.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (entry.starts[mid] < end) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Places one mention mark right after the mention; returns true when a new citation was recorded. */
  function markMention(entry, match, outlet, draw) {
    const index = nodeBefore(entry, match.end);
    const node = entry.nodes[index];
    if (!node?.parentNode || !node.isConnected) return false;
    const local = Math.min(match.end - entry.starts[index], node.length);
    const anchor = node.parentElement?.closest('a');
    if (anchor) {
      // Never inside a link: the mark goes after it, once per outlet; a link already marked for it is enough.
      if (markFollows(anchor, match.id)) return false;
      if (draw) anchor.after(createMark(outlet, 'mention'));
      return true;
    }
    if (local >= node.length) {
      if (markFollows(node, match.id)) return false;
    } else if (local > 0) {
      noteInserted(node, node.splitText(local));
    } else {
      return false;
    }
    if (draw) {
      const mark = createMark(outlet, 'mention');
      node.after(mark);
      noteInserted(node, mark);
    }
    return true;
  }

  async function apply(collected, answer, counts) {
    stopObserving(); // our own insertions are not page changes
    for (const [id, outlet] of Object.entries(answer.outlets)) if (outlet) outlets.set(id, outlet);
    let done = 0;
    const pause = async () => {
      if (++done % 64 === 0 && sliceSpent()) {
        startObserving();
        await yieldSlice();
        stopObserving();
      }
    };
    for (let i = 0; i < collected.anchors.length; i++) {
      const anchor = collected.anchors[i];
      const hrefAt = collected.anchorHref[i];
      const id = hrefAt >= 0 ? answer.links[hrefAt] : null;
      const outlet = id && outlets.get(id);
      if (!outlet || !anchor.isConnected || markFollows(anchor, id)) continue;
      // Impostor links are warned about on the page, not counted as citations of an outlet.
      if (!outlet.impostor) counts[id] = (counts[id] ?? 0) + 1;
      if (shouldDraw(outlet)) anchor.after(createMark(outlet, 'link'));
      await pause();
    }
    for (let b = 0; b < collected.textBlocks.length; b++) {
      const matches = answer.mentions[b] ?? [];
      // Last match first: splitting a text node keeps the earlier offsets valid.
      for (let m = matches.length - 1; m >= 0; m--) {
        const outlet = outlets.get(matches[m].id);
        if (!outlet) continue;
        if (markMention(collected.textBlocks[b], matches[m], outlet, shouldDraw(outlet))) {
          counts[outlet.id] = (counts[outlet.id] ?? 0) + 1;
        }
        await pause();
      }
    }
    startObserving();
  }

  // ---- the card shown on hover or focus ----

  const CARD_CSS = `
    :host { all: initial !important; position: fixed !important; top: 0 !important; left: 0 !important; z-index: 2147483647 !important; }
    .card { position: fixed; z-index: 2147483647; box-sizing: border-box; width: max-content; max-width: min(360px, calc(100vw - 16px));
      padding: 12px 14px; border-radius: 10px; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
      color: #1f2937; background: #fff; border: 1px solid #d1d5db; box-shadow: 0 8px 28px rgb(0 0 0 / .18); text-align: left; }
    .card.dark { color: #e5e7eb; background: #1f2430; border-color: #3b4252; box-shadow: 0 8px 28px rgb(0 0 0 / .55); }
    .card[hidden] { display: none; }
    .head { display: flex; align-items: baseline; gap: 8px; flex-wrap: wrap; }
    .name { font-weight: 700; font-size: 14px; }
    .pill { color: #fff; border-radius: 999px; padding: 1px 8px; font-size: 11px; font-weight: 700; }
    .def { margin: 4px 0 8px; color: #4b5563; font-size: 12px; }
    .dark .def, .dark .muted { color: #9ca3af; }
    ol { margin: 0; padding: 0; list-style: none; }
    li { margin: 0 0 6px; padding-left: 12px; border-left: 2px solid #d1d5db; }
    .dark li { border-left-color: #4b5563; }
    .rel { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: #6b7280; }
    .to { font-weight: 600; }
    .muted { color: #6b7280; font-size: 11px; }
    a { color: #1d4ed8; }
    .dark a { color: #93c5fd; }
    .edit { margin-left: 6px; padding: 0 6px; border-radius: 999px; font-size: 10px; font-weight: 700; background: #fde68a; color: #713f12; }
    .note { margin: -4px 0 8px; font-size: 12px; }
    .unknown { font-style: italic; }
  `;

  const RELATIONS = {
    owned_by: 'owned by',
    controlled_by: 'controlled by',
    published_by: 'published by',
    operated_by: 'operated by',
    part_of: 'part of',
    funded_by: 'funded by',
  };

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  /** "Sources: en.wikipedia.org, china.org.cn (checked 2026-11-28)", each site linking to its page. */
  function sourceLine(sources, title = 'Sources') {
    const line = el('div', 'muted', sources.length === 1 ? `${title.replace(/s$/, '')}: ` : `${title}: `);
    const dates = new Set(sources.map((source) => source.checked));
    sources.forEach((source, i) => {
      if (i) line.append(', ');
      const link = el('a', null, source.site);
      if (source.href) link.href = source.href;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      line.append(link);
      if (dates.size > 1 && source.checked) line.append(` (checked ${source.checked})`);
    });
    if (dates.size === 1 && sources[0].checked) line.append(` (checked ${sources[0].checked})`);
    return line;
  }

  const card = (() => {
    let host = null;
    let box = null;
    let owner = null;
    let hideTimer = 0;

    function ensure() {
      if (host?.isConnected) return;
      host = cardHost = document.createElement(CARD_TAG);
      const root = host.attachShadow({ mode: 'closed' });
      const style = el('style', null, CARD_CSS);
      box = el('div', 'card');
      box.setAttribute('role', 'dialog');
      box.hidden = true;
      box.addEventListener('mouseenter', () => clearTimeout(hideTimer));
      box.addEventListener('mouseleave', () => hideSoon());
      box.addEventListener('focusin', () => clearTimeout(hideTimer));
      box.addEventListener('focusout', () => hideSoon());
      box.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') {
          hide();
          owner?.focus();
        }
      });
      root.append(style, box);
      stopObserving();
      document.documentElement.append(host);
      startObserving();
    }

    function render(outlet) {
      box.replaceChildren();
      box.className = theme === 'dark' ? 'card dark' : 'card';
      box.setAttribute('aria-label', `${outlet.name}: ${outlet.label.title}`);
      const head = el('div', 'head');
      head.append(el('span', 'name', outlet.name));
      const pill = el('span', 'pill', outlet.label.title);
      pill.style.background = outlet.label.color;
      head.append(pill);
      if (outlet.edited) head.append(el('span', 'edit', 'your edit'));
      box.append(head);
      if (outlet.label.definition) box.append(el('div', 'def', outlet.label.definition));
      if (outlet.note) box.append(el('div', 'note', outlet.note));
      const end = outlet.noController;
      if (outlet.impostor) {
        // Its definition says why, its note names the real site; it has no chain to show.
      } else if (outlet.hops.length === 0 && end) {
        box.append(el('div', 'rel', `No controlling owner: ${end.text}`));
        if (end.sources.length) box.append(sourceLine(end.sources));
      } else if (outlet.hops.length === 0) {
        box.append(el('div', 'unknown', outlet.minorityOwners ? 'No controlling owner recorded: only owners without a majority or control' : 'No owner recorded in the dataset'));
      } else {
        const list = el('ol');
        for (const hop of outlet.hops) {
          const item = el('li');
          const share = hop.share != null ? ` (${hop.share}%)` : '';
          item.append(el('div', 'rel', `${RELATIONS[hop.relation] ?? hop.relation}${share}`));
          const to = el('div', 'to', hop.to.name);
          if (hop.edited) to.append(el('span', 'edit', 'your edit'));
          item.append(to);
          if (hop.sources.length) item.append(sourceLine(hop.sources));
          list.append(item);
        }
        if (end) {
          const item = el('li');
          item.append(el('div', 'rel', `No controlling owner: ${end.text}`));
          if (end.sources.length) item.append(sourceLine(end.sources));
          list.append(item);
        }
        box.append(list);
      }
      if (outlet.sources.length) box.append(sourceLine(outlet.sources));
    }

    function place(anchorHost) {
      const r = anchorHost.getBoundingClientRect();
      box.style.left = '0px';
      box.style.top = '0px';
      const w = box.offsetWidth;
      const h = box.offsetHeight;
      const left = Math.max(8, Math.min(r.left, innerWidth - w - 8));
      const below = r.bottom + 6;
      const top = below + h > innerHeight - 8 && r.top - h - 6 > 8 ? r.top - h - 6 : below;
      box.style.left = `${left}px`;
      box.style.top = `${top}px`;
    }

    function show(markHost, outlet) {
      clearTimeout(hideTimer);
      ensure();
      owner = markHost;
      render(outlet);
      box.hidden = false;
      place(markHost);
    }
    function hide() {
      clearTimeout(hideTimer);
      if (box) box.hidden = true;
    }
    function hideSoon() {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(hide, 300);
    }
    return { show, hide, hideSoon };
  })();

  // ---- the page's light or dark scheme ----

  function luminance(color) {
    const m = color.match(/rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+))?/);
    if (!m || (m[4] !== undefined && Number(m[4]) === 0)) return null;
    return (0.2126 * m[1] + 0.7152 * m[2] + 0.0722 * m[3]) / 255;
  }

  function detectTheme() {
    for (const element of [document.body, document.documentElement]) {
      if (!element) continue;
      const lum = luminance(getComputedStyle(element).backgroundColor);
      if (lum !== null) return lum < 0.45 ? 'dark' : 'light';
    }
    const text = document.body && luminance(getComputedStyle(document.body).color);
    return text !== null && text > 0.6 ? 'dark' : 'light';
  }

  // ---- scanning: the first pass and every batch of page changes ----

  let scanning = false;
  const dirty = new Set();
  let flushTimer = 0;

  async function scan(roots) {
    scanning = true;
    beginSlice();
    try {
      phase = 'collect';
      theme = detectTheme();
      const unreadBefore = reach.blocksLeft + reach.linksLeft;
      const collected = await collect(roots);
      const page = { siteName: siteName(), title: document.title.slice(0, 500) };
      const counts = {};
      // One chunk at a time, each answered and drawn before the next is sent: the worker serves
      // other tabs in between, and a page cannot queue more than one message.
      for (const chunk of chunks(collected)) {
        await yieldSlice(); // ends the walking (or drawing) slice; the message is measured on its own
        phase = 'send';
        const pending = send({ type: 'scan', links: chunk.hrefs, texts: chunk.texts, page }); // serialises now
        endSlice();
        const answer = await pending;
        phase = 'apply';
        beginSlice();
        await apply(chunk, answer, counts);
      }
      const unread = reach.blocksLeft + reach.linksLeft > unreadBefore ? { ...reach } : undefined;
      if (Object.keys(counts).length || unread) send({ type: 'cited', counts, unread }).catch(() => {});
    } finally {
      endSlice();
      scanning = false;
      if (dirty.size) scheduleFlush();
    }
  }

  /** What the page calls itself (og:site_name, application-name): its own name is not a citation. */
  function siteName() {
    const meta = document.querySelector('meta[property="og:site_name"], meta[name="application-name"]');
    return (meta?.getAttribute('content') ?? '').trim().slice(0, 500);
  }

  function scheduleFlush() {
    if (!flushTimer) flushTimer = setTimeout(flush, FLUSH_DELAY_MS);
  }

  function flush() {
    flushTimer = 0;
    if (scanning) return; // scan() reschedules when it ends
    const roots = [];
    const readable = readingChecker();
    for (const node of dirty) {
      if (!node.isConnected) continue;
      const block = blockOf(node);
      if (block && readable.walkable(block)) roots.push(block);
    }
    dirty.clear();
    // Keep only outermost roots, so nothing is walked twice.
    const set = new Set(roots);
    const outermost = [...set].filter((root) => {
      for (let p = root.parentElement; p; p = p.parentElement) if (set.has(p)) return false;
      return true;
    });
    if (outermost.length) scan(outermost).catch(() => {});
  }

  function noteChanges(records) {
    followUrl();
    for (const record of records) {
      if (record.type === 'characterData') {
        restore(record.target);
        if (record.target.parentElement) dirty.add(record.target.parentElement);
        continue;
      }
      for (const node of record.removedNodes) {
        if (node.nodeType === 3) restore(node);
      }
      for (const node of record.addedNodes) {
        if (ownMarks.has(node) || node === cardHost) continue;
        if (node.nodeType === 1) dirty.add(node);
        else if (node.nodeType === 3 && node.parentElement) dirty.add(node.parentElement);
      }
    }
    if (dirty.size) scheduleFlush();
  }

  // The observer is off while marks are inserted, so it only ever reports the page's own changes.
  const observer = new MutationObserver(noteChanges);
  let observing = false;
  function startObserving() {
    if (observing || !document.body) return;
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    observing = true;
  }
  function stopObserving() {
    if (!observing) return;
    noteChanges(observer.takeRecords());
    observer.disconnect();
    observing = false;
  }

  // ---- single-page sites: the address changes without a new document ----

  // X, YouTube and news sites built as single-page apps change the address with pushState: the badge
  // must follow (x.com/globaltimesnews → x.com/someone_else). The worker is told the new address,
  // which resets the tab; the marks still on the page are counted again, and content the page adds
  // for the new address is read as any change is. pushState in the page's world raises no event here,
  // so the Navigation API (where there is one), popstate and every batch of DOM changes check.
  let lastUrl = location.href;
  function followUrl() {
    if (location.href === lastUrl) return;
    lastUrl = location.href;
    send({ type: 'page', url: lastUrl })
      .then(() => {
        const counts = {};
        for (const mark of document.getElementsByTagName(MARK_TAG)) {
          const id = ownMarks.get(mark);
          if (id && !outlets.get(id)?.impostor) counts[id] = (counts[id] ?? 0) + 1;
        }
        if (Object.keys(counts).length) return send({ type: 'cited', counts });
      })
      .catch(() => {});
  }
  addEventListener('popstate', followUrl);
  globalThis.navigation?.addEventListener?.('currententrychange', followUrl);

  // ---- the popup asks to show the first mark of an outlet ----

  api.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== api.runtime.id || message?.type !== 'reveal' || typeof message.id !== 'string') return;
    const host = Array.prototype.find.call(document.getElementsByTagName(MARK_TAG), (mark) => ownMarks.get(mark) === message.id);
    if (!host) return;
    host.scrollIntoView({ block: 'center', behavior: 'smooth' });
    host.removeAttribute('data-masthead-flash');
    void host.offsetWidth; // restart the highlight
    host.setAttribute('data-masthead-flash', '');
    setTimeout(() => host.removeAttribute('data-masthead-flash'), 2600);
    host.focus({ preventScroll: true });
  });

  // ---- start ----

  send({ type: 'page' })
    .then((page) => {
      annotate = page.annotate;
      if (annotate === 'none' || document.designMode === 'on' || !document.body) return;
      listenToMarks();
      startObserving();
      return scan([document.body]);
    })
    .catch(() => {
      // The extension was reloaded or the page is not ours to annotate; leave the page alone.
    });
})();
