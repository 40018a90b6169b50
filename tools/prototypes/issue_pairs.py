#!/usr/bin/python3
"""Prototype for issue #21 (same-issue pairs), not used by the library: out-of-fold quality of pair scorers on
../shared/data/issue_pairs.tsv. 5-fold CV stratified by label (seed 42); each fold's decision threshold is chosen on its
training folds. Prints precision/recall/F1 of `same` and the share of `related` pairs merged.
Needs Debian's python3-jieba and python3-sklearn (run with /usr/bin/python3). Texts are read from ../shared at run time.
"""
import csv, math, os
from collections import Counter
from difflib import SequenceMatcher
import numpy as np
import jieba, jieba.posseg as pseg, jieba.analyse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

jieba.setLogLevel(60)
csv.field_size_limit(10**9)
D = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'data')
m = {r['id']: r for r in csv.DictReader(open(os.path.join(D, 'messages.tsv'), encoding='utf-8'), delimiter='\t')}
P = list(csv.DictReader(open(os.path.join(D, 'issue_pairs.tsv'), encoding='utf-8'), delimiter='\t'))
ids = list(m)
idx = {i: k for k, i in enumerate(ids)}
full = lambda r: (r['title'] + '。' + r['text'])[:3000]
docs = [full(m[i]) for i in ids]
X = TfidfVectorizer(analyzer='char', ngram_range=(2, 4), min_df=2, sublinear_tf=True).fit_transform(docs)
T = TfidfVectorizer(analyzer='char', ngram_range=(2, 4), sublinear_tf=True).fit_transform([m[i]['title'] for i in ids])
words = {i: set(w for w in jieba.cut(full(m[i])) if len(w) >= 2) for i in ids}
df = Counter(w for s in words.values() for w in s)
idf = lambda w: math.log(len(ids) / (1 + df.get(w, 0)))
# Place, organisation and project names: jieba's ns/nt/nz/nrt tags, or a word ending like one.
SUFFIXES = ('小区', '花园', '苑', '府', '城', '村', '镇', '乡', '学校', '小学', '中学', '大学', '学院', '幼儿园', '医院', '公司', '集团', '路', '街',
            '广场', '大道', '项目', '工地', '中心', '局', '厂', '园', '湾', '庭', '居', '社区', '街道')
need = {p['id_a'] for p in P} | {p['id_b'] for p in P}
anchors = {i: {w for w, f in pseg.cut(full(m[i])) if len(w) >= 2 and (f in ('ns', 'nt', 'nz', 'nrt') or w.endswith(SUFFIXES))} for i in need}
keywords = {i: set(jieba.analyse.extract_tags(full(m[i]), 10)) for i in need}

def features(a, b):
    shared, union = words[a] & words[b], words[a] | words[b]
    aa, ab = anchors[a], anchors[b]
    ta, tb = (m[a]['title'] + m[a]['text'])[:400], (m[b]['title'] + m[b]['text'])[:400]
    return [
        X[idx[a]].multiply(X[idx[b]]).sum(),                                   # char 2-4-gram cosine
        T[idx[a]].multiply(T[idx[b]]).sum(),                                   # title cosine
        sum(map(idf, shared)) / max(1e-9, sum(map(idf, union))),               # IDF-weighted word overlap
        max(map(idf, shared), default=0),                                      # rarest shared word
        len(aa & ab) / max(1, len(aa | ab)),                                   # anchor overlap
        max(map(idf, aa & ab), default=0),                                     # rarest shared anchor
        1.0 if aa and ab and not aa & ab else 0.0,                             # anchors on both sides, none shared
        SequenceMatcher(None, ta, tb).find_longest_match(0, len(ta), 0, len(tb)).size / max(1, min(len(ta), len(tb))),  # copied text
        len(keywords[a] & keywords[b]) / max(1, len(keywords[a] | keywords[b])),  # TF-IDF keyword overlap
    ]

F = np.array([features(p['id_a'], p['id_b']) for p in P])
label = np.array([p['label'] for p in P])
y = label == 'same'

def f1(truth, pred):
    tp = (pred & truth).sum()
    return 2 * tp / max(1, 2 * tp + (pred & ~truth).sum() + (~pred & truth).sum())

def report(name, score):
    pred = np.zeros(len(P), bool)
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=42).split(F, label):
        s_tr, s_te = score(tr, te)
        threshold = max(np.unique(s_tr), key=lambda t: f1(y[tr], s_tr >= t))
        pred[te] = s_te >= threshold
    tp = (pred & y).sum()
    p, r = tp / max(1, pred.sum()), tp / max(1, y.sum())
    print(f'{name}: P {p:.3f} R {r:.3f} F1 {2 * p * r / max(1e-9, p + r):.3f}; related merged {(pred & (label == "related")).mean() / (label == "related").mean():.0%}')

def logistic(tr, te):
    model = LogisticRegression(max_iter=5000).fit(F[tr], y[tr])
    return model.predict_proba(F[tr])[:, 1], model.predict_proba(F[te])[:, 1]

report('char cosine', lambda tr, te: (F[tr, 0], F[te, 0]))
report('logistic regression, 9 pair features', logistic)
