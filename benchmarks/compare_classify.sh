#!/usr/bin/env bash
# Side-by-side classification throughput, one run, one machine: TextInsight's CLI (`classify` with the
# embedded default model; rows/s excludes the model load, includes reading and writing) vs the peers of
# ../shared/peers/classify_peers.py (jieba + TF-IDF + LinearSVC / LogisticRegression, fastText; docs/s =
# segmentation + prediction, one thread). Test set: the 2,500 labelled messages (title + text) four times.
# Needs ../shared/peers/setup.sh to have run once. usage: benchmarks/compare_classify.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=$root/../shared/data
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet build "$root/src/TextInsight.Cli" -c Release -v quiet -nologo >/dev/null
cli="$root/src/TextInsight.Cli/bin/Release/net10.0/TextInsight.Cli.dll"

# Train = the first 2,000 labelled rows (label: primary); test = all 2,500 four times (speed is what is compared).
/usr/bin/python3 - "$data" "$out" <<'PY'
import csv, sys
data, out = sys.argv[1], sys.argv[2]
csv.field_size_limit(1 << 30)
msgs = {r["id"]: r for r in csv.DictReader(open(f"{data}/messages.tsv", encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE)}
rows = [r for r in csv.DictReader(open(f"{data}/taxonomy_labels.tsv", encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE)]
def write(path, items):
    with open(path, "w", encoding="utf-8") as f:
        f.write("id\ttitle\ttext\tprimary\n")
        for k, r in enumerate(items):
            m = msgs[r["id"]]
            clean = lambda s: s.replace("\t", " ").replace("\n", " ").replace("\r", " ")
            f.write(f"{r['id']}-{k}\t{clean(m['title'])}\t{clean(m['text'])}\t{r['primary']}\n")
write(f"{out}/train.tsv", rows[:2000])
write(f"{out}/test.tsv", rows * 4)
PY

for threads in 1 2; do
  dotnet "$cli" classify --input "$out/test.tsv" --output "$out/ours.tsv" --format tsv --title-column title \
    --threads $threads 2> "$out/ours$threads.log" > "$out/ours$threads.out" || true
  grep -ho "([0-9,]* rows/s)" "$out/ours$threads.log" "$out/ours$threads.out" | tr -d '(,' | awk -v t=$threads \
    '{print "{\"model\": \"textinsight, " t " thread" (t > 1 ? "s" : "") "\", \"docs_per_s\": " $1 "}"}' >> "$out/r.jsonl"
done
/usr/bin/python3 "$root/../shared/peers/classify_peers.py" "$out/train.tsv" "$out/test.tsv" primary --text title,text 2>/dev/null \
  | grep '^{' >> "$out/r.jsonl"

python3 - "$out/r.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
ours = next(r for r in rows if r["model"] == "textinsight, 1 thread")
print(f"{'model':24} {'docs/s':>9}  TextInsight (1 thread) vs it")
for r in rows:
    ratio = "" if r is ours else f"{ours['docs_per_s'] / r['docs_per_s']:.2f}x"
    print(f"{r['model']:24} {r['docs_per_s']:9.1f}  {ratio}")
PY
