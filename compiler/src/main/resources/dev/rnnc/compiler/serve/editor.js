// The spec editor: a plain textarea for typing (so that undo, selection, search and
// accessibility are the browser's own), over two layers drawn from its text: YAML colours,
// and the diagnostics' squiggles. A gutter numbers the lines and marks those with problems.

const NUMBER = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$|^0x[0-9a-fA-F]+$|^0o[0-7]+$/;
const LITERAL = /^(true|True|TRUE|false|False|FALSE|null|Null|NULL|~)$/;

function escape(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The tokens of one line: [class, text] pairs whose texts make up the line. */
export function tokens(line) {
  const out = [];
  let i = 0;
  const push = (cls, text) => { if (text) out.push([cls, text]); };
  while (i < line.length) {
    const c = line[i];
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
      push('c', line.slice(i));
      break;
    }
    if (/\s/.test(c)) {
      let j = i;
      while (j < line.length && /\s/.test(line[j])) j++;
      push('', line.slice(i, j));
      i = j;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < line.length) {
        if (c === '"' && line[j] === '\\') { j += 2; continue; }
        if (line[j] === c) {
          if (c === "'" && line[j + 1] === "'") { j += 2; continue; }
          j++;
          break;
        }
        j++;
      }
      const text = line.slice(i, j);
      push(isKeyAt(line, j) ? 'k' : 's', text);
      i = j;
      continue;
    }
    if ('{}[],'.includes(c) || (c === '-' && (line[i + 1] === undefined || line[i + 1] === ' '))
        || (c === ':' && (line[i + 1] === undefined || /[\s,\]}]/.test(line[i + 1])))) {
      push('p', c);
      i++;
      continue;
    }
    // A plain scalar: up to ": ", " #", or a flow indicator.
    let j = i;
    while (j < line.length) {
      const d = line[j];
      if (d === ':' && (line[j + 1] === undefined || /[\s,\]}]/.test(line[j + 1]))) break;
      if (d === '#' && /\s/.test(line[j - 1])) break;
      if (',[]{}'.includes(d)) break;
      j++;
    }
    let text = line.slice(i, j);
    const trimmed = text.replace(/\s+$/, '');
    const trail = text.slice(trimmed.length);
    const cls = isKeyAt(line, i + trimmed.length) && !trail.length ? 'k'
      : NUMBER.test(trimmed) ? 'n' : LITERAL.test(trimmed) ? 'b' : '';
    push(cls, trimmed);
    push('', trail);
    i = j;
  }
  return out;
}

/** Whether a key's colon follows at {@code at}: ":" then a space, the end, or a flow indicator. */
function isKeyAt(line, at) {
  let j = at;
  while (j < line.length && line[j] === ' ') j++;
  return line[j] === ':' && (line[j + 1] === undefined || /[\s,\]}]/.test(line[j + 1]));
}

export class Editor {
  constructor(root) {
    this.root = root;
    this.area = root.querySelector('textarea');
    this.highlight = root.querySelector('.highlight');
    this.marks = root.querySelector('.marks');
    this.gutter = root.querySelector('.gutter-lines');
    this.tip = root.querySelector('.tip');
    this.diagnostics = [];
    this.listeners = [];
    this.describe = () => null;
    this.area.addEventListener('input', () => this.changed());
    this.area.addEventListener('scroll', () => this.scrolled());
    this.area.addEventListener('keydown', (e) => this.key(e));
    this.area.addEventListener('mousemove', (e) => this.hover(e));
    this.area.addEventListener('mouseleave', () => { this.tip.hidden = true; });
  }

  get text() {
    return this.area.value;
  }

  set text(value) {
    this.area.value = value;
    this.diagnostics = [];
    this.render();
  }

  /** Calls {@code listener} with the text after every edit. */
  onChange(listener) {
    this.listeners.push(listener);
  }

  /** Tells the editor how to describe the key at a line and column (for hover text). */
  onDescribe(describe) {
    this.describe = describe;
  }

  changed() {
    this.render();
    for (const l of this.listeners) l(this.area.value);
  }

  /** Shows diagnostics: {line, column, severity, message, hint}, 1-based like rnnc check. */
  setDiagnostics(list) {
    this.diagnostics = list;
    this.renderMarks();
    this.renderGutter();
  }

  render() {
    const lines = this.area.value.split('\n');
    this.highlight.innerHTML = lines.map((line) => '<div class="l">' + tokens(line)
      .map(([cls, text]) => cls ? '<span class="' + cls + '">' + escape(text) + '</span>' : escape(text))
      .join('') + '</div>').join('');
    this.renderMarks();
    this.renderGutter();
    this.scrolled();
  }

  /** Each line's text, invisible, with the span of every diagnostic on it underlined. */
  renderMarks() {
    const lines = this.area.value.split('\n');
    const byLine = new Map();
    for (const d of this.diagnostics) {
      const line = Math.min(Math.max(d.line, 1), lines.length);
      if (!byLine.has(line)) byLine.set(line, []);
      byLine.get(line).push(d);
    }
    this.marks.innerHTML = lines.map((text, index) => {
      const ds = byLine.get(index + 1);
      if (!ds) return '<div class="l">' + escape(text) + '</div>';
      const severity = ds.some((d) => d.severity === 'error') ? 'error' : 'warning';
      const spans = ds.map((d) => [Math.min(d.column - 1, text.length), spanEnd(text, d.column - 1), d.severity])
        .sort((a, b) => a[0] - b[0]);
      let html = '';
      let at = 0;
      for (const [from, to, sev] of spans) {
        if (from < at) continue;
        html += escape(text.slice(at, from));
        const shown = text.slice(from, to) || ' ';
        html += '<span class="squiggle ' + sev + '">' + escape(shown) + '</span>';
        at = Math.max(to, from);
      }
      html += escape(text.slice(at));
      return '<div class="l ' + severity + '">' + html + '</div>';
    }).join('');
  }

  renderGutter() {
    const count = this.area.value.split('\n').length;
    const messages = new Map();
    for (const d of this.diagnostics) {
      const line = Math.min(Math.max(d.line, 1), count);
      const prior = messages.get(line);
      const severity = prior && prior.severity === 'error' ? 'error' : d.severity;
      const text = (prior ? prior.text + '\n' : '') + d.message + (d.hint ? ' (hint: ' + d.hint + ')' : '');
      messages.set(line, {severity, text});
    }
    let html = '';
    for (let i = 1; i <= count; i++) {
      const m = messages.get(i);
      html += m
        ? '<div class="' + m.severity + '" title="' + escape(m.text).replace(/"/g, '&quot;') + '">' + (m.severity === 'error' ? '● ' : '▲ ') + i + '</div>'
        : '<div>' + i + '</div>';
    }
    this.gutter.innerHTML = html;
  }

  scrolled() {
    const x = this.area.scrollLeft;
    const y = this.area.scrollTop;
    const shift = 'translate(' + -x + 'px, ' + -y + 'px)';
    this.highlight.style.transform = shift;
    this.marks.style.transform = shift;
    this.gutter.style.transform = 'translateY(' + -y + 'px)';
  }

  key(e) {
    if (e.key === 'Tab' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      if (!e.shiftKey) this.insert('  ');
    } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // Keep the indentation of the line, one level deeper after a key that opens a block.
      const value = this.area.value;
      const start = value.lastIndexOf('\n', this.area.selectionStart - 1) + 1;
      const line = value.slice(start, this.area.selectionStart);
      let indent = /^\s*(- )?/.exec(line)[0].replace('- ', '  ');
      if (/:\s*$/.test(line)) indent += '  ';
      e.preventDefault();
      this.insert('\n' + indent);
    }
  }

  /** Replaces the selection with {@code text}, as typing would (so that undo keeps working). */
  insert(text) {
    this.area.focus();
    if (!document.execCommand('insertText', false, text)) {
      this.area.setRangeText(text, this.area.selectionStart, this.area.selectionEnd, 'end');
      this.changed();
    }
  }

  /** Puts the caret at a 1-based line and column and scrolls it into view. */
  reveal(line, column) {
    const lines = this.area.value.split('\n');
    const l = Math.min(Math.max(line, 1), lines.length);
    let offset = 0;
    for (let i = 0; i < l - 1; i++) offset += lines[i].length + 1;
    offset += Math.min(Math.max(column - 1, 0), lines[l - 1].length);
    this.area.focus();
    this.area.setSelectionRange(offset, offset);
    const lh = this.lineHeight();
    const top = (l - 1) * lh;
    if (top < this.area.scrollTop || top > this.area.scrollTop + this.area.clientHeight - 3 * lh) {
      this.area.scrollTop = Math.max(0, top - this.area.clientHeight / 3);
    }
    this.scrolled();
  }

  lineHeight() {
    const first = this.highlight.querySelector('.l');
    return first ? first.getBoundingClientRect().height : 20;
  }

  charWidth() {
    if (!this.measured) {
      const probe = document.createElement('span');
      probe.textContent = 'x'.repeat(100);
      this.highlight.appendChild(probe);
      this.measured = probe.getBoundingClientRect().width / 100;
      probe.remove();
    }
    return this.measured;
  }

  /** The 1-based line and column under a mouse event. */
  position(e) {
    const box = this.area.getBoundingClientRect();
    const pad = parseFloat(getComputedStyle(this.area).paddingLeft);
    const y = e.clientY - box.top + this.area.scrollTop - pad;
    const x = e.clientX - box.left + this.area.scrollLeft - pad;
    return {line: Math.floor(y / this.lineHeight()) + 1, column: Math.floor(x / this.charWidth()) + 1};
  }

  hover(e) {
    const {line, column} = this.position(e);
    const lines = this.area.value.split('\n');
    if (line < 1 || line > lines.length) {
      this.tip.hidden = true;
      return;
    }
    const text = lines[line - 1];
    const problems = this.diagnostics.filter((d) => d.line === line
      && column >= d.column && column <= Math.max(spanEnd(text, d.column - 1), d.column));
    let html = '';
    for (const d of problems) {
      html += '<div><b>' + escape(d.severity) + ':</b> ' + escape(d.message)
        + (d.hint ? '<br><i>hint: ' + escape(d.hint) + '</i>' : '') + '</div>';
    }
    if (!html && column <= text.length) {
      const description = this.describe(lines, line, column);
      if (description) html = '<div><b>' + escape(description.key) + '</b> ' + escape(description.text) + '</div>';
    }
    if (!html) {
      this.tip.hidden = true;
      return;
    }
    this.tip.innerHTML = html;
    this.tip.hidden = false;
    const root = this.root.getBoundingClientRect();
    const left = Math.min(e.clientX - root.left + 12, root.width - 300);
    this.tip.style.left = Math.max(4, left) + 'px';
    this.tip.style.top = (e.clientY - root.top + 16) + 'px';
  }
}

/** Where the token that starts at {@code from} ends: a quoted string, or up to a separator. */
export function spanEnd(text, from) {
  if (from >= text.length) return from + 1;
  const c = text[from];
  if (c === '"' || c === "'") {
    const close = text.indexOf(c, from + 1);
    return close < 0 ? text.length : close + 1;
  }
  let j = from;
  while (j < text.length && !/[\s,\]}]/.test(text[j])) {
    if (text[j] === ':' && (j + 1 === text.length || text[j + 1] === ' ')) break;
    j++;
  }
  return Math.max(j, from + 1);
}
