// The outputs of a run over the steps: one line per output column, an axis for each
// direction, a legend that shows and hides columns, and a readout of the values at the step
// under the mouse. Drawn as SVG with DOM calls (no markup strings, no external library).

const SVG = 'http://www.w3.org/2000/svg';
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b',
  '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** Columns shown at first; the rest can be switched on in the legend. */
const SHOWN_AT_FIRST = 8;

function el(name, attrs, parent) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (parent) parent.appendChild(e);
  return e;
}

/** Round numbers for an axis from {@code lo} to {@code hi}: about {@code count} of them. */
export function ticks(lo, hi, count) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) || raw;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  return out;
}

function label(v) {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(1);
  return String(Number(v.toPrecision(4)));
}

export class Plot {
  constructor(root) {
    this.root = root;
    this.hidden = new Set();
    this.columns = [];
    this.rows = [];
  }

  /** Shows a run: column names ("step" first) and rows of numbers (null for non-finite). */
  show(columns, rows) {
    const same = columns.length === this.columns.length && columns.every((c, i) => c === this.columns[i]);
    if (!same) {
      this.hidden = new Set(columns.slice(1 + SHOWN_AT_FIRST));
    }
    this.columns = columns;
    this.rows = rows;
    this.draw();
  }

  clear() {
    this.columns = [];
    this.rows = [];
    this.root.replaceChildren();
  }

  draw() {
    this.root.replaceChildren();
    const columns = this.columns;
    const rows = this.rows;
    if (columns.length < 2) return;
    const width = Math.max(this.root.clientWidth || 600, 320);
    const height = 260;
    const m = {left: 56, right: 14, top: 12, bottom: 30};
    const svg = el('svg', {
      xmlns: SVG, viewBox: '0 0 ' + width + ' ' + height, width, height,
      'font-family': 'Helvetica, Arial, sans-serif', 'font-size': 11, role: 'img',
      'aria-label': 'outputs over the steps'}, this.root);
    svg.classList.add('rnnc-plot');
    const shown = [];
    for (let c = 1; c < columns.length; c++) if (!this.hidden.has(columns[c])) shown.push(c);
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rows) {
      for (const c of shown) {
        const v = r[c];
        if (v !== null && Number.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (!Number.isFinite(lo)) { lo = -1; hi = 1; }
    if (hi - lo < 1e-12) { lo -= 0.5; hi += 0.5; }
    const pad = (hi - lo) * 0.05;
    lo -= pad;
    hi += pad;
    const first = rows.length ? rows[0][0] : 0;
    const last = rows.length ? Math.max(rows[rows.length - 1][0], first + 1) : 1;
    const x = (s) => m.left + (s - first) / (last - first) * (width - m.left - m.right);
    const y = (v) => m.top + (hi - v) / (hi - lo) * (height - m.top - m.bottom);

    const axes = el('g', {stroke: '#d0d7de', 'stroke-width': 1}, svg);
    for (const t of ticks(lo, hi, 5)) {
      el('line', {x1: m.left, x2: width - m.right, y1: y(t), y2: y(t)}, axes);
      const text = el('text', {x: m.left - 6, y: y(t) + 4, 'text-anchor': 'end', fill: '#656d76', stroke: 'none'}, svg);
      text.textContent = label(t);
    }
    for (const t of ticks(first, last, 8)) {
      if (!Number.isInteger(t)) continue;
      el('line', {x1: x(t), x2: x(t), y1: height - m.bottom, y2: height - m.bottom + 4}, axes);
      const text = el('text', {x: x(t), y: height - m.bottom + 16, 'text-anchor': 'middle', fill: '#656d76'}, svg);
      text.textContent = String(t);
    }
    el('line', {x1: m.left, x2: width - m.right, y1: height - m.bottom, y2: height - m.bottom, stroke: '#8c959f'}, svg);
    const caption = el('text', {x: width - m.right, y: height - 2, 'text-anchor': 'end', fill: '#656d76'}, svg);
    caption.textContent = 'step';

    for (const c of shown) {
      let d = '';
      let pen = false;
      for (const r of rows) {
        const v = r[c];
        if (v === null || !Number.isFinite(v)) { pen = false; continue; }
        d += (pen ? 'L' : 'M') + x(r[0]).toFixed(1) + ',' + y(v).toFixed(1);
        pen = true;
      }
      if (d) {
        el('path', {d, fill: 'none', stroke: COLORS[(c - 1) % COLORS.length], 'stroke-width': 1.6,
          'stroke-linejoin': 'round', 'data-column': columns[c]}, svg);
      }
    }

    // The step under the mouse, with every shown value.
    const cursor = el('line', {y1: m.top, y2: height - m.bottom, stroke: '#57606a', 'stroke-dasharray': '3 3', visibility: 'hidden'}, svg);
    const readout = document.createElement('div');
    readout.className = 'readout';
    readout.hidden = true;
    this.root.appendChild(readout);
    svg.addEventListener('mousemove', (e) => {
      if (!rows.length) return;
      const box = svg.getBoundingClientRect();
      const sx = (e.clientX - box.left) * width / box.width;
      const step = Math.round(first + (sx - m.left) / (width - m.left - m.right) * (last - first));
      const row = rows.find((r) => r[0] === step) || rows[Math.min(Math.max(step - first, 0), rows.length - 1)];
      cursor.setAttribute('x1', x(row[0]));
      cursor.setAttribute('x2', x(row[0]));
      cursor.setAttribute('visibility', 'visible');
      readout.textContent = 'step ' + row[0] + '\n' + shown.map((c) => columns[c] + ' = ' + row[c]).join('\n');
      readout.hidden = false;
    });
    svg.addEventListener('mouseleave', () => {
      cursor.setAttribute('visibility', 'hidden');
      readout.hidden = true;
    });

    const legend = document.createElement('div');
    legend.className = 'legend';
    for (let c = 1; c < columns.length; c++) {
      const item = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = !this.hidden.has(columns[c]);
      box.addEventListener('change', () => {
        if (box.checked) this.hidden.delete(columns[c]); else this.hidden.add(columns[c]);
        this.draw();
      });
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = COLORS[(c - 1) % COLORS.length];
      item.append(box, swatch, document.createTextNode(columns[c]));
      legend.appendChild(item);
    }
    this.root.appendChild(legend);
  }

  /** The run as CSV: rnnc run's columns; a value that is not finite is an empty cell. */
  csv() {
    const lines = [this.columns.join(',')];
    for (const r of this.rows) lines.push(r.map((v) => v === null ? '' : String(v)).join(','));
    return lines.join('\n') + '\n';
  }
}
