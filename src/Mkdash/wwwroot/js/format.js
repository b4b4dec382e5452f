// Numbers, durations and times as people read them, in the page's language.

import { t } from './i18n.js';
import { isNum } from './dom.js';

const pad = (n) => String(n).padStart(2, '0');

export function fmtPct(v, digits) {
  if (!isNum(v)) return '—';
  const d = digits === undefined ? 1 : digits;
  return (Math.round(v * 10 ** d) / 10 ** d) + '%';
}

export function fmtGiB(mib) {
  return isNum(mib) ? (mib / 1024).toFixed(1) : '—';
}

/**
 * Seconds in human units: 3.6 s, 42 s, 1 min 30 s, 12 min, 2 h 05 min, 3 d 04 h. Runs last
 * from seconds to days; the second unit is dropped once it stops mattering.
 */
export function fmtDuration(sec) {
  if (!isNum(sec)) return '—';
  const v = Math.max(0, sec);
  if (v < 9.95) return t('durSec', { n: v.toFixed(1) });
  const s = Math.round(v);
  if (s < 60) return t('durSec', { n: s });
  if (s < 600) return t('durMinSec', { m: Math.floor(s / 60), s: pad(s % 60) });
  if (s < 3600) return t('durMin', { m: Math.floor(s / 60) });
  if (s < 86400) return t('durHourMin', { h: Math.floor(s / 3600), m: pad(Math.floor((s % 3600) / 60)) });
  return t('durDayHour', { d: Math.floor(s / 86400), h: pad(Math.floor((s % 86400) / 3600)) });
}

export function fmtBytes(n) {
  if (!isNum(n)) return '';
  if (n < 1024) return n + ' B';
  if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KiB';
  if (n < 1024 * 1024 * 1024) return (n / 1024 / 1024).toFixed(1) + ' MiB';
  return (n / 1024 / 1024 / 1024).toFixed(2) + ' GiB';
}

export function fmtHms(d) {
  return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
}

export function fmtHm(d) {
  return pad(d.getHours()) + ':' + pad(d.getMinutes());
}

export function fmtMonthDay(d) {
  return pad(d.getMonth() + 1) + '-' + pad(d.getDate());
}

/** Local wall-clock time; with the date when it is not today (the page stays open for days). */
export function fmtClock(ms, forceDate) {
  if (!isNum(ms)) return '—';
  const d = new Date(ms);
  const sameDay = d.toDateString() === new Date().toDateString();
  if (sameDay && !forceDate) return fmtHms(d);
  return d.getFullYear() + '-' + fmtMonthDay(d) + ' ' + fmtHms(d);
}

export function fmtAgo(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 2) return t('agoNow');
  if (s < 120) return t('agoSec', { n: s });
  if (s < 7200) return t('agoMin', { n: Math.round(s / 60) });
  return t('agoHour', { n: Math.round(s / 3600) });
}

/** A JSON value as one line of text: strings bare, everything else as JSON. */
export function fmtValue(v) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v === '' ? '""' : v;
  try { return JSON.stringify(v); } catch (_) { return String(v); }
}
