// The GPU card: one row per GPU with utilization (and the target mark), memory, temperature, power.

import { t } from './i18n.js';
import { $, arr, clampPct, el, isNum, obj, setBar, str } from './dom.js';
import { fmtClock, fmtGiB, fmtPct } from './format.js';

export function renderGpus(s) {
  const gpus = obj(s.gpus);
  const target = utilTarget(s);
  const notice = $('gpu-unavailable');
  const bars = $('gpu-bars');
  bars.replaceChildren();
  notice.replaceChildren();
  notice.hidden = true;
  $('gpu-source').textContent = gpus && (gpus.source || isNum(gpus.timeMs))
    ? t('sampledBy', { src: str(gpus.source) || '?', time: fmtClock(gpus.timeMs) })
    : '';
  if (!gpus) return;

  const list = arr(gpus.gpus).filter(obj);
  const bits = [];
  // No GPU is a normal state on some boxes: say so calmly, in grey, with the reason.
  if (gpus.available === false || !list.length) {
    bits.push(el('strong', null, gpus.available === false ? t('gpuUnavailable') : t('noGpus')));
  }
  if (gpus.message) bits.push(document.createTextNode(str(gpus.message)));
  // Why the preferred source (NVML) is not the one in use, e.g. a driver/library mismatch.
  if (gpus.sourceReason) bits.push(el('span', 'gpu-reason', t('gpuSourceReason', { r: str(gpus.sourceReason) })));
  bits.forEach((b, i) => {
    if (i) notice.append(document.createTextNode(' · '));
    notice.append(b);
  });
  notice.hidden = !bits.length;
  if (gpus.available === false) return;
  list.forEach((g, pos) => bars.append(g.error ? failedGpu(g, pos) : gpuBar(g, pos, target)));
}

/** "—" for a field the source reported as unknown (null). */
function orDash(v, format) {
  return v === null || v === undefined ? '—' : format(v);
}

/** A GPU whose reading failed: a red row with the reason; the others keep reporting. */
function failedGpu(g, pos) {
  const row = el('div', 'gpu gpu-failed');
  row.dataset.index = isNum(g.index) ? String(g.index) : '';
  row.dataset.failed = 'true';
  row.append(gpuName(g, pos));
  const msg = el('div', 'gpu-error');
  msg.append(el('strong', null, t('gpuFailed') + ': '), document.createTextNode(str(g.error)));
  row.append(msg);
  return row;
}

function gpuName(g, pos) {
  const name = el('div', 'gpu-name');
  const idx = el('div', 'gpu-index');
  idx.append(el('span', 'gpu-swatch ' + gpuColorClass(g.index, pos)), el('span', null, 'GPU' + (isNum(g.index) ? g.index : '?')));
  const model = el('div', 'gpu-model', g.name || '');
  model.title = [g.name, g.uuid, g.pciBusId].filter((x) => x).map(str).join('\n');
  name.append(idx, model);
  if ('pciBusId' in g) name.append(el('div', 'gpu-bus mono', orDash(g.pciBusId, str)));
  return name;
}

/** The GPU's processes, when the source lists them (null: it could not say). */
function gpuProcesses(g) {
  const box = el('div', 'gpu-procs');
  if (g.processes === null) {
    box.append(el('span', 'muted', t('gpuProcs') + ': —'));
    return box;
  }
  const procs = arr(g.processes).filter(obj);
  if (!procs.length) {
    box.append(el('span', 'muted', t('gpuNoProcs')));
    return box;
  }
  for (const p of procs) {
    const item = el('div', 'gpu-proc');
    item.append(el('span', 'proc-pid', isNum(p.pid) ? p.pid : '?'));
    item.append(el('span', 'gpu-proc-mem', orDash(p.usedMemoryMiB, (v) => fmtGiB(v) + ' GiB')));
    const cmd = el('span', 'proc-cmd', str(p.commandLine));
    cmd.title = str(p.commandLine);
    item.append(cmd);
    box.append(item);
  }
  return box;
}

function gpuColorClass(index, pos) {
  return 'c' + ((isNum(index) ? index : pos) % 8);
}

/** One GPU: name, utilization bar (with the target mark), memory bar, temperature and power. */
function gpuBar(g, pos, target) {
  const row = el('div', 'gpu');
  row.dataset.index = isNum(g.index) ? String(g.index) : '';

  const name = gpuName(g, pos);

  const util = el('div', 'bar gpu-util');
  const fill = el('div', 'bar-fill');
  const hasUtil = isNum(g.utilization);
  setBar(fill, g.utilization);
  if (hasUtil && target !== null) fill.classList.add(g.utilization >= target ? 'good' : 'warn');
  util.append(fill);
  if (target !== null) {
    const mark = el('div', 'gpu-target');
    mark.style.left = clampPct(target) + '%';
    mark.title = t('target') + ' ' + target + '%';
    util.append(mark);
  }

  const pct = el('div', 'gpu-pct', hasUtil ? fmtPct(g.utilization, 0) : '—');

  const mem = el('div', 'bar gpu-mem');
  const memFill = el('div', 'bar-fill');
  const memPct = isNum(g.memoryUsedMiB) && isNum(g.memoryTotalMiB) && g.memoryTotalMiB > 0
    ? (100 * g.memoryUsedMiB) / g.memoryTotalMiB : null;
  setBar(memFill, memPct);
  mem.append(memFill);
  const memTxt = el('div', 'gpu-memtxt', t('memory') + ' ' + fmtGiB(g.memoryUsedMiB) + ' / ' + fmtGiB(g.memoryTotalMiB) + ' GiB');

  const stats = el('div', 'gpu-stats');
  stats.append(statBit(t('temp'), isNum(g.temperatureC) ? Math.round(g.temperatureC) + ' °C' : '—'));
  let power = isNum(g.powerW) ? g.powerW.toFixed(1) : '—';
  if ('powerLimitW' in g) power += ' / ' + orDash(g.powerLimitW, (v) => (isNum(v) ? Math.round(v) : str(v)));
  stats.append(statBit(t('power'), power + ' W'));
  if (memPct !== null) stats.append(statBit(t('memory'), fmtPct(memPct, 0)));
  if ('memoryUtilization' in g) stats.append(statBit(t('gpuMemUtil'), orDash(g.memoryUtilization, (v) => fmtPct(v, 0))));

  row.append(name, util, pct, mem, memTxt, stats);
  if ('processes' in g) row.append(gpuProcesses(g));
  return row;
}

function statBit(label, value) {
  const span = el('span', null, label + ' ');
  span.append(el('b', null, value));
  return span;
}

export function utilTarget(s) {
  const th = obj(s.health) && obj(s.health.thresholds);
  return th && isNum(th.utilTarget) ? th.utilTarget : null;
}
