// The header pill: live / reconnecting / stale, how long ago data arrived, and a banner while
// the data cannot be fetched. The page also dims its cards while the stream is down.

import { t } from './i18n.js';
import { $, isNum } from './dom.js';
import { fmtAgo, fmtClock } from './format.js';

const ROLE_KEYS = { leader: 'roleLeader', follower: 'roleFollower', solo: 'roleSolo' };

/** st: what stream.status() returns. */
export function renderFreshness(st) {
  const box = $('freshness');
  const text = box.querySelector('.freshness-text');
  const age = st.receivedAt ? Date.now() - st.receivedAt : null;
  box.dataset.state = st.conn;
  box.dataset.role = st.role;
  const word = {
    connecting: t('connecting'), live: t('live'), polling: t('reconnecting'),
    stale: t('staleConn'), paused: t('paused'),
  }[st.conn] || st.conn;
  const when = age === null ? t('noData') : t('updatedAgo', { ago: fmtAgo(age) });
  text.textContent = word + ' · ' + when;
  const tips = [];
  if (st.snapshot && isNum(st.snapshot.generatedMs)) tips.push(fmtClock(st.snapshot.generatedMs, true));
  if (ROLE_KEYS[st.role]) tips.push(t(ROLE_KEYS[st.role]));
  box.title = tips.join('\n');

  // Everything on the page is as old as the last snapshot while the stream is down.
  document.body.classList.toggle('is-stale', st.conn === 'stale' || st.conn === 'polling');

  const banner = $('connection-error');
  banner.textContent = st.connError
    ? t('fetchFailed', { msg: st.connError }) + (st.polling ? ' ' + t('retrying') : '')
    : '';
  banner.hidden = !st.connError;
}
