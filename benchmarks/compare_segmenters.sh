#!/usr/bin/env bash
# Side-by-side segmentation speed, one run, one machine: TextInsight's CLI vs jieba-rs (@node-rs/jieba)
# and, with --python, python jieba. Prints MB/s per peer and mode, our ratio to each, and whether
# the outputs equal python jieba's (when run). Needs ../shared/peers/setup.sh to have run once.
# Peers alternate within each repetition and the table shows medians, because one sample on a
# shared 2-core machine swings by 30%.
# usage: benchmarks/compare_segmenters.sh [--python] [--repeat N] [--corpus FILE] [MODE ...]   (MODE: hmm nohmm all search)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
peers=$root/../shared/peers
corpus=$peers/corpus.txt
python=0
repeat=3
modes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --python) python=1 ;;
    --corpus) corpus=$2; shift ;;
    --repeat) repeat=$2; shift ;;
    *) modes+=("$1") ;;
  esac
  shift
done
[ ${#modes[@]} -gt 0 ] || modes=(hmm nohmm all search)
out=$(mktemp -d)
results=$out/results.jsonl
dotnet build "$root/src/TextInsight.Cli" -c Release -v quiet -nologo >/dev/null
cli="$root/src/TextInsight.Cli/bin/Release/net10.0/TextInsight.Cli.dll"
for rep in $(seq 1 "$repeat"); do
for mode in "${modes[@]}"; do
  case "$mode" in
    hmm) args=(--mode precise) ;; nohmm) args=(--mode precise --no-hmm) ;;
    all) args=(--mode full) ;; search) args=(--mode search) ;;
    *) echo "unknown mode $mode" >&2; exit 2 ;;
  esac
  dotnet "$cli" segment --input "$corpus" --output "$out/ti.$mode.txt" "${args[@]}" --stats 2> "$out/ti.json"
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); r.update(peer='textinsight', mode=sys.argv[2]); print(json.dumps(r))" "$out/ti.json" "$mode" >> "$results"
  node "$peers/segment_rs.js" "$corpus" "$mode" "$out/rs.$mode.txt" --results "$results" >/dev/null
  if [ $python = 1 ] && [ $rep = 1 ]; then
    /usr/bin/python3 "$peers/segment_py.py" "$corpus" "$mode" "$out/py.$mode.txt" --results "$results" >/dev/null
    echo "$mode: TextInsight vs python jieba: $(python3 "$peers/compare.py" "$out/py.$mode.txt" "$out/ti.$mode.txt" 1 | head -1)"
    echo "$mode: jieba-rs   vs python jieba: $(python3 "$peers/compare.py" "$out/py.$mode.txt" "$out/rs.$mode.txt" 1 | head -1)"
  fi
done
done
python3 - "$results" "$repeat" <<'PY'
import json, sys, statistics
rows = [json.loads(l) for l in open(sys.argv[1])]
by = {}
for r in rows:
    by.setdefault(r["mode"], {}).setdefault(r["peer"], []).append(r)
med = lambda rs, k: statistics.median(r[k] for r in rs)
print(f"medians of {sys.argv[2]} run(s), corpus {rows[0]['MB']} MB, one thread")
print(f"{'mode':8} {'peer':14} {'MB/s':>8} {'load s':>7}  TextInsight's speed ratio")
for mode, peers in by.items():
    ours = peers.get("textinsight")
    for name, rs in peers.items():
        ratio = "" if name == "textinsight" or not ours else f"{med(ours, 'MB_per_s') / med(rs, 'MB_per_s'):.2f}x"
        print(f"{mode:8} {name:14} {med(rs, 'MB_per_s'):8.2f} {med(rs, 'load_s'):7.3f}  {ratio}")
PY
rm -rf "$out"
