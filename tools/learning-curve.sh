#!/usr/bin/env bash
# Learning curve of the default model: 5-fold cross-validated metrics when training on 1/8, 1/4 and 1/2 of the labelled
# rows of ../shared/data/taxonomy_labels.tsv (a seeded random subset each, same settings as the shipped model), next to
# the shipped model's own cross-validation on all rows (read from models/default-model.report.json).
# Prints one table row per size; takes about a quarter of an hour on 2 cores.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=$root/../shared/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
dotnet build -c Release src/TextInsight.Cli -v quiet -nologo >/dev/null
summary() { # report.json, label
  python3 - "$1" "$2" <<'PY'
import json, sys
cv = json.load(open(sys.argv[1]))[-1]
t = {x["name"]: x for x in cv["tasks"]}
high = next(c for c in t["urgency"]["classes"] if c["label"] == "high")
print(f'| {sys.argv[2]} | {t["primary"]["examples"]} | {t["primary"]["accuracy"]:.3f} | {t["primary"]["macroF1"]:.3f} | '
      f'{t["topics"]["macroF1"]:.3f} | {t["urgency"]["macroF1"]:.3f} | {high["averagePrecision"]:.3f} | {high["recall"]:.3f} | {high["precision"]:.3f} |')
PY
}
echo "| labels | rows | primary accuracy | primary macro-F1 | topics macro-F1 | urgency macro-F1 | high average precision | high recall | high precision |"
echo "|---|---|---|---|---|---|---|---|---|"
total=$(($(wc -l < "$data/taxonomy_labels.tsv") - 1))
for part in 8 4 2; do
  head -1 "$data/taxonomy_labels.tsv" > "$work/labels.tsv"
  tail -n +2 "$data/taxonomy_labels.tsv" | shuf -n $((total / part)) --random-source=<(yes 42) >> "$work/labels.tsv"
  dotnet run -c Release --no-build --project src/TextInsight.Cli -- train \
    --input "$work/labels.tsv" --join "$data/messages.tsv" --title-column title --unlabelled "$data/messages.tsv" \
    --taxonomy default --seed 42 --output "$work/model.zip" --report "$work/report.json" > "$work/train.log" 2>&1
  summary "$work/report.json" "1/$part"
done
summary models/default-model.report.json "all"
