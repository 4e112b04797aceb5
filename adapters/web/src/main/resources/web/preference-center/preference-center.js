// The preference centre: a person's own page, opened by the signed link a brand sent
// (/preference-center/#t=<token>) or by a one-time SMS code. The token arrives in the URL's
// fragment, which browsers send to no server and put in no Referer; it is moved at once into this
// tab's sessionStorage and taken out of the address bar (so it is not in the history, a screenshot
// or a link someone copies). Every call sends it as 'Authorization: Bearer'. Nothing the server
// sends is put into the page as HTML: text only, so no notice or purpose name can run script.
import { addMessages, applyTranslations, formatDateTime, language, t } from '/assets/i18n.js';
import { ApiError, api } from '/assets/api.js';
import { messages } from '/preference-center/messages.js';

addMessages(messages);

const TOKEN_KEY = 'opencpm.self-token';
const CHANNELS = ['sms', 'email', 'phone', 'wechat', 'app_push'];
const $ = (id) => document.getElementById(id);

let token = null;
let overview = null;
let challenge = null;

function takeToken() {
  const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromLink = hash.get('t');
  if (fromLink) {
    sessionStorage.setItem(TOKEN_KEY, fromLink);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const call = (method, path, body) => api(method, path, { bearer: token, body });

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : value);
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

function localName(name) {
  if (!name) return '';
  return language() === 'en' ? (name.en || name.zh || name['zh-CN'] || Object.values(name)[0])
    : (name.zh || name['zh-CN'] || name.en || Object.values(name)[0]);
}

function say(key, failed = false, params = {}) {
  const status = $('status');
  status.textContent = t(key, params);
  status.classList.toggle('failed', failed);
}

function show(section) {
  $('loading').hidden = true;
  for (const id of ['problem', 'centre']) $(id).hidden = id !== section;
}

/** The page for a link that cannot be used: expired, tampered, gone, or none at all. */
function showProblem(code) {
  const kind = { 'link-expired': 'expired', 'link-gone': 'gone', 'link-invalid': 'invalid', 'self-token-required': 'invalid', none: 'none' }[code]
    || 'error';
  sessionStorage.removeItem(TOKEN_KEY);
  token = null;
  show('problem');
  $('problem').dataset.kind = kind;
  $('problem-title').textContent = t(`pc.problem.${kind}.title`);
  $('problem-text').textContent = t(`pc.problem.${kind}.text`);
  $('problem-title').focus({ preventScroll: true });
  offerSms();
}

async function offerSms() {
  try {
    const answer = await api('GET', '/api/v1/self/sms-codes');
    $('sms').hidden = !answer.available;
  } catch (e) {
    $('sms').hidden = true;
  }
}

function failed(e) {
  if (e instanceof ApiError && ['link-expired', 'link-gone', 'link-invalid', 'self-token-required'].includes(e.code)) {
    showProblem(e.code);
    return;
  }
  const key = `pc.error.${e instanceof ApiError ? e.code : 'network'}`;
  say(t(key) === key ? 'pc.error.generic' : key, true);
}

async function load() {
  overview = await call('GET', '/api/v1/self');
  render();
}

function render() {
  show('centre');
  $('expires').textContent = formatDateTime(overview.expiresAt);
  renderPurposes();
  renderPreferences();
  renderRequests();
  $('withdraw-optional').disabled = !overview.purposes.some((p) => p.withdrawable && !p.necessary);
}

function stateOf(p) {
  if (!p.consentBased) return 'necessary';
  return p.state || 'none';
}

function renderPurposes() {
  const list = $('purposes');
  list.replaceChildren();
  for (const p of overview.purposes) {
    const item = el('li', { class: 'purpose', 'data-purpose': p.code });
    const titleId = `purpose-${p.code}`;
    item.append(el('h3', { id: titleId }, localName(p.name) || p.code));
    const state = stateOf(p);
    item.append(el('span', { class: `state ${state}`, 'data-state': state }, t(`pc.state.${state}`)));
    if (p.description) item.append(el('p', {}, p.description));
    if (p.necessary && p.consentBased) item.append(el('p', { class: 'muted' }, t('pc.necessary.note')));
    if (!p.consentBased) item.append(el('p', { class: 'muted' }, t('pc.notConsent.note')));
    if (p.expiresAt && state === 'granted') item.append(el('p', { class: 'muted' }, t('pc.validUntil', { date: formatDateTime(p.expiresAt) })));
    if (p.notice) {
      const details = el('details');
      details.append(el('summary', {}, t('pc.notice', { title: p.notice.title, version: p.notice.version })));
      if (p.notice.content) details.append(el('div', { class: 'notice-text', lang: p.notice.language }, p.notice.content));
      if (p.notice.url) {
        const link = el('a', { href: safeUrl(p.notice.url), rel: 'noopener noreferrer', target: '_blank' }, t('pc.notice.open'));
        details.append(el('p').appendChild(link).parentNode);
      }
      item.append(details);
    }
    const actions = el('div', { class: 'actions' });
    if (p.withdrawable) {
      const b = el('button', { type: 'button', class: 'secondary', 'data-action': 'withdraw', 'aria-describedby': titleId }, t('pc.withdraw'));
      b.addEventListener('click', () => change(p, 'withdraw', b));
      actions.append(b);
    }
    if (p.grantable) {
      const b = el('button', { type: 'button', 'data-action': 'grant', 'aria-describedby': titleId }, t('pc.grant'));
      b.addEventListener('click', () => change(p, 'grant', b));
      actions.append(b);
    }
    if (actions.childElementCount) item.append(actions);
    list.append(item);
  }
}

function safeUrl(url) {
  return /^https?:\/\//i.test(url) ? url : '#';
}

async function change(purpose, action, button) {
  button.disabled = true;
  try {
    await call('POST', '/api/v1/self/consents', { purpose: purpose.code, action });
    await load();
    say(action === 'withdraw' ? 'pc.done.withdrawn' : 'pc.done.granted', false, { name: localName(purpose.name) || purpose.code });
    const again = document.querySelector(`[data-purpose="${CSS.escape(purpose.code)}"] h3`);
    if (again) again.setAttribute('tabindex', '-1');
    if (again) again.focus({ preventScroll: false });
  } catch (e) {
    button.disabled = false;
    failed(e);
  }
}

function renderPreferences() {
  const prefs = overview.preferences || { topics: {}, channels: {} };
  const topics = $('topics');
  topics.replaceChildren();
  const names = Object.keys(prefs.topics || {}).sort();
  $('no-topics').hidden = names.length > 0;
  for (const name of names) {
    const id = `topic-${name}`;
    const label = el('label', { class: 'check', for: id });
    const box = el('input', { type: 'checkbox', id, 'data-topic': name });
    box.checked = !!prefs.topics[name];
    const key = `pc.topic.${name}`;
    label.append(box, document.createTextNode(t(key) === key ? name : t(key)));
    topics.append(label);
  }
  const channels = $('channels');
  channels.replaceChildren();
  for (const channel of CHANNELS) {
    const current = (prefs.channels || {})[channel] || {};
    const box = el('input', { type: 'checkbox', id: `channel-${channel}`, 'data-channel': channel });
    box.checked = current.enabled !== false;
    const label = el('label', { class: 'check', for: box.id });
    label.append(box, document.createTextNode(t(`pc.channel.${channel}`)));
    const capId = `cap-${channel}`;
    const cap = el('input', { type: 'number', id: capId, min: '0', max: '1000', step: '1', inputmode: 'numeric', 'data-cap': channel });
    cap.value = current.maxPerMonth ?? '';
    const wrap = el('div', { class: 'channel' });
    wrap.append(label, el('label', { for: capId }, t('pc.cap', { channel: t(`pc.channel.${channel}`) })), cap);
    channels.append(wrap);
  }
  $('quiet-start').value = prefs.quietHours ? prefs.quietHours.start : '';
  $('quiet-end').value = prefs.quietHours ? prefs.quietHours.end : '';
}

async function savePreferences(event) {
  event.preventDefault();
  const before = overview.preferences || {};
  const topics = {};
  for (const box of document.querySelectorAll('[data-topic]')) topics[box.dataset.topic] = box.checked;
  const channels = {};
  for (const channel of CHANNELS) {
    const kept = { ...((before.channels || {})[channel] || {}) };
    kept.enabled = $(`channel-${channel}`).checked;
    const cap = $(`cap-${channel}`).value.trim();
    if (cap === '') delete kept.maxPerMonth;
    else if (!/^\d{1,4}$/.test(cap)) { say('pc.error.cap', true); $(`cap-${channel}`).focus(); return; }
    else kept.maxPerMonth = Number(cap);
    channels[channel] = kept;
  }
  const body = { topics, channels };
  const start = $('quiet-start').value;
  const end = $('quiet-end').value;
  if (start || end) {
    if (!start || !end) { say('pc.error.quiet', true); (start ? $('quiet-end') : $('quiet-start')).focus(); return; }
    body.quietHours = { start, end, zone: 'Asia/Shanghai' };
  }
  if (before.language) body.language = before.language;
  try {
    await call('PUT', '/api/v1/self/preferences', body);
    await load();
    say('pc.done.prefs');
  } catch (e) {
    failed(e);
  }
}

function renderRequests() {
  const rows = $('requests-body');
  rows.replaceChildren();
  const requests = overview.rightsRequests || [];
  $('requests').hidden = requests.length === 0;
  $('no-requests').hidden = requests.length > 0;
  for (const r of requests) {
    const row = el('tr', { 'data-request': r.type });
    row.append(el('td', { 'data-label': t('pc.requests.type') }, t(`pc.right.${r.type}`)),
      el('td', { 'data-label': t('pc.requests.status') }, t(`pc.requestStatus.${r.status}`)),
      el('td', { 'data-label': t('pc.requests.received') }, formatDateTime(r.receivedAt)),
      el('td', { 'data-label': t('pc.requests.due') }, formatDateTime(r.dueAt)));
    rows.append(row);
  }
}

async function askRights(type, button) {
  button.disabled = true;
  try {
    await call('POST', '/api/v1/self/rights-requests', { type });
    await load();
    say(type === 'deletion' ? 'pc.done.deletion' : 'pc.done.copy');
  } catch (e) {
    failed(e);
  } finally {
    button.disabled = false;
    const confirming = !$('confirm-delete').hidden;
    $('confirm-delete').hidden = true;
    $('ask-delete').hidden = false;
    if (confirming) $('ask-delete').focus(); // the confirming button is gone: keep the keyboard's place
  }
}

async function withdrawOptional() {
  const button = $('withdraw-optional');
  button.disabled = true;
  try {
    const answer = await call('POST', '/api/v1/self/consents:withdraw-optional');
    await load();
    say('pc.done.withdrawOptional', false, { count: answer.changed.length });
  } catch (e) {
    button.disabled = false;
    failed(e);
  }
}

function wireSms() {
  const error = $('sms-error');
  const fail = (key) => { error.textContent = t(key); error.hidden = false; };
  $('sms-ask').addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    const phone = $('sms-phone').value.trim();
    if (!phone) { fail('pc.sms.error.phone'); $('sms-phone').focus(); return; }
    try {
      challenge = (await api('POST', '/api/v1/self/sms-codes', { body: { phone } })).challenge;
      $('sms-verify').hidden = false;
      $('sms-code').focus();
    } catch (e) {
      fail(e instanceof ApiError && e.status === 429 ? 'pc.sms.error.tooMany'
        : e instanceof ApiError && e.status === 400 ? 'pc.sms.error.phone' : 'pc.error.generic');
    }
  });
  $('sms-verify').addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    try {
      const session = await api('POST', '/api/v1/self/sms-codes:verify',
        { body: { challenge, phone: $('sms-phone').value.trim(), code: $('sms-code').value.trim() } });
      token = session.token;
      sessionStorage.setItem(TOKEN_KEY, token);
      $('sms-phone').value = '';
      $('sms-code').value = '';
      $('sms').hidden = true;
      $('sms-verify').hidden = true;
      await load();
      $('centre-title').focus({ preventScroll: true });
    } catch (e) {
      fail(e instanceof ApiError && e.status === 429 ? 'pc.sms.error.tooMany' : 'pc.sms.error.code');
    }
  });
}

async function start() {
  applyTranslations();
  wireSms();
  $('prefs').addEventListener('submit', savePreferences);
  $('withdraw-optional').addEventListener('click', withdrawOptional);
  $('ask-copy').addEventListener('click', () => askRights('access', $('ask-copy')));
  $('ask-delete').addEventListener('click', () => {
    $('ask-delete').hidden = true;
    $('confirm-delete').hidden = false;
    $('confirm-delete-no').focus();
  });
  $('confirm-delete-no').addEventListener('click', () => {
    $('confirm-delete').hidden = true;
    $('ask-delete').hidden = false;
    $('ask-delete').focus();
  });
  $('confirm-delete-yes').addEventListener('click', () => askRights('deletion', $('confirm-delete-yes')));
  token = takeToken();
  if (!token) {
    showProblem('none');
    return;
  }
  try {
    await load();
    $('centre-title').focus({ preventScroll: true });
  } catch (e) {
    if (e instanceof ApiError && e.status >= 400 && e.status < 500) {
      showProblem(e.code);
    } else {
      show('problem');
      $('problem-title').textContent = t('pc.problem.error.title');
      $('problem-text').textContent = t('pc.problem.error.text');
    }
  }
}

// a new link opened in this tab differs from the page's address by its fragment only: the browser
// does not load the page again, so the page starts again itself with the new token
window.addEventListener('hashchange', () => {
  if (new URLSearchParams(window.location.hash.replace(/^#/, '')).get('t')) window.location.reload();
});

start();
