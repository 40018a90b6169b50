#!/usr/bin/env bash
# Side-by-side POS tagging and TF-IDF keyword speed, one run, one machine, one thread: TextInsight's CLI
# (`tag --stats`, `keywords --stats`) vs python jieba and jieba-rs (@node-rs/jieba), calls only.
# Needs ../shared/peers/setup.sh to have run once. usage: benchmarks/compare_analyse.sh [CORPUS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/../shared/peers/corpus.txt}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet build "$root/src/TextInsight.Cli" -c Release -v quiet -nologo >/dev/null
cli="$root/src/TextInsight.Cli/bin/Release/net10.0/TextInsight.Cli.dll"
for task in tag tfidf; do
  if [ $task = tag ]; then dotnet "$cli" tag --input "$corpus" --output "$out/t" --stats 2> "$out/ti.json"
  else dotnet "$cli" keywords --input "$corpus" --output "$out/t" --with-weight --stats 2> "$out/ti.json"; fi
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); r.update(peer='textinsight', task=sys.argv[2]); print(json.dumps(r))" "$out/ti.json" "$task" >> "$out/r.jsonl"
  node "$root/benchmarks/peers/analyse_rs.js" "$corpus" $task >> "$out/r.jsonl"
  /usr/bin/python3 "$root/benchmarks/peers/analyse_py.py" "$corpus" $task >> "$out/r.jsonl"
done
python3 - "$out/r.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"{'task':6} {'peer':14} {'MB/s':>8}  TextInsight's speed ratio")
for task in ("tag", "tfidf"):
    ours = next(r for r in rows if r["task"] == task and r["peer"] == "textinsight")
    for r in (x for x in rows if x["task"] == task):
        ratio = "" if r is ours else f"{ours['MB_per_s'] / r['MB_per_s']:.2f}x"
        print(f"{task:6} {r['peer']:14} {r['MB_per_s']:8.2f}  {ratio}")
PY
