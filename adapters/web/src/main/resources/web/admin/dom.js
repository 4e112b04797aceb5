// Small DOM helpers for the console. Text is always set as text (textContent), never parsed as
// HTML: what the server or a person typed cannot become markup. No inline style (CSP).
import { t, formatDateTime } from '/assets/i18n.js';
import { ApiError } from '/assets/api.js';

/** el('p', {class: 'x', 'data-i18n': 'k'}, 'text', child…): an element; null/false children are skipped. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces what node holds. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** A date-time as the console's language writes it; '—' when none. */
export function when(iso) {
  return iso ? formatDateTime(iso) : '—';
}

/** A <time> element with the machine-readable instant. */
export function time(iso) {
  return iso ? el('time', { datetime: iso }, formatDateTime(iso)) : '—';
}

/** A table: headers are i18n keys; rows are arrays of cells (text or nodes). caption is an i18n key. */
export function table(caption, headers, rows, attrs = {}) {
  return el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': `${t(caption)} · ${t('admin.table')}` },
    el('table', attrs,
      el('caption', { class: 'visually-hidden' }, t(caption)),
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, t(h))))),
      el('tbody', {}, rows.length
        ? rows.map((cells) => el('tr', cells.rowAttrs || {}, cells.map((c) => el('td', {}, c))))
        : el('tr', {}, el('td', { colspan: headers.length, class: 'muted' }, t('admin.empty'))))));
}

/** The text to show for a failed call: the server's problem detail when it gave one. */
export function problemText(error) {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('signin.error.network');
    if (error.status === 403) return t('admin.forbidden');
    const fields = (error.problem.errors || []).map((e) => `${e.field}: ${e.message}`).join('; ');
    return [error.problem.detail || error.problem.title || `HTTP ${error.status}`, fields].filter(Boolean).join(' — ');
  }
  return t('error.generic');
}

/** A live status line (role=status) that can show progress, success or an error. */
export function statusLine(id) {
  const node = el('p', { id, class: 'status', role: 'status', 'aria-live': 'polite' });
  return {
    node,
    info(text) { node.className = 'status muted'; node.textContent = text; },
    ok(text) { node.className = 'status success'; node.textContent = text; },
    error(e) { node.className = 'status error'; node.textContent = typeof e === 'string' ? e : problemText(e); },
    clear() { node.className = 'status'; node.textContent = ''; },
  };
}

/** A labelled field: <label for> + control. control attributes get the id. */
export function field(id, labelKey, control, hintKey) {
  control.id = id;
  const parts = [el('label', { for: id }, t(labelKey)), control];
  if (hintKey) {
    const hint = el('p', { id: `${id}-hint`, class: 'hint muted' }, t(hintKey));
    control.setAttribute('aria-describedby', hint.id);
    parts.push(hint);
  }
  return el('div', { class: 'field' }, parts);
}

/** A checkbox with its label after it. */
export function checkbox(id, labelKey, checked = false) {
  return el('div', { class: 'check' },
    el('input', { id, type: 'checkbox', checked: checked || null }),
    el('label', { for: id }, t(labelKey)));
}

/** A <select> of values, each shown by its i18n key (prefix + value) when one exists. */
export function select(values, prefix, selected) {
  return el('select', {}, values.map((v) => el('option', { value: v, selected: v === selected ? true : null }, label(prefix, v))));
}

/** The translation of prefix+value, or the value itself when none. */
export function label(prefix, value) {
  const key = `${prefix}${value}`;
  const text = t(key);
  return text === key ? value : text;
}

/** A small coloured badge: kind is one of ok, warn, danger, neutral. */
export function badge(text, kind = 'neutral') {
  return el('span', { class: `badge badge-${kind}` }, text);
}

/** Saves text or a Blob as a file. */
export function download(name, content, type) {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name, class: 'visually-hidden' }, name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
