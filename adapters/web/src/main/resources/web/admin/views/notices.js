// Notices: every version; publishing one (admin); one version's text, what changed against the
// version before it (a line diff), and — after a material change — who must be asked again.
import { t } from '/assets/i18n.js';
import { el, fill, table, field, checkbox, select, badge, statusLine, time } from '../dom.js';
import { diffLines } from '../diff.js';
import { get, post, seg } from '../calls.js';
import { nameOf } from './purposes.js';

function list(container, versions, purposes, can, navigate) {
  if (can.admin) container.append(publishForm(versions, purposes, navigate));
  container.append(el('h2', {}, t('notices.list')));
  container.append(table('notices.list',
    ['notices.code', 'notices.version', 'notices.revision', 'notices.title', 'notices.language', 'notices.materialShort', 'notices.published'],
    versions.map((n) => [
      n.code,
      el('a', { href: `#/notices/${seg(n.code)}/${seg(n.version)}` }, n.version),
      n.revision,
      n.title,
      n.language,
      n.material ? badge(t('notices.materialShort'), 'warn') : t('admin.no'),
      time(n.publishedAt),
    ]), { id: 'notices-table' }));
}

function publishForm(versions, purposes, navigate) {
  const codes = [...new Set(versions.map((n) => n.code))];
  const code = el('input', { name: 'code', required: true, list: 'notice-codes', autocomplete: 'off' });
  const version = el('input', { name: 'version', required: true, autocomplete: 'off' });
  const language = select(['zh-CN', 'en'], 'notices.lang.', 'zh-CN');
  const title = el('input', { name: 'title', required: true });
  const content = el('textarea', { name: 'content', required: true, rows: 8 });
  const status = statusLine('notice-status');
  const f = el('form', { class: 'card', id: 'notice-form', novalidate: true },
    el('h2', {}, t('notices.publish')),
    el('datalist', { id: 'notice-codes' }, codes.map((c) => el('option', { value: c }))),
    el('div', { class: 'grid-2' }, field('notice-code', 'notices.code', code), field('notice-version', 'notices.version', version)),
    el('div', { class: 'grid-2' }, field('notice-language', 'notices.language', language), field('notice-title', 'notices.title', title)),
    field('notice-content', 'notices.content', content),
    el('fieldset', {}, el('legend', {}, t('notices.purposes')),
      purposes.map((p) => el('div', { class: 'check' },
        el('input', { id: `notice-purpose-${p.code}`, type: 'checkbox', value: p.code }),
        el('label', { for: `notice-purpose-${p.code}` }, `${nameOf(p)} (${p.code})`)))),
    checkbox('notice-material', 'notices.material'),
    el('button', { type: 'submit' }, t('notices.publish')),
    status.node);
  f.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      code: code.value.trim(), version: version.value.trim(), language: language.value, title: title.value.trim(),
      content: content.value,
      purposes: [...f.querySelectorAll('input[id^="notice-purpose-"]:checked')].map((i) => i.value),
      material: f.querySelector('#notice-material').checked,
    };
    status.info(t('admin.loading'));
    try {
      const published = await post('/api/v1/notices', body);
      status.ok(t('notices.publishedOk', { code: published.code, version: published.version }));
      navigate(`#/notices/${seg(published.code)}/${seg(published.version)}`);
    } catch (e) {
      status.error(e);
    }
  });
  return f;
}

function diffView(previous, current) {
  if (!previous) return el('p', { class: 'muted' }, t('notices.diff.first'));
  if (previous.content === undefined || current.content === undefined) return el('p', { class: 'muted' }, t('notices.diff.unavailable'));
  const lines = diffLines(previous.content, current.content);
  if (lines.every((l) => l.op === 'same')) return el('p', { class: 'muted' }, t('notices.diff.same'));
  const added = lines.filter((l) => l.op === 'add').length;
  const removed = lines.filter((l) => l.op === 'del').length;
  return [
    el('p', {}, badge(`${t('notices.diff.added')}: ${added}`, 'ok'), ' ', badge(`${t('notices.diff.removed')}: ${removed}`, 'danger')),
    el('div', { class: 'diff', id: 'notice-diff', tabindex: '0', role: 'region', 'aria-label': t('notices.diff.region') },
      lines.map((l) => (l.op === 'add'
        ? el('ins', {}, el('span', { class: 'visually-hidden' }, `${t('notices.diff.added')}: `), l.text)
        : l.op === 'del'
          ? el('del', {}, el('span', { class: 'visually-hidden' }, `${t('notices.diff.removed')}: `), l.text)
          : el('span', {}, l.text)))),
  ];
}

function counts(caption, keyHeader, map) {
  return table(caption, [keyHeader, 'notices.count'], Object.entries(map).map(([k, v]) => [k, v]));
}

async function reconsentView(n) {
  const section = el('section', { class: 'card', id: 'reconsent', 'aria-labelledby': 'reconsent-title' },
    el('h2', { id: 'reconsent-title' }, t('notices.reconsent')));
  if (!n.material) {
    section.append(el('p', { class: 'muted' }, t('notices.reconsent.notMaterial')));
    return section;
  }
  const r = await get(`/api/v1/notices/${seg(n.code)}/versions/${seg(n.version)}/reconsent?limit=200`);
  section.append(el('p', { id: 'reconsent-summary' }, t('notices.reconsent.summary', { people: r.people, consents: r.consents })));
  if (r.people) {
    section.append(el('div', { class: 'grid-2' },
      el('div', {}, el('h3', {}, t('notices.reconsent.byVersion')), counts('notices.reconsent.byVersion', 'notices.version', r.byShownVersion)),
      el('div', {}, el('h3', {}, t('notices.reconsent.byPurpose')), counts('notices.reconsent.byPurpose', 'subjects.purpose', r.byPurpose))));
    section.append(el('h3', {}, t('notices.reconsent.subjects')),
      el('ul', { id: 'reconsent-subjects' }, r.subjects.map((id) => el('li', {}, el('a', { class: 'mono', href: `#/subjects/${seg(id)}` }, id)))));
    if (r.truncated) section.append(el('p', { class: 'muted' }, t('notices.reconsent.truncated', { n: r.subjects.length })));
  }
  return section;
}

async function detail(container, code, version, versions) {
  const n = await get(`/api/v1/notices/${seg(code)}/versions/${seg(version)}`);
  const before = versions.filter((v) => v.code === code && v.revision < n.revision).sort((a, b) => b.revision - a.revision)[0];
  const previous = before ? await get(`/api/v1/notices/${seg(code)}/versions/${seg(before.version)}`) : null;
  container.append(
    el('p', {}, el('a', { href: '#/notices' }, `← ${t('notices.back')}`)),
    el('h2', { id: 'notice-title' }, t('notices.detail', { code: n.code, version: n.version })),
    el('dl', { class: 'grid-2' },
      el('dt', {}, t('notices.title')), el('dd', {}, n.title),
      el('dt', {}, t('notices.published')), el('dd', {}, time(n.publishedAt)),
      el('dt', {}, t('notices.purposes')), el('dd', {}, n.purposes.join(', ')),
      el('dt', {}, t('notices.materialShort')), el('dd', {}, n.material ? badge(t('notices.materialShort'), 'warn') : t('admin.no')),
      el('dt', {}, t('notices.hash')), el('dd', { class: 'mono' }, n.contentHash)),
    el('section', { class: 'card', 'aria-labelledby': 'diff-title' },
      el('h2', { id: 'diff-title' }, previous ? t('notices.diff', { previous: previous.version }) : t('notices.diff', { previous: '—' })),
      diffView(previous, n)),
    await reconsentView(n),
    el('details', {}, el('summary', {}, t('notices.text')),
      n.content !== undefined ? el('div', { class: 'notice-text', tabindex: '0' }, n.content)
        : el('p', {}, t('notices.byUrl'), ' ', /^https?:\/\//i.test(n.url) ? el('a', { href: n.url, rel: 'noopener noreferrer' }, n.url) : n.url)));
}

export default {
  id: 'notices',
  visibleTo: (can) => can.read,
  async render(container, { can, params, navigate }) {
    const versions = await get('/api/v1/notices');
    if (params.length >= 2) {
      await detail(container, params[0], params[1], versions);
      return;
    }
    const purposes = can.admin ? await get('/api/v1/purposes') : [];
    if (!can.admin) container.append(el('p', { class: 'muted' }, t('admin.readOnly')));
    list(container, versions, purposes, can, navigate);
  },
};
