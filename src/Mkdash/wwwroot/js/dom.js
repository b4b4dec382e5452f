// Small DOM helpers. Server values reach the DOM only as textContent or element properties.

export function $(id) {
  return document.getElementById(id);
}

/** createElement with an optional class and text; the text always goes in as textContent. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** Sets an element's text, "—" for nothing. */
export function setText(id, text) {
  const node = $(id);
  if (node) node.textContent = text === undefined || text === null || text === '' ? '—' : String(text);
}

export function isNum(v) { return typeof v === 'number' && isFinite(v); }
export function obj(v) { return v && typeof v === 'object' && !Array.isArray(v) ? v : null; }
export function arr(v) { return Array.isArray(v) ? v : []; }
export function str(v) { return typeof v === 'string' ? v : (v === undefined || v === null ? '' : String(v)); }
export function clampPct(v) { return isNum(v) ? Math.max(0, Math.min(100, v)) : 0; }

/** Bar widths go through the CSSOM (el.style), which style-src 'self' allows. */
export function setBar(fillEl, percent) {
  fillEl.style.width = clampPct(percent) + '%';
}

/**
 * Shows a card's notice, or hides it when text is empty. kind 'error' (amber edge) is for
 * something that went wrong reading; 'empty' (grey) is for nothing there yet, a normal state.
 */
export function setCardNotice(card, text, kind) {
  const notice = card.querySelector('.card-notice');
  if (!notice) return;
  notice.textContent = text || '';
  notice.hidden = !text;
  notice.classList.toggle('notice-muted', kind === 'empty');
}

/** Hides a card's data area when there is nothing to show but "—". */
export function setCardBody(card, visible) {
  const body = card.querySelector('.card-body');
  if (body) body.hidden = !visible;
}

export function setCardStale(card, stale) {
  for (const tag of card.querySelectorAll('.tag-stale')) tag.hidden = stale !== true;
}

/** A CSS custom property of the page root, for canvas colours that must follow the theme. */
export function cssVar(name, fallback) {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}
