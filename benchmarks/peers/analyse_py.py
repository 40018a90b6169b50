#!/usr/bin/python3
"""Times python jieba 0.42.1's posseg (tag) or TF-IDF extract_tags (tfidf, top 20) over a corpus, one
thread, calls only (no I/O). usage: /usr/bin/python3 analyse_py.py CORPUS tag|tfidf
Prints one JSON line like the segment peers: MB (UTF-8 input), seconds, MB_per_s."""
import sys, time, json
import jieba, jieba.posseg, jieba.analyse
jieba.setLogLevel(60)
corpus, task = sys.argv[1], sys.argv[2]
lines = open(corpus, "rb").read().decode("utf-8").split("\n")
if lines and lines[-1] == "":
    lines.pop()
jieba.initialize(); jieba.posseg.lcut("预热"); jieba.analyse.extract_tags("预热")
f = {"tag": lambda s: jieba.posseg.lcut(s), "tfidf": lambda s: jieba.analyse.extract_tags(s, topK=20, withWeight=True)}[task]
mb = sum(len(l.encode("utf-8")) for l in lines) / 1e6
t = time.perf_counter()
for s in lines:
    f(s)
sec = time.perf_counter() - t
print(json.dumps({"peer": "python-jieba", "task": task, "MB": round(mb, 3), "seconds": round(sec, 3), "MB_per_s": round(mb / sec, 3)}))
