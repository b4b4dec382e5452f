// The domain's words: stages, stage states, notes, health levels, attempts.

import { t } from './i18n.js';
import { arr, isNum, obj, str } from './dom.js';

export const STAGES = ['probe', 'long', 'test', 'viz'];

export function stageName(stage) {
  const key = { probe: 'stageProbe', long: 'stageLong', test: 'stageTest', viz: 'stageViz' }[stage];
  return key ? t(key) : str(stage);
}

export function stateText(state) {
  const key = {
    not_run: 'stNotRun', running: 'stRunning', ok: 'stOk', failed: 'stFailed', timeout: 'stTimeout',
  }[state];
  return key ? t(key) : str(state);
}

export function levelText(level) {
  const key = { good: 'levelGood', warning: 'levelWarning', critical: 'levelCritical' }[level];
  return key ? t(key) : str(level);
}

export function statusText(status) {
  const key = {
    starting: 'statusStarting', running_case: 'statusRunning',
    reused_case: 'statusReused', completed_case: 'statusCompleted',
  }[status];
  return key ? t(key) : str(status);
}

export function rootSourceText(source) {
  const key = { auto: 'rootSourceAuto', query: 'rootSourceQuery', option: 'rootSourceOption' }[source];
  return key ? t(key) : str(source);
}

/**
 * Colour of an attempt note (see .note[data-kind] in app.css): running, ok, nccl, oom,
 * timeout, failed, muted (reused, unrun) or none. nccl and oom name the cause, so they win
 * over timeout, and all three over the generic failure colour.
 */
export function noteKind(note) {
  const n = str(note).toLowerCase();
  if (!n) return 'none';
  if (n.startsWith('in_progress_')) return 'running';
  if (n === 'ok') return 'ok';
  if (n === 'reused' || n === 'unrun') return 'muted';
  if (n.includes('nccl')) return 'nccl';
  if (/(^|_)oom($|_)/.test(n)) return 'oom';
  if (n.includes('timeout')) return 'timeout';
  return 'failed';
}

/** A plain-words reading of the runner's note; null when the note is not one we know. */
export function describeNote(note) {
  const n = str(note);
  if (!n) return null;
  let m = /^in_progress_(\w+)$/.exec(n);
  if (m) return t('noteInProgress', { stage: stageName(m[1]) });
  if (n === 'ok') return t('noteOk');
  if (n === 'reused') return t('noteReused');
  if (n === 'unrun') return t('noteUnrun');
  if (n === 'long_budget_invalid') return t('noteBudgetInvalid');
  if (n === 'long_budget_incomplete') return t('noteBudgetIncomplete');
  m = /^(probe|long|test|viz)_(nccl|oom|timeout|negative_shape|failed)$/.exec(n);
  if (m) {
    const key = {
      nccl: 'noteNccl', oom: 'noteOom', timeout: 'noteTimeout', negative_shape: 'noteNegShape', failed: 'noteFailed',
    }[m[2]];
    return t(key, { stage: stageName(m[1]) });
  }
  return null;
}

/** "default e512", the way the runner log names an attempt. */
export function attemptLabel(a) {
  if (!a) return '';
  if (a.label) return str(a.label);
  return str(a.variant || '?') + ' e' + (isNum(a.numEnvs) ? a.numEnvs : '?');
}

export function isSameAttempt(a, b) {
  if (!a || !b) return false;
  if (isNum(a.index) && isNum(b.index)) return a.index === b.index;
  return attemptLabel(a) === attemptLabel(b);
}

/** Total seconds of an attempt: the runner's stage_elapsed_sec, else the sum of its stages. */
export function attemptElapsed(a) {
  const fields = obj(a.fields);
  if (fields && isNum(fields.stage_elapsed_sec)) return fields.stage_elapsed_sec;
  let sum = null;
  for (const s of arr(a.stages)) if (s && isNum(s.elapsedSec)) sum = (sum || 0) + s.elapsedSec;
  return sum;
}
