// Find a person: the identifier is typed into a form and sent in a POST body (never in a URL, as
// the API requires); the answer is a pseudonymous subject id, whose consents and history timeline
// are then read by id. The identifier is shown nowhere but in the form the operator typed it in.
import { t } from '/assets/i18n.js';
import { el, fill, table, field, select, label, statusLine, time, badge } from '../dom.js';
import { ApiError } from '/assets/api.js';
import { get, post, seg } from '../calls.js';

const TYPES = ['phone', 'email', 'wechat_openid', 'wechat_unionid', 'douyin_openid', 'tmall_ouid', 'crm_id', 'member_id', 'device_id'];
const STATE_KIND = { granted: 'ok', withdrawn: 'danger', denied: 'danger', expired: 'neutral', pending: 'warn' };

function searchForm(result) {
  const type = select(TYPES, 'idtype.', 'phone');
  const value = el('input', { name: 'value', required: true, autocomplete: 'off', spellcheck: 'false' });
  const scope = el('input', { name: 'scope', autocomplete: 'off' });
  const scopeField = field('subject-scope', 'subjects.scope', scope);
  scopeField.hidden = true;
  type.addEventListener('change', () => { scopeField.hidden = type.value !== 'wechat_openid'; });
  const status = statusLine('subject-status');
  const f = el('form', { class: 'card', id: 'subject-search', novalidate: true, role: 'search' },
    el('h2', {}, t('subjects.search')),
    el('div', { class: 'grid-2' }, field('subject-type', 'subjects.type', type), field('subject-value', 'subjects.value', value, 'subjects.value.hint')),
    scopeField,
    el('button', { type: 'submit' }, t('subjects.find')),
    status.node);
  f.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!value.value.trim()) {
      status.error(t('subjects.value'));
      value.focus();
      return;
    }
    const identifier = { type: type.value, value: value.value.trim() };
    if (type.value === 'wechat_openid' && scope.value.trim()) identifier.scope = scope.value.trim();
    status.info(t('admin.loading'));
    fill(result);
    try {
      const found = await post('/api/v1/subjects:lookup', { identifiers: [identifier] });
      status.clear();
      await showSubject(result, found.subjectId);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) status.error(t('subjects.notFound'));
      else status.error(e);
    }
  });
  return f;
}

function eventLine(e) {
  const what = e.type === 'consent_recorded'
    ? [label('action.', e.action || ''), ' · ', e.purpose || '', ' → ', badge(label('state.', e.state || ''), STATE_KIND[e.state] || 'neutral')]
    : [label('event.', e.type), e.purpose ? ` · ${e.purpose}` : ''];
  return el('li', { 'data-seq': e.seq },
    el('p', {}, el('strong', {}, what), e.current === false ? el('span', { class: 'muted' }, ` ${t('subjects.notCurrent')}`) : null),
    el('p', { class: 'muted' }, time(e.occurredAt),
      e.channel ? ` · ${label('channel.', e.channel)}` : '',
      e.noticeVersion ? ` · ${e.noticeCode || ''}@${e.noticeVersion}` : ''),
    el('p', { class: 'mono hash' }, `#${e.seq} ${e.hash}`));
}

export async function showSubject(result, subjectId) {
  fill(result, el('p', { class: 'muted' }, t('admin.loading')));
  try {
    const [consents, history] = await Promise.all([
      get(`/api/v1/subjects/${seg(subjectId)}/consents`),
      get(`/api/v1/subjects/${seg(subjectId)}/history`),
    ]);
    fill(result,
      el('h2', { id: 'subject-id', class: 'mono' }, t('subjects.subject', { id: subjectId })),
      el('section', { class: 'card', 'aria-labelledby': 'subject-consents-title' },
        el('h3', { id: 'subject-consents-title' }, t('subjects.consents')),
        table('subjects.consents', ['subjects.purpose', 'subjects.state', 'subjects.notice', 'subjects.grantedAt', 'subjects.expiresAt', 'subjects.channel'],
          consents.consents.map((c) => [c.purpose, badge(label('state.', c.state), STATE_KIND[c.state] || 'neutral'), c.noticeVersion || '—',
            time(c.grantedAt), time(c.expiresAt), c.channel ? label('channel.', c.channel) : '—']), { id: 'subject-consents' })),
      el('section', { class: 'card', 'aria-labelledby': 'subject-history-title' },
        el('h3', { id: 'subject-history-title' }, t('subjects.history')),
        el('p', { class: 'muted' }, t('subjects.history.desc')),
        el('ol', { class: 'timeline', id: 'subject-history' }, history.events.map(eventLine))));
  } catch (e) {
    const code = e instanceof ApiError ? e.problem.code || e.problem.type || '' : '';
    if (e instanceof ApiError && e.status === 410) {
      fill(result, el('p', { class: 'error' }, String(code).includes('merged') ? t('subjects.merged') : t('subjects.erased')));
    } else {
      throw e;
    }
  }
}

export default {
  id: 'subjects',
  visibleTo: (can) => can.read,
  async render(container, { params }) {
    const result = el('div', { id: 'subject-result', 'aria-live': 'polite' });
    container.append(searchForm(result), result);
    if (params[0]) await showSubject(result, params[0]);
  },
};
