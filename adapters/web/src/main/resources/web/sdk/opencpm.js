/*
 * OpenCPM consent collection SDK (issue 14, ADR 0023). No build step, no dependencies, ES2017.
 *
 *   <script src="https://cpm.example.com/sdk/opencpm.js"></script>
 *   <script src="/your-page.js"></script>   // OpenCPM.init({...}) there: no inline script needed
 *
 * OpenCPM.init({ endpoint, key, notice: {code, version}, purposes: [...], subject: {identifiers: [...]},
 *                lang, channel, force }) shows the consent dialog for that notice version on the page
 * (in a shadow root: the page's styles do not reach it, its styles do not leak; constructed style
 * sheets, so it runs under a strict CSP), then one dialog for each purpose that needs separate
 * consent (PIPL Art. 23, 25, 26, 29, 39), records each choice with a collector key (a browser key
 * bound to this page's origin: never an admin or integrator key) and remembers, in this browser
 * only, what it recorded: OpenCPM.choices() and the 'opencpm:change' event read that, never the
 * server (a collector key reads nobody's state).
 */
(function (global) {
  'use strict';
  if (global.OpenCPM && global.OpenCPM.init) return;

  var SCRIPT = document.currentScript && document.currentScript.src;
  var STORE_PREFIX = 'opencpm:';

  var TEXT = {
    'zh-CN': {
      choose: '请选择您同意的用途',
      necessary: '必要，无需您的同意',
      acceptSelected: '同意所选',
      acceptAll: '全部同意',
      rejectAll: '全部拒绝',
      separateTitle: '单独同意',
      separateIntro: '以下处理需要您单独同意。您可以拒绝，拒绝不影响您使用其他服务。',
      agree: '同意',
      disagree: '不同意',
      grounds: { sensitive_information: '涉及敏感个人信息（《个人信息保护法》第二十九条）', provision_to_others: '向其他个人信息处理者提供（第二十三条）', public_disclosure: '公开个人信息（第二十五条）', cross_border: '向境外提供（第三十九条）', declared: '需要您的单独同意' },
      recipients: '接收方',
      dataElements: '涉及的个人信息',
      version: '版本',
      readFull: '阅读全文',
      saving: '正在保存…',
      saved: '已保存您的选择。',
      failed: '保存失败，请重试。',
      retry: '重试',
      close: '稍后决定',
      loadFailed: '无法加载隐私告知，请稍后再试。'
    },
    en: {
      choose: 'Choose what you agree to',
      necessary: 'Necessary; no consent needed',
      acceptSelected: 'Accept selected',
      acceptAll: 'Accept all',
      rejectAll: 'Reject all',
      separateTitle: 'Separate consent',
      separateIntro: 'This processing needs your separate consent. You may refuse; refusing does not affect your use of other services.',
      agree: 'Agree',
      disagree: 'Disagree',
      grounds: { sensitive_information: 'Sensitive personal information (PIPL Art. 29)', provision_to_others: 'Provided to another handler (PIPL Art. 23)', public_disclosure: 'Made public (PIPL Art. 25)', cross_border: 'Provided outside China (PIPL Art. 39)', declared: 'Needs your separate consent' },
      recipients: 'Recipients',
      dataElements: 'Personal information involved',
      version: 'Version',
      readFull: 'Read the full text',
      saving: 'Saving…',
      saved: 'Your choices are saved.',
      failed: 'Could not save. Please try again.',
      retry: 'Try again',
      close: 'Decide later',
      loadFailed: 'The privacy notice could not be loaded. Please try again later.'
    }
  };

  var CSS = [
    ':host{all:initial}',
    '.backdrop{position:fixed;inset:0;background:rgba(15,23,42,.55);display:flex;align-items:flex-end;justify-content:center;z-index:2147483647;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif;color:#0f172a}',
    '@media (min-width:640px){.backdrop{align-items:center}}',
    '.dialog{background:#fff;width:100%;max-width:36rem;max-height:92vh;overflow:auto;border-radius:12px 12px 0 0;padding:1.25rem 1.25rem 1rem;box-sizing:border-box;box-shadow:0 10px 30px rgba(0,0,0,.3)}',
    '@media (min-width:640px){.dialog{border-radius:12px}}',
    'h2{font-size:1.25rem;margin:0 0 .5rem}',
    '.notice{max-height:30vh;overflow:auto;border:1px solid #cbd5e1;border-radius:8px;padding:.5rem .75rem;margin:0 0 .5rem;background:#f8fafc}',
    '.notice p{margin:.25rem 0}',
    '.meta{font-size:.8rem;color:#475569;margin:0 0 .75rem;word-break:break-all}',
    'fieldset{border:0;padding:0;margin:0 0 .75rem}',
    'legend{font-weight:600;margin-bottom:.25rem;padding:0}',
    '.purpose{display:flex;gap:.5rem;align-items:flex-start;padding:.5rem 0;border-top:1px solid #e2e8f0}',
    '.purpose input{width:1.25rem;height:1.25rem;margin:.15rem 0 0;flex:none;accent-color:#1d4ed8}',
    '.purpose .name{font-weight:600}',
    '.desc,.muted{display:block;color:#475569;font-size:.875rem}',
    'ul{margin:.25rem 0 .5rem;padding-left:1.25rem}',
    '.actions{display:flex;flex-wrap:wrap;gap:.5rem;justify-content:flex-end}',
    'button{font:inherit;min-height:44px;padding:.5rem 1rem;border-radius:8px;border:2px solid #1d4ed8;background:#1d4ed8;color:#fff;cursor:pointer}',
    'button.secondary{background:#fff;color:#1d4ed8}',
    'button.link{border-color:transparent;background:transparent;color:#334155;text-decoration:underline}',
    'button:focus-visible,input:focus-visible,a:focus-visible,.notice:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}',
    'a{color:#1d4ed8}',
    '.status{min-height:1.5em;margin:.5rem 0 0;font-size:.9rem}',
    '.status.error{color:#b91c1c}'
  ].join('\n');

  var state = { choices: {}, listeners: [], options: null, notice: null, storeKey: null, host: null, opener: null };

  function lang(options) {
    var wanted = (options.lang || (navigator.languages && navigator.languages[0]) || navigator.language || 'zh-CN').toLowerCase();
    return wanted.indexOf('en') === 0 ? 'en' : 'zh-CN';
  }

  function t(key) {
    return TEXT[state.lang][key];
  }

  function purposeName(p) {
    var n = p.name || {};
    return state.lang === 'en' ? (n.en || n.zh || n['zh-CN'] || p.code) : (n.zh || n['zh-CN'] || n.en || p.code);
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function randomKey() {
    var bytes = new Uint8Array(16);
    (global.crypto || global.msCrypto).getRandomValues(bytes);
    return 'sdk-' + Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  /** A key for this browser's memory of one person and notice: a SHA-256, so no identifier is stored as such. */
  function storeKeyFor(options) {
    var ids = (options.subject.identifiers || []).map(function (i) { return i.type + ':' + (i.scope || '') + ':' + i.value; }).sort();
    var text = state.endpoint + '|' + options.notice.code + '|' + ids.join('|');
    if (global.crypto && global.crypto.subtle && global.TextEncoder) {
      return global.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)).then(function (buf) {
        return STORE_PREFIX + Array.prototype.map.call(new Uint8Array(buf), function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
      });
    }
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return Promise.resolve(STORE_PREFIX + h.toString(16));
  }

  var memory = {};
  function load(key) {
    try { var v = global.localStorage.getItem(key); return v ? JSON.parse(v) : null; } catch (e) { return memory[key] || null; }
  }
  function save(key, value) {
    memory[key] = value;
    try { global.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode: this page's memory only */ }
  }

  function call(method, path, body) {
    return fetch(state.endpoint + path, {
      method: method,
      mode: 'cors',
      credentials: 'omit',
      cache: 'no-store',
      headers: body ? { 'Authorization': 'Bearer ' + state.options.key, 'Content-Type': 'application/json' }
        : { 'Authorization': 'Bearer ' + state.options.key },
      body: body ? JSON.stringify(body) : undefined
    }).then(function (r) {
      return r.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        if (!r.ok) {
          var err = new Error((json && (json.detail || json.title)) || ('HTTP ' + r.status));
          err.status = r.status; err.problem = json;
          throw err;
        }
        return json;
      });
    });
  }

  function emit() {
    var snapshot = OpenCPM.choices();
    state.listeners.slice().forEach(function (fn) { try { fn(snapshot); } catch (e) { /* a page's handler must not stop ours */ } });
    try { document.dispatchEvent(new CustomEvent('opencpm:change', { detail: { choices: snapshot } })); } catch (e) { /* very old browsers */ }
  }

  /**
   * Records one event. Its idempotency key is made once per choice (these purposes, this action) and
   * kept until an answer comes, so a retry after a lost answer or a second press is not a second event;
   * once recorded, the next choice gets a key of its own.
   */
  function record(purposes, action, method, text) {
    var notice = state.notice;
    state.pending = state.pending || {};
    var choice = notice.version + '|' + action + '|' + purposes.join(',');
    var idempotencyKey = state.pending[choice] || (state.pending[choice] = randomKey());
    var body = {
      subject: { identifiers: state.options.subject.identifiers },
      action: action,
      notice: { code: notice.code, version: notice.version, contentHash: notice.contentHash },
      channel: state.options.channel || 'web',
      method: method,
      evidence: { userAgent: navigator.userAgent.slice(0, 1000), text: text.slice(0, 2000) },
      idempotencyKey: idempotencyKey
    };
    if (purposes.length === 1) body.purpose = purposes[0]; else body.purposes = purposes;
    return call('POST', '/api/v1/sdk/consents', body).then(function (answer) {
      delete state.pending[choice];
      var now = new Date().toISOString();
      (answer.receipts || []).forEach(function (r) {
        state.choices[r.purpose] = { state: r.state, noticeVersion: notice.version, at: r.recordedAt || now, receiptId: r.receiptId };
      });
      save(state.storeKey, { noticeVersion: notice.version, contentHash: notice.contentHash, choices: state.choices });
      emit();
      return answer;
    });
  }

  function groundsOf(p) {
    return (p.separateConsentGrounds || []).map(function (g) { return t('grounds')[g] || g; });
  }

  function noticeBody(notice) {
    var box = el('div', { 'class': 'notice', tabindex: '0', role: 'region', 'aria-label': notice.title, lang: notice.language || state.lang });
    if (notice.content) {
      notice.content.split(/\n\s*\n|\r?\n/).forEach(function (para) { if (para.trim()) box.appendChild(el('p', { text: para })); });
    }
    if (notice.url && /^https?:\/\//i.test(notice.url)) {
      box.appendChild(el('p', {}, [el('a', { href: notice.url, target: '_blank', rel: 'noopener noreferrer', text: t('readFull') })]));
    }
    return box;
  }

  function mount() {
    if (state.host) state.host.remove();
    var host = el('div', { 'data-opencpm': 'consent' });
    document.body.appendChild(host);
    var root = host.attachShadow({ mode: 'open' });
    if ('adoptedStyleSheets' in root && global.CSSStyleSheet) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      // older browsers: a style element (works where the page's CSP allows inline styles; unstyled but usable otherwise)
      root.appendChild(el('style', { text: CSS }));
    }
    state.host = host;
    return root;
  }

  /** One dialog: a modal with a focus trap; resolves with the button's value. Escape closes it without recording. */
  function dialog(root, id, build) {
    return new Promise(function (resolve) {
      var box = el('div', { 'class': 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': id + '-title', lang: state.lang });
      var backdrop = el('div', { 'class': 'backdrop' }, [box]);
      var status = el('p', { 'class': 'status', role: 'status', 'aria-live': 'polite' });
      build(box, status, function (value) { backdrop.remove(); resolve(value); });
      box.appendChild(status);
      while (root.lastChild && root.lastChild.nodeName !== 'STYLE') root.removeChild(root.lastChild);
      root.appendChild(backdrop);
      box.addEventListener('keydown', function (e) {
        if (e.key === 'Escape') { e.preventDefault(); backdrop.remove(); resolve(null); return; }
        if (e.key !== 'Tab') return;
        var focusable = box.querySelectorAll('button,input,a[href],[tabindex="0"]');
        var first = focusable[0], last = focusable[focusable.length - 1];
        var active = root.activeElement;
        if (e.shiftKey && active === first) { e.preventDefault(); last.focus(); } else if (!e.shiftKey && active === last) { e.preventDefault(); first.focus(); }
      });
      var title = box.querySelector('#' + id + '-title');
      title.setAttribute('tabindex', '-1');
      title.focus();
    });
  }

  /** Runs work with a status line, a retry button on failure; resolves once it succeeds. */
  function saving(status, buttons, work) {
    buttons.forEach(function (b) { b.disabled = true; });
    status.className = 'status';
    status.textContent = t('saving');
    return work().then(function (v) {
      status.textContent = t('saved');
      return v;
    }, function (err) {
      status.className = 'status error';
      status.textContent = t('failed') + (err && err.message ? ' (' + err.message + ')' : '');
      buttons.forEach(function (b) { b.disabled = false; });
      throw err;
    });
  }

  function mainDialog(root, bundled, necessary) {
    var notice = state.notice;
    return dialog(root, 'opencpm-main', function (box, status, done) {
      box.appendChild(el('h2', { id: 'opencpm-main-title', text: notice.title, lang: notice.language || state.lang }));
      box.appendChild(noticeBody(notice));
      box.appendChild(el('p', { 'class': 'meta', text: t('version') + ' ' + notice.version + ' · SHA-256 ' + notice.contentHash }));
      var fieldset = el('fieldset', {}, [el('legend', { text: t('choose') })]);
      necessary.forEach(function (p) {
        fieldset.appendChild(el('div', { 'class': 'purpose' }, [el('span', {}, [
          el('span', { 'class': 'name', text: purposeName(p) }), el('span', { 'class': 'desc', text: t('necessary') })])]));
      });
      var boxes = bundled.map(function (p) {
        var input = el('input', { type: 'checkbox', id: 'opencpm-p-' + p.code, value: p.code });
        var label = el('label', { 'for': 'opencpm-p-' + p.code }, [el('span', { 'class': 'name', text: purposeName(p) })]);
        if (p.description) label.appendChild(el('span', { 'class': 'desc', text: p.description }));
        fieldset.appendChild(el('div', { 'class': 'purpose' }, [input, label]));
        return input;
      });
      if (bundled.length || necessary.length) box.appendChild(fieldset);
      var reject = el('button', { type: 'button', 'class': 'secondary', 'data-opencpm-action': 'reject', text: t('rejectAll') });
      var selected = el('button', { type: 'button', 'class': 'secondary', 'data-opencpm-action': 'selected', text: t('acceptSelected') });
      var all = el('button', { type: 'button', 'data-opencpm-action': 'all', text: t('acceptAll') });
      var buttons = [reject, selected, all];
      box.appendChild(el('div', { 'class': 'actions' }, bundled.length ? buttons : [all]));
      function choose(mode) {
        var granted = bundled.filter(function (p, i) { return mode === 'all' || (mode === 'selected' && boxes[i].checked); });
        var denied = bundled.filter(function (p) { return granted.indexOf(p) < 0; });
        var method = mode === 'selected' ? 'checkbox' : 'button';
        var label = mode === 'all' ? t('acceptAll') : mode === 'reject' ? t('rejectAll') : t('acceptSelected');
        var codes = function (list) { return list.map(function (p) { return p.code; }); };
        saving(status, buttons, function () {
          var steps = Promise.resolve();
          if (granted.length) steps = steps.then(function () { return record(codes(granted), 'grant', method, notice.title + ': ' + label); });
          if (denied.length) steps = steps.then(function () { return record(codes(denied), 'deny', method, notice.title + ': ' + label); });
          return steps;
        }).then(function () { done(mode); }, function () { /* shown; the person may retry */ });
      }
      reject.addEventListener('click', function () { choose('reject'); });
      selected.addEventListener('click', function () { choose('selected'); });
      all.addEventListener('click', function () { choose(bundled.length ? 'all' : 'none'); });
    });
  }

  function separateDialog(root, p) {
    var notice = state.notice;
    var id = 'opencpm-sep-' + p.code.replace(/[^a-z0-9_-]/gi, '');
    return dialog(root, id, function (box, status, done) {
      box.appendChild(el('h2', { id: id + '-title', text: t('separateTitle') + ': ' + purposeName(p) }));
      box.appendChild(el('p', { text: t('separateIntro') }));
      if (p.description) box.appendChild(el('p', { text: p.description }));
      var grounds = groundsOf(p);
      if (grounds.length) box.appendChild(el('ul', {}, grounds.map(function (g) { return el('li', { text: g }); })));
      if (p.dataElements && p.dataElements.length) {
        box.appendChild(el('p', { 'class': 'muted', text: t('dataElements') + ': ' + p.dataElements.map(function (d) { return d.name; }).join(', ') }));
      }
      if (p.recipients && p.recipients.length) {
        box.appendChild(el('p', { 'class': 'muted', text: t('recipients') + ': ' + p.recipients.map(function (r) {
          return r.name + ' (' + r.country + (r.contact ? ', ' + r.contact : '') + ')';
        }).join('; ') }));
      }
      box.appendChild(el('p', { 'class': 'meta', text: notice.title + ' · ' + t('version') + ' ' + notice.version }));
      var no = el('button', { type: 'button', 'class': 'secondary', 'data-opencpm-action': 'deny', text: t('disagree') });
      var yes = el('button', { type: 'button', 'data-opencpm-action': 'grant', text: t('agree') });
      box.appendChild(el('div', { 'class': 'actions' }, [no, yes]));
      function choose(action, label) {
        saving(status, [no, yes], function () {
          return record([p.code], action, 'button', t('separateTitle') + ' ' + purposeName(p) + ': ' + label);
        }).then(function () { done(action); }, function () { /* shown; the person may retry */ });
      }
      no.addEventListener('click', function () { choose('deny', t('disagree')); });
      yes.addEventListener('click', function () { choose('grant', t('agree')); });
    });
  }

  function showDialogs() {
    var notice = state.notice;
    var wanted = state.options.purposes && state.options.purposes.length ? state.options.purposes : notice.purposes;
    var details = (notice.purposeDetails || []).filter(function (p) { return wanted.indexOf(p.code) >= 0; });
    var necessary = details.filter(function (p) { return p.necessary && p.legalBasis !== 'consent'; });
    var asked = details.filter(function (p) { return necessary.indexOf(p) < 0; });
    var separate = asked.filter(function (p) { return p.separateConsentRequired || p.separateConsent; });
    var bundled = asked.filter(function (p) { return separate.indexOf(p) < 0; });
    state.opener = document.activeElement;
    var root = mount();
    var chain = mainDialog(root, bundled, necessary);
    separate.forEach(function (p) {
      chain = chain.then(function (previous) { return previous === null ? null : separateDialog(root, p); });
    });
    return chain.then(function () {
      if (state.host) { state.host.remove(); state.host = null; }
      if (state.opener && state.opener.focus) state.opener.focus();
      return OpenCPM.choices();
    });
  }

  function check(options) {
    if (!options || !options.key || !options.notice || !options.notice.code || !options.notice.version) {
      throw new Error('OpenCPM.init needs key and notice {code, version}');
    }
    if (!options.subject || !options.subject.identifiers || options.subject.identifiers.length !== 1) {
      // the server records a collector key's events for exactly one identifier: two would link them to one person
      throw new Error('OpenCPM.init needs subject.identifiers with exactly one identifier: who is choosing');
    }
  }

  var OpenCPM = {
    version: '0.2.0',

    /** Loads the notice; shows the dialogs unless this browser recorded choices for this version already (or force). Resolves with choices(). */
    init: function (options) {
      check(options);
      state.options = options;
      state.lang = lang(options);
      state.endpoint = String(options.endpoint || (SCRIPT ? new URL(SCRIPT).origin : global.location.origin)).replace(/\/+$/, '');
      var path = '/api/v1/sdk/notices/' + encodeURIComponent(options.notice.code) + '/versions/' + encodeURIComponent(options.notice.version);
      return storeKeyFor(options).then(function (key) {
        state.storeKey = key;
        var kept = load(key);
        state.choices = kept && kept.choices ? kept.choices : {};
        return call('GET', path);
      }).then(function (notice) {
        state.notice = notice;
        var kept = load(state.storeKey);
        emit();
        if (!options.force && kept && kept.noticeVersion === notice.version && kept.contentHash === notice.contentHash) {
          return OpenCPM.choices();
        }
        return showDialogs();
      });
    },

    /** Shows the dialogs again (e.g. from a "privacy settings" link). */
    show: function () {
      if (!state.notice) return Promise.reject(new Error('call OpenCPM.init first'));
      return showDialogs();
    },

    /** What this browser recorded, per purpose: {state, noticeVersion, at, receiptId}. */
    choices: function () {
      return JSON.parse(JSON.stringify(state.choices));
    },

    /** Withdraws consent to one purpose (as easily as it was given: PIPL Art. 15). */
    withdraw: function (purpose) {
      if (!state.notice) return Promise.reject(new Error('call OpenCPM.init first'));
      return record([purpose], 'withdraw', 'button', 'withdraw ' + purpose).then(function () { return OpenCPM.choices(); });
    },

    /** Calls fn(choices) after every change; returns a function that stops it. */
    on: function (event, fn) {
      if (event !== 'change' || typeof fn !== 'function') throw new Error("OpenCPM.on('change', fn)");
      state.listeners.push(fn);
      return function () { state.listeners = state.listeners.filter(function (f) { return f !== fn; }); };
    }
  };

  global.OpenCPM = OpenCPM;
}(window));
