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
  // No GPU is a normal state on some boxes: say so calmly, in grey, with the reason.
  if (gpus.available === false || !list.length) {
    notice.append(el('strong', null, gpus.available === false ? t('gpuUnavailable') : t('noGpus')));
    if (gpus.message) notice.append(document.createTextNode(' · ' + str(gpus.message)));
    notice.hidden = false;
    if (gpus.available === false) return;
  } else if (gpus.message) {
    notice.textContent = str(gpus.message);
    notice.hidden = false;
  }
  list.forEach((g, pos) => bars.append(gpuBar(g, pos, target)));
}

function gpuColorClass(index, pos) {
  return 'c' + ((isNum(index) ? index : pos) % 8);
}

/** One GPU: name, utilization bar (with the target mark), memory bar, temperature and power. */
function gpuBar(g, pos, target) {
  const row = el('div', 'gpu');
  row.dataset.index = isNum(g.index) ? String(g.index) : '';

  const name = el('div', 'gpu-name');
  const idx = el('div', 'gpu-index');
  idx.append(el('span', 'gpu-swatch ' + gpuColorClass(g.index, pos)), el('span', null, 'GPU' + (isNum(g.index) ? g.index : '?')));
  const model = el('div', 'gpu-model', g.name || '');
  model.title = str(g.name);
  name.append(idx, model);

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
  stats.append(statBit(t('power'), isNum(g.powerW) ? g.powerW.toFixed(1) + ' W' : '—'));
  if (memPct !== null) stats.append(statBit(t('memory'), fmtPct(memPct, 0)));

  row.append(name, util, pct, mem, memTxt, stats);
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
