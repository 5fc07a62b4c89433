// The playground page: the editor on the left; on the right the network, the order and state,
// and a run over data typed or pasted in. Every change is checked by the server (the same
// checker as rnnc check) a moment after typing stops; a spec that checks is then run.

import {Editor, tokens} from './editor.js';
import {Plot} from './plot.js';

const $ = (selector) => document.querySelector(selector);
const editor = new Editor($('#editor'));
const plot = new Plot($('#plot'));

const CHECK_DELAY = 250;
const RUN_DELAY = 300;

let file = 'spec.yaml';
let schema = null;
let version = 0;
let checkTimer = null;
let runTimer = null;
let checking = null;
let running = null;
let current = null;        // the last check result of a spec without errors
let inputText = {};        // what each input's box holds, by input name
let inputLayout = '';      // the inputs the boxes were made for

function storageKey() {
  return 'rnnc-playground:' + file;
}

function escape(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

async function load() {
  const response = await fetch('/api/spec');
  const spec = await response.json();
  if (!response.ok) throw new Error(spec.error);
  return spec;
}

async function start() {
  let spec;
  try {
    spec = await load();
  } catch (e) {
    setStatus('error', 'cannot load the spec: ' + e.message);
    return;
  }
  file = spec.file;
  $('#file').textContent = spec.file + (spec.example ? ' (an example)' : '');
  $('#revert').hidden = spec.example;
  const saved = sessionStorage.getItem(storageKey());
  editor.text = saved !== null ? saved : spec.text;
  editor.onChange((text) => {
    sessionStorage.setItem(storageKey(), text);
    scheduleCheck();
  });
  editor.onDescribe(describe);
  fetch('/rnnc.schema.json').then((r) => r.json()).then((s) => { schema = s; }, () => {});
  $('#revert').addEventListener('click', revert);
  $('#download-spec').addEventListener('click', () => download(file, editor.text, 'text/yaml'));
  $('#download-java').addEventListener('click', downloadJava);
  $('#download-csv').addEventListener('click', () => download(file.replace(/\.ya?ml$/, '') + '-outputs.csv', plot.csv(), 'text/csv'));
  check();
}

async function revert() {
  try {
    const spec = await load();
    sessionStorage.removeItem(storageKey());
    editor.text = spec.text;
    check();
  } catch (e) {
    setStatus('error', 'cannot load the spec: ' + e.message);
  }
}

function setStatus(kind, text) {
  const status = $('#status');
  status.className = 'status ' + kind;
  status.textContent = text;
}

function scheduleCheck() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(check, CHECK_DELAY);
}

async function check() {
  clearTimeout(checkTimer);
  if (checking) checking.abort();
  const controller = new AbortController();
  checking = controller;
  setStatus('busy', 'checking…');
  let result;
  try {
    const response = await fetch('/api/check', {
      method: 'POST',
      headers: {'Content-Type': 'text/plain; charset=utf-8'},
      body: editor.text,
      signal: controller.signal,
    });
    result = await response.json();
    if (!response.ok) throw new Error(result.error || response.statusText);
  } catch (e) {
    if (e.name !== 'AbortError') setStatus('error', 'the server did not answer: ' + e.message);
    return;
  }
  if (checking !== controller) return;
  checking = null;
  showCheck(result);
}

function showCheck(result) {
  const mine = result.diagnostics.filter((d) => d.file === file);
  editor.setDiagnostics(mine);
  showDiagnostics(result.diagnostics);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (result.ok) {
    current = result;
    setStatus('ok', warnings ? '✓ checks, ' + count(warnings, 'warning') : '✓ checks');
    showGraph(result);
    showFacts(result.model);
    showInputs(result);
    scheduleRun();
  } else {
    setStatus('error', count(errors, 'error') + (warnings ? ', ' + count(warnings, 'warning') : ''));
    $('#graph').classList.add('stale');
    $('#graph-note').textContent = current ? 'The picture shows the last spec without errors.' : '';
    $('#facts').classList.add('stale');
  }
  version++;
  $('#status').dataset.version = String(version);
}

function count(n, noun) {
  return n + ' ' + noun + (n === 1 ? '' : 's');
}

function showDiagnostics(list) {
  const ul = $('#diagnostics');
  ul.replaceChildren();
  for (const d of list) {
    const li = document.createElement('li');
    li.className = d.severity;
    li.dataset.line = d.line;
    li.dataset.column = d.column;
    const where = d.file === file ? d.line + ':' + d.column : d.file + ':' + d.line + ':' + d.column;
    li.innerHTML = '<span class="where">' + escape(where) + '</span>' + escape(d.severity) + ': '
      + escape(d.message) + (d.hint ? '<span class="hint">hint: ' + escape(d.hint) + '</span>' : '');
    if (d.file === file) li.addEventListener('click', () => editor.reveal(d.line, d.column));
    ul.appendChild(li);
  }
}

function showGraph(result) {
  const graph = $('#graph');
  graph.classList.remove('stale');
  $('#graph-note').textContent = result.svg_note || '';
  if (!result.svg) {
    graph.replaceChildren();
    return;
  }
  const svg = new DOMParser().parseFromString(result.svg, 'image/svg+xml').documentElement;
  graph.replaceChildren(document.importNode(svg, true));
  for (const item of graph.querySelectorAll('[data-line]')) {
    item.addEventListener('click', () => editor.reveal(Number(item.dataset.line), 1));
  }
}

function showFacts(model) {
  const facts = $('#facts');
  facts.classList.remove('stale');
  const method = {
    explicit: 'given by order:', acyclic: 'no cycles: no backward edge needed',
    exact: 'fewest backward edges, proven', heuristic: 'few backward edges (heuristic, not proven)'};
  const rows = [];
  rows.push(['order', model.order.map((n) => '<code>' + escape(n) + '</code>').join(' → ')
    + ' <small>(' + escape(method[model.order_method] || model.order_method) + ')</small>']);
  rows.push(['backward edges', model.backward.length
    ? model.backward.map((b, i) => '<span class="edge-ref backward" data-line="' + model.backward_at[i][0]
      + '" data-column="' + model.backward_at[i][1] + '">' + escape(b[0]) + ' → ' + escape(b[1])
      + '</span> <small>(' + model.backward_at[i][0] + ':' + model.backward_at[i][1] + ')</small>').join('<br>')
    : 'none: every edge reads the current step (or its fixed delay)']);
  if (model.order_ties.length) {
    rows.push(['note', 'equally good orders differ in what outputs read: '
      + model.order_ties.map((t) => '<code>' + escape(t[0]) + ' → ' + escape(t[1]) + '</code>').join(', ')
      + '; pin the order with <code>order:</code> or <code>delay:</code> if that matters']);
  }
  rows.push(['state size', String(model.state_size) + ' <small>values kept between steps</small>']);
  rows.push(['inputs', model.input_list.length
    ? model.input_list.map((i) => '<code>' + escape(i.name) + '</code> (' + escape(i.kind) + ', '
      + count(i.features, 'feature') + ')').join(', ')
    : 'none (runs on its own)']);
  if (model.window) {
    rows.push(['window', 'size ' + model.window.size + ', stride ' + model.window.stride + (model.window.partial ? ', partial' : '')]);
  }
  rows.push(['nodes', count(model.neurons, 'neuron') + ', ' + count(model.groups, 'group') + '; '
    + count(model.edges, 'edge') + ', ' + count(model.weights, 'weight')]);
  rows.push(['outputs', model.outputs.map((o) => '<code>' + escape(o) + '</code>').join(', ')]);
  facts.innerHTML = rows.map(([k, v]) => '<dt>' + escape(k) + '</dt><dd>' + v + '</dd>').join('');
  for (const ref of facts.querySelectorAll('.edge-ref')) {
    ref.addEventListener('click', () => editor.reveal(Number(ref.dataset.line), Number(ref.dataset.column)));
  }
}

/** Data that makes a first run worth looking at: a few sine waves, or the vocabulary's terms. */
function exampleData(input) {
  if (input.kind === 'tokens') {
    const fillers = ['the', 'so', 'and', 'but', 'then', 'a'];
    return input.terms.slice(0, 16).map((t, i) => fillers[i % fillers.length] + ' ' + t).join(', ') + '\n';
  }
  const n = Math.min(input.features, 8);
  const lines = [input.feature_names.slice(0, input.features === n ? n : 0).join(',')];
  for (let t = 0; t < 60; t++) {
    const row = [];
    for (let j = 0; j < input.features; j++) {
      row.push(Math.sin(0.25 * t + j).toFixed(4));
    }
    lines.push(row.join(','));
  }
  return (lines[0] ? lines : lines.slice(1)).join('\n') + '\n';
}

function showInputs(result) {
  const layout = JSON.stringify(result.inputs.map((i) => [i.name, i.kind, i.features]));
  if (layout === inputLayout) return;
  inputLayout = layout;
  const box = $('#inputs');
  box.replaceChildren();
  if (!result.inputs.length) {
    const label = document.createElement('label');
    label.innerHTML = '<span><b>steps</b> the model has no inputs: it runs for this many steps</span>';
    const steps = document.createElement('input');
    steps.type = 'number';
    steps.min = '0';
    steps.max = '5000';
    steps.id = 'steps';
    steps.value = inputText[':steps'] || '50';
    steps.addEventListener('input', () => { inputText[':steps'] = steps.value; scheduleRun(); });
    label.appendChild(steps);
    box.appendChild(label);
    return;
  }
  for (const input of result.inputs) {
    const label = document.createElement('label');
    const what = input.kind === 'tokens'
      ? 'text; tokens are matched against its ' + count(input.features, 'term')
      : 'CSV, one element per line, ' + count(input.features, 'column') + ' (a header row is optional)';
    label.innerHTML = '<span><b>' + escape(input.name) + '</b> ' + escape(what) + '</span>';
    const area = document.createElement('textarea');
    area.id = 'input-' + input.name;
    area.spellcheck = false;
    area.dataset.input = input.name;
    area.placeholder = input.kind === 'tokens' ? 'type or paste a text' : 'paste CSV rows';
    if (!(input.name in inputText)) inputText[input.name] = exampleData(input);
    area.value = inputText[input.name];
    area.addEventListener('input', () => { inputText[input.name] = area.value; scheduleRun(); });
    const problem = document.createElement('span');
    problem.className = 'problem';
    problem.dataset.problemOf = input.name;
    label.append(area, problem);
    box.appendChild(label);
  }
}

function scheduleRun() {
  clearTimeout(runTimer);
  runTimer = setTimeout(run, RUN_DELAY);
}

async function run() {
  if (!current) return;
  if (running) running.abort();
  const controller = new AbortController();
  running = controller;
  const form = new URLSearchParams();
  form.set('spec', editor.text);
  for (const input of current.inputs) form.set('input.' + input.name, inputText[input.name] || '');
  if (!current.inputs.length) form.set('steps', inputText[':steps'] || '50');
  const status = $('#run-status');
  status.className = 'note';
  status.textContent = 'running…';
  let result;
  try {
    const response = await fetch('/api/run', {method: 'POST', body: form, signal: controller.signal});
    result = await response.json();
    if (!response.ok) throw new Error(result.error || response.statusText);
  } catch (e) {
    if (e.name !== 'AbortError') {
      status.className = 'note error';
      status.textContent = 'the run failed: ' + e.message;
    }
    return;
  }
  if (running !== controller) return;
  running = null;
  for (const p of document.querySelectorAll('[data-problem-of]')) p.textContent = '';
  if (!result.ok) {
    status.className = 'note error';
    if (result.diagnostics && result.diagnostics.length && result.diagnostics[0].input !== undefined) {
      status.textContent = 'the input data has problems';
      for (const d of result.diagnostics) {
        const p = document.querySelector('[data-problem-of="' + CSS.escape(d.input) + '"]');
        if (p) p.textContent += d.line + ':' + d.column + ': ' + d.message + (d.hint ? ' (' + d.hint + ')' : '') + ' ';
      }
    } else {
      status.textContent = result.error || 'the spec changed; it is being checked again';
    }
    $('#download-csv').disabled = true;
    return;
  }
  plot.show(result.columns, result.rows);
  $('#download-csv').disabled = false;
  const steps = result.rows.length;
  status.textContent = count(steps, 'step') + (result.stopped ? ' (' + result.stopped + ')' : '')
    + (steps ? '; hover the plot for values' : '; the data made no complete step');
}

async function downloadJava() {
  const response = await fetch('/api/java', {
    method: 'POST',
    headers: {'Content-Type': 'text/plain; charset=utf-8'},
    body: editor.text,
  });
  if (!response.ok) {
    const result = await response.json();
    setStatus('error', result.error);
    return;
  }
  const disposition = response.headers.get('Content-Disposition') || '';
  const name = (/filename="([^"]+)"/.exec(disposition) || [])[1] || 'Model.java';
  download(name, await response.text(), 'text/x-java-source');
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---- hover text for keys, from the JSON Schema the server serves (specs/rnnc.schema.json) ----

/** The keys that enclose a key: block keys on lines above, flow keys before it on its line. */
function enclosingKeys(lines, line, column) {
  const text = lines[line - 1];
  const indentOf = (s) => /^\s*(- )?/.exec(s)[0].length;
  const path = [];
  let indent = indentOf(text);
  for (let l = line - 1; l >= 1 && indent > 0; l--) {
    const above = lines[l - 1];
    if (!above.trim() || above.trim().startsWith('#')) continue;
    const ind = indentOf(above);
    if (ind < indent) {
      const key = tokens(above).find(([cls]) => cls === 'k');
      if (key) path.unshift(unquote(key[1]));
      indent = ind;
    }
  }
  const stack = [];
  let at = 0;
  let lastKey = null;
  for (const [cls, tok] of tokens(text)) {
    if (at + tok.length >= column) break;
    if (cls === 'k') lastKey = unquote(tok);
    if (tok === '{' || tok === '[') stack.push(lastKey);
    if (tok === '}' || tok === ']') stack.pop();
    at += tok.length;
  }
  return path.concat(stack.filter((k) => k !== null));
}

function unquote(s) {
  return s.replace(/^["']|["']$/g, '');
}

/** The schema definition a key belongs to, from the keys around it. */
function sectionFor(path) {
  if (!path.length) return null;
  const inside = (k) => path.includes(k);
  switch (path[0]) {
    case 'inputs':
      return inside('window') ? 'window' : inside('vocabulary') ? 'vocabularyFile' : 'input';
    case 'neurons':
      return inside('bias') || inside('initial') ? 'weightFile' : 'neuron';
    case 'groups':
      return inside('bias') || inside('initial') ? 'weightFile' : 'group';
    case 'edges':
      return inside('weights') || path.some((k) => k.includes('->')) ? 'matrix' : 'edge';
    default:
      return null;
  }
}

function describe(lines, line, column) {
  if (!schema) return null;
  let at = 0;
  let key = null;
  for (const [cls, tok] of tokens(lines[line - 1])) {
    if (column > at && column <= at + tok.length) {
      if (cls === 'k') key = unquote(tok);
      break;
    }
    at += tok.length;
  }
  if (key === null) return null;
  const section = sectionFor(enclosingKeys(lines, line, column));
  const definitions = schema.definitions;
  const candidates = section === null ? [schema]
    : section === 'input' ? [definitions.vectorInput, definitions.tokensInput]
    : section === 'matrix' ? [definitions.weightFile, definitions.init]
    : [definitions[section]];
  for (const c of candidates) {
    const property = c && c.properties && c.properties[key];
    if (property && property.description) return {key: key + ':', text: property.description};
  }
  if (key.includes('->')) {
    return {key: key + ':', text: definitions.shorthandEdge.description};
  }
  return null;
}

start();
