/*
 * mkdash page. One snapshot object (GET api/status, or an SSE "snapshot" event from api/events)
 * renders the whole page through render(snapshot).
 *
 * Rules this file keeps:
 *  - Every value from the server reaches the DOM through textContent / createElement / element
 *    properties, never innerHTML: notes and log lines may contain markup.
 *  - No inline scripts or style attributes, no eval: the page runs under
 *    script-src 'self'; style-src 'self'. Sizes go through el.style (CSSOM), which CSP allows.
 *  - Only relative URLs: the page is often reached through an SSH tunnel or a path prefix.
 *  - Any field of the snapshot may be null or missing; every section copes on its own.
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------- i18n

  const I18N = {
    zh: {
      langButton: 'English',
      rootPlaceholder: 'root 名称或路径',
      switchRoot: '切换 Root',
      refresh: '刷新',
      refreshTitle: '立即获取一次最新数据',
      stale: '过期',
      staleTitle: '本次读取失败，显示的是上一次读到的内容',
      progressTitle: '流水线进度',
      casesUnit: '个 case',
      status: '状态',
      lastCase: '最近 case',
      readAt: '读取时间',
      noProgress: '还没有进度数据',
      extraKeys: '其他字段',
      caseTitle: '当前 case 与尝试',
      budget: '长训练预算',
      allFields: '全部字段',
      healthTitle: '健康状况',
      processesTitle: '进程',
      workers: '训练进程',
      gpusTitle: 'GPU',
      chartTitle: 'GPU 利用率趋势',
      attemptsTitle: '本 case 的尝试',
      colIndex: '#',
      colAttempt: '变体 × 环境数',
      colProbe: 'probe',
      colLong: 'long',
      colTest: 'test',
      colViz: 'viz',
      colNote: '备注',
      colFinal: '最终',
      colElapsed: '耗时',
      runnerLogTitle: 'Runner 日志',
      monitorLogTitle: '监控日志',
      stageLogTitle: '阶段日志',

      connecting: '连接中…',
      live: '实时',
      reconnecting: '重连中（每 5 秒轮询）',
      staleConn: '已过期',
      paused: '已暂停（页面在后台）',
      updatedAgo: '{ago}更新',
      agoNow: '刚刚',
      agoSec: '{n} 秒前',
      agoMin: '{n} 分钟前',
      agoHour: '{n} 小时前',
      noData: '尚未收到数据',
      fetchFailed: '获取数据失败：{msg}',
      retrying: '每 5 秒重试一次。',
      badSnapshot: '收到的数据无法解析',
      netDown: '网络不通（服务已停止或 SSH 隧道已断开？）',
      netTimeout: '请求超时',

      rootSourceAuto: '自动选择',
      rootSourceQuery: '页面指定',
      rootSourceOption: '启动参数指定',
      rootHint: '查找位置：{dir}',

      statusStarting: '启动中',
      statusRunning: '运行中',
      statusReused: '复用已有结果',
      statusCompleted: '已完成',
      statusMissing: '未记录',

      noCase: '还没有当前 case',
      noAttempts: '还没有尝试记录',
      noBudget: '没有时间预算',
      budgetReached: '已达预算',
      budgetNotReached: '未达预算',
      stopReason: '停止原因 {r}',
      attemptOf: '第 {i} 次尝试，共 {n} 次',
      currentMark: '当前',

      stageProbe: '探测',
      stageLong: '长训练',
      stageTest: '测试',
      stageViz: '可视化',
      stNotRun: '未运行',
      stRunning: '运行中',
      stOk: '成功',
      stFailed: '失败',
      stTimeout: '超时',
      finalOk: '成功',
      finalFail: '失败',
      finalPending: '进行中',

      noteInProgress: '{stage}阶段进行中',
      noteOk: '全部完成',
      noteReused: '复用之前的结果',
      noteUnrun: '未运行',
      noteNccl: '{stage}：疑似 NCCL 通信故障',
      noteOom: '{stage}：显存不足 (OOM)',
      noteTimeout: '{stage}：超时',
      noteNegShape: '{stage}：形状为负的错误',
      noteFailed: '{stage}：失败',
      noteBudgetInvalid: '长训练预算无效',
      noteBudgetIncomplete: '长训练未跑满预算',

      levelGood: '良好',
      levelWarning: '注意',
      levelCritical: '严重',
      noLabels: '没有需要关注的情况',
      thresholds: '目标利用率 {u}% · 不均衡阈值 {g} 点（最近 {w} 个样本）',

      runnerAlive: 'Runner 运行中',
      runnerDead: 'Runner 未运行',
      noWorkers: '没有训练进程',
      noRunners: '',

      gpuUnavailable: 'GPU 不可用',
      noGpus: '没有 GPU 读数',
      memory: '显存',
      temp: '温度',
      power: '功耗',
      sampledBy: '来源 {src} · {time}',

      noHistory: '还没有 GPU 历史数据',
      chartNoLib: '图表库未加载',
      target: '目标',
      chartCaption: '{n} 个样本 · 拖动可放大，双击复原',
      time: '时间',

      noLog: '还没有日志行',
      logMeta: '{path} · {size}',

      footer: 'mkdash {v} · 快照生成于 {time}',
      sectionFailed: '此部分显示出错：{msg}',
    },
    en: {
      langButton: '中文',
      rootPlaceholder: 'root name or path',
      switchRoot: 'Switch root',
      refresh: 'Refresh',
      refreshTitle: 'Fetch the latest data now',
      stale: 'stale',
      staleTitle: 'The latest read failed; this is what was read before',
      progressTitle: 'Pipeline progress',
      casesUnit: 'cases',
      status: 'Status',
      lastCase: 'Last case',
      readAt: 'Read at',
      noProgress: 'No progress data yet',
      extraKeys: 'Other keys',
      caseTitle: 'Current case & attempt',
      budget: 'Long-run budget',
      allFields: 'All fields',
      healthTitle: 'Health',
      processesTitle: 'Processes',
      workers: 'Training workers',
      gpusTitle: 'GPUs',
      chartTitle: 'GPU utilization trend',
      attemptsTitle: 'Attempts of this case',
      colIndex: '#',
      colAttempt: 'Variant × envs',
      colProbe: 'probe',
      colLong: 'long',
      colTest: 'test',
      colViz: 'viz',
      colNote: 'Note',
      colFinal: 'Final',
      colElapsed: 'Elapsed',
      runnerLogTitle: 'Runner log',
      monitorLogTitle: 'Monitor log',
      stageLogTitle: 'Stage log',

      connecting: 'Connecting…',
      live: 'Live',
      reconnecting: 'Reconnecting (polling every 5 s)',
      staleConn: 'Stale',
      paused: 'Paused (tab in background)',
      updatedAgo: 'updated {ago}',
      agoNow: 'just now',
      agoSec: '{n}s ago',
      agoMin: '{n} min ago',
      agoHour: '{n} h ago',
      noData: 'no data yet',
      fetchFailed: 'Could not get data: {msg}.',
      retrying: 'Retrying every 5 s.',
      badSnapshot: 'received data could not be parsed',
      netDown: 'network error (server stopped or SSH tunnel down?)',
      netTimeout: 'request timed out',

      rootSourceAuto: 'auto-picked',
      rootSourceQuery: 'from the page',
      rootSourceOption: 'from --root-out',
      rootHint: 'Looked in: {dir}',

      statusStarting: 'Starting',
      statusRunning: 'Running case',
      statusReused: 'Reused case',
      statusCompleted: 'Completed case',
      statusMissing: 'not recorded',

      noCase: 'No current case yet',
      noAttempts: 'No attempts yet',
      noBudget: 'No time budget',
      budgetReached: 'budget reached',
      budgetNotReached: 'budget not reached',
      stopReason: 'stop reason {r}',
      attemptOf: 'attempt {i} of {n}',
      currentMark: 'current',

      stageProbe: 'probe',
      stageLong: 'long run',
      stageTest: 'test',
      stageViz: 'viz',
      stNotRun: 'not run',
      stRunning: 'running',
      stOk: 'ok',
      stFailed: 'failed',
      stTimeout: 'timeout',
      finalOk: 'ok',
      finalFail: 'failed',
      finalPending: 'in progress',

      noteInProgress: '{stage} in progress',
      noteOk: 'all stages done',
      noteReused: 'reused an earlier result',
      noteUnrun: 'not run',
      noteNccl: '{stage}: suspected NCCL fault',
      noteOom: '{stage}: out of GPU memory',
      noteTimeout: '{stage}: timed out',
      noteNegShape: '{stage}: negative shape error',
      noteFailed: '{stage}: failed',
      noteBudgetInvalid: 'long-run budget invalid',
      noteBudgetIncomplete: 'long run stopped before its budget',

      levelGood: 'Good',
      levelWarning: 'Warning',
      levelCritical: 'Critical',
      noLabels: 'Nothing needs attention',
      thresholds: 'Target {u}% · imbalance above {g} points (last {w} samples)',

      runnerAlive: 'Runner alive',
      runnerDead: 'Runner not running',
      noWorkers: 'No training workers',
      noRunners: '',

      gpuUnavailable: 'GPU unavailable',
      noGpus: 'No GPU readings',
      memory: 'mem',
      temp: 'temp',
      power: 'power',
      sampledBy: 'via {src} · {time}',

      noHistory: 'No GPU history yet',
      chartNoLib: 'Chart library not loaded',
      target: 'target',
      chartCaption: '{n} samples · drag to zoom, double-click to reset',
      time: 'Time',

      noLog: 'No log lines yet',
      logMeta: '{path} · {size}',

      footer: 'mkdash {v} · snapshot generated {time}',
      sectionFailed: 'This section failed to render: {msg}',
    },
  };

  const LANG_KEY = 'mkdash.lang';
  let lang = loadLang();

  function loadLang() {
    try {
      const saved = window.localStorage.getItem(LANG_KEY);
      if (saved === 'zh' || saved === 'en') return saved;
    } catch (_) { /* storage may be blocked; Chinese is the default */ }
    return 'zh';
  }

  function saveLang(value) {
    try { window.localStorage.setItem(LANG_KEY, value); } catch (_) { /* not fatal */ }
  }

  /** Looks a UI string up in the current language and fills {name} placeholders. */
  function t(key, vars) {
    const table = I18N[lang] || I18N.zh;
    let text = key in table ? table[key] : (key in I18N.zh ? I18N.zh[key] : key);
    if (vars) {
      text = text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
    }
    return text;
  }

  /** Fills every static element marked data-i18n / data-i18n-placeholder / data-i18n-title. */
  function applyStaticText() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    for (const node of document.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
    for (const node of document.querySelectorAll('[data-i18n-title]')) node.title = t(node.dataset.i18nTitle);
    for (const node of document.querySelectorAll('.tag-stale')) node.title = t('staleTitle');
    $('lang-toggle').textContent = t('langButton');
  }

  // ---------------------------------------------------------------- small helpers

  function $(id) { return document.getElementById(id); }

  /** createElement with an optional class and text; the text always goes in as textContent. */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function setText(id, text) {
    const node = $(id);
    if (node) node.textContent = text === undefined || text === null || text === '' ? '—' : String(text);
  }

  function isNum(v) { return typeof v === 'number' && isFinite(v); }
  function obj(v) { return v && typeof v === 'object' && !Array.isArray(v) ? v : null; }
  function arr(v) { return Array.isArray(v) ? v : []; }
  function str(v) { return typeof v === 'string' ? v : (v === undefined || v === null ? '' : String(v)); }
  function clampPct(v) { return isNum(v) ? Math.max(0, Math.min(100, v)) : 0; }

  function fmtPct(v, digits) {
    if (!isNum(v)) return '—';
    const d = digits === undefined ? 1 : digits;
    return (Math.round(v * 10 ** d) / 10 ** d) + '%';
  }

  function fmtGiB(mib) { return isNum(mib) ? (mib / 1024).toFixed(1) : '—'; }

  /** Seconds as 5.8s, 12m 03s, 3h 05m or 2d 04h: runs last from seconds to days. */
  function fmtDuration(sec) {
    if (!isNum(sec)) return '—';
    if (sec < 0) sec = 0;
    if (sec < 60) return (sec < 10 ? sec.toFixed(1) : Math.round(sec)) + 's';
    const pad = (n) => String(n).padStart(2, '0');
    const s = Math.floor(sec);
    if (s < 3600) return Math.floor(s / 60) + 'm ' + pad(s % 60) + 's';
    if (s < 86400) return Math.floor(s / 3600) + 'h ' + pad(Math.floor((s % 3600) / 60)) + 'm';
    return Math.floor(s / 86400) + 'd ' + pad(Math.floor((s % 86400) / 3600)) + 'h';
  }

  function fmtBytes(n) {
    if (!isNum(n)) return '';
    if (n < 1024) return n + ' B';
    if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KiB';
    return (n / 1024 / 1024).toFixed(1) + ' MiB';
  }

  /** Local wall-clock time; with the date when it is not today (the page stays open for days). */
  function fmtClock(ms, forceDate) {
    if (!isNum(ms)) return '—';
    const d = new Date(ms);
    const pad = (n) => String(n).padStart(2, '0');
    const time = pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
    const today = new Date();
    const sameDay = d.toDateString() === today.toDateString();
    if (sameDay && !forceDate) return time;
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + time;
  }

  function fmtAgo(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 2) return t('agoNow');
    if (s < 120) return t('agoSec', { n: s });
    if (s < 7200) return t('agoMin', { n: Math.round(s / 60) });
    return t('agoHour', { n: Math.round(s / 3600) });
  }

  function fmtValue(v) {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return v === '' ? '""' : v;
    try { return JSON.stringify(v); } catch (_) { return String(v); }
  }

  function setBar(fillEl, percent) { fillEl.style.width = clampPct(percent) + '%'; }

  /**
   * Shows a card's notice, or hides it when text is empty. kind 'error' (amber edge) is for
   * something that went wrong reading; 'empty' (grey) is for nothing there yet, a normal state.
   */
  function setCardNotice(card, text, kind) {
    const notice = card.querySelector('.card-notice');
    if (!notice) return;
    notice.textContent = text || '';
    notice.hidden = !text;
    notice.classList.toggle('notice-muted', kind === 'empty');
  }

  /** Hides a card's data area when there is nothing to show but "—". */
  function setCardBody(card, visible) {
    const body = card.querySelector('.card-body');
    if (body) body.hidden = !visible;
  }

  function setCardStale(card, stale) {
    for (const tag of card.querySelectorAll('.tag-stale')) tag.hidden = stale !== true;
  }

  // ---------------------------------------------------------------- domain words

  function stageName(stage) {
    const key = { probe: 'stageProbe', long: 'stageLong', test: 'stageTest', viz: 'stageViz' }[stage];
    return key ? t(key) : stage;
  }

  function stateText(state) {
    const key = { not_run: 'stNotRun', running: 'stRunning', ok: 'stOk', failed: 'stFailed', timeout: 'stTimeout' }[state];
    return key ? t(key) : str(state);
  }

  function levelText(level) {
    const key = { good: 'levelGood', warning: 'levelWarning', critical: 'levelCritical' }[level];
    return key ? t(key) : str(level);
  }

  function statusText(status) {
    const key = {
      starting: 'statusStarting', running_case: 'statusRunning',
      reused_case: 'statusReused', completed_case: 'statusCompleted',
    }[status];
    return key ? t(key) : str(status);
  }

  function rootSourceText(source) {
    const key = { auto: 'rootSourceAuto', query: 'rootSourceQuery', option: 'rootSourceOption', cli: 'rootSourceOption', 'root-out': 'rootSourceOption' }[source];
    return key ? t(key) : str(source);
  }

  /**
   * Colour class of an attempt note (see .note[data-kind] in app.css). Order matters:
   * nccl/oom beat timeout, both beat the generic failure colour.
   */
  function noteKind(note) {
    const n = str(note).toLowerCase();
    if (!n) return 'none';
    if (n.startsWith('in_progress_')) return 'running';
    if (n === 'ok') return 'ok';
    if (n === 'reused' || n === 'unrun') return 'muted';
    if (n.includes('nccl') || n.includes('oom')) return 'critical';
    if (n.includes('timeout')) return 'timeout';
    return 'failed';
  }

  /** A plain-words reading of the runner's note; null when the note is not one we know. */
  function describeNote(note) {
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
      const key = { nccl: 'noteNccl', oom: 'noteOom', timeout: 'noteTimeout', negative_shape: 'noteNegShape', failed: 'noteFailed' }[m[2]];
      return t(key, { stage: stageName(m[1]) });
    }
    return null;
  }

  function attemptLabel(a) {
    if (!a) return '';
    if (a.label) return str(a.label);
    return str(a.variant || '?') + ' e' + (isNum(a.numEnvs) ? a.numEnvs : '?');
  }

  function isSameAttempt(a, b) {
    if (!a || !b) return false;
    if (isNum(a.index) && isNum(b.index)) return a.index === b.index;
    return attemptLabel(a) === attemptLabel(b);
  }

  /** Total seconds of an attempt: the runner's stage_elapsed_sec, else the sum of its stages. */
  function attemptElapsed(a) {
    const fields = obj(a.fields);
    if (fields && isNum(fields.stage_elapsed_sec)) return fields.stage_elapsed_sec;
    let sum = null;
    for (const s of arr(a.stages)) if (s && isNum(s.elapsedSec)) sum = (sum || 0) + s.elapsedSec;
    return sum;
  }

  // ---------------------------------------------------------------- connection state

  const POLL_MS = 5000;             // the contract's fallback cadence while the stream is down
  // The server pushes only on change (plus keep-alive comments JS never sees), so a quiet stream
  // is normal. After this long without a snapshot, one GET checks the stream is not silently dead
  // (a hung SSH tunnel can keep a socket open without delivering anything).
  const QUIET_CHECK_MS = 60000;
  const PAUSE_HIDDEN_MS = 120000;   // a background tab stops streaming so the server can idle
  const FETCH_TIMEOUT_MS = 10000;

  const state = {
    root: '',               // what this viewer asked for; '' = let the server pick
    generation: 0,          // bumped on root switch so late answers for the old root are dropped
    snapshot: null,         // the last snapshot rendered
    receivedAt: 0,          // browser clock when it arrived (server and browser clocks may differ)
    conn: 'connecting',     // connecting | live | polling | stale | paused
    connError: '',
    es: null,
    pollTimer: 0,
    pollInFlight: false,
    lastCheck: 0,           // when the quiet-stream check last ran
    reconnectTimer: 0,
    hiddenTimer: 0,
    chart: null,
    chartKey: '',
    chartZoomed: false,
  };

  /** path + ?root=<current root>, relative so tunnels and path prefixes keep working. */
  function apiUrl(path) {
    return state.root ? path + '?root=' + encodeURIComponent(state.root) : path;
  }

  function setConn(conn, error) {
    state.conn = conn;
    state.connError = error || '';
    renderFreshness();
    const banner = $('connection-error');
    banner.textContent = state.connError
      ? t('fetchFailed', { msg: state.connError }) + (state.pollTimer ? ' ' + t('retrying') : '')
      : '';
    banner.hidden = !state.connError;
  }

  /** Takes a snapshot for the current root; drops answers for an older root or older data. */
  function accept(snapshot, generation) {
    if (generation !== state.generation) return;
    if (!obj(snapshot)) return;
    const prev = state.snapshot;
    if (prev && isNum(prev.generatedMs) && isNum(snapshot.generatedMs) && snapshot.generatedMs < prev.generatedMs) return;
    state.snapshot = snapshot;
    state.receivedAt = Date.now();
    render(snapshot);
  }

  function connect() {
    disconnect();
    const generation = state.generation;
    if (typeof window.EventSource !== 'function') {
      startPolling();
      return;
    }
    const es = new EventSource(apiUrl('api/events'));
    state.es = es;
    es.addEventListener('open', () => {
      if (state.es !== es) return;
      stopPolling();
      setConn('live');
    });
    const onData = (event) => {
      if (state.es !== es) return;
      let snapshot;
      try { snapshot = JSON.parse(event.data); } catch (_) { return; } // e.g. a keep-alive that is not JSON
      if (state.conn !== 'live') { stopPolling(); setConn('live'); }
      accept(snapshot, generation);
    };
    es.addEventListener('snapshot', onData);
    es.addEventListener('message', onData); // tolerate a server that sends unnamed events
    es.addEventListener('error', () => {
      if (state.es !== es) return;
      // The browser retries by itself while CONNECTING; after CLOSED it has given up, so we retry.
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        state.es = null;
        clearTimeout(state.reconnectTimer);
        state.reconnectTimer = setTimeout(() => { if (state.conn !== 'paused') connect(); }, POLL_MS * 2);
      }
      startPolling();
    });
  }

  function disconnect() {
    clearTimeout(state.reconnectTimer);
    if (state.es) { state.es.close(); state.es = null; }
    stopPolling();
  }

  function startPolling() {
    if (state.pollTimer) return;
    if (state.conn !== 'stale') setConn('polling', state.connError);
    state.pollTimer = setInterval(poll, POLL_MS);
    poll();
  }

  function stopPolling() {
    clearInterval(state.pollTimer);
    state.pollTimer = 0;
  }

  function poll() {
    if (state.pollInFlight) return; // a slow tunnel must not pile requests up
    state.pollInFlight = true;
    fetchStatus()
      .then(() => { if (state.pollTimer) setConn('polling'); })
      .catch((err) => { if (state.pollTimer) setConn('stale', err.message); })
      .finally(() => { state.pollInFlight = false; });
  }

  /** GET api/status once and render it. Rejects with a readable message. */
  function fetchStatus() {
    const generation = state.generation;
    const ctrl = typeof AbortController === 'function' ? new AbortController() : null;
    const timer = ctrl ? setTimeout(() => ctrl.abort(), FETCH_TIMEOUT_MS) : 0;
    return fetch(apiUrl('api/status'), { cache: 'no-store', headers: { Accept: 'application/json' }, signal: ctrl ? ctrl.signal : undefined })
      .then((res) => res.text().then((body) => {
        let data = null;
        try { data = JSON.parse(body); } catch (_) { /* not JSON */ }
        // A snapshot is rendered even on a non-2xx answer: it carries its own error texts.
        if (obj(data) && ('root' in data || 'generatedMs' in data)) {
          accept(data, generation);
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

  // ---------------------------------------------------------------- render

  /** Renders the whole page from one snapshot; each section survives the others failing. */
  function render(snapshot) {
    const s = obj(snapshot) || {};
    guard(null, () => renderRoot(s));
    guard('card-progress', () => renderProgress(s));
    guard('card-case', () => renderCase(s));
    guard('card-health', () => renderHealth(s));
    guard('card-processes', () => renderProcesses(s));
    guard('card-gpus', () => renderGpus(s));
    guard('card-chart', () => renderChart(s));
    guard('card-attempts', () => renderAttempts(s));
    guard('card-runner-log', () => renderLog(s.runnerLog, 'runner-log', 'card-runner-log', 'runner-log-path'));
    guard('card-monitor-log', () => renderLog(s.monitorLog, 'monitor-log', 'card-monitor-log', 'monitor-log-path'));
    guard('card-stage-log', () => renderStageLog(obj(s.stageLog)));
    guard(null, () => renderTitleAndFooter(s));
    renderFreshness();
  }

  function guard(cardId, fn) {
    try {
      fn();
    } catch (err) {
      console.error(err); // eslint-disable-line no-console
      const card = cardId && $(cardId);
      if (card) setCardNotice(card, t('sectionFailed', { msg: err && err.message }));
    }
  }

  function renderRoot(s) {
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

  function renderProgress(s) {
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

  function renderCase(s) {
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

  function renderHealth(s) {
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
      const text = lang === 'en' ? (label.en || label.zh) : (label.zh || label.en);
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

  function renderProcesses(s) {
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

  function renderGpus(s) {
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

  function utilTarget(s) {
    const th = obj(s.health) && obj(s.health.thresholds);
    return th && isNum(th.utilTarget) ? th.utilTarget : null;
  }

  // ---- chart

  function cssVar(name, fallback) {
    const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return v || fallback;
  }

  /** History as uPlot columns: x in seconds (sorted), one column per GPU index, nulls where missing. */
  function historyColumns(history) {
    const samples = arr(history).filter((h) => obj(h) && isNum(h.timeMs)).slice().sort((a, b) => a.timeMs - b.timeMs);
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

  function renderChart(s) {
    const card = $('card-chart');
    const box = $('gpu-chart');
    const { xs, ys, indices, count } = historyColumns(s.history);
    const target = utilTarget(s);

    let notice = '';
    if (typeof window.uPlot !== 'function') notice = t('chartNoLib');
    else if (!xs.length || !indices.length) notice = t('noHistory');
    setCardNotice(card, notice, 'empty');
    $('chart-caption').textContent = notice ? '' : t('chartCaption', { n: count });
    if (notice) {
      destroyChart();
      box.hidden = true;
      return;
    }
    box.hidden = false;

    const data = [xs].concat(ys);
    if (target !== null) data.push(xs.map(() => target));

    // Options depend on the GPU set, the target, the language and the theme; data does not.
    const key = [lang, indices.join(','), target, darkMode.matches].join('|');
    if (state.chart && state.chartKey === key) {
      state.chart.setData(data, !state.chartZoomed);
      return;
    }
    destroyChart();
    state.chartKey = key;
    state.chartZoomed = false;
    state.chart = new window.uPlot(chartOptions(indices, target, chartSize(box)), data, box);
  }

  function chartSize(box) {
    const width = Math.max(240, box.clientWidth || box.parentElement.clientWidth || 600);
    return { width, height: window.innerWidth < 760 ? 200 : 260 };
  }

  function destroyChart() {
    if (state.chart) { state.chart.destroy(); state.chart = null; }
    state.chartKey = '';
  }

  function chartOptions(indices, target, size) {
    const axis = cssVar('--chart-axis', '#888');
    const grid = cssVar('--chart-grid', 'rgba(128,128,128,0.2)');
    // With the cursor off the plot the legend shows the newest sample instead of dashes.
    const series = [{ label: t('time'), value: (u, v, si, idx) => legendValue(u, v, si, idx, (x) => fmtClock(x * 1000, true)) }];
    indices.forEach((index) => {
      series.push({
        label: 'GPU' + index,
        stroke: cssVar('--gpu-' + (index % 8), '#3b6fe0'),
        width: 1.6,
        points: { show: false },
        value: (u, v, si, idx) => legendValue(u, v, si, idx, (x) => Math.round(x) + '%'),
      });
    });
    if (target !== null) {
      series.push({
        label: t('target') + ' ' + target + '%',
        stroke: cssVar('--chart-target', '#c98a06'),
        width: 1.2,
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
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, values: timeTicks, space: 70 },
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, values: (u, splits) => splits.map((v) => v + '%'), size: 48, splits: () => [0, 20, 40, 60, 80, 100] },
      ],
      cursor: { drag: { x: true, y: false } },
      legend: { live: true },
      hooks: {
        // Remember whether the viewer zoomed, so pushed data does not throw the zoom away.
        setScale: [(u, scaleKey) => {
          if (scaleKey !== 'x') return;
          const x = u.data[0];
          if (!x || !x.length) { state.chartZoomed = false; return; }
          const eps = 1e-6;
          state.chartZoomed = u.scales.x.min > x[0] + eps || u.scales.x.max < x[x.length - 1] - eps;
        }],
      },
    };
  }

  function legendValue(u, v, seriesIdx, idx, format) {
    let value = v;
    if (idx === null || idx === undefined) {
      const col = u.data[seriesIdx] || [];
      value = null;
      for (let i = col.length - 1; i >= 0; i--) if (col[i] !== null && col[i] !== undefined) { value = col[i]; break; }
    }
    return value === null || value === undefined ? '—' : format(value);
  }

  /** 24-hour local tick labels; the date appears once the visible span nears a day. */
  function timeTicks(u, splits) {
    const span = (u.scales.x.max || 0) - (u.scales.x.min || 0);
    const pad = (n) => String(n).padStart(2, '0');
    return splits.map((sec) => {
      const d = new Date(sec * 1000);
      const hm = pad(d.getHours()) + ':' + pad(d.getMinutes());
      if (span > 20 * 3600) return pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + hm;
      if (span < 15 * 60) return hm + ':' + pad(d.getSeconds());
      return hm;
    });
  }

  function resizeChart() {
    if (!state.chart) return;
    const box = $('gpu-chart');
    const size = chartSize(box);
    if (size.width !== state.chart.width || size.height !== state.chart.height) state.chart.setSize(size);
  }

  // ---- attempts table

  const STAGES = ['probe', 'long', 'test', 'viz'];

  function renderAttempts(s) {
    const card = $('card-attempts');
    const kase = obj(s.case);
    const wrap = kase ? obj(kase.attempts) || {} : {};
    const list = obj(wrap.value);
    const attempts = list ? arr(list.attempts).filter(obj) : [];
    const current = list ? obj(list.current) : null;
    if (!kase) setCardNotice(card, t('noCase'), 'empty');
    else if (wrap.error) setCardNotice(card, str(wrap.error), 'error');
    else setCardNotice(card, attempts.length ? '' : t('noAttempts'), 'empty');
    setCardStale(card, wrap.stale);
    setCardBody(card, attempts.length > 0);

    const tbody = $('attempts-table').tBodies[0];
    tbody.replaceChildren();
    // Newest first: the runner appends, and the newest attempt is the one people look for.
    for (let i = attempts.length - 1; i >= 0; i--) {
      tbody.append(attemptRow(attempts[i], i, isSameAttempt(attempts[i], current)));
    }
  }

  function attemptRow(a, pos, isCurrent) {
    const tr = el('tr', isCurrent ? 'current' : '');
    const index = isNum(a.index) ? a.index : pos;
    tr.dataset.index = String(index);

    const idx = el('td', 'idx', String(index + 1));
    tr.append(idx);
    const label = el('td', 'mono', attemptLabel(a));
    if (isCurrent) label.append(el('span', 'current-mark', t('currentMark')));
    tr.append(label);

    const byStage = {};
    for (const st of arr(a.stages)) if (obj(st)) byStage[st.stage] = st;
    for (const name of STAGES) {
      const td = el('td');
      td.append(stageBadge(byStage[name]));
      tr.append(td);
    }

    const noteTd = el('td');
    const note = el('span', 'note', a.note || '—');
    note.dataset.kind = noteKind(a.note);
    const desc = describeNote(a.note);
    if (desc) note.title = desc;
    noteTd.append(note);
    tr.append(noteTd);

    const finalTd = el('td');
    const final = el('span', 'final');
    if (a.inProgress === true) {
      final.dataset.ok = '';
      final.textContent = '…';
      final.title = t('finalPending');
    } else if (a.finalOk === 1 || a.finalOk === 0) {
      final.dataset.ok = String(a.finalOk);
      final.textContent = a.finalOk === 1 ? '✓ ' + t('finalOk') : '✗ ' + t('finalFail');
    } else {
      final.dataset.ok = '';
      final.textContent = '—';
    }
    finalTd.append(final);
    tr.append(finalTd);

    tr.append(el('td', 'num mono', fmtDuration(attemptElapsed(a))));
    return tr;
  }

  function stageBadge(stage) {
    const badge = el('span', 'badge');
    const st = stage ? str(stage.state) : 'not_run';
    badge.dataset.state = st;
    badge.textContent = st === 'not_run' ? '—' : stateText(st);
    const tip = [stateText(st)];
    if (stage && isNum(stage.rc)) tip.push('rc=' + stage.rc);
    if (stage && isNum(stage.elapsedSec) && stage.elapsedSec > 0) tip.push(fmtDuration(stage.elapsedSec));
    if (stage && stage.log) tip.push(str(stage.log));
    badge.title = tip.join(' · ');
    return badge;
  }

  // ---- logs

  /** Class for a log line, so [CASE], [DONE], block headers and failures stand out. */
  function lineClass(line) {
    if (/^\[CASE\b/.test(line)) return 'l-case';
    if (/^\[DONE\]/.test(line)) return 'l-done';
    if (/^=== .* ===\s*$/.test(line)) return 'l-head';
    // Tab-separated rows are TSV dumps (column names like long_timeout), not failures.
    if (line.includes('\t')) return '';
    if (/nccl|traceback|error|exception|\boom\b|out of memory|timed out|_timeout\b|_failed\b|watchdog/i.test(line)) return 'l-bad';
    if (/^\[INFO\]/.test(line)) return 'l-info';
    return '';
  }

  function renderLog(log, preId, cardId, pathId) {
    const view = obj(log) || {};
    const pre = $(preId);
    const card = $(cardId);
    const lines = arr(view.lines).map(str);
    const pathEl = $(pathId);
    pathEl.textContent = view.path ? t('logMeta', { path: view.path, size: fmtBytes(view.length) }).replace(/ · $/, '') : '';
    pathEl.title = str(view.path);

    if (view.error) setCardNotice(card, str(view.error), 'error');
    else setCardNotice(card, lines.length ? '' : t('noLog'), 'empty');
    pre.hidden = !lines.length;

    // Skip identical updates: keeps the reader's selection and scroll position.
    const sig = lines.length + '\u0000' + lines.join('\n');
    if (pre.dataset.sig === sig) return;
    const firstFill = !pre.dataset.sig;
    pre.dataset.sig = sig;
    // Follow the tail only if the reader is already at the bottom (or on first fill).
    const atBottom = firstFill || pre.scrollHeight - pre.scrollTop - pre.clientHeight < 40;

    const frag = document.createDocumentFragment();
    lines.forEach((line, i) => {
      if (i) frag.append(document.createTextNode('\n'));
      const cls = lineClass(line);
      frag.append(cls ? el('span', cls, line) : document.createTextNode(line));
    });
    pre.replaceChildren(frag);
    if (atBottom) pre.scrollTop = pre.scrollHeight;
  }

  // The current attempt's running (or last) stage: its stdout, where crashes explain themselves.
  function renderStageLog(stageLog) {
    $('stage-log-stage').textContent = stageLog ? '· ' + str(stageLog.stage) + ' · ' + str(stageLog.attempt) : '';
    renderLog(stageLog ? stageLog.log : { lines: [] }, 'stage-log', 'card-stage-log', 'stage-log-path');
  }

  // ---- page chrome

  function renderTitleAndFooter(s) {
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

  /** The header pill: live / reconnecting / stale, and how long ago data arrived. */
  function renderFreshness() {
    const box = $('freshness');
    const text = box.querySelector('.freshness-text');
    const age = state.receivedAt ? Date.now() - state.receivedAt : null;
    const shown = state.conn;
    box.dataset.state = shown;
    const word = {
      connecting: t('connecting'), live: t('live'), polling: t('reconnecting'),
      stale: t('staleConn'), paused: t('paused'),
    }[shown];
    const when = age === null ? t('noData') : t('updatedAgo', { ago: fmtAgo(age) });
    text.textContent = word + ' · ' + when;
    box.title = state.snapshot && isNum(state.snapshot.generatedMs) ? fmtClock(state.snapshot.generatedMs, true) : '';
  }

  // ---------------------------------------------------------------- controls

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
    state.root = value.trim();
    $('root-input').value = state.root;
    writeRootToUrl(state.root);
    state.generation += 1;      // late answers for the previous root are ignored from now on
    state.snapshot = null;
    state.receivedAt = 0;
    for (const pre of document.querySelectorAll('.log')) delete pre.dataset.sig; // re-follow the tail
    setConn('connecting');
    connect();
    refreshOnce();
  }

  function refreshOnce() {
    const button = $('refresh');
    button.classList.add('busy');
    button.disabled = true;
    fetchStatus()
      .then(() => setConn(state.conn === 'stale' ? 'polling' : state.conn))
      .catch((err) => setConn(state.conn === 'live' ? 'live' : 'stale', err.message))
      .finally(() => { button.classList.remove('busy'); button.disabled = false; });
    // A stream the browser gave up on is worth another try when the viewer asks.
    if (!state.es && state.conn !== 'paused') connect();
  }

  function setLang(value) {
    lang = value === 'en' ? 'en' : 'zh';
    saveLang(lang);
    applyStaticText();
    render(state.snapshot);
  }

  /** A background tab stops streaming after a while so the server's sampler can go idle. */
  function onVisibility() {
    clearTimeout(state.hiddenTimer);
    if (document.hidden) {
      state.hiddenTimer = setTimeout(() => { disconnect(); setConn('paused'); }, PAUSE_HIDDEN_MS);
    } else if (state.conn === 'paused') {
      setConn('connecting');
      connect();
      refreshOnce();
    }
  }

  /** Once a second: the "Ns ago" text, and now and then a check that a quiet stream is alive. */
  function tick() {
    renderFreshness();
    const now = Date.now();
    const quietSince = Math.max(state.receivedAt, state.lastCheck);
    if (state.conn !== 'live' || state.pollInFlight || now - quietSince < QUIET_CHECK_MS) return;
    state.lastCheck = now;
    state.pollInFlight = true;
    fetchStatus()
      .catch((err) => {
        // The stream looked open but the server cannot be reached: start over.
        setConn('stale', err.message);
        connect();
      })
      .finally(() => { state.pollInFlight = false; });
  }

  const darkMode = window.matchMedia('(prefers-color-scheme: dark)');

  function init() {
    applyStaticText();
    state.root = readRootFromUrl();
    $('root-input').value = state.root;

    $('root-form').addEventListener('submit', (e) => { e.preventDefault(); switchRoot($('root-input').value); });
    $('refresh').addEventListener('click', refreshOnce);
    $('lang-toggle').addEventListener('click', () => setLang(lang === 'zh' ? 'en' : 'zh'));
    document.addEventListener('visibilitychange', onVisibility);
    // Canvas colours come from CSS variables; rebuild the chart when the theme flips.
    const onTheme = () => { destroyChart(); render(state.snapshot); };
    if (darkMode.addEventListener) darkMode.addEventListener('change', onTheme);

    let resizeQueued = false;
    const queueResize = () => {
      if (resizeQueued) return;
      resizeQueued = true;
      requestAnimationFrame(() => { resizeQueued = false; resizeChart(); });
    };
    if (typeof ResizeObserver === 'function') new ResizeObserver(queueResize).observe($('card-chart'));
    else window.addEventListener('resize', queueResize);

    setInterval(tick, 1000);
    setConn('connecting');
    connect();
    // Paint at once instead of waiting for the stream's first event.
    fetchStatus().catch(() => { /* the stream or the poller reports connection trouble */ });
  }

  // For browser tests and for poking at the page from the console.
  window.mkdash = { render, t, setLang, switchRoot, noteKind, state };
  window.render = render;

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
