#!/usr/bin/python3
"""Records python jieba 0.42.1's posseg, TF-IDF and TextRank output for the first 3,000 lines of
../shared/peers/corpus.txt, for the golden tests. Run with Debian's python3-jieba (../shared/peers/setup.sh):
    /usr/bin/python3 tests/TextInsight.Tests/Golden/generate_analyse.py ../shared/peers/corpus.txt tests/TextInsight.Tests/Golden
The message texts must not be copied into the repo, so nothing here contains them: a tagged line is
written as token lengths with tags ("2/n 1/v ..."), and a keyword as the offset and length of its first
occurrence in the line plus its weight in Python's repr ("17:2:0.8123..."). The tests read the corpus
from ../shared at run time and rebuild the words from these positions."""
import gzip, sys, os
import jieba, jieba.posseg, jieba.analyse
jieba.setLogLevel(60)
assert jieba.__version__ == "0.42.1", jieba.__version__
corpus, out = sys.argv[1], sys.argv[2]
lines = open(corpus, "rb").read().decode("utf-8").split("\n")[:3000]

def write(name, rows):
    with gzip.GzipFile(os.path.join(out, name), "wb", mtime=0) as f:
        f.write(("\n".join(rows) + "\n").encode("utf-8"))

def keywords(line, pairs):
    cells = []
    for word, weight in pairs:
        at = line.find(word)
        assert at >= 0, (word, line[:20])
        cells.append(f"{at}:{len(word)}:{weight!r}")
    return " ".join(cells)

write("posseg.hmm.txt.gz", [" ".join(f"{len(p.word)}/{p.flag}" for p in jieba.posseg.lcut(l)) for l in lines])
write("posseg.nohmm.txt.gz", [" ".join(f"{len(p.word)}/{p.flag}" for p in jieba.posseg.lcut(l, HMM=False)) for l in lines])
write("tfidf.top20.txt.gz", [keywords(l, jieba.analyse.extract_tags(l, topK=20, withWeight=True)) for l in lines])
write("tfidf.nv.top20.txt.gz", [keywords(l, jieba.analyse.extract_tags(l, topK=20, withWeight=True, allowPOS=("n", "ns", "nr", "v", "vn"))) for l in lines])
write("textrank.top20.txt.gz", [keywords(l, jieba.analyse.textrank(l, topK=20, withWeight=True)) for l in lines])
