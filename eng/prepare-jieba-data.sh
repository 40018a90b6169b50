#!/usr/bin/env bash
# Copies jieba 0.42.1's data (MIT, see THIRD-PARTY-NOTICES.md) from ../shared/jieba into the
# library as gzip files that are embedded as resources. Run once when the upstream data changes;
# the outputs are committed so the package builds without ../shared.
# gzip -n keeps the output byte-stable (no name or timestamp in the header).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
src=${1:-$here/../shared/jieba}
dst=$here/src/TextInsight/Data/jieba
mkdir -p "$dst"
gzip -9 -n -c "$src/dict.txt" > "$dst/dict.txt.gz"
gzip -9 -n -c "$src/idf.txt" > "$dst/idf.txt.gz"
for f in prob_start prob_trans prob_emit; do
  gzip -9 -n -c "$src/finalseg/$f.tsv" > "$dst/finalseg.$f.tsv.gz"
done
for f in prob_start prob_trans prob_emit char_state_tab; do
  gzip -9 -n -c "$src/posseg/$f.tsv" > "$dst/posseg.$f.tsv.gz"
done
cp "$src/LICENSE-jieba.txt" "$dst/LICENSE-jieba.txt"
ls -la "$dst"
