// The admin console: sign in once with an API key (assets/signin.js opens a console session:
// HttpOnly cookie + CSRF header), then sections chosen by the URL's hash (#/notices, …). The
// sections shown follow the session's roles; the API checks every call anyway, so hiding is for
// clarity, not protection. Identifiers a person is found by travel in request bodies only: no
// route carries one (subject ids, which are pseudonyms, may).
import { addMessages, applyTranslations, t, formatDateTime } from '/assets/i18n.js';
import { mountSignIn, signOut, currentSession, onSessionEnded } from '/assets/signin.js';
import { MESSAGES } from './messages.js';
import { el, fill } from './dom.js';
import dashboard from './views/dashboard.js';
import purposes from './views/purposes.js';
import notices from './views/notices.js';
import subjects from './views/subjects.js';
import rights from './views/rights.js';
import connectors from './views/connectors.js';
import alerts from './views/alerts.js';
import audit from './views/audit.js';
import report from './views/report.js';

addMessages(MESSAGES);

const SECTIONS = [dashboard, purposes, notices, subjects, rights, connectors, alerts, audit, report];

const form = document.getElementById('signin');
const sessionBar = document.getElementById('session');
const nav = document.getElementById('console-nav');
const navList = document.getElementById('console-nav-list');
const view = document.getElementById('console');
const title = document.getElementById('page-title');

let session = null;
let rendering = 0;

/** What the signed-in roles allow, as the API's role checks do (admin may do everything). */
function abilities(roles) {
  const has = (r) => roles.includes('admin') || roles.includes(r);
  return { admin: roles.includes('admin'), integrate: has('integrator'), audit: has('auditor'), read: has('integrator') || has('auditor') };
}

function visible(section, can) {
  return section.visibleTo(can);
}

function route() {
  const parts = (window.location.hash || '').replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return { name: parts[0] || 'dashboard', params: parts.slice(1) };
}

export function navigate(hash) {
  if (window.location.hash === hash) render();
  else window.location.hash = hash;
}

function renderNav(can, current) {
  fill(navList, SECTIONS.filter((s) => visible(s, can)).map((s) => el('li', {},
    el('a', { href: `#/${s.id}`, 'aria-current': s.id === current ? 'page' : null }, t(`nav.${s.id}`)))));
  // on a phone the list scrolls sideways: keep the current section in sight
  const here = navList.querySelector('[aria-current="page"]');
  if (here && navList.scrollWidth > navList.clientWidth) navList.scrollLeft = here.offsetLeft - navList.offsetLeft - 16;
}

async function render() {
  if (!session) return;
  const can = abilities(session.roles);
  const { name, params } = route();
  const section = SECTIONS.find((s) => s.id === name && visible(s, can));
  renderNav(can, section ? section.id : null);
  const mine = ++rendering;
  title.textContent = section ? t(`nav.${section.id}`) : t('admin.notFound');
  document.title = `${title.textContent} · ${t('admin.title')}`;
  fill(view, el('p', { class: 'muted', role: 'status' }, t('admin.loading')));
  if (!section) {
    fill(view);
    return;
  }
  const container = el('div', { class: `view view-${section.id}` });
  try {
    await section.render(container, { can, params, navigate, session });
  } catch (e) {
    container.append(el('p', { class: 'error', role: 'alert' }, e && e.message ? e.message : t('error.generic')));
  }
  if (mine === rendering) fill(view, container);
  keepLanguageLinksHere();
}

/** The language links lead to this same section in the other language. */
function keepLanguageLinksHere() {
  for (const a of document.querySelectorAll('a[data-lang]')) {
    const url = new URL(window.location.href);
    url.searchParams.set('lang', a.dataset.lang);
    a.href = url.pathname + url.search + url.hash;
  }
}

function showSignedIn(s) {
  session = s;
  document.getElementById('session-roles').textContent = s.roles.map((r) => t(`role.${r}`)).join(', ');
  document.getElementById('session-expires').textContent = formatDateTime(s.expiresAt);
  form.hidden = true;
  sessionBar.hidden = false;
  nav.hidden = false;
  view.hidden = false;
  render().then(() => document.getElementById('main').focus({ preventScroll: true }));
}

function showSignedOut() {
  session = null;
  form.hidden = false;
  sessionBar.hidden = true;
  nav.hidden = true;
  view.hidden = true;
  fill(view);
  title.textContent = t('admin.title');
}

applyTranslations();
mountSignIn(form, showSignedIn);
document.getElementById('signout').addEventListener('click', async () => {
  await signOut();
  showSignedOut();
});
window.addEventListener('hashchange', () => render());
// A call answered 401 means the session is gone (expired, or its key revoked): back to the form.
window.addEventListener('opencpm:signed-out', showSignedOut);
// So does a 403 csrf-token-invalid: another tab signed in and replaced the cookie (assets/api.js).
onSessionEnded(showSignedOut);
const existing = currentSession();
if (existing) showSignedIn(existing);
