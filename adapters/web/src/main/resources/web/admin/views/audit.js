// The audit trail: export a window (CSV or NDJSON, streamed by the server, saved as a file here)
// and verify the hash chain (auditors and admins).
import { t } from '/assets/i18n.js';
import { el, field, statusLine, download } from '../dom.js';
import { get, getBlob } from '../calls.js';

/** A datetime-local value for an instant (local time, minutes). */
export function localInput(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function exportForm() {
  const now = new Date();
  const from = el('input', { type: 'datetime-local', name: 'from', value: localInput(new Date(now.getTime() - 7 * 86400_000)) });
  const to = el('input', { type: 'datetime-local', name: 'to', value: localInput(new Date(now.getTime() + 60_000)) });
  const status = statusLine('audit-export-status');
  const run = async (type, ext) => {
    const query = new URLSearchParams({ from: new Date(from.value).toISOString(), to: new Date(to.value).toISOString() });
    status.info(t('admin.loading'));
    try {
      const blob = await getBlob(`/api/v1/audit/events?${query}`, type);
      download(`opencpm-audit.${ext}`, blob);
      status.ok(t('audit.exported', { n: blob.size }));
    } catch (e) {
      status.error(e);
    }
  };
  return el('section', { class: 'card', 'aria-labelledby': 'audit-export-title' },
    el('h2', { id: 'audit-export-title' }, t('audit.export')),
    el('div', { class: 'grid-2' }, field('audit-from', 'audit.from', from), field('audit-to', 'audit.to', to)),
    el('div', { class: 'actions' },
      el('button', { type: 'button', id: 'audit-csv', onclick: () => run('text/csv', 'csv') }, t('audit.csv')),
      el('button', { type: 'button', class: 'secondary', id: 'audit-ndjson', onclick: () => run('application/x-ndjson', 'ndjson') }, t('audit.ndjson'))),
    status.node);
}

function verifyCard() {
  const status = statusLine('audit-verify-status');
  const verify = async () => {
    status.info(t('admin.loading'));
    try {
      const r = await get('/api/v1/audit/verify');
      if (r.valid) status.ok(`${t('audit.valid', { events: r.events, hash: r.lastHash || '—' })} ${t('audit.checkpoints', { n: r.checkpoints ?? 0 })}`);
      else status.error(`${t('audit.broken', { seq: r.brokenAt, events: r.events })} ${r.problem || ''}`);
    } catch (e) {
      status.error(e);
    }
  };
  return el('section', { class: 'card', 'aria-labelledby': 'audit-verify-title' },
    el('h2', { id: 'audit-verify-title' }, t('audit.verify')),
    el('button', { type: 'button', id: 'audit-verify', onclick: verify }, t('audit.verifyNow')),
    status.node);
}

export default {
  id: 'audit',
  visibleTo: (can) => can.audit,
  async render(container) {
    container.append(verifyCard(), exportForm());
  },
};
