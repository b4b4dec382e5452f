// The cards at the top: root, progress, current case and attempt, health, processes, title.

import { t, getLang } from './i18n.js';
import {
  $, arr, el, isNum, obj, setBar, setCardBody, setCardNotice, setCardStale, setText, str,
} from './dom.js';
import { fmtClock, fmtDuration, fmtPct, fmtValue } from './format.js';
import {
  attemptLabel, describeNote, isSameAttempt, levelText, noteKind, rootSourceText, statusText,
} from './words.js';

export function renderRoot(s) {
  const root = obj(s.root) || {};
  const nameEl = $('root-name');
  const parts = [];
  if (root.name) parts.push(str(root.name));
  if (root.source) parts.push('(' + rootSourceText(root.source) + ')');
  nameEl.textContent = parts.join(' ');
  nameEl.title = str(root.path);

  const box = $('root-error');
  box.replaceChildren();
  if (root.error) {
    box.append(el('span', null, root.error));
    if (root.trainDir) box.append(el('span', 'notice-hint', t('rootHint', { dir: root.trainDir })));
  }
  box.hidden = !root.error;
}

export function renderProgress(s) {
  const card = $('card-progress');
  const wrap = obj(s.progress) || {};
  const p = obj(wrap.value);
  if (wrap.error) setCardNotice(card, str(wrap.error), 'error');
  else setCardNotice(card, p ? '' : t('noProgress'), 'empty');
  setCardStale(card, wrap.stale);
  setCardBody(card, !!p);

  const done = p && isNum(p.done) ? p.done : null;
  const total = p && isNum(p.total) ? p.total : null;
  let percent = p && isNum(p.percent) ? p.percent : null;
  if (percent === null && done !== null && total) percent = (100 * done) / total;

  setText('progress-done', done);
  setText('progress-total', total);
  setText('progress-percent', fmtPct(percent));
  const bar = $('progress-bar');
  setBar(bar, percent);
  bar.className = 'bar-fill' + (p && p.status === 'completed_case' && done !== null && done === total ? ' good' : '');

  const statusEl = $('progress-status');
  statusEl.dataset.status = p ? str(p.status) : '';
  statusEl.textContent = p ? (p.status ? statusText(p.status) : t('statusMissing')) : '—';
  setText('progress-last-case', p && p.lastCase);
  const readAt = wrap.readAtUtc ? Date.parse(wrap.readAtUtc) : NaN;
  setText('progress-read-at', isNaN(readAt) ? null : fmtClock(readAt));

  // Keys this mkdash does not know are still shown: newer runners add some.
  const extraEl = $('progress-extra');
  extraEl.replaceChildren();
  const extra = p && obj(p.extra);
  const keys = extra ? Object.keys(extra) : [];
  if (keys.length) {
    extraEl.append(el('span', null, t('extraKeys') + ': '));
    keys.forEach((k, i) => {
      if (i) extraEl.append(document.createTextNode(' · '));
      extraEl.append(el('span', 'mono', k + '=' + fmtValue(extra[k])));
    });
  }
  extraEl.hidden = !keys.length;
}

export function renderCase(s) {
  const card = $('card-case');
  const kase = obj(s.case);
  const wrap = kase ? obj(kase.attempts) || {} : {};
  const list = obj(wrap.value);
  const attempts = list ? arr(list.attempts) : [];
  const current = list ? obj(list.current) : null;

  if (!kase) setCardNotice(card, t('noCase'), 'empty');
  else if (wrap.error) setCardNotice(card, str(wrap.error), 'error');
  else setCardNotice(card, current ? '' : t('noAttempts'), 'empty');
  setCardStale(card, wrap.stale);
  setCardBody(card, !!kase);
  $('attempt-block').hidden = !current;

  setText('case-name', kase ? kase.name : null);
  const meta = [];
  const src = current || attempts[attempts.length - 1];
  if (src && src.method) meta.push(str(src.method));
  if (src && src.caseType) meta.push(str(src.caseType));
  if (kase && kase.folder) meta.push('runs/' + str(kase.folder));
  if (current && attempts.length) {
    const pos = attempts.findIndex((a) => isSameAttempt(a, current));
    if (pos >= 0) meta.push(t('attemptOf', { i: pos + 1, n: attempts.length }));
  }
  $('case-meta').textContent = meta.join(' · ');

  setText('attempt-label', current ? attemptLabel(current) : null);
  const noteEl = $('attempt-note');
  const note = current ? str(current.note) : '';
  noteEl.textContent = note || '—';
  noteEl.dataset.kind = noteKind(note);
  $('attempt-note-desc').textContent = describeNote(note) || '';

  renderBudget(current ? obj(current.budget) : null);
  renderFields(current ? obj(current.fields) : null);
}

function renderBudget(budget) {
  const target = budget && isNum(budget.targetSec) && budget.targetSec > 0 ? budget.targetSec : null;
  const elapsed = budget && isNum(budget.elapsedSec) ? budget.elapsedSec : null;
  const bar = $('budget-bar');
  const text = $('budget-text');
  const foot = $('budget-foot');
  if (!budget || target === null) {
    text.textContent = t('noBudget');
    text.title = '';
    setBar(bar, 0);
    foot.textContent = budget && budget.mode ? str(budget.mode) : '';
    return;
  }
  let percent = isNum(budget.percent) ? budget.percent : (elapsed !== null ? (100 * elapsed) / target : 0);
  text.textContent = fmtDuration(elapsed) + ' / ' + fmtDuration(target) + ' · ' + fmtPct(percent);
  text.title = (elapsed === null ? '?' : elapsed) + ' s / ' + target + ' s';
  setBar(bar, percent);
  bar.className = 'bar-fill' + (budget.reached === true ? ' good' : '');
  const bits = [];
  if (budget.mode) bits.push(str(budget.mode));
  if (budget.reached === true) bits.push(t('budgetReached'));
  else if (budget.reached === false) bits.push(t('budgetNotReached'));
  if (budget.stopReason) bits.push(t('stopReason', { r: budget.stopReason }));
  foot.textContent = bits.join(' · ');
}

/** Every raw key of the current attempt, known or not (runner versions differ). */
function renderFields(fields) {
  const box = $('attempt-fields-box');
  const list = $('attempt-fields');
  const keys = fields ? Object.keys(fields) : [];
  box.hidden = !keys.length;
  // Rebuilding ~50 rows every few seconds is cheap, but skip it while nothing changed so a
  // reader's text selection survives.
  const sig = keys.map((k) => k + '\u0000' + fmtValue(fields[k])).join('\u0001');
  if (list.dataset.sig === sig) return;
  list.dataset.sig = sig;
  list.replaceChildren();
  for (const k of keys) {
    list.append(el('dt', null, k), el('dd', null, fmtValue(fields[k])));
  }
}

export function renderHealth(s) {
  const health = obj(s.health) || {};
  const headline = $('health-headline');
  headline.dataset.level = str(health.headline);
  headline.textContent = health.headline ? levelText(health.headline) : '—';

  const list = $('health-labels');
  list.replaceChildren();
  const labels = arr(health.labels).filter(obj);
  for (const label of labels) {
    const item = el('li', 'label');
    item.dataset.code = str(label.code);
    item.dataset.level = str(label.level);
    item.append(el('span', 'label-level', levelText(label.level)));
    const text = getLang() === 'en' ? (label.en || label.zh) : (label.zh || label.en);
    item.append(el('div', 'label-text', text || label.code || '—'));
    if (label.detail) item.append(el('div', 'label-detail', label.detail));
    list.append(item);
  }
  if (!labels.length) list.append(el('li', 'empty', t('noLabels')));

  const th = obj(health.thresholds);
  $('health-thresholds').textContent = th
    ? t('thresholds', { u: isNum(th.utilTarget) ? th.utilTarget : '—', g: isNum(th.imbalanceGap) ? th.imbalanceGap : '—', w: isNum(th.imbalanceWindow) ? th.imbalanceWindow : '—' })
    : '';
}

export function renderProcesses(s) {
  const card = $('card-processes');
  const procs = obj(s.processes) || {};
  setCardNotice(card, procs.error ? str(procs.error) : '', 'error');

  const runners = arr(procs.runners).filter(obj);
  const alive = typeof procs.runnerAlive === 'boolean' ? procs.runnerAlive : runners.length > 0;
  const runnerState = $('runner-state');
  runnerState.dataset.alive = s.processes ? String(alive) : '';
  const pids = runners.map((p) => p.pid).filter(isNum);
  $('runner-text').textContent = (alive ? t('runnerAlive') : t('runnerDead')) + (pids.length ? ' · pid ' + pids.join(', ') : '');

  fillProcList($('runner-list'), runners, '');
  const workers = arr(procs.workers).filter(obj);
  $('worker-count').textContent = String(workers.length);
  fillProcList($('worker-list'), workers, t('noWorkers'));
}

function fillProcList(list, processes, emptyText) {
  list.replaceChildren();
  for (const p of processes) {
    const item = el('li', 'proc');
    item.append(el('span', 'proc-pid', isNum(p.pid) ? p.pid : '?'));
    item.append(el('span', 'proc-script', p.script || p.kind || ''));
    if (p.commandLine) {
      const cmd = el('span', 'proc-cmd', p.commandLine);
      cmd.title = str(p.commandLine);
      item.append(cmd);
    }
    list.append(item);
  }
  if (!processes.length && emptyText) list.append(el('li', 'empty', emptyText));
}

export function renderTitleAndFooter(s) {
  const bits = [];
  const p = obj(s.progress) && obj(s.progress.value);
  if (p && isNum(p.done) && isNum(p.total)) bits.push(p.done + '/' + p.total);
  const health = obj(s.health);
  if (health && health.headline && health.headline !== 'good') bits.push(levelText(health.headline));
  bits.push('mkdash');
  document.title = bits.join(' · ');

  const footer = $('footer');
  footer.textContent = (s.version || isNum(s.generatedMs))
    ? t('footer', { v: str(s.version) || '?', time: fmtClock(s.generatedMs, true) })
    : '';
}
