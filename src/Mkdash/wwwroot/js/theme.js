// Light or dark: follows the system unless the viewer picked one, which the browser remembers.
// The choice lands on <html data-theme="light|dark">; app.css keys its dark colours on that.

import { t } from './i18n.js';

const THEME_KEY = 'mkdash.theme';
const MODES = ['auto', 'light', 'dark'];

const system = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
let mode = loadMode();
let onChange = () => {};

function loadMode() {
  try {
    const saved = window.localStorage.getItem(THEME_KEY);
    if (MODES.includes(saved)) return saved;
  } catch (_) { /* storage blocked: follow the system */ }
  return 'auto';
}

/** The theme in force: the picked one, or the system's in auto. */
export function resolvedTheme() {
  if (mode === 'light' || mode === 'dark') return mode;
  return system && system.matches ? 'dark' : 'light';
}

function apply() {
  const root = document.documentElement;
  const theme = resolvedTheme();
  root.dataset.theme = theme;
  const button = document.getElementById('theme-toggle');
  if (button) {
    const name = t({ auto: 'themeAuto', light: 'themeLight', dark: 'themeDark' }[mode]);
    button.dataset.mode = mode;
    button.querySelector('.theme-text').textContent = name;
    button.title = t('themeTitle', { mode: name });
  }
}

/** Sets the theme now and calls changed() whenever it flips later (canvas colours follow). */
export function initTheme(changed) {
  onChange = changed;
  apply();
  const button = document.getElementById('theme-toggle');
  if (button) {
    button.addEventListener('click', () => {
      mode = MODES[(MODES.indexOf(mode) + 1) % MODES.length];
      try { window.localStorage.setItem(THEME_KEY, mode); } catch (_) { /* not fatal */ }
      const before = document.documentElement.dataset.theme;
      apply();
      if (document.documentElement.dataset.theme !== before) onChange();
    });
  }
  if (system && system.addEventListener) {
    system.addEventListener('change', () => {
      const before = document.documentElement.dataset.theme;
      apply();
      if (document.documentElement.dataset.theme !== before) onChange();
    });
  }
}

/** Re-labels the toggle after a language switch. */
export function relabelTheme() {
  apply();
}
