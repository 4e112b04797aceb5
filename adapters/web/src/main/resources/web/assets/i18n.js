// OpenCPM's translations: zh-CN first, English too. The language is ?lang= when given (zh, zh-CN,
// en), else the browser's (navigator.languages), else zh-CN. Elements name their text by key:
// data-i18n (text), data-i18n-placeholder, data-i18n-aria-label, data-i18n-title. Pages add their
// own keys with addMessages({ 'zh-CN': {...}, en: {...} }) before applyTranslations().

export const LANGUAGES = ['zh-CN', 'en'];
export const DEFAULT_LANGUAGE = 'zh-CN';

const messages = {
  'zh-CN': {
    'app.name': 'OpenCPM 同意与偏好管理',
    'lang.zh': '中文',
    'lang.en': 'English',
    'lang.switch': '语言',
    'landing.title': 'OpenCPM 同意与偏好管理',
    'landing.intro': '个人信息处理的同意与偏好，依《个人信息保护法》记录、查询与撤回。',
    'landing.faces': '入口',
    'face.preferenceCenter': '偏好中心',
    'face.preferenceCenter.desc': '个人查看并更改自己的同意与偏好（需品牌发送的专属链接）。',
    'face.store': '门店平板',
    'face.store.desc': '店员为顾客记录同意，顾客在屏幕上签名。',
    'face.admin': '管理控制台',
    'face.admin.desc': '目的、告知、个人权利请求、连接器、告警与审计。',
    'face.sdk': '同意收集 SDK',
    'face.sdk.desc': '品牌网页嵌入的同意弹窗脚本：/sdk/opencpm.js',
    'face.api': 'API 文档',
    'face.api.desc': 'OpenAPI 接口说明：/openapi',
    'signin.title': '登录',
    'signin.key': 'API 密钥',
    'signin.hint': '密钥只用于本次登录，不会保存在页面中。',
    'signin.submit': '登录',
    'signin.busy': '正在登录…',
    'signin.error.unauthorized': '密钥无效、已过期或已被撤销。',
    'signin.error.too-many-failed-authentications': '失败次数过多，请稍后再试。',
    'signin.error.empty': '请输入 API 密钥。',
    'signin.error.network': '无法连接服务器，请检查网络后重试。',
    'signout': '退出登录',
    'session.signedIn': '已登录',
    'session.roles': '角色',
    'session.expires': '会话到期时间',
    'session.ended': '会话已结束，请重新登录。',
    'role.admin': '管理员',
    'role.integrator': '集成方',
    'role.auditor': '审计员',
    'error.generic': '出错了，请重试。',
    'notFound': '页面不存在。',
  },
  en: {
    'app.name': 'OpenCPM Consent and Preference Management',
    'lang.zh': '中文',
    'lang.en': 'English',
    'lang.switch': 'Language',
    'landing.title': 'OpenCPM Consent and Preference Management',
    'landing.intro': 'Consents and preferences for personal information, recorded, looked up and withdrawn as PIPL requires.',
    'landing.faces': 'Entry points',
    'face.preferenceCenter': 'Preference centre',
    'face.preferenceCenter.desc': 'People see and change their own consents and preferences (through a personal link from the brand).',
    'face.store': 'Store tablet',
    'face.store.desc': 'A clerk records a customer\'s consent; the customer signs on screen.',
    'face.admin': 'Admin console',
    'face.admin.desc': 'Purposes, notices, rights requests, connectors, alerts and the audit trail.',
    'face.sdk': 'Consent collection SDK',
    'face.sdk.desc': 'The consent dialog script for brand pages: /sdk/opencpm.js',
    'face.api': 'API documentation',
    'face.api.desc': 'The OpenAPI description: /openapi',
    'signin.title': 'Sign in',
    'signin.key': 'API key',
    'signin.hint': 'The key is used for this sign-in only and is not kept in the page.',
    'signin.submit': 'Sign in',
    'signin.busy': 'Signing in…',
    'signin.error.unauthorized': 'The key is not known, has expired or was revoked.',
    'signin.error.too-many-failed-authentications': 'Too many failed attempts; try again later.',
    'signin.error.empty': 'Enter an API key.',
    'signin.error.network': 'Cannot reach the server; check the network and try again.',
    'signout': 'Sign out',
    'session.signedIn': 'Signed in',
    'session.roles': 'Roles',
    'session.expires': 'Session ends',
    'session.ended': 'The session has ended; sign in again.',
    'role.admin': 'Administrator',
    'role.integrator': 'Integrator',
    'role.auditor': 'Auditor',
    'error.generic': 'Something went wrong; try again.',
    'notFound': 'The page does not exist.',
  },
};

/** The language a code such as "zh", "zh-Hans-CN" or "en-GB" stands for; null when neither. */
export function normalize(code) {
  if (typeof code !== 'string') return null;
  const c = code.trim().toLowerCase();
  if (c === 'zh' || c.startsWith('zh-')) return 'zh-CN';
  if (c === 'en' || c.startsWith('en-')) return 'en';
  return null;
}

/** ?lang= first, then the browser's languages in order, then zh-CN. */
export function chooseLanguage(search = window.location.search, preferred = navigator.languages || [navigator.language]) {
  const asked = normalize(new URLSearchParams(search).get('lang'));
  if (asked) return asked;
  for (const code of preferred || []) {
    const lang = normalize(code);
    if (lang) return lang;
  }
  return DEFAULT_LANGUAGE;
}

let current = chooseLanguage();

export function language() {
  return current;
}

export function setLanguage(lang) {
  current = normalize(lang) || DEFAULT_LANGUAGE;
  applyTranslations();
}

/** Adds (or replaces) keys: { 'zh-CN': { key: text }, en: { key: text } }. */
export function addMessages(more) {
  for (const lang of LANGUAGES) Object.assign(messages[lang], (more && more[lang]) || {});
}

/** The text of key in the current language ({name} replaced from params); the Chinese text, then the key, when missing. */
export function t(key, params = {}) {
  const text = messages[current][key] ?? messages[DEFAULT_LANGUAGE][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** Puts the current language's texts into root's data-i18n elements and marks the document's language. */
export function applyTranslations(root = document) {
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.setAttribute('title', t(el.dataset.i18nTitle));
  for (const el of root.querySelectorAll('a[data-lang]')) {
    const url = new URL(window.location.href);
    url.searchParams.set('lang', el.dataset.lang);
    el.href = url.pathname + url.search + url.hash;
    el.setAttribute('aria-current', String(el.dataset.lang === current));
  }
  const title = document.querySelector('title[data-i18n]');
  if (title) document.title = t(title.dataset.i18n);
}

/** A date-time as the current language writes it. */
export function formatDateTime(iso) {
  return new Date(iso).toLocaleString(current, { dateStyle: 'medium', timeStyle: 'short' });
}
