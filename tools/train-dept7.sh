#!/usr/bin/env bash
# Proves the custom-taxonomy path on ../shared/data/dept7_labels.tsv (7 departments, single-label):
# trains with `textinsight train --label-column department`, 20% held out (seed 42, stratified),
# and runs the peers (../shared/peers/classify_peers.py) on exactly the same split.
# The model is written to a temp folder (it is a demonstration, not shipped).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=$root/../shared/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
dotnet run -c Release --project src/TextInsight.Cli -- train \
  --input "$data/dept7_labels.tsv" --join "$data/messages.tsv" --title-column title \
  --unlabelled "$data/messages.tsv" \
  --label-column department --validation-split 0.2 --seed 42 --split-dir "$work" \
  --output "$work/dept7.zip" --report "${REPORT:-$work/dept7.report.json}"
echo "== peers on the same validation split"
/usr/bin/python3 "$root/../shared/peers/classify_peers.py" "$work/train.tsv" "$work/validation.tsv" department --text title,text
