#!/usr/bin/env node
// CRFsuite peer for bench/ner.sh: a linear-chain CRF (CRFsuite's L-BFGS, through the Node binding) with
// a standard hand-feature set, trained and scored on the same tokens and BIO tags as our models
// (files written by `asclepius convert --to conll`, so tokenization is identical).
//
//   node crf.js train --conll train.conll --model crf.model [--c1 0.1] [--c2 0.1] [--iterations 100]
//   node crf.js tag --model crf.model --conll test.conll --text test.jsonl --out pred.jsonl
//
// `tag` maps predicted tags back to character offsets in the texts of test.jsonl (tokens are exact
// slices, found in order) and writes native JSONL, so `asclepius evaluate` scores it exactly like ours.
// Each command prints one JSON line of timings on stdout.
'use strict';
const fs = require('fs');
const crfsuite = require('crfsuite');

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  if (fallback === undefined) { console.error(`missing ${name}`); process.exit(2); }
  return fallback;
}

// Documents → sentences → [token, tag] pairs, in file order.
function readConll(path) {
  const docs = [];
  let doc = null, sent = [];
  const flush = () => { if (sent.length) { doc.push(sent); sent = []; } };
  for (const line of fs.readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') { if (doc) flush(); continue; }
    const cols = line.split('\t');
    if (cols[0] === '-DOCSTART-') { if (doc) flush(); doc = []; docs.push(doc); continue; }
    if (!doc) { doc = []; docs.push(doc); }
    sent.push([cols[0], cols[cols.length - 1]]);
  }
  if (doc) flush();
  return docs;
}

function shape(w) {
  let s = '';
  for (const ch of w) {
    const c = /[A-Z]/.test(ch) ? 'X' : /[a-z]/.test(ch) ? 'x' : /[0-9]/.test(ch) ? 'd' : ch;
    if (s[s.length - 1] !== c) s += c;
  }
  return s;
}

// The usual CRFsuite / sklearn-crfsuite feature set: word, lower case, shape, prefixes and suffixes,
// casing flags, and the same for neighbours within ±2.
function features(words) {
  const n = words.length;
  const lower = words.map(w => w.toLowerCase());
  const shapes = words.map(shape);
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const w = words[i], l = lower[i];
    const f = ['bias', 'w=' + w, 'l=' + l, 'sh=' + shapes[i],
      'p2=' + l.slice(0, 2), 'p3=' + l.slice(0, 3), 'p4=' + l.slice(0, 4),
      's2=' + l.slice(-2), 's3=' + l.slice(-3), 's4=' + l.slice(-4)];
    if (/^[A-Z]+$/.test(w)) f.push('upper');
    if (/^[A-Z][a-z]/.test(w)) f.push('title');
    if (/[0-9]/.test(w)) f.push('digit');
    if (w.includes('-')) f.push('hyphen');
    for (const o of [-2, -1, 1, 2]) {
      const j = i + o;
      if (j < 0) { f.push(o + ':BOS'); continue; }
      if (j >= n) { f.push(o + ':EOS'); continue; }
      f.push(o + ':l=' + lower[j], o + ':sh=' + shapes[j]);
      if (o === -1 || o === 1) f.push(o + ':s3=' + lower[j].slice(-3), o + ':l|l=' + lower[Math.min(i, j)] + '|' + lower[Math.max(i, j)]);
    }
    out[i] = f;
  }
  return out;
}

function train() {
  const docs = readConll(arg('--conll'));
  const model = arg('--model');
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const trainer = new crfsuite.Trainer({ debug: false });
  trainer.set_params({
    c1: arg('--c1', '0.1'), c2: arg('--c2', '0.1'), max_iterations: arg('--iterations', '100'),
    'feature.possible_transitions': '1',
  });
  let tokens = 0;
  for (const doc of docs) for (const s of doc) {
    trainer.append(features(s.map(t => t[0])), s.map(t => t[1]));
    tokens += s.length;
  }
  trainer.train(model);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  console.log(JSON.stringify({ command: 'train', tokens, seconds, cpu_seconds: (cpu.user + cpu.system) / 1e6, model_bytes: fs.statSync(model).size }));
}

function tag() {
  const t0 = process.hrtime.bigint();
  const tagger = new crfsuite.Tagger();
  if (!tagger.open(arg('--model'))) { console.error('cannot open model'); process.exit(1); }
  const loadSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const docs = readConll(arg('--conll'));
  const texts = fs.readFileSync(arg('--text'), 'utf8').split('\n').filter(l => l.trim()).map(l => JSON.parse(l));
  if (texts.length !== docs.length) { console.error(`${texts.length} texts but ${docs.length} CoNLL documents`); process.exit(1); }

  // Timed: features + CRF tagging of every sentence (what labeling costs), not file reading or writing.
  const t1 = process.hrtime.bigint();
  const c1 = process.cpuUsage();
  let tokens = 0;
  const predicted = docs.map(doc => doc.map(s => {
    tokens += s.length;
    const r = tagger.tag(features(s.map(t => t[0])));
    return Array.isArray(r) ? r : r.result;
  }));
  const tagSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
  const cpu = process.cpuUsage(c1);
  const tagCpuSeconds = (cpu.user + cpu.system) / 1e6;

  const lines = [];
  docs.forEach((doc, d) => {
    const text = texts[d].text;
    let pos = 0, n = 0;
    const entities = [];
    doc.forEach((s, si) => {
      const spans = s.map(([tok]) => {
        const at = text.indexOf(tok, pos);
        if (at < 0) throw new Error(`token '${tok}' not found in document ${texts[d].id}`);
        pos = at + tok.length;
        return [at, pos];
      });
      // conlleval chunks over BIO: B- starts; I- continues the same type, else starts.
      let open = null;
      const close = () => { if (open) { entities.push(open); open = null; } };
      predicted[d][si].forEach((t, i) => {
        const [p, type] = t === 'O' ? ['O', ''] : [t[0], t.slice(2)];
        if (p === 'O') { close(); return; }
        if (p === 'B' || p === 'U' || p === 'S' || !open || open.label !== type) { close(); open = { start: spans[i][0], end: spans[i][1], label: type }; }
        else open.end = spans[i][1];
        if (p === 'L' || p === 'E' || p === 'U' || p === 'S') close();
      });
      close();
    });
    lines.push(JSON.stringify({
      id: texts[d].id, text,
      entities: entities.map(e => ({ id: 'T' + (++n), start: e.start, end: e.end, label: e.label, text: text.slice(e.start, e.end) })),
    }));
  });
  fs.writeFileSync(arg('--out'), lines.join('\n') + '\n');
  console.log(JSON.stringify({ command: 'tag', tokens, load_seconds: loadSeconds, tag_seconds: tagSeconds, tokens_per_second: tokens / tagSeconds,
    tag_cpu_seconds: tagCpuSeconds, tokens_per_cpu_second: tokens / tagCpuSeconds }));
}

const command = process.argv[2];
if (command === 'train') train();
else if (command === 'tag') tag();
else { console.error('usage: node crf.js train|tag ...'); process.exit(2); }
