// Rights requests (PIPL Art. 44–50): open ones oldest due first, overdue ones marked (Art. 50: the
// answer is due in time); an admin or integrator starts, completes or rejects them, an auditor reads.
import { t } from '/assets/i18n.js';
import { el, fill, table, field, label, statusLine, time, badge } from '../dom.js';
import { get, post, seg } from '../calls.js';

const FILTERS = ['open', 'overdue', 'closed'];

async function load(filter) {
  const list = async (status) => (await get(`/api/v1/rights-requests?status=${status}&limit=1000`)).requests;
  if (filter === 'overdue') return (await get('/api/v1/rights-requests?overdue=true&limit=1000')).requests;
  const statuses = filter === 'closed' ? ['completed', 'rejected'] : ['received', 'in_progress'];
  const all = (await Promise.all(statuses.map(list))).flat();
  return all.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

function actionForm(request, kind, done) {
  const isReject = kind === 'reject';
  const text = el('textarea', { name: isReject ? 'reason' : 'note', rows: 2, required: isReject ? true : null });
  const status = statusLine('rights-action-status');
  const f = el('form', { class: 'card', id: 'rights-action', novalidate: true },
    el('h3', {}, `${t(`rights.${kind}`)} · ${label('rtype.', request.type)} · `, el('span', { class: 'mono' }, request.requestId)),
    field('rights-action-text', isReject ? 'rights.reason' : 'rights.note', text),
    el('div', { class: 'actions' },
      el('button', { type: 'submit', class: isReject ? 'danger' : null, id: 'rights-action-submit' }, t(`rights.${kind}`)),
      el('button', { type: 'button', class: 'secondary', onclick: () => f.remove() }, t('admin.cancel'))),
    status.node);
  f.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = text.value.trim();
    if (isReject && !value) {
      status.error(t('rights.reason'));
      text.focus();
      return;
    }
    try {
      const body = isReject ? { reason: value } : (value ? { note: value } : {});
      const updated = await post(`/api/v1/rights-requests/${seg(request.requestId)}:${kind}`, body);
      done(t('rights.done', { id: updated.requestId, status: label('rstatus.', updated.status) }));
    } catch (e) {
      status.error(e);
    }
  });
  return f;
}

async function show(container, filter, can) {
  const holder = el('div', {});
  const message = statusLine('rights-status');
  const refresh = async (text) => {
    const requests = await load(filter);
    const now = Date.now();
    const actionSlot = el('div', {});
    fill(holder, table('rights.list',
      ['rights.type', 'rights.status', 'rights.subject', 'rights.received', 'rights.due', ...(can.integrate && filter !== 'closed' ? ['admin.actions'] : [])],
      requests.map((r) => {
        const overdue = (r.status === 'received' || r.status === 'in_progress') && Date.parse(r.dueAt) < now;
        const cells = [
          label('rtype.', r.type),
          label('rstatus.', r.status),
          el('a', { class: 'mono', href: `#/subjects/${seg(r.subjectId)}` }, r.subjectId.slice(0, 12) + '…'),
          time(r.receivedAt),
          el('span', { class: 'due' }, time(r.dueAt), overdue ? [' ', badge(t('rights.overdue'), 'danger')] : null),
        ];
        if (can.integrate && filter !== 'closed') {
          const open = (kind) => () => {
            fill(actionSlot, actionForm(r, kind, (done) => refresh(done)));
            actionSlot.querySelector('textarea').focus();
          };
          cells.push(el('div', { class: 'actions' },
            r.status === 'received' ? el('button', { type: 'button', class: 'secondary', 'data-action': 'start', 'data-request': r.requestId,
              onclick: async () => {
                try {
                  const updated = await post(`/api/v1/rights-requests/${seg(r.requestId)}:start`, {});
                  await refresh(t('rights.done', { id: updated.requestId, status: label('rstatus.', updated.status) }));
                } catch (e) { message.error(e); }
              } }, t('rights.start')) : null,
            el('button', { type: 'button', 'data-action': 'complete', 'data-request': r.requestId, onclick: open('complete') }, t('rights.complete')),
            el('button', { type: 'button', class: 'danger', 'data-action': 'reject', 'data-request': r.requestId, onclick: open('reject') }, t('rights.reject'))));
        }
        cells.rowAttrs = { class: overdue ? 'overdue' : null, 'data-request': r.requestId, 'data-type': r.type };
        return cells;
      }), { id: 'rights-table' }), actionSlot);
    if (text) message.ok(text);
  };
  container.append(message.node, holder);
  await refresh();
}

export default {
  id: 'rights',
  visibleTo: (can) => can.read,
  async render(container, { can, params }) {
    const filter = FILTERS.includes(params[0]) ? params[0] : 'open';
    container.append(el('nav', { class: 'toolbar', 'aria-label': t('rights.filter') },
      FILTERS.map((f) => el('a', { class: `button${f === filter ? '' : ' secondary'}`, href: `#/rights/${f}`, 'aria-current': f === filter ? 'page' : null },
        t(f === 'overdue' ? 'rights.overdueOnly' : `rights.${f}`)))));
    if (!can.integrate) container.append(el('p', { class: 'muted' }, t('admin.readOnly')));
    await show(container, filter, can);
  },
};
