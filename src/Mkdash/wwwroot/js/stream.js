// How snapshots reach this tab.
//
// A browser keeps at most six HTTP/1.1 connections per host, and every EventSource holds one
// for good: a seventh tab on the same dashboard would hang. So only one tab per root (the
// leader) holds the stream (api/events?root=); it passes every snapshot, and how its
// connection stands, to the other tabs of the same origin over a BroadcastChannel. Leadership
// is a Web Lock named for the root: the browser hands it to a waiting tab as soon as the
// leader closes, switches root or pauses, so nobody has to notice a dead leader. Where either
// API is missing, each tab has its own stream, as before.
//
// While the stream is down the tab holding it polls api/status every 5 s and says so; a
// follower that hears nothing from a leader for a while polls by itself.

import { t } from './i18n.js';
import { isNum, obj, str } from './dom.js';

const POLL_MS = 5000;             // the fallback cadence while the stream is down
// The server pushes only on change (plus keep-alive comments JS never sees), so a quiet stream
// is normal. After this long without a snapshot, one GET checks the stream is not silently dead
// (a hung SSH tunnel can keep a socket open without delivering anything).
const QUIET_CHECK_MS = 60000;
const FETCH_TIMEOUT_MS = 10000;
const HEARTBEAT_MS = 4000;        // the leader says how its stream stands at least this often
const LEADER_SILENT_MS = 15000;   // a follower that heard nothing for this long polls by itself

/** True where this browser can share one stream between tabs. */
function canShare() {
  return typeof window.BroadcastChannel === 'function'
    && !!navigator.locks && typeof navigator.locks.request === 'function';
}

/**
 * hooks.render(snapshot): draw a snapshot; hooks.changed(): the connection state changed.
 * Returns the controls the page uses; status() says where things stand.
 */
export function createStream(hooks) {
  const s = {
    root: '',
    gen: 0,                 // bumped on every start/stop: late answers for an older one are dropped
    snapshot: null,         // the newest snapshot delivered
    receivedAt: 0,          // when it arrived (the leader's clock is this box's clock too)
    conn: 'connecting',     // connecting | live | polling | stale | paused
    connError: '',
    role: canShare() ? 'follower' : 'solo', // leader | follower | solo
    es: null,
    pollTimer: 0,
    pollInFlight: false,
    reconnectTimer: 0,
    lastCheck: 0,
    channel: null,
    lockAbort: null,
    releaseLock: null,
    heartbeatTimer: 0,
    lastLeaderMsg: 0,
  };

  function apiUrl(path) {
    return s.root ? path + '?root=' + encodeURIComponent(s.root) : path;
  }

  function setConn(conn, error) {
    s.conn = conn;
    s.connError = error || '';
    if (s.role === 'leader') postState();
    hooks.changed();
  }

  /** Takes a snapshot unless an older one arrives late. */
  function deliver(snapshot, receivedAt) {
    if (!obj(snapshot)) return;
    const prev = s.snapshot;
    if (prev && isNum(prev.generatedMs) && isNum(snapshot.generatedMs) && snapshot.generatedMs < prev.generatedMs) {
      return;
    }

    s.snapshot = snapshot;
    s.receivedAt = isNum(receivedAt) ? receivedAt : Date.now();
    if (s.role === 'leader') postSnapshot();
    hooks.render(snapshot);
  }

  // ---- sharing between tabs

  function post(message) {
    if (!s.channel) return;
    try { s.channel.postMessage(message); } catch (_) { /* a closed channel: we are leaving */ }
  }

  function postState() {
    post({ type: 'state', conn: s.conn, connError: s.connError, receivedAt: s.receivedAt });
  }

  function postSnapshot() {
    if (!s.snapshot) return;
    post({ type: 'snapshot', snapshot: s.snapshot, conn: s.conn, connError: s.connError, receivedAt: s.receivedAt });
  }

  function join(gen) {
    const key = window.location.pathname + '|' + s.root;
    const channel = new BroadcastChannel('mkdash.snapshots:' + key);
    s.channel = channel;
    s.lastLeaderMsg = Date.now();
    channel.onmessage = (event) => { if (gen === s.gen) onMessage(obj(event.data)); };

    const abort = new AbortController();
    s.lockAbort = abort;
    navigator.locks.request('mkdash.events:' + key, { signal: abort.signal }, () => {
      if (gen !== s.gen) return undefined; // left while waiting: hand the lock straight on
      // Held until this tab leaves (root switch, pause) or closes: the browser frees it then.
      return new Promise((resolve) => {
        s.releaseLock = resolve;
        lead();
      });
    }).catch(() => { /* AbortError: this tab left before its turn came */ });
    post({ type: 'hello' });
  }

  function lead() {
    s.role = 'leader';
    stopPolling();
    openEventSource(s.gen);
    s.heartbeatTimer = setInterval(postState, HEARTBEAT_MS);
    postState();
    postSnapshot();
    hooks.changed();
  }

  function onMessage(msg) {
    if (!msg) return;
    if (s.role === 'leader') {
      // A tab that just joined gets the newest snapshot at once.
      if (msg.type === 'hello') { postState(); postSnapshot(); }
      return;
    }

    if (s.role !== 'follower' || (msg.type !== 'snapshot' && msg.type !== 'state')) return;
    s.lastLeaderMsg = Date.now();
    stopPolling();
    if (msg.type === 'snapshot') deliver(msg.snapshot, msg.receivedAt);
    if (isNum(msg.receivedAt) && s.snapshot) s.receivedAt = Math.max(s.receivedAt, msg.receivedAt);
    s.conn = str(msg.conn) || 'connecting';
    s.connError = str(msg.connError);
    hooks.changed();
  }

  // ---- the stream itself (leader or solo)

  function openEventSource(gen) {
    if (typeof window.EventSource !== 'function') {
      startPolling();
      return;
    }

    const es = new EventSource(apiUrl('api/events'));
    s.es = es;
    es.addEventListener('open', () => {
      if (s.es !== es) return;
      stopPolling();
      setConn('live');
    });
    const onData = (event) => {
      if (s.es !== es) return;
      let snapshot;
      try { snapshot = JSON.parse(event.data); } catch (_) { return; }
      if (s.conn !== 'live') { stopPolling(); setConn('live'); }
      deliver(snapshot, Date.now());
    };
    es.addEventListener('snapshot', onData);
    es.addEventListener('message', onData); // tolerate a server that sends unnamed events
    es.addEventListener('error', () => {
      if (s.es !== es) return;
      // The browser retries by itself while CONNECTING; after CLOSED it has given up, so we retry.
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        s.es = null;
        clearTimeout(s.reconnectTimer);
        s.reconnectTimer = setTimeout(() => { if (gen === s.gen && !s.es) openEventSource(gen); }, POLL_MS * 2);
      }
      startPolling();
    });
  }

  function closeEventSource() {
    clearTimeout(s.reconnectTimer);
    if (s.es) { s.es.close(); s.es = null; }
  }

  function startPolling() {
    if (s.pollTimer) return;
    if (s.conn !== 'stale') setConn('polling', s.connError);
    s.pollTimer = setInterval(poll, POLL_MS);
    poll();
  }

  function stopPolling() {
    clearInterval(s.pollTimer);
    s.pollTimer = 0;
  }

  function poll() {
    if (s.pollInFlight) return; // a slow tunnel must not pile requests up
    s.pollInFlight = true;
    fetchStatus()
      .then(() => { if (s.pollTimer) setConn('polling'); })
      .catch((err) => { if (s.pollTimer) setConn('stale', err.message); })
      .finally(() => { s.pollInFlight = false; });
  }

  /** GET api/status once and deliver it. Rejects with a readable message. */
  function fetchStatus() {
    const gen = s.gen;
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), FETCH_TIMEOUT_MS);
    const init = { cache: 'no-store', headers: { Accept: 'application/json' }, signal: ctrl.signal };
    return fetch(apiUrl('api/status'), init)
      .then((res) => res.text().then((body) => {
        let data = null;
        try { data = JSON.parse(body); } catch (_) { /* not JSON */ }
        // A snapshot is rendered even on a non-2xx answer: it carries its own error texts.
        if (obj(data) && ('root' in data || 'generatedMs' in data)) {
          if (gen === s.gen) deliver(data, Date.now());
          return;
        }
        if (!res.ok) {
          const msg = obj(data) ? (data.error || data.message || data.detail || data.title) : body.slice(0, 200);
          throw new Error('HTTP ' + res.status + (msg ? ' ' + str(msg) : ''));
        }
        throw new Error(t('badSnapshot'));
      }))
      .catch((err) => {
        // fetch rejects with a TypeError when the server or the tunnel is down.
        if (err && err.name === 'AbortError') throw new Error(t('netTimeout'));
        if (err instanceof TypeError) throw new Error(t('netDown'));
        throw err;
      })
      .finally(() => clearTimeout(timer));
  }

  // ---- what the page calls

  /** Starts getting snapshots for a root; fresh drops what was shown for the previous one. */
  function start(root, fresh) {
    stop();
    s.root = root || '';
    if (fresh) { s.snapshot = null; s.receivedAt = 0; }
    const gen = s.gen;
    setConn('connecting');
    if (canShare()) {
      s.role = 'follower';
      join(gen);
    } else {
      s.role = 'solo';
      openEventSource(gen);
    }
  }

  /** Leaves: closes the stream, hands leadership on, stops listening to other tabs. */
  function stop() {
    s.gen += 1;
    closeEventSource();
    stopPolling();
    clearInterval(s.heartbeatTimer);
    s.heartbeatTimer = 0;
    if (s.releaseLock) { s.releaseLock(); s.releaseLock = null; }
    if (s.lockAbort) { s.lockAbort.abort(); s.lockAbort = null; }
    if (s.channel) { s.channel.close(); s.channel = null; }
    if (s.role === 'leader') s.role = 'follower';
  }

  /** A background tab lets go so the server's sampler can idle; another visible tab leads. */
  function pause() {
    stop();
    setConn('paused');
  }

  /** One GET now, whatever the role; a stream the browser gave up on gets another try. */
  function refresh() {
    const done = fetchStatus()
      .then(() => setConn(s.conn === 'stale' ? 'polling' : s.conn))
      .catch((err) => { setConn(s.conn === 'live' ? 'live' : 'stale', err.message); });
    if (s.role !== 'follower' && !s.es && s.conn !== 'paused') openEventSource(s.gen);
    return done;
  }

  /** Once a second: a follower whose leader went quiet polls; a quiet stream gets checked. */
  function tick() {
    const now = Date.now();
    if (s.role === 'follower') {
      if (s.channel && !s.pollTimer && now - s.lastLeaderMsg > LEADER_SILENT_MS) startPolling();
      return;
    }

    const quietSince = Math.max(s.receivedAt, s.lastCheck);
    if (s.conn !== 'live' || s.pollInFlight || now - quietSince < QUIET_CHECK_MS) return;
    s.lastCheck = now;
    s.pollInFlight = true;
    const gen = s.gen;
    fetchStatus()
      .catch((err) => {
        if (gen !== s.gen) return;
        // The stream looked open but the server cannot be reached: start over.
        setConn('stale', err.message);
        closeEventSource();
        openEventSource(gen);
      })
      .finally(() => { s.pollInFlight = false; });
  }

  function status() {
    return {
      conn: s.conn,
      connError: s.connError,
      receivedAt: s.receivedAt,
      role: s.role,
      polling: !!s.pollTimer,
      snapshot: s.snapshot,
      root: s.root,
    };
  }

  return { start, stop, pause, refresh, tick, status, fetchStatus };
}
