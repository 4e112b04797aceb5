// A line diff of two notice texts (what changed from the previous version), computed here: the
// longest common subsequence of lines after the common head and tail are set aside. A privacy
// policy is at most ~60k characters (a few thousand lines): the table stays a few million cells.

/** [{op: 'same'|'add'|'del', text}] turning a into b, line by line. */
export function diffLines(a, b) {
  const x = (a || '').split(/\r?\n/);
  const y = (b || '').split(/\r?\n/);
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  const xs = x.slice(head, x.length - tail);
  const ys = y.slice(head, y.length - tail);
  const out = x.slice(0, head).map((text) => ({ op: 'same', text }));
  if (xs.length * ys.length > 25_000_000) {
    // too large to align line by line: show the middle as removed then added
    xs.forEach((text) => out.push({ op: 'del', text }));
    ys.forEach((text) => out.push({ op: 'add', text }));
  } else {
    out.push(...lcs(xs, ys));
  }
  x.slice(x.length - tail).forEach((text) => out.push({ op: 'same', text }));
  return out;
}

function lcs(xs, ys) {
  const n = xs.length;
  const m = ys.length;
  const table = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * (m + 1) + j] = xs[i] === ys[j]
        ? table[(i + 1) * (m + 1) + j + 1] + 1
        : Math.max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (xs[i] === ys[j]) {
      out.push({ op: 'same', text: xs[i] });
      i++;
      j++;
    } else if (table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1]) {
      out.push({ op: 'del', text: xs[i++] });
    } else {
      out.push({ op: 'add', text: ys[j++] });
    }
  }
  while (i < n) out.push({ op: 'del', text: xs[i++] });
  while (j < m) out.push({ op: 'add', text: ys[j++] });
  return out;
}
