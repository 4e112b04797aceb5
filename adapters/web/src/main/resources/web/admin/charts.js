// Charts drawn as inline SVG, by hand: no chart library, nothing inline that the CSP forbids (SVG
// presentation attributes are attributes, not style). Each chart is an <svg role="img"> with a
// title and a description, and the numbers it draws are also given as a table beside it, so a
// screen reader (or anyone who would rather read) has them.
const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Colours with at least 3:1 against white (WCAG 1.4.11), told apart by lightness too. */
export const PALETTE = {
  granted: '#1b6b2f',
  pending: '#8a5a00',
  denied: '#6b3fa0',
  withdrawn: '#a4161a',
  expired: '#4a4a4a',
  bar: '#0b5cad',
  warn: '#a4161a',
};

/**
 * Horizontal stacked bars: rows [{label, values: {key: n}}], series [{key, label, colour}].
 * Returns an <svg> that scales to its container's width.
 */
export function stackedBars(title, description, rows, series) {
  const rowHeight = 28;
  const labelWidth = 160;
  const width = 640;
  const legendHeight = 28;
  const height = legendHeight + rows.length * rowHeight + 8;
  const max = Math.max(1, ...rows.map((r) => series.reduce((sum, s) => sum + (r.values[s.key] || 0), 0)));
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart', preserveAspectRatio: 'xMinYMin meet' });
  root.append(svg('title', {}, title), svg('desc', {}, description));
  let x = 0;
  for (const s of series) {
    root.append(svg('rect', { x, y: 6, width: 14, height: 14, fill: s.colour }));
    root.append(svg('text', { x: x + 18, y: 18, 'font-size': 13, fill: '#1a1a1a' }, s.label));
    x += 24 + s.label.length * 9;
  }
  rows.forEach((r, i) => {
    const y = legendHeight + i * rowHeight;
    root.append(svg('text', { x: 0, y: y + 18, 'font-size': 13, fill: '#1a1a1a' }, clip(r.label, 20)));
    let at = labelWidth;
    let total = 0;
    for (const s of series) {
      const n = r.values[s.key] || 0;
      total += n;
      if (!n) continue;
      const w = ((width - labelWidth - 60) * n) / max;
      const rect = svg('rect', { x: at, y: y + 4, width: Math.max(w, 1), height: rowHeight - 10, fill: s.colour });
      rect.append(svg('title', {}, `${r.label} · ${s.label}: ${n}`));
      root.append(rect);
      at += w;
    }
    root.append(svg('text', { x: at + 6, y: y + 18, 'font-size': 13, fill: '#1a1a1a' }, String(total)));
  });
  return root;
}

/** Vertical bars: bars [{label, value, colour?}]. */
export function bars(title, description, items) {
  const width = 640;
  const height = 200;
  const base = 160;
  const max = Math.max(1, ...items.map((b) => b.value));
  const slot = (width - 20) / Math.max(1, items.length);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart', preserveAspectRatio: 'xMinYMin meet' });
  root.append(svg('title', {}, title), svg('desc', {}, description));
  root.append(svg('line', { x1: 10, x2: width - 10, y1: base, y2: base, stroke: '#4a4a4a', 'stroke-width': 1 }));
  items.forEach((b, i) => {
    const h = ((base - 24) * b.value) / max;
    const x = 10 + i * slot + slot * 0.15;
    const w = slot * 0.7;
    const rect = svg('rect', { x, y: base - h, width: w, height: Math.max(h, b.value ? 1 : 0), fill: b.colour || PALETTE.bar });
    rect.append(svg('title', {}, `${b.label}: ${b.value}`));
    root.append(rect);
    root.append(svg('text', { x: x + w / 2, y: base - h - 6, 'font-size': 13, 'text-anchor': 'middle', fill: '#1a1a1a' }, String(b.value)));
    root.append(svg('text', { x: x + w / 2, y: base + 18, 'font-size': 12, 'text-anchor': 'middle', fill: '#1a1a1a' }, clip(b.label, 14)));
  });
  return root;
}

function clip(text, n) {
  const s = String(text);
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
