// The page's entry point: wires the stream to the cards, the controls to the stream, and
// exposes a small handle (window.mkdash) for browser tests and the console.

import { applyStaticText, getLang, setLang, t } from './i18n.js';
import { $, obj } from './dom.js';
import {
  renderCase, renderHealth, renderProcesses, renderProgress, renderRoot, renderTitleAndFooter,
} from './cards.js';
import { renderGpus } from './gpus.js';
import { createChart } from './chart.js';
import { createAttemptsTable } from './attempts.js';
import { createLogPanel } from './logs.js';
import { createStream } from './stream.js';
import { renderFreshness } from './freshness.js';
import { initTheme, relabelTheme, resolvedTheme } from './theme.js';
import { noteKind } from './words.js';

const PAUSE_HIDDEN_MS = 120000;   // a background tab stops streaming so the server can idle

const chart = createChart();
const attempts = createAttemptsTable();
const logs = {
  runner: createLogPanel(panelIds('runner-log', 'card-runner-log')),
  monitor: createLogPanel(panelIds('monitor-log', 'card-monitor-log')),
  stage: createLogPanel(panelIds('stage-log', 'card-stage-log')),
};
const stream = createStream({ render, changed: () => renderFreshness(stream.status()) });
let hiddenTimer = 0;

function panelIds(pre, card) {
  return { card, pre, path: pre + '-path', filter: pre + '-filter', follow: pre + '-follow', count: pre + '-count' };
}

/** Renders the whole page from one snapshot; each section survives the others failing. */
function render(snapshot) {
  const s = obj(snapshot) || {};
  guard(null, () => renderRoot(s));
  guard('card-progress', () => renderProgress(s));
  guard('card-case', () => renderCase(s));
  guard('card-health', () => renderHealth(s));
  guard('card-processes', () => renderProcesses(s));
  guard('card-gpus', () => renderGpus(s));
  guard('card-chart', () => chart.render(s, resolvedTheme(), getLang()));
  guard('card-attempts', () => attempts.render(s));
  guard('card-runner-log', () => logs.runner.render(s.runnerLog));
  guard('card-monitor-log', () => logs.monitor.render(s.monitorLog));
  guard('card-stage-log', () => renderStageLog(obj(s.stageLog)));
  guard(null, () => renderTitleAndFooter(s));
  renderFreshness(stream.status());
}

function guard(cardId, fn) {
  try {
    fn();
  } catch (err) {
    console.error(err); // eslint-disable-line no-console
    const card = cardId && $(cardId);
    const notice = card && card.querySelector('.card-notice');
    if (notice) {
      notice.textContent = t('sectionFailed', { msg: err && err.message });
      notice.hidden = false;
    }
  }
}

/** The current attempt's running (or last) stage: its stdout, where crashes explain themselves. */
function renderStageLog(stageLog) {
  $('stage-log-stage').textContent = stageLog ? '· ' + String(stageLog.stage) + ' · ' + String(stageLog.attempt) : '';
  logs.stage.render(stageLog ? stageLog.log : { lines: [] });
}

function rerender() {
  const snapshot = stream.status().snapshot;
  if (snapshot) render(snapshot);
  else renderFreshness(stream.status());
}

function readRootFromUrl() {
  try { return (new URL(window.location.href).searchParams.get('root') || '').trim(); } catch (_) { return ''; }
}

/** Writes ?root= into the address bar (or removes it), keeping any other query keys. */
function writeRootToUrl(root) {
  try {
    const url = new URL(window.location.href);
    if (root) url.searchParams.set('root', root);
    else url.searchParams.delete('root');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  } catch (_) { /* an odd URL must not stop the switch */ }
}

function switchRoot(value) {
  const root = String(value || '').trim();
  $('root-input').value = root;
  writeRootToUrl(root);
  for (const panel of Object.values(logs)) panel.reset();
  chart.destroy();
  stream.start(root, true);
  refreshOnce();
}

function refreshOnce() {
  const button = $('refresh');
  button.classList.add('busy');
  button.disabled = true;
  stream.refresh().finally(() => { button.classList.remove('busy'); button.disabled = false; });
}

function toggleLang() {
  setLang(getLang() === 'zh' ? 'en' : 'zh');
  applyPageText();
  rerender();
}

function applyPageText() {
  applyStaticText();
  $('lang-toggle').textContent = t('langButton');
  relabelTheme();
}

/** A background tab lets go of the stream after a while; coming back picks it up again. */
function onVisibility() {
  clearTimeout(hiddenTimer);
  if (document.hidden) {
    hiddenTimer = setTimeout(() => stream.pause(), PAUSE_HIDDEN_MS);
  } else if (stream.status().conn === 'paused') {
    stream.start(stream.status().root, false);
    refreshOnce();
  }
}

function init() {
  applyPageText();
  initTheme(() => { chart.destroy(); rerender(); });
  const root = readRootFromUrl();
  $('root-input').value = root;

  $('root-form').addEventListener('submit', (e) => { e.preventDefault(); switchRoot($('root-input').value); });
  $('refresh').addEventListener('click', refreshOnce);
  $('lang-toggle').addEventListener('click', toggleLang);
  for (const [id, kind] of [['chart-zoom-in', 'in'], ['chart-zoom-out', 'out'], ['chart-pan-left', 'left'],
    ['chart-pan-right', 'right'], ['chart-reset', 'reset']]) {
    $(id).addEventListener('click', () => chart.step(kind));
  }
  document.addEventListener('visibilitychange', onVisibility);
  // Leaving hands the stream to another tab at once rather than when the page is collected.
  window.addEventListener('pagehide', () => stream.stop());
  // Back from the back/forward cache: pick the stream up again.
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) stream.start(stream.status().root, false);
  });

  let resizeQueued = false;
  const queueResize = () => {
    if (resizeQueued) return;
    resizeQueued = true;
    requestAnimationFrame(() => { resizeQueued = false; chart.resize(); });
  };
  if (typeof ResizeObserver === 'function') new ResizeObserver(queueResize).observe($('card-chart'));
  else window.addEventListener('resize', queueResize);

  setInterval(() => { stream.tick(); renderFreshness(stream.status()); }, 1000);
  stream.start(root, true);
  // Paint at once instead of waiting for the stream or another tab.
  stream.fetchStatus().catch(() => { /* the stream reports connection trouble */ });
}

// For browser tests and for poking at the page from the console.
window.mkdash = {
  render, t, switchRoot, noteKind, chart: () => chart.info(), chartStep: (k) => chart.step(k),
  stream: () => stream.status(), logs: () => Object.fromEntries(Object.entries(logs).map(([k, v]) => [k, v.state()])),
};

init();
