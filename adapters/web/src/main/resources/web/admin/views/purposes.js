// Purposes: the list, and for an admin a form to define a new one or redefine one (PUT, the API's
// own validation answers; its problem is shown next to the form).
import { t, language } from '/assets/i18n.js';
import { el, table, field, checkbox, select, label, badge, statusLine } from '../dom.js';
import { get, put, seg } from '../calls.js';

const CATEGORIES = ['marketing', 'analytics', 'personalization', 'sharing', 'public_disclosure', 'service', 'security', 'research'];
const BASES = ['consent', 'contract', 'legal_obligation', 'vital_interest', 'public_interest', 'news_reporting', 'public_information'];

export function nameOf(p) {
  const names = p.name || {};
  return (language() === 'en' ? names.en || names.zh : names.zh || names['zh-CN'] || names.en) || p.code;
}

function list(container, all, can) {
  if (can.admin) {
    container.append(el('div', { class: 'toolbar' }, el('a', { class: 'button', href: '#/purposes/new', id: 'purpose-new' }, t('purposes.new'))));
  } else {
    container.append(el('p', { class: 'muted' }, t('admin.readOnly')));
  }
  container.append(table('purposes.list',
    ['purposes.code', 'purposes.nameZh', 'purposes.category', 'purposes.legalBasis', 'purposes.separate', 'purposes.grade', 'purposes.validityDays'],
    all.map((p) => [
      can.admin ? el('a', { href: `#/purposes/${seg(p.code)}` }, p.code) : p.code,
      nameOf(p),
      label('category.', p.category),
      label('basis.', p.legalBasis),
      p.separateConsentRequired ? badge(t('admin.yes'), 'warn') : t('admin.no'),
      p.highestGrade || '—',
      p.validityDays ?? '—',
    ]), { id: 'purposes-table' }));
}

function form(container, existing, navigate) {
  const p = existing || {};
  const code = el('input', { name: 'code', required: true, pattern: '[a-z0-9][a-z0-9._-]*', value: p.code || '', readonly: existing ? true : null });
  const nameZh = el('input', { name: 'nameZh', required: true, value: (p.name && p.name.zh) || '' });
  const nameEn = el('input', { name: 'nameEn', value: (p.name && p.name.en) || '' });
  const description = el('textarea', { name: 'description', rows: 3 }, p.description || '');
  const category = select(CATEGORIES, 'category.', p.category || 'marketing');
  const basis = select(BASES, 'basis.', p.legalBasis || 'consent');
  const elements = el('input', { name: 'dataElements', value: (p.dataElements || []).map((d) => d.name).join(', ') });
  const retention = el('input', { name: 'retentionDays', type: 'number', min: 1, inputmode: 'numeric', value: p.retentionDays ?? '' });
  const validity = el('input', { name: 'validityDays', type: 'number', min: 1, inputmode: 'numeric', value: p.validityDays ?? '' });
  const status = statusLine('purpose-status');
  const flags = ['necessary', 'sensitive', 'separateConsent', 'crossBorder', 'doubleOptIn'];
  const f = el('form', { class: 'card', id: 'purpose-form', novalidate: true },
    el('h2', {}, existing ? t('purposes.edit', { code: p.code }) : t('purposes.new')),
    field('purpose-code', 'purposes.code', code, 'purposes.code.hint'),
    el('div', { class: 'grid-2' }, field('purpose-name-zh', 'purposes.nameZh', nameZh), field('purpose-name-en', 'purposes.nameEn', nameEn)),
    field('purpose-description', 'purposes.description', description),
    el('div', { class: 'grid-2' }, field('purpose-category', 'purposes.category', category), field('purpose-basis', 'purposes.legalBasis', basis)),
    el('fieldset', {}, el('legend', {}, t('purposes.flags')), flags.map((name) => checkbox(`purpose-${name}`, `purposes.${name}`, p[name]))),
    field('purpose-elements', 'purposes.dataElements', elements, 'purposes.dataElements.hint'),
    el('div', { class: 'grid-2' }, field('purpose-retention', 'purposes.retentionDays', retention), field('purpose-validity', 'purposes.validityDays', validity)),
    el('div', { class: 'actions' },
      el('button', { type: 'submit' }, t('admin.save')),
      el('a', { class: 'button secondary', href: '#/purposes' }, t('admin.cancel'))),
    status.node);
  f.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      name: Object.fromEntries([['zh', nameZh.value.trim()], ['en', nameEn.value.trim()]].filter(([, v]) => v)),
      category: category.value,
      legalBasis: basis.value,
      dataElements: elements.value.split(/[,，]/).map((s) => s.trim()).filter(Boolean),
    };
    if (description.value.trim()) body.description = description.value.trim();
    for (const name of flags) body[name] = f.querySelector(`#purpose-${name}`).checked;
    if (retention.value) body.retentionDays = Number(retention.value);
    if (validity.value) body.validityDays = Number(validity.value);
    // recipients are kept as they were: the form does not edit them
    if (p.recipients && p.recipients.length) body.recipients = p.recipients.map(({ name, contact, country, processingMethod }) =>
      Object.fromEntries(Object.entries({ name, contact, country, processingMethod }).filter(([, v]) => v !== undefined)));
    if (p.transferMechanism) body.transferMechanism = p.transferMechanism;
    status.info(t('admin.loading'));
    try {
      await put(`/api/v1/purposes/${seg(code.value.trim())}`, body);
      status.ok(t('purposes.created', { code: code.value.trim() }));
      navigate('#/purposes');
    } catch (e) {
      status.error(e);
    }
  });
  container.append(f);
}

export default {
  id: 'purposes',
  visibleTo: (can) => can.read,
  async render(container, { can, params, navigate }) {
    if (params[0] && can.admin) {
      const existing = params[0] === 'new' ? null : await get(`/api/v1/purposes/${seg(params[0])}`);
      form(container, existing, navigate);
      return;
    }
    list(container, await get('/api/v1/purposes'), can);
  },
};
