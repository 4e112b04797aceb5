// Connectors and plugins: each connector's state and backlog, its dead letters (auditors, admins)
// with a replay (admins), the plugins loaded and a reload that picks up zips added to plugins/.
import { t } from '/assets/i18n.js';
import { el, fill, table, statusLine, time, badge, label } from '../dom.js';
import { get, post, seg } from '../calls.js';
import { age } from './dashboard.js';

const STATE_KIND = { started: 'ok', running: 'ok', stopped: 'neutral', failed: 'danger', disabled: 'neutral', paused: 'warn' };

async function deadLetters(slot, connector, can, refreshAll) {
  const status = statusLine('dead-status');
  const list = await get(`/api/v1/connectors/${seg(connector.id)}/deliveries?status=dead&limit=200`);
  fill(slot, el('section', { class: 'card', id: 'dead-letters', 'aria-labelledby': 'dead-title' },
    el('h3', { id: 'dead-title', tabindex: '-1' }, t('connectors.deadTitle', { id: connector.id })),
    table('connectors.deadLetters', ['connectors.created', 'connectors.attempts', 'connectors.change', 'connectors.error'],
      list.map((d) => [time(d.createdAt), d.attempts, `${d.change.kind}${d.change.purpose ? ` · ${d.change.purpose}` : ''}`,
        el('span', { class: 'mono' }, d.lastError || '—')])),
    can.admin && list.length ? el('button', { type: 'button', id: 'replay', onclick: async () => {
      try {
        const r = await post(`/api/v1/connectors/${seg(connector.id)}/deliveries:replay`, {});
        await refreshAll(t('connectors.replayed', r));
      } catch (e) { status.error(e); }
    } }, t('connectors.replay')) : null,
    status.node));
  slot.querySelector('#dead-title').focus();
}

async function connectorsCard(can, refreshAll) {
  const list = await get('/api/v1/connectors');
  const slot = el('div', {});
  const headers = ['connectors.list', 'connectors.state', 'connectors.pending', 'connectors.delivered', 'connectors.failed', 'connectors.dead', 'connectors.lag'];
  if (can.audit) headers.push('admin.actions');
  return [table('connectors.list', headers, list.map((c) => {
    const row = [
      [el('strong', {}, c.id), c.name && c.name !== c.id ? ` (${c.name} ${c.version || ''})` : ''],
      [badge(label('cstate.', c.state), STATE_KIND[c.state] || 'neutral'), c.problem ? el('p', { class: 'error' }, c.problem) : null],
      c.pending + (c.inflight || 0), c.delivered, c.failed,
      c.dead ? badge(String(c.dead), 'danger') : '0',
      c.oldestPendingAt ? age(c.oldestPendingAt) : '—',
    ];
    if (can.audit) row.push(el('button', { type: 'button', class: 'secondary', 'data-connector': c.id,
      onclick: () => deadLetters(slot, c, can, refreshAll) }, t('connectors.deadLetters')));
    return row;
  }), { id: 'connectors-table' }), slot];
}

async function pluginsCard(can, refreshAll) {
  const list = await get('/api/v1/plugins');
  const status = statusLine('plugins-status');
  return [
    table('plugins.list', ['plugins.list', 'plugins.version', 'connectors.state', 'plugins.connectors', 'plugins.problem',
      ...(can.admin ? ['admin.actions'] : [])],
      list.map((p) => {
        const row = [p.id, p.version, badge(label('cstate.', p.state), STATE_KIND[p.state] || 'neutral'), (p.connectors || []).join(', '), p.problem || '—'];
        if (can.admin) {
          // a disabled plugin's connectors pause (their changes wait in the database); enabling starts them again
          const enable = p.state === 'disabled';
          row.push(el('button', { type: 'button', class: enable ? null : 'secondary', 'data-plugin': p.id, onclick: async () => {
            try {
              await post(`/api/v1/plugins/${seg(p.id)}:${enable ? 'enable' : 'disable'}`, {});
              await refreshAll(t(enable ? 'plugins.enabled' : 'plugins.disabled', { id: p.id }));
            } catch (e) { status.error(e); }
          } }, t(enable ? 'plugins.enable' : 'plugins.disable')));
        }
        return row;
      }),
      { id: 'plugins-table' }),
    can.admin ? el('button', { type: 'button', id: 'plugins-reload', onclick: async () => {
      try {
        const r = await post('/api/v1/plugins:reload', undefined);
        await refreshAll(t('plugins.reloaded', { added: r.added.length, upgraded: r.upgraded.length, removed: r.removed.length, failed: r.failed.length }));
      } catch (e) { status.error(e); }
    } }, t('plugins.reload')) : null,
    status.node,
  ];
}

export default {
  id: 'connectors',
  visibleTo: (can) => can.read,
  async render(container, { can }) {
    const message = statusLine('connectors-status');
    const body = el('div', {});
    const refreshAll = async (text) => {
      const parts = [el('h2', {}, t('connectors.list')), ...(await connectorsCard(can, refreshAll))];
      if (can.audit) parts.push(el('h2', {}, t('plugins.list')), ...(await pluginsCard(can, refreshAll)));
      fill(body, parts);
      if (text) message.ok(text);
    };
    container.append(el('div', { class: 'toolbar' }, el('button', { type: 'button', class: 'secondary', onclick: () => refreshAll() }, t('admin.refresh'))),
      message.node, body);
    if (!can.admin) container.append(el('p', { class: 'muted' }, t('admin.readOnly')));
    await refreshAll();
  },
};
