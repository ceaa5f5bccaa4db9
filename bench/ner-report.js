#!/usr/bin/env node
// Builds the Markdown section of docs/BENCHMARKS.md from the files bench/ner.sh wrote in OUT.
//   node bench/ner-report.js OUT COMMIT CORES DATE CPU
'use strict';
const fs = require('fs');
const path = require('path');
const [out, commit, cores, day, cpu] = process.argv.slice(2);
const file = n => path.join(out, n);
const exists = n => fs.existsSync(file(n));
const json = n => JSON.parse(fs.readFileSync(file(n), 'utf8'));
const lastJsonLine = n => JSON.parse(fs.readFileSync(file(n), 'utf8').trim().split('\n').filter(l => l.startsWith('{')).pop());

// GNU time -v: wall seconds, CPU seconds (user + system), peak RSS in MB.
function time(n) {
  const t = fs.readFileSync(file(n), 'utf8');
  const get = re => (t.match(re) || [])[1];
  const wall = get(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/).split(':').map(Number).reduce((a, b) => a * 60 + b, 0);
  return { wall, cpu: Number(get(/User time \(seconds\): ([\d.]+)/)) + Number(get(/System time \(seconds\): ([\d.]+)/)), rss: Number(get(/Maximum resident set size \(kbytes\): (\d+)/)) / 1024 };
}
const mb = n => fs.statSync(file(n)).size / 1024 / 1024;
const f4 = x => x.toFixed(4);
const secs = x => x >= 100 ? x.toFixed(0) : x.toFixed(1);
const k = x => x >= 10000 ? `${(x / 1000).toFixed(0)}k` : x.toFixed(0);

const systems = [];
for (const [name, label] of [['token-window', 'token-window'], ['token-window-lex', 'token-window + lexicons'], ['bilstm-crf', 'BiLSTM-CRF'], ['bilstm-crf-lex', 'BiLSTM-CRF + lexicons']]) {
  if (!exists(`${name}.json`)) continue;
  const r = json(`${name}.json`), r1 = json(`${name}.t1.json`), r10 = json(`${name}.t10.json`);
  const tr = time(`${name}.train.time`), ev = time(`${name}.eval.time`);
  const m = r.model, m1 = r1.model;
  systems.push({
    label, scores: r.entities, trainWall: tr.wall, trainCpu: tr.cpu, trainRss: tr.rss,
    tpsAll: m.tokens_per_second, tps1: m1.tokens_per_second, tpsCpu: m1.tokens_per_cpu_second,
    tpsLoad1: m1.tokens / (m1.predict_seconds + m1.load_seconds), load: m1.load_seconds, tps10: r10.model.tokens_per_second,
    commandWall: ev.wall, rss: ev.rss, size: mb(`${name}.zip`), threads: m.threads,
  });
}
{
  const r = json('crfsuite.json'), t = lastJsonLine('crfsuite.tag.log'), t10 = lastJsonLine('crfsuite.tag10.log');
  const tr = time('crfsuite.train.time'), tg = time('crfsuite.tag.time');
  systems.push({
    label: 'CRFsuite peer', peer: true, scores: r.entities, trainWall: tr.wall, trainCpu: tr.cpu, trainRss: tr.rss,
    tpsAll: t.tokens_per_second, tps1: t.tokens_per_second, tpsCpu: t.tokens_per_cpu_second,
    tpsLoad1: t.tokens / (t.tag_seconds + t.load_seconds), load: t.load_seconds, tps10: t10.tokens_per_second,
    commandWall: tg.wall, rss: tg.rss, size: mb('crfsuite.model'), threads: 1,
  });
}
const peer = systems.find(s => s.peer);
const labels = Object.keys(peer.scores.labels);
const load = n => exists(n) ? fs.readFileSync(file(n), 'utf8').trim() : '?';

const lines = [];
const w = s => lines.push(s);
w('## Named-entity recognition');
w('');
w(`Command: \`bash bench/ner.sh\` — commit ${commit}, ${cores} cores (${cpu}), ${day}. Load average at start / end: ${load('loadavg.start')} / ${load('loadavg.end')}` +
  ' (the machine is shared: wall times depend on the neighbours, CPU seconds much less).');
// With REUSE=1 rows can come from different runs: each system's .meta names the commit and load it ran at.
const metas = ['token-window', 'token-window-lex', 'bilstm-crf', 'bilstm-crf-lex', 'crfsuite']
  .filter(n => exists(`${n}.meta`)).map(n => `${n}: ${load(`${n}.meta`)}`);
if (metas.length) w(`Rows by run (system: commit, date, load average while it ran): ${metas.join('; ')}.`);
w('');
w('BC5CDR (PubTator): trained on the 500 training abstracts, the 500 dev abstracts used only for model selection and decoding' +
  ' (token-window: the outside penalty; BiLSTM-CRF: early stopping), scored on the 500 test abstracts. Strict entity scores' +
  ' (exact span and label) by `asclepius evaluate` against the PubTator gold, the same scorer for every system. The CRFsuite peer' +
  ' (npm crfsuite@1.0.1: CRFsuite\'s L-BFGS, c1 = c2 = 0.1, 100 iterations; word, lower case, shape, prefixes/suffixes 2-4,' +
  ' casing flags, ±2 window; `bench/crfsuite/crf.js`) trains on the same tokens with BIO tags from `asclepius convert --to conll`,' +
  ' and its predicted tags are mapped back to character offsets.');
w('');
w(`| system | ${labels.map(l => `${l} F1`).join(' | ')} | micro P | micro R | micro F1 |`);
w(`|---|${labels.map(() => '---:').join('|')}|---:|---:|---:|`);
for (const s of systems) {
  const st = s.scores;
  w(`| ${s.label} | ${labels.map(l => f4(st.labels[l].f1)).join(' | ')} | ${f4(st.micro.precision)} | ${f4(st.micro.recall)} | **${f4(st.micro.f1)}** |`);
}
w('');
w('Cost. Training: the whole `train` command (reading, features, training, dev scoring, writing the package), wall and CPU seconds.' +
  ' Labeling the 500 test abstracts (~122k tokens): tokenizing + features + tagging, model load excluded, on all cores and on one' +
  ' thread (the Node tagger is single-threaded), per CPU-second, and with the model load included (one thread);' +
  ' "×10 batch" is one thread on the test texts ten times over (1.2M tokens), where start-up costs (JIT, first use) are paid once;' +
  ' "command" is the whole labeling command\'s wall time (process start, load, reading, labeling, scoring or writing).' +
  ' Peak RSS is that command\'s (GNU time).');
w('');
w('| system | training wall s (CPU s) | tokens/s all cores | tokens/s 1 thread | tokens per CPU-s | tokens/s incl. load | tokens/s ×10 batch | model load s | command wall s | peak RSS labeling MB | model MB |');
w('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const s of systems)
  w(`| ${s.label} | ${secs(s.trainWall)} (${secs(s.trainCpu)}) | ${k(s.tpsAll)} | ${k(s.tps1)} | ${k(s.tpsCpu)} | ${k(s.tpsLoad1)} | ${k(s.tps10)} | ${s.load.toFixed(2)} | ${secs(s.commandWall)} | ${s.rss.toFixed(0)} | ${s.size.toFixed(1)} |`);
w('');
w('Ratios, ours / CRFsuite peer (higher is better for F1 and tokens/s, lower for time, memory and size):');
w('');
w('| system | micro F1 | training wall | training CPU | tokens/s all cores | tokens/s 1 thread | tokens per CPU-s | tokens/s incl. load | tokens/s ×10 batch | peak RSS | model size |');
w('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const x = (a, b) => `${(a / b).toFixed(2)}×`;
for (const s of systems.filter(s => !s.peer))
  w(`| ${s.label} | ${x(s.scores.micro.f1, peer.scores.micro.f1)} | ${x(s.trainWall, peer.trainWall)} | ${x(s.trainCpu, peer.trainCpu)} | ${x(s.tpsAll, peer.tpsAll)} | ${x(s.tps1, peer.tps1)} | ${x(s.tpsCpu, peer.tpsCpu)} | ${x(s.tpsLoad1, peer.tpsLoad1)} | ${x(s.tps10, peer.tps10)} | ${x(s.rss, peer.rss)} | ${x(s.size, peer.size)} |`);
w('');
w(`Targets (issue 3): token-window strict micro F1 ≥ 0.845 on BC5CDR test, labeling ≥ 5× the CRFsuite peer's tokens/s, training no slower than the peer; peak RSS while labeling ≤ 400 MB; package ≤ 25 MB. See "Where the targets stand" below the development notes.`);
w('');
w(fs.readFileSync(path.join(__dirname, 'ner-notes.md'), 'utf8').trim());
w('');
process.stdout.write(lines.join('\n') + '\n');
