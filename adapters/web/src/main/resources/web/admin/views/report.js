// The compliance report (PIPL Art. 54–56): the server renders it as HTML or PDF for a period;
// both are fetched with the session and saved as files (the HTML carries its own style sheet,
// which this page's CSP would not let run inside the console).
import { t, language } from '/assets/i18n.js';
import { el, field, statusLine, download } from '../dom.js';
import { getBlob } from '../calls.js';

function day(date) {
  return date.toISOString().slice(0, 10);
}

export default {
  id: 'report',
  visibleTo: (can) => can.audit,
  async render(container) {
    const now = new Date();
    const from = el('input', { type: 'date', name: 'from', value: day(new Date(now.getTime() - 30 * 86400_000)) });
    const to = el('input', { type: 'date', name: 'to', value: day(new Date(now.getTime() + 86400_000)) });
    const status = statusLine('report-status');
    const run = async (type, ext) => {
      const lang = language() === 'en' ? 'en' : 'zh';
      const query = new URLSearchParams({ from: `${from.value}T00:00:00Z`, to: `${to.value}T00:00:00Z`, lang });
      status.info(t('admin.loading'));
      try {
        const blob = await getBlob(`/api/v1/reports/compliance?${query}`, type);
        download(`compliance-report-${from.value}-${to.value}.${ext}`, blob);
        status.ok(t('report.ready'));
      } catch (e) {
        status.error(e);
      }
    };
    container.append(el('section', { class: 'card', 'aria-labelledby': 'report-title' },
      el('h2', { id: 'report-title' }, t('report.title')),
      el('div', { class: 'grid-2' }, field('report-from', 'report.from', from), field('report-to', 'report.to', to)),
      el('div', { class: 'actions' },
        el('button', { type: 'button', id: 'report-html', onclick: () => run('text/html', 'html') }, t('report.html')),
        el('button', { type: 'button', class: 'secondary', id: 'report-pdf', onclick: () => run('application/pdf', 'pdf') }, t('report.pdf'))),
      status.node));
  },
};
