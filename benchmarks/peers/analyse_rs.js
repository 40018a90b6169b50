#!/usr/bin/env node
// Times @node-rs/jieba 2.0.3 (jieba-rs) tag (HMM on) or TF-IDF extractKeywords (top 20) over a corpus,
// one thread, calls only. usage: node analyse_rs.js CORPUS tag|tfidf
'use strict';
const fs = require('fs'), path = require('path'), os = require('os');
module.paths.unshift(path.join(process.env.PEERS_HOME || path.join(os.homedir(), '.cache/textinsight-peers'), 'node_modules'));
const [corpus, task] = process.argv.slice(2, 4);
const { Jieba, TfIdf } = require('@node-rs/jieba');
const { dict, idf } = require('@node-rs/jieba/dict');
const jieba = Jieba.withDict(dict);
const tfidf = TfIdf.withDict(idf);
let lines = fs.readFileSync(corpus, 'utf8').split('\n');
if (lines.length && lines[lines.length - 1] === '') lines.pop();
const mb = lines.reduce((a, l) => a + Buffer.byteLength(l, 'utf8'), 0) / 1e6;
const f = { tag: s => jieba.tag(s, true), tfidf: s => tfidf.extractKeywords(jieba, s, 20) }[task];
f('预热');
const t = process.hrtime.bigint();
for (const s of lines) f(s);
const sec = Number(process.hrtime.bigint() - t) / 1e9;
console.log(JSON.stringify({ peer: 'node-rs-jieba', task, MB: +mb.toFixed(3), seconds: +sec.toFixed(3), MB_per_s: +(mb / sec).toFixed(3) }));
