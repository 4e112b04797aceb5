// Overview: the consents now by purpose and state, the rights requests coming due, the
// connectors' backlog — drawn, with the numbers in a table beside each chart.
import { t } from '/assets/i18n.js';
import { el, table, problemText, time } from '../dom.js';
import { stackedBars, bars, PALETTE } from '../charts.js';
import { get } from '../calls.js';

const STATES = ['granted', 'pending', 'denied', 'withdrawn', 'expired'];
const DAY = 24 * 3600 * 1000;

async function card(titleKey, build) {
  const section = el('section', { class: 'card', 'aria-labelledby': `h-${titleKey}` }, el('h2', { id: `h-${titleKey}` }, t(titleKey)));
  try {
    section.append(...[].concat(await build()));
  } catch (e) {
    section.append(el('p', { class: 'error' }, problemText(e)));
  }
  return section;
}

async function consents() {
  const stats = await get('/api/v1/stats/consents');
  const rows = Object.entries(stats.byPurpose).map(([purpose, values]) => ({ label: purpose, values }));
  const series = STATES.map((s) => ({ key: s, label: t(`state.${s}`), colour: PALETTE[s] }));
  return [
    el('p', {}, t('dash.subjects', { n: stats.subjects })),
    stackedBars(t('dash.consents'), t('dash.consents.desc'), rows, series),
    el('details', {}, el('summary', {}, t('dash.consents')),
      table('dash.consents', ['subjects.purpose', ...STATES.map((s) => `state.${s}`)],
        rows.map((r) => [r.label, ...STATES.map((s) => r.values[s])]))),
  ];
}

async function rightsDue() {
  const [received, started] = await Promise.all([
    get('/api/v1/rights-requests?status=received&limit=1000'),
    get('/api/v1/rights-requests?status=in_progress&limit=1000'),
  ]);
  const now = Date.now();
  const buckets = { overdue: 0, '3d': 0, '7d': 0, later: 0 };
  for (const r of [...received.requests, ...started.requests]) {
    const left = Date.parse(r.dueAt) - now;
    if (left < 0) buckets.overdue++;
    else if (left < 3 * DAY) buckets['3d']++;
    else if (left < 7 * DAY) buckets['7d']++;
    else buckets.later++;
  }
  const items = Object.entries(buckets).map(([k, v]) => ({ label: t(`dash.rights.${k}`), value: v, colour: k === 'overdue' ? PALETTE.warn : PALETTE.bar }));
  return [
    bars(t('dash.rights'), t('dash.rights.desc'), items),
    el('details', {}, el('summary', {}, t('dash.rights')),
      table('dash.rights', ['rights.due', 'notices.count'], items.map((i) => [i.label, i.value]))),
    el('p', {}, el('a', { href: '#/rights' }, t('nav.rights'))),
  ];
}

/** How long the oldest pending change has waited, in words. */
export function age(iso, now = Date.now()) {
  if (!iso) return '—';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 2 * 86400) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} d`;
}

async function lag() {
  const list = await get('/api/v1/connectors');
  return [
    bars(t('dash.lag'), t('dash.lag.desc'), list.map((c) => ({ label: c.id, value: c.pending + (c.inflight || 0) }))),
    table('dash.lag', ['connectors.list', 'dash.lag.pending', 'dash.lag.oldest', 'dash.lag.dead'],
      list.map((c) => [c.id, c.pending + (c.inflight || 0), c.oldestPendingAt ? [age(c.oldestPendingAt), ' (', time(c.oldestPendingAt), ')'] : '—', c.dead])),
  ];
}

export default {
  id: 'dashboard',
  visibleTo: (can) => can.read,
  async render(container) {
    const cards = await Promise.all([card('dash.consents', consents), card('dash.rights', rightsDue), card('dash.lag', lag)]);
    cards[0].classList.add('wide');
    container.append(el('div', { class: 'charts' }, cards));
  },
};
