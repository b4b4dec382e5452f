// The page's language: Chinese by default, English on request, remembered in localStorage.

import { STRINGS } from './strings.js';

const LANG_KEY = 'mkdash.lang';

let lang = loadLang();

function loadLang() {
  try {
    const saved = window.localStorage.getItem(LANG_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch (_) { /* storage may be blocked; Chinese is the default */ }
  return 'zh';
}

export function getLang() {
  return lang;
}

export function setLang(value) {
  lang = value === 'en' ? 'en' : 'zh';
  try { window.localStorage.setItem(LANG_KEY, lang); } catch (_) { /* not fatal */ }
}

/** Looks a UI string up in the current language and fills {name} placeholders. */
export function t(key, vars) {
  const table = STRINGS[lang] || STRINGS.zh;
  let text = key in table ? table[key] : (key in STRINGS.zh ? STRINGS.zh[key] : key);
  if (vars) {
    text = text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  }
  return text;
}

/** Fills every static element marked data-i18n / data-i18n-placeholder / data-i18n-title / -aria-label. */
export function applyStaticText() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  }
  for (const node of document.querySelectorAll('[data-i18n-title]')) node.title = t(node.dataset.i18nTitle);
  for (const node of document.querySelectorAll('[data-i18n-label]')) {
    node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  }
  for (const node of document.querySelectorAll('.tag-stale')) node.title = t('staleTitle');
}
