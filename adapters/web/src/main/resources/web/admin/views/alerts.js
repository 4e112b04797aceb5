// Alerts: the risk alerts raised, newest first (auditors and admins).
import { t } from '/assets/i18n.js';
import { el, table, time, badge } from '../dom.js';
import { get } from '../calls.js';

const KIND = { critical: 'danger', high: 'danger', warning: 'warn', medium: 'warn', info: 'neutral', low: 'neutral' };

export default {
  id: 'alerts',
  visibleTo: (can) => can.audit,
  async render(container) {
    const alerts = await get('/api/v1/alerts?limit=200');
    container.append(table('alerts.list', ['alerts.raised', 'alerts.severity', 'alerts.rule', 'alerts.detail'],
      alerts.map((a) => [time(a.raisedAt), badge(a.severity, KIND[a.severity] || 'neutral'), a.rule,
        el('span', { class: 'mono' }, Object.entries(a.detail || {}).map(([k, v]) => `${k}=${v}`).join(', '))]),
      { id: 'alerts-table' }));
  },
};
