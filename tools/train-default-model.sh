#!/usr/bin/env bash
# Trains the default model shipped in the package, reproducibly (seed 42), from ../shared/data:
# taxonomy_labels.tsv joined with messages.tsv on id (texts are read there, never copied into the repo);
# every message of messages.tsv, without labels, for the semantic space.
#   1. 20% of rows (stratified by primary/urgency, seed 42) are held out; a model trained on the other
#      80% (with 5-fold cross-validation inside, which chooses the decision thresholds) is evaluated on them.
#   2. The shipped model is then trained the same way on all rows.
# Writes models/default-model.zip and models/default-model.report.json (the numbers in MODEL_CARD.md).
# With --peers, also runs ../shared/peers/classify_peers.py on the same split for comparison.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=$root/../shared/data
split=$(mktemp -d)
trap 'rm -rf "$split"' EXIT
cd "$root"
dotnet run -c Release --project src/TextInsight.Cli -- train \
  --input "$data/taxonomy_labels.tsv" --join "$data/messages.tsv" --title-column title \
  --unlabelled "$data/messages.tsv" \
  --taxonomy default --validation-split 0.2 --seed 42 --split-dir "$split" \
  --output models/default-model.zip --report models/default-model.report.json
if [ "${1:-}" = "--peers" ]; then
  for label in primary urgency; do
    echo "== peers, label $label, same validation split"
    /usr/bin/python3 "$root/../shared/peers/classify_peers.py" "$split/train.tsv" "$split/validation.tsv" "$label" --text title,text
  done
fi
