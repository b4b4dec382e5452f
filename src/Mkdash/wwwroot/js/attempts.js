// The attempts table: every attempt of the current case, newest first, the current one marked.
// A row shows each stage's state, the long-run budget as a small bar, the note coloured by
// kind and the time taken; clicking it opens every other key the runner wrote for it.

import { t } from './i18n.js';
import {
  $, arr, el, isNum, obj, setBar, setCardBody, setCardNotice, setCardStale, str,
} from './dom.js';
import { fmtDuration, fmtPct, fmtValue } from './format.js';
import {
  STAGES, attemptElapsed, stageName, attemptLabel, describeNote, isSameAttempt, noteKind, stateText,
} from './words.js';

const COLUMNS = 10;

// Keys a row already shows; the opened row lists all the others, unknown ones included.
const SHOWN_KEYS = new Set([
  'case', 'variant', 'num_envs', 'note', 'final_ok', 'stage_elapsed_sec',
  'probe_elapsed_sec', 'long_elapsed_sec', 'test_elapsed_sec', 'viz_elapsed_sec',
  'long_budget_target_sec', 'long_budget_elapsed_sec',
]);

export function createAttemptsTable() {
  const table = $('attempts-table');
  const tbody = table.tBodies[0];
  const opened = new Set(); // "<case>#<index>" of the rows the viewer opened
  let caseName = '';
  let last = { attempts: [], current: null };
  let sig = '';

  function toggle(tr) {
    const key = caseName + '#' + tr.dataset.index;
    if (opened.has(key)) opened.delete(key);
    else opened.add(key);
    draw(true);
    // The rows were rebuilt: keep the keyboard on the row the viewer toggled.
    const again = tbody.querySelector('tr.attempt[data-index="' + tr.dataset.index + '"]');
    if (again) again.focus();
  }

  tbody.addEventListener('click', (e) => {
    const tr = e.target.closest('tr.attempt');
    // Selecting text in a row is not a click on it.
    if (!tr || String(window.getSelection ? window.getSelection() : '').length) return;
    toggle(tr);
  });
  tbody.addEventListener('keydown', (e) => {
    const tr = e.target.closest('tr.attempt');
    if (!tr || (e.key !== 'Enter' && e.key !== ' ')) return;
    e.preventDefault();
    toggle(tr);
  });

  function render(s) {
    const card = $('card-attempts');
    const kase = obj(s.case);
    const wrap = kase ? obj(kase.attempts) || {} : {};
    const list = obj(wrap.value);
    const attempts = list ? arr(list.attempts).filter(obj) : [];
    if (!kase) setCardNotice(card, t('noCase'), 'empty');
    else if (wrap.error) setCardNotice(card, str(wrap.error), 'error');
    else setCardNotice(card, attempts.length ? '' : t('noAttempts'), 'empty');
    setCardStale(card, wrap.stale);
    setCardBody(card, attempts.length > 0);
    $('attempts-hint').hidden = attempts.length === 0;

    const name = kase ? str(kase.name) : '';
    if (name !== caseName) {
      opened.clear();
      caseName = name;
    }
    last = { attempts, current: list ? obj(list.current) : null };
    draw(false);
  }

  /** Rebuilds the rows, unless nothing they show changed (keeps the reader's selection). */
  function draw(force) {
    const next = JSON.stringify([document.documentElement.lang, [...opened], last]);
    if (!force && next === sig) return;
    sig = next;

    const rows = [];
    // Newest first: the runner appends, and the newest attempt is the one people look for.
    for (let i = last.attempts.length - 1; i >= 0; i--) {
      const a = last.attempts[i];
      const index = isNum(a.index) ? a.index : i;
      const isOpen = opened.has(caseName + '#' + index);
      rows.push(attemptRow(a, index, isSameAttempt(a, last.current), isOpen));
      if (isOpen) rows.push(detailRow(a, index));
    }
    tbody.replaceChildren(...rows);
  }

  return { render };
}

function attemptRow(a, index, isCurrent, isOpen) {
  const tr = el('tr', 'attempt' + (isCurrent ? ' current' : ''));
  tr.dataset.index = String(index);
  tr.tabIndex = 0;
  tr.setAttribute('aria-expanded', String(isOpen));

  const idx = el('td', 'idx');
  idx.append(el('span', 'chevron'), el('span', null, String(index + 1)));
  tr.append(idx);
  const label = el('td', 'mono attempt-name', attemptLabel(a));
  if (isCurrent) label.append(el('span', 'current-mark', t('currentMark')));
  tr.append(label);

  const byStage = {};
  for (const st of arr(a.stages)) if (obj(st)) byStage[st.stage] = st;
  for (const name of STAGES) {
    const td = el('td', 'stage');
    td.dataset.label = stageName(name);
    td.dataset.stage = name;
    td.append(stageBadge(byStage[name]));
    tr.append(td);
  }

  const budgetTd = budgetCell(obj(a.budget));
  budgetTd.dataset.label = t('colBudget');
  tr.append(budgetTd);

  const noteTd = el('td', 'note-cell');
  noteTd.dataset.label = t('colNote');
  const note = el('span', 'note', a.note || '—');
  note.dataset.kind = noteKind(a.note);
  const desc = describeNote(a.note);
  if (desc) note.title = desc;
  noteTd.append(note);
  tr.append(noteTd);

  const finalTd = el('td', 'final-cell');
  finalTd.dataset.label = t('colFinal');
  const final = el('span', 'final');
  final.dataset.ok = '';
  if (a.inProgress === true) {
    final.textContent = '…';
    final.title = t('finalPending');
  } else if (a.finalOk === 1 || a.finalOk === 0) {
    final.dataset.ok = String(a.finalOk);
    final.textContent = a.finalOk === 1 ? '✓ ' + t('finalOk') : '✗ ' + t('finalFail');
  } else {
    final.textContent = '—';
  }
  finalTd.append(final);
  tr.append(finalTd);

  const elapsedTd = el('td', 'num elapsed', fmtDuration(attemptElapsed(a)));
  elapsedTd.dataset.label = t('colElapsed');
  tr.append(elapsedTd);
  return tr;
}

function stageBadge(stage) {
  const wrap = el('span', 'stage-cell');
  const badge = el('span', 'badge');
  const st = stage ? str(stage.state) || 'not_run' : 'not_run';
  badge.dataset.state = st;
  badge.textContent = stateText(st);
  const tip = [stateText(st)];
  if (stage && isNum(stage.rc)) tip.push('rc=' + stage.rc);
  if (stage && stage.log) tip.push(str(stage.log));
  badge.title = tip.join(' · ');
  wrap.append(badge);
  if (stage && isNum(stage.elapsedSec) && stage.elapsedSec > 0) {
    wrap.append(el('span', 'stage-time', fmtDuration(stage.elapsedSec)));
  }
  return wrap;
}

/** long_budget_elapsed_sec of long_budget_target_sec as a small bar, when the attempt has a budget. */
function budgetCell(budget) {
  const td = el('td', 'budget-cell');
  const target = budget && isNum(budget.targetSec) && budget.targetSec > 0 ? budget.targetSec : null;
  if (target === null) {
    td.append(el('span', 'muted', '—'));
    return td;
  }

  const elapsed = isNum(budget.elapsedSec) ? budget.elapsedSec : 0;
  const percent = isNum(budget.percent) ? budget.percent : Math.min(100, (100 * elapsed) / target);
  const bar = el('div', 'bar bar-sm');
  const fill = el('div', 'bar-fill' + (budget.reached === true ? ' good' : ''));
  setBar(fill, percent);
  bar.append(fill);
  bar.setAttribute('role', 'progressbar');
  bar.setAttribute('aria-valuemin', '0');
  bar.setAttribute('aria-valuemax', '100');
  bar.setAttribute('aria-valuenow', String(Math.round(percent)));
  const text = el('span', 'budget-text', fmtDuration(elapsed) + ' / ' + fmtDuration(target));
  td.title = fmtPct(percent);
  td.append(bar, text);
  return td;
}

function detailRow(a, index) {
  const tr = el('tr', 'attempt-detail');
  tr.dataset.detailOf = String(index);
  const td = el('td');
  td.colSpan = COLUMNS;
  const fields = obj(a.fields) || {};
  const keys = Object.keys(fields).filter((k) => !SHOWN_KEYS.has(k));
  if (!keys.length) {
    td.append(el('div', 'muted', t('noOtherKeys')));
  } else {
    const list = el('dl', 'fields-list fields-grid');
    for (const k of keys) list.append(el('dt', null, k), el('dd', null, fmtValue(fields[k])));
    td.append(list);
  }
  tr.append(td);
  return tr;
}
