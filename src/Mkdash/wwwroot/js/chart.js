// The GPU trend chart (uPlot): one line per GPU over the whole history, the utilization target
// as a dashed line, values on hover, drag-to-zoom, Ctrl+wheel zoom, Shift+drag or Shift+wheel
// pan, double-click to see everything again. Times are the viewer's local time.

import { t } from './i18n.js';
import { $, arr, cssVar, el, isNum, obj, setCardNotice } from './dom.js';
import { fmtClock, fmtHm, fmtHms, fmtMonthDay } from './format.js';
import { utilTarget } from './gpus.js';

// Tick steps in seconds. None below a second, so two ticks never print the same time.
const TIME_INCRS = [
  1, 2, 5, 10, 15, 30,
  60, 120, 300, 600, 900, 1800,
  3600, 7200, 10800, 21600, 43200,
  86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400,
];
const MIN_SPAN_SEC = 10;   // zooming in stops at ten seconds across
const WHEEL_ZOOM = 0.8;    // one wheel notch shows 80% (in) or 125% (out) of the span
const WHEEL_PAN = 0.1;     // one Shift+wheel notch moves a tenth of the span

/** History as uPlot columns: x in seconds (sorted), one column per GPU index, nulls where missing. */
export function historyColumns(history) {
  const samples = arr(history).filter((h) => obj(h) && isNum(h.timeMs)).sort((a, b) => a.timeMs - b.timeMs);
  const indexSet = new Set();
  for (const h of samples) for (const g of arr(h.gpus)) if (obj(g) && isNum(g.index)) indexSet.add(g.index);
  const indices = Array.from(indexSet).sort((a, b) => a - b);
  const gap = gapSeconds(samples);
  const xs = [];
  const ys = indices.map(() => []);
  samples.forEach((h, i) => {
    const x = h.timeMs / 1000;
    // A long silence (nobody watching, monitor stopped) is a hole, not a straight ramp.
    if (i > 0 && x - xs[xs.length - 1] > gap) {
      xs.push(xs[xs.length - 1] + 1);
      ys.forEach((col) => col.push(null));
    }
    xs.push(x);
    indices.forEach((index, k) => {
      const g = arr(h.gpus).find((p) => obj(p) && p.index === index);
      ys[k].push(g && isNum(g.utilization) ? g.utilization : null);
    });
  });
  return { xs, ys, indices, count: samples.length };
}

/** Spacing above which two samples are not joined: 10x the usual spacing, at least 5 min. */
function gapSeconds(samples) {
  const steps = [];
  for (let i = 1; i < samples.length; i++) steps.push((samples[i].timeMs - samples[i - 1].timeMs) / 1000);
  if (!steps.length) return Infinity;
  steps.sort((a, b) => a - b);
  return Math.max(300, 10 * steps[Math.floor(steps.length / 2)]);
}

/**
 * Local-time tick labels from the tick step: HH:MM:SS under a minute, HH:MM under a day,
 * MM-DD above. The date goes under the first tick of each day when the view is not all today.
 */
export function timeTickLabels(splits, incr, min, max) {
  const step = isNum(incr) && incr > 0 ? incr : (splits.length > 1 ? splits[1] - splits[0] : 60);
  const today = new Date().toDateString();
  const first = new Date(min * 1000).toDateString();
  const showDate = step < 86400 && (first !== new Date(max * 1000).toDateString() || first !== today);
  const labels = [];
  let prevDay = null;
  let prev = null;
  for (const sec of splits) {
    const d = new Date(sec * 1000);
    let text = step >= 86400 ? fmtMonthDay(d) : step < 60 ? fmtHms(d) : fmtHm(d);
    const day = d.toDateString();
    if (showDate && day !== prevDay) text += '\n' + fmtMonthDay(d);
    prevDay = day;
    labels.push(text === prev ? '' : text);
    prev = text;
  }
  return labels;
}

function chartSize(box) {
  const width = Math.max(240, box.clientWidth || box.parentElement.clientWidth || 600);
  const vw = window.innerWidth;
  return { width, height: vw < 760 ? 220 : vw >= 2400 ? 420 : vw >= 2000 ? 340 : 280 };
}

function dataRange(u) {
  const x = u.data[0] || [];
  return x.length ? { lo: x[0], hi: x[x.length - 1] } : null;
}

/** Shows [min, max] clamped to the history; a span as wide as the history shows all of it. */
function showWindow(u, min, max) {
  const range = dataRange(u);
  if (!range) return;
  const span = max - min; // zoomAround keeps it at least MIN_SPAN_SEC; panning keeps a dragged span
  if (span >= range.hi - range.lo) {
    u.setScale('x', { min: range.lo, max: range.hi });
    return;
  }
  let lo = min;
  if (lo < range.lo) lo = range.lo;
  if (lo + span > range.hi) lo = range.hi - span;
  u.setScale('x', { min: lo, max: lo + span });
}

function zoomAround(u, at, factor) {
  const { min, max } = u.scales.x;
  let lo = at - (at - min) * factor;
  let hi = at + (max - at) * factor;
  if (hi - lo < MIN_SPAN_SEC) {
    const mid = (lo + hi) / 2;
    lo = mid - MIN_SPAN_SEC / 2;
    hi = mid + MIN_SPAN_SEC / 2;
  }
  showWindow(u, lo, hi);
}

function panBy(u, seconds) {
  const { min, max } = u.scales.x;
  showWindow(u, min + seconds, max + seconds);
}

/** Ctrl/⌘+wheel zooms around the cursor, Shift+wheel and Shift+drag pan; a plain wheel scrolls the page. */
function panZoomPlugin() {
  return {
    hooks: {
      init: [(u) => {
        const over = u.over;
        over.addEventListener('wheel', (e) => {
          const zoom = e.ctrlKey || e.metaKey;
          if (!zoom && !e.shiftKey) return;
          e.preventDefault();
          if (zoom) {
            const at = u.posToVal(e.clientX - over.getBoundingClientRect().left, 'x');
            zoomAround(u, at, e.deltaY < 0 ? WHEEL_ZOOM : 1 / WHEEL_ZOOM);
          } else {
            const delta = Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : e.deltaY;
            panBy(u, Math.sign(delta) * WHEEL_PAN * (u.scales.x.max - u.scales.x.min));
          }
        }, { passive: false });

        // Caught on the wrapper before uPlot's own drag-to-zoom on the plot area sees it.
        over.parentNode.addEventListener('mousedown', (e) => {
          if (!(e.shiftKey || e.button === 1) || !over.contains(e.target)) return;
          e.preventDefault();
          e.stopPropagation();
          const startX = e.clientX;
          const { min, max } = u.scales.x;
          const perPx = (max - min) / Math.max(1, over.clientWidth);
          over.classList.add('panning');
          const move = (ev) => {
            const shift = (ev.clientX - startX) * perPx;
            showWindow(u, min - shift, max - shift);
          };
          const up = () => {
            document.removeEventListener('mousemove', move);
            document.removeEventListener('mouseup', up);
            over.classList.remove('panning');
          };
          document.addEventListener('mousemove', move);
          document.addEventListener('mouseup', up);
        }, true);
      }],
    },
  };
}

/** A small box by the cursor with the time and every series' value there; colors[i] is series i's. */
function tooltipPlugin(colors) {
  let tip = null;
  return {
    hooks: {
      init: [(u) => {
        tip = el('div', 'chart-tip');
        tip.hidden = true;
        u.over.append(tip);
        u.over.addEventListener('mouseleave', () => { tip.hidden = true; });
      }],
      setCursor: [(u) => {
        const { idx, left, top } = u.cursor;
        if (idx === null || idx === undefined || !(left >= 0)) {
          tip.hidden = true;
          return;
        }

        const rows = [el('div', 'chart-tip-time', fmtClock(u.data[0][idx] * 1000, true))];
        u.series.forEach((series, si) => {
          if (si === 0 || !series.show) return;
          const v = u.data[si][idx];
          const row = el('div', 'chart-tip-row');
          const swatch = el('span', 'chart-tip-swatch');
          swatch.style.background = colors[si] || '';
          row.append(swatch, el('span', 'chart-tip-label', series.label), el('b', null, isNum(v) ? Math.round(v) + '%' : '—'));
          rows.push(row);
        });
        tip.replaceChildren(...rows);
        tip.hidden = false;
        const w = tip.offsetWidth;
        const h = tip.offsetHeight;
        let x = left + 14;
        if (x + w > u.over.clientWidth) x = Math.max(0, left - 14 - w);
        const y = Math.max(0, Math.min(top + 14, u.over.clientHeight - h));
        tip.style.transform = 'translate(' + Math.round(x) + 'px,' + Math.round(y) + 'px)';
      }],
    },
  };
}

/** Legend value; with the cursor off the plot the newest sample instead of dashes. */
function legendValue(u, v, seriesIdx, idx, format) {
  let value = v;
  if (idx === null || idx === undefined) {
    const col = u.data[seriesIdx] || [];
    value = null;
    for (let i = col.length - 1; i >= 0; i--) if (isNum(col[i])) { value = col[i]; break; }
  }
  return value === null || value === undefined ? '—' : format(value);
}

export function createChart() {
  const c = { plot: null, key: '', zoomed: false, ticks: [] };

  function options(indices, target, size) {
    const axis = cssVar('--chart-axis', '#888');
    const grid = cssVar('--chart-grid', 'rgba(128,128,128,0.2)');
    const font = '11px ' + cssVar('--sans', 'sans-serif');
    const colors = [''];
    const series = [{
      label: t('time'),
      value: (u, v, si, idx) => legendValue(u, v, si, idx, (x) => fmtClock(x * 1000, true)),
    }];
    indices.forEach((index) => {
      colors.push(cssVar('--gpu-' + (index % 8), '#3b6fe0'));
      series.push({
        label: 'GPU' + index,
        stroke: colors[colors.length - 1],
        width: 1.8,
        points: { show: false },
        value: (u, v, si, idx) => legendValue(u, v, si, idx, (x) => Math.round(x) + '%'),
      });
    });
    if (target !== null) {
      colors.push(cssVar('--chart-target', '#c98a06'));
      series.push({
        label: t('target') + ' ' + target + '%',
        stroke: colors[colors.length - 1],
        width: 1.4,
        dash: [6, 5],
        points: { show: false },
        value: () => target + '%',
      });
    }
    return {
      width: size.width,
      height: size.height,
      series,
      scales: { x: { time: true }, y: { auto: false, range: [0, 100] } },
      axes: [
        {
          stroke: axis, font, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 },
          incrs: TIME_INCRS, space: 78, size: 46,
          values: (u, splits, axisIdx, space, incr) => {
            c.ticks = timeTickLabels(splits, incr, u.scales.x.min, u.scales.x.max);
            return c.ticks;
          },
        },
        {
          stroke: axis, font, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, size: 46,
          splits: () => [0, 20, 40, 60, 80, 100],
          values: (u, splits) => splits.map((v) => v + '%'),
        },
      ],
      cursor: { drag: { x: true, y: false, setScale: true }, points: { size: 7 } },
      legend: { live: true },
      plugins: [panZoomPlugin(), tooltipPlugin(colors)],
      hooks: {
        // Remember whether the viewer zoomed or panned, so pushed data keeps their view.
        setScale: [(u, scaleKey) => {
          if (scaleKey !== 'x') return;
          const range = dataRange(u);
          const eps = 1e-6;
          c.zoomed = !!range && (u.scales.x.min > range.lo + eps || u.scales.x.max < range.hi - eps);
        }],
      },
    };
  }

  function destroy() {
    if (c.plot) { c.plot.destroy(); c.plot = null; }
    c.key = '';
    c.zoomed = false;
  }

  /** themeKey changes rebuild the chart: canvas colours come from CSS variables. */
  function render(s, themeKey, lang) {
    const card = $('card-chart');
    const box = $('gpu-chart');
    const { xs, ys, indices, count } = historyColumns(s.history);
    const target = utilTarget(s);

    let notice = '';
    if (typeof window.uPlot !== 'function') notice = t('chartNoLib');
    else if (!xs.length || !indices.length) notice = t('noHistory');
    setCardNotice(card, notice, 'empty');
    $('chart-caption').textContent = notice ? '' : t('chartSamples', { n: count });
    $('chart-hint').hidden = !!notice;
    $('chart-tools').hidden = !!notice;
    if (notice) {
      destroy();
      box.hidden = true;
      return;
    }
    box.hidden = false;

    const data = [xs].concat(ys);
    if (target !== null) data.push(xs.map(() => target));

    // Options depend on the GPU set, the target, the language and the theme; data does not.
    const key = [lang, indices.join(','), target, themeKey].join('|');
    if (c.plot && c.key === key) {
      c.plot.setData(data, !c.zoomed);
      return;
    }
    destroy();
    c.key = key;
    c.plot = new window.uPlot(options(indices, target, chartSize(box)), data, box);
  }

  function resize() {
    if (!c.plot) return;
    const size = chartSize($('gpu-chart'));
    if (size.width !== c.plot.width || size.height !== c.plot.height) c.plot.setSize(size);
  }

  /** The toolbar: zoom around the middle, pan by a quarter of the view, or show everything. */
  function step(kind) {
    const u = c.plot;
    if (!u) return;
    const { min, max } = u.scales.x;
    const span = max - min;
    if (kind === 'in') zoomAround(u, (min + max) / 2, WHEEL_ZOOM * WHEEL_ZOOM);
    else if (kind === 'out') zoomAround(u, (min + max) / 2, 1 / (WHEEL_ZOOM * WHEEL_ZOOM));
    else if (kind === 'left') panBy(u, -span / 4);
    else if (kind === 'right') panBy(u, span / 4);
    else if (kind === 'reset') {
      const range = dataRange(u);
      if (range) u.setScale('x', { min: range.lo, max: range.hi });
    }
  }

  /** What the chart shows, for tests and for poking at it from the console. */
  function info() {
    const u = c.plot;
    if (!u) return null;
    const range = dataRange(u);
    return {
      series: u.series.map((x) => ({ label: x.label, dash: x.dash || null, show: x.show })),
      xMin: u.scales.x.min,
      xMax: u.scales.x.max,
      dataMin: range ? range.lo : null,
      dataMax: range ? range.hi : null,
      ticks: c.ticks.slice(),
      zoomed: c.zoomed,
    };
  }

  return { render, destroy, resize, info, step };
}
