// The store tablet (issue 14): a clerk signs in with the console session (an integrator key, once),
// loads the store's notice, finds the customer by phone (or the customer is new: recorded with
// the consent), hands the tablet over; the customer reads the notice, chooses, signs on the
// screen; the signature PNG goes as an evidence attachment of each consent event (kept by its
// SHA-256, which the audit chain names: ADR 0013). After each customer — done, cancelled or idle —
// the page forgets everything about them: the clerk never sees another customer's phone.
import { addMessages, applyTranslations, t, language, formatDateTime } from '/assets/i18n.js';
import { ApiError, get, post } from '/assets/api.js';
import { mountSignIn, signOut, currentSession, onSessionEnded } from '/assets/signin.js';
import { SignaturePad } from '/store/signature.js';

addMessages({
  'zh-CN': {
    'store.setup.title': '本店设置',
    'store.setup.notice': '告知编码',
    'store.setup.version': '告知版本',
    'store.setup.operator': '店员工号（可选）',
    'store.setup.load': '加载告知',
    'store.setup.loaded': '已加载：{title}（{version}）',
    'store.find.title': '查找顾客',
    'store.find.phone': '顾客手机号',
    'store.find.submit': '查找',
    'store.find.invalid': '请输入有效的手机号。',
    'store.customer.title': '请顾客阅读并签名',
    'store.customer.known': '老顾客。当前选择：',
    'store.customer.new': '新顾客：提交后将建立记录。',
    'store.customer.choose': '请勾选您同意的用途',
    'store.customer.separate': '单独同意：{name}',
    'store.customer.separateAgree': '我单独同意此项处理',
    'store.customer.sign': '请在下方签名',
    'store.customer.signHint': '用手指或鼠标在框内签名。',
    'store.customer.clear': '清除签名',
    'store.customer.cancel': '取消',
    'store.customer.submit': '签名并提交',
    'store.customer.noSignature': '请先签名。',
    'store.customer.saving': '正在保存…',
    'store.done.title': '已记录，谢谢！',
    'store.done.text': '您的选择和签名已保存。页面已清空，可交还店员。',
    'store.done.signature': '签名文件 SHA-256',
    'store.done.next': '下一位顾客',
    'store.version': '版本',
    'state.granted': '已同意',
    'state.denied': '已拒绝',
    'state.withdrawn': '已撤回',
    'state.expired': '已过期',
    'state.pending': '待确认',
  },
  en: {
    'store.setup.title': 'Store settings',
    'store.setup.notice': 'Notice code',
    'store.setup.version': 'Notice version',
    'store.setup.operator': 'Staff number (optional)',
    'store.setup.load': 'Load the notice',
    'store.setup.loaded': 'Loaded: {title} ({version})',
    'store.find.title': 'Find the customer',
    'store.find.phone': "Customer's mobile number",
    'store.find.submit': 'Find',
    'store.find.invalid': 'Enter a valid mobile number.',
    'store.customer.title': 'Please read and sign',
    'store.customer.known': 'Returning customer. Current choices:',
    'store.customer.new': 'New customer: a record is made on submitting.',
    'store.customer.choose': 'Tick what you agree to',
    'store.customer.separate': 'Separate consent: {name}',
    'store.customer.separateAgree': 'I separately agree to this processing',
    'store.customer.sign': 'Please sign below',
    'store.customer.signHint': 'Sign in the box with a finger or the mouse.',
    'store.customer.clear': 'Clear signature',
    'store.customer.cancel': 'Cancel',
    'store.customer.submit': 'Sign and submit',
    'store.customer.noSignature': 'Please sign first.',
    'store.customer.saving': 'Saving…',
    'store.done.title': 'Recorded. Thank you!',
    'store.done.text': 'Your choices and signature are saved. The page is cleared; you may hand the tablet back.',
    'store.done.signature': 'Signature file SHA-256',
    'store.done.next': 'Next customer',
    'store.version': 'Version',
    'state.granted': 'agreed',
    'state.denied': 'refused',
    'state.withdrawn': 'withdrawn',
    'state.expired': 'expired',
    'state.pending': 'awaiting confirmation',
  },
});

/** A customer left alone this long is forgotten: the next person must not find their screen. */
const IDLE_MS = 3 * 60 * 1000;
const SETTINGS_KEY = 'opencpm.store.settings';

const $ = (id) => document.getElementById(id);
const signinForm = $('signin');
const sessionCard = $('session');
const setupForm = $('store-setup');
const findForm = $('store-find');
const customerForm = $('store-customer');
const done = $('store-done');
const pad = new SignaturePad($('signature'));

/** The store's notice and purposes (not personal); the customer's phone lives only in `customer`, until cleared. */
let notice = null;
let customer = null;
let idleTimer = null;

function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

function purposeName(p) {
  const n = p.name || {};
  return language() === 'en' ? (n.en || n.zh || p.code) : (n.zh || n['zh-CN'] || n.en || p.code);
}

function showError(box, e) {
  box.textContent = e instanceof ApiError ? `${e.message}` : t('error.generic');
  box.hidden = false;
}

function settings() {
  try {
    return JSON.parse(sessionStorage.getItem(SETTINGS_KEY)) || {};
  } catch (e) {
    return {};
  }
}

async function loadNotice(code, version) {
  const n = await get(`/api/v1/notices/${encodeURIComponent(code)}/versions/${encodeURIComponent(version)}`);
  const purposes = [];
  for (const p of n.purposes) purposes.push(await get(`/api/v1/purposes/${encodeURIComponent(p)}`));
  notice = { ...n, details: purposes };
  $('setup-status').textContent = t('store.setup.loaded', { title: n.title, version: n.version });
  findForm.hidden = false;
}

/** Forgets the customer: their phone, choices, signature, and what the screen showed of them. */
function clearCustomer() {
  customer = null;
  clearTimeout(idleTimer);
  findForm.reset();
  customerForm.reset();
  pad.clear();
  for (const id of ['customer-known', 'notice-text', 'notice-meta', 'notice-title', 'purposes-separate', 'done-hash']) $(id).textContent = '';
  $('customer-current').textContent = '';
  for (const old of $('purposes-bundled').querySelectorAll('.store-choice')) old.remove();
  for (const box of ['find-error', 'customer-error']) $(box).hidden = true;
  customerForm.hidden = true;
}

function touch() {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    clearCustomer();
    done.hidden = true;
    findForm.hidden = !notice;
  }, IDLE_MS);
}

function choice(p, id, text) {
  const input = el('input', { type: 'checkbox', id, value: p.code });
  const label = el('label', { for: id }, [el('span', { class: 'name', text })]);
  if (p.description) label.append(el('span', { class: 'desc', text: p.description }));
  return { input, row: el('div', { class: 'store-choice' }, [input, label]) };
}

function showCustomer(found, consents) {
  customer = found;
  $('customer-known').textContent = found.subjectId ? t('store.customer.known') : t('store.customer.new');
  const names = Object.fromEntries(notice.details.map((p) => [p.code, purposeName(p)]));
  for (const c of consents) {
    $('customer-current').append(el('li', { text: `${names[c.purpose] || c.purpose}: ${t(`state.${c.state}`)}` }));
  }
  $('notice-title').textContent = notice.title;
  for (const para of (notice.content || '').split(/\r?\n/)) if (para.trim()) $('notice-text').append(el('p', { text: para }));
  if (notice.url) $('notice-text').append(el('p', {}, [el('a', { href: notice.url, rel: 'noopener noreferrer', target: '_blank', text: notice.url })]));
  $('notice-meta').textContent = `${t('store.version')} ${notice.version} · SHA-256 ${notice.contentHash}`;
  customer.bundled = [];
  customer.separate = [];
  for (const p of notice.details) {
    if (p.necessary && p.legalBasis !== 'consent') continue;
    if (p.separateConsentRequired) {
      const { input, row } = choice(p, `sep-${p.code}`, t('store.customer.separateAgree'));
      const set = el('fieldset', { class: 'store-separate' }, [el('legend', { text: t('store.customer.separate', { name: purposeName(p) }) }), row]);
      $('purposes-separate').append(set);
      customer.separate.push({ code: p.code, input });
    } else {
      const { input, row } = choice(p, `p-${p.code}`, purposeName(p));
      $('purposes-bundled').append(row);
      customer.bundled.push({ code: p.code, input });
    }
  }
  $('purposes-bundled').hidden = customer.bundled.length === 0;
  findForm.hidden = true;
  customerForm.hidden = false;
  $('customer-title').focus();
  touch();
}

async function find(event) {
  event.preventDefault();
  $('find-error').hidden = true;
  const phone = findForm.elements.phone.value.replace(/[\s-]/g, '');
  if (!/^\+?\d{6,15}$/.test(phone)) {
    showError($('find-error'), new ApiError(400, { detail: t('store.find.invalid') }));
    touch(); // a number typed and left behind is forgotten like a customer's
    return;
  }
  const identifiers = [{ type: 'phone', value: phone }];
  try {
    let found = { identifiers, subjectId: null };
    let consents = [];
    try {
      const lookup = await post('/api/v1/subjects:lookup', { identifiers });
      found = { identifiers, subjectId: lookup.subjectId };
      consents = (await get(`/api/v1/subjects/${encodeURIComponent(lookup.subjectId)}/consents`)).consents
        .filter((c) => notice.purposes.includes(c.purpose));
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
    }
    showCustomer(found, consents);
  } catch (e) {
    showError($('find-error'), e);
    touch();
  }
}

function randomKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return 'store-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function submit(event) {
  event.preventDefault();
  const error = $('customer-error');
  error.hidden = true;
  if (pad.isEmpty()) {
    showError(error, new ApiError(400, { detail: t('store.customer.noSignature') }));
    return;
  }
  const button = $('customer-submit');
  button.disabled = true;
  button.textContent = t('store.customer.saving');
  const png = await pad.png();
  const operator = settings().operator;
  const base = (purposes, action, label) => ({
    subject: { identifiers: customer.identifiers },
    purposes,
    action,
    notice: { code: notice.code, version: notice.version },
    channel: 'store',
    method: 'signature',
    evidence: {
      userAgent: navigator.userAgent.slice(0, 1000),
      text: `${notice.title} (${notice.version}, sha256:${notice.contentHash}): ${label}`,
      ...(operator ? { operator } : {}),
      attachments: [{ kind: 'signature', mediaType: 'image/png', content: png.base64 }],
    },
  });
  // Each event keeps its idempotency key across a retry of this submission, so nothing is recorded twice.
  customer.events = customer.events || [];
  if (!customer.events.length) {
    const granted = customer.bundled.filter((b) => b.input.checked).map((b) => b.code);
    const denied = customer.bundled.filter((b) => !b.input.checked).map((b) => b.code);
    if (granted.length) customer.events.push({ purposes: granted, action: 'grant', key: randomKey() });
    if (denied.length) customer.events.push({ purposes: denied, action: 'deny', key: randomKey() });
    for (const s of customer.separate) customer.events.push({ purposes: [s.code], action: s.input.checked ? 'grant' : 'deny', key: randomKey() });
  }
  try {
    for (const e of customer.events) {
      if (e.recorded) continue;
      await post('/api/v1/consents', { ...base(e.purposes, e.action, e.action), idempotencyKey: e.key });
      e.recorded = true;
    }
    clearCustomer();
    $('done-hash').textContent = png.sha256;
    done.hidden = false;
    $('done-title').focus();
    idleTimer = setTimeout(next, 30 * 1000);
  } catch (e) {
    showError(error, e);
  } finally {
    button.disabled = false;
    button.textContent = t('store.customer.submit');
  }
}

function next() {
  clearTimeout(idleTimer);
  done.hidden = true;
  $('done-hash').textContent = '';
  findForm.hidden = false;
  $('find-title').focus();
}

function showSignedIn(s) {
  $('session-roles').textContent = s.roles.map((r) => t(`role.${r}`)).join(', ');
  $('session-expires').textContent = formatDateTime(s.expiresAt);
  signinForm.hidden = true;
  sessionCard.hidden = false;
  $('console').hidden = false;
  const kept = settings();
  const params = new URLSearchParams(location.search);
  setupForm.elements.notice.value = params.get('notice') || kept.notice || '';
  setupForm.elements.version.value = params.get('version') || kept.version || '';
  setupForm.elements.operator.value = kept.operator || '';
  $('session-title').focus({ preventScroll: true });
}

function showSignedOut() {
  clearCustomer();
  notice = null;
  signinForm.hidden = false;
  sessionCard.hidden = true;
  $('console').hidden = true;
  findForm.hidden = true;
  done.hidden = true;
}

setupForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const f = setupForm.elements;
  const chosen = { notice: f.notice.value.trim(), version: f.version.value.trim(), operator: f.operator.value.trim() };
  sessionStorage.setItem(SETTINGS_KEY, JSON.stringify(chosen));
  try {
    clearCustomer();
    await loadNotice(chosen.notice, chosen.version);
  } catch (e) {
    $('setup-status').textContent = e instanceof ApiError ? e.message : t('error.generic');
  }
});
findForm.addEventListener('submit', find);
customerForm.addEventListener('submit', submit);
customerForm.addEventListener('input', touch);
// a phone typed and not looked up (the customer walked away) is cleared after the same idle time
findForm.addEventListener('input', touch);
$('signature').addEventListener('pointerdown', touch);
$('signature-clear').addEventListener('click', () => pad.clear());
$('customer-cancel').addEventListener('click', () => {
  clearCustomer();
  findForm.hidden = false;
  $('find-title').focus();
});
$('done-next').addEventListener('click', next);

applyTranslations();
mountSignIn(signinForm, showSignedIn);
// the session ended elsewhere (signed out, another tab signed in, the key revoked): sign in again
onSessionEnded(showSignedOut);
$('signout').addEventListener('click', async () => {
  await signOut();
  showSignedOut();
});
const existing = currentSession();
if (existing) showSignedIn(existing);
