#!/usr/bin/env bash
# Copies jieba 0.42.1's data (MIT, see THIRD-PARTY-NOTICES.md) from ../shared/jieba into the
# library as gzip files that are embedded as resources. Run once when the upstream data changes;
# the outputs are committed so the package builds without ../shared.
# gzip -n keeps the output byte-stable (no name or timestamp in the header).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
src=${1:-$here/../shared/jieba}
dst=$here/src/TextInsight.Jieba/Data/jieba
mkdir -p "$dst"
# The dictionary is embedded uncompressed: it is read straight from the mapped assembly at load (a
# gunzip cost ~45 ms of a ~250 ms cold start), and the .nupkg is a zip, so the download is no larger.
# Its lines are stably sorted by word in UTF-16 code-unit order (the order .NET compares
# strings ordinally), so loading builds the trie in one pass without sorting; duplicate words stay in
# file order, which keeps jieba's "last line wins, every line counts in the total".
python3 - "$src/dict.txt" <<'PY' > "$dst/dict.sorted.txt"
import sys
lines = open(sys.argv[1], "rb").read().split(b"\n")
if lines and lines[-1] == b"":
    lines.pop()
key = lambda l: l.strip().split(b" ")[0].decode("utf-8").encode("utf-16-be")
sys.stdout.buffer.write(b"".join(l + b"\n" for l in sorted(lines, key=key)))
PY
gzip -9 -n -c "$src/idf.txt" > "$dst/idf.txt.gz"
for f in prob_start prob_trans prob_emit; do
  gzip -9 -n -c "$src/finalseg/$f.tsv" > "$dst/finalseg.$f.tsv.gz"
done
for f in prob_start prob_trans prob_emit char_state_tab; do
  gzip -9 -n -c "$src/posseg/$f.tsv" > "$dst/posseg.$f.tsv.gz"
done
cp "$src/LICENSE-jieba.txt" "$dst/LICENSE-jieba.txt"
ls -la "$dst"
