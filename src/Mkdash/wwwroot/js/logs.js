// A log panel: the last lines the server read, ANSI colours drawn as spans, failure lines
// marked, a follow toggle and a text filter that keeps a few lines around each match.
// Every piece of log text reaches the DOM through textContent; anser's HTML output is never used.

import { t } from './i18n.js';
import { $, arr, el, obj, setCardNotice, str } from './dom.js';
import { fmtBytes } from './format.js';

const CONTEXT = 2;         // lines kept before and after each filter match
const BOTTOM_SLACK = 24;   // px from the bottom that still counts as "at the bottom"

// Lines that explain why a run died. Checked on the text without colour codes.
const ERROR_PATTERNS = [
  /Traceback \(most recent call last\)/,
  /\bNCCL\b.*\b(watchdog|time[d ]?out|timeout|error|failure)\b/i,
  /\bWatchdog caught collective operation timeout/i,
  /CUDA out of memory|OutOfMemoryError|\bCUDA error\b/i,
  /(^|[\s:])Killed(\s|$)/,
  /Segmentation fault|\bcore dumped\b|SIGSEGV/,
  /^\s*[A-Za-z_.]*(Error|Exception): /,
];

const ANSI_NAMES = new Set(['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white']);

/** The class of a whole line: a failure, or one of the runner's own markers. */
export function lineKind(text) {
  if (ERROR_PATTERNS.some((re) => re.test(text))) return 'l-error';
  if (/^\[CASE\b/.test(text)) return 'l-case';
  if (/^\[DONE\]/.test(text)) return 'l-done';
  if (/^=== .* ===\s*$/.test(text)) return 'l-head';
  if (/^\[INFO\]/.test(text)) return 'l-info';
  return '';
}

/** What a terminal shows of a line redrawn with \r (the server does this too; old servers may not). */
export function collapseCarriageReturns(line) {
  const trimmed = line.replace(/\r+$/, '');
  const cut = trimmed.lastIndexOf('\r');
  return cut < 0 ? trimmed : trimmed.slice(cut + 1);
}

/** The line without escape sequences, for matching and filtering. */
export function plainText(line) {
  // eslint-disable-next-line no-control-regex
  return line.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\u001b[@-_]/g, '');
}

/** Indices of the lines to show for a filter: each match and CONTEXT lines either side. */
export function filterWithContext(texts, needle) {
  const q = needle.trim().toLowerCase();
  if (!q) return { keep: texts.map((_, i) => i), matches: new Set(), matchCount: 0 };
  const matches = new Set();
  texts.forEach((text, i) => { if (text.toLowerCase().includes(q)) matches.add(i); });
  const keep = [];
  for (let i = 0; i < texts.length; i++) {
    for (let d = -CONTEXT; d <= CONTEXT; d++) {
      if (matches.has(i + d)) { keep.push(i); break; }
    }
  }
  return { keep, matches, matchCount: matches.size };
}

/** An xterm 256-colour palette entry as "r,g,b". */
function paletteRgb(n) {
  if (n < 16) return null;
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return v + ',' + v + ',' + v;
  }
  const i = n - 16;
  const level = (c) => (c === 0 ? 0 : 55 + c * 40);
  return level(Math.floor(i / 36)) + ',' + level(Math.floor(i / 6) % 6) + ',' + level(i % 6);
}

/** Applies one anser colour (a class name like ansi-bright-red, a palette entry or a true colour). */
function applyColor(span, value, truecolor, layer) {
  if (!value) return;
  const m = /^ansi-(bright-)?(\w+)$/.exec(value);
  if (m && ANSI_NAMES.has(m[2])) {
    span.classList.add('a-' + layer + '-' + (m[1] ? 'b' : '') + m[2]);
    return;
  }
  let rgb = null;
  const p = /^ansi-palette-(\d+)$/.exec(value);
  if (p) rgb = paletteRgb(Number(p[1]));
  if (value === 'ansi-truecolor' && truecolor) rgb = truecolor;
  if (!rgb || !/^[\d, ]+$/.test(rgb)) return;
  // The CSSOM, not a style attribute: allowed under style-src 'self'.
  if (layer === 'fg') span.style.color = 'rgb(' + rgb + ')';
  else span.style.backgroundColor = 'rgb(' + rgb + ')';
}

/** One line as DOM nodes: colour spans from anser's JSON, or a text node when it has no codes. */
export function lineNodes(line) {
  const anser = window.Anser;
  if (!line.includes('\u001b') || !anser || typeof anser.ansiToJson !== 'function') {
    return [document.createTextNode(line)];
  }
  let parts;
  try {
    parts = anser.ansiToJson(line, { use_classes: true, remove_empty: true });
  } catch (_) {
    return [document.createTextNode(plainText(line))];
  }
  return parts.map((part) => {
    const span = el('span', 'ansi', str(part.content));
    applyColor(span, part.fg, part.fg_truecolor, 'fg');
    applyColor(span, part.bg, part.bg_truecolor, 'bg');
    for (const d of arr(part.decorations)) {
      if (/^(bold|dim|italic|underline|strikethrough|hidden)$/.test(d)) span.classList.add('a-' + d);
    }
    return span;
  });
}

/**
 * A log card. ids: card, pre, path, filter, follow, count. render(view) takes a LogView
 * ({path, length, lines, error}).
 */
export function createLogPanel(ids) {
  const card = $(ids.card);
  const pre = $(ids.pre);
  const pathEl = $(ids.path);
  const filterEl = $(ids.filter);
  const followEl = $(ids.follow);
  const countEl = $(ids.count);
  const p = {
    lines: [],        // collapsed lines as the server sent them
    texts: [],        // the same without colour codes
    sig: '',
    follow: true,
    programmatic: false,
  };

  function setFollow(on) {
    p.follow = on;
    followEl.setAttribute('aria-pressed', String(on));
    followEl.classList.toggle('on', on);
    if (on) scrollToBottom();
  }

  function scrollToBottom() {
    p.programmatic = true;
    pre.scrollTop = pre.scrollHeight;
    // The scroll event for this comes later, in a task of its own.
    requestAnimationFrame(() => { p.programmatic = false; });
  }

  followEl.addEventListener('click', () => setFollow(!p.follow));
  pre.addEventListener('scroll', () => {
    if (p.programmatic) return;
    const atBottom = pre.scrollHeight - pre.scrollTop - pre.clientHeight < BOTTOM_SLACK;
    // Scrolling up to read stops following; scrolling back down picks it up again.
    if (atBottom !== p.follow) setFollow(atBottom);
  });
  let filterTimer = 0;
  filterEl.addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(draw, 120);
  });

  function render(log) {
    const view = obj(log) || {};
    const lines = arr(view.lines).map((x) => collapseCarriageReturns(str(x)));
    pathEl.textContent = view.path ? t('logMeta', { path: view.path, size: fmtBytes(view.length) }).replace(/ · $/, '') : '';
    pathEl.title = str(view.path);
    if (view.error) setCardNotice(card, str(view.error), 'error');
    else setCardNotice(card, lines.length ? '' : t('noLog'), 'empty');
    pre.hidden = !lines.length;
    filterEl.parentElement.hidden = !lines.length;

    // Skip identical updates: keeps the reader's selection and scroll position.
    const sig = lines.length + '\u0000' + lines.join('\n');
    if (sig === p.sig) return;
    p.sig = sig;
    p.lines = lines;
    p.texts = lines.map(plainText);
    draw();
  }

  function draw() {
    const { keep, matches, matchCount } = filterWithContext(p.texts, filterEl.value);
    const filtering = filterEl.value.trim() !== '';
    const frag = document.createDocumentFragment();
    let prev = -1;
    for (const i of keep) {
      if (filtering && prev >= 0 && i !== prev + 1) frag.append(el('span', 'log-gap', '…'));
      const row = el('span', 'log-line');
      const kind = lineKind(p.texts[i]);
      if (kind) row.classList.add(kind);
      if (matches.has(i)) row.classList.add('l-match');
      row.append(...lineNodes(p.lines[i]));
      frag.append(row);
      prev = i;
    }
    if (filtering && !matchCount) frag.append(el('span', 'log-gap', t('filterNone')));
    pre.replaceChildren(frag);
    countEl.textContent = filtering
      ? t('logFilterShown', { m: matchCount, n: p.lines.length })
      : t('logLines', { n: p.lines.length });
    if (p.follow) scrollToBottom();
  }

  /** Drops what was shown, for a root switch: the next lines start at the bottom again. */
  function reset() {
    p.sig = '';
    setFollow(true);
  }

  function redraw() {
    draw();
  }

  return { render, reset, redraw, state: () => ({ follow: p.follow, lines: p.lines.length }) };
}
