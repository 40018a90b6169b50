#!/usr/bin/env bash
# Trains the same-issue model shipped in the package (models/issue-model.zip), reproducibly (seed 42):
# document frequencies over every message of ../shared/data/messages.tsv, a logistic regression over the
# 400 judged pairs of issue_pairs.tsv. Prints the 5-fold cross-validation quoted in models/MODEL_CARD.md.
# Texts are read from ../shared at run time, never copied into the repo.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=$root/../shared/data
cd "$root"
dotnet run -c Release --project src/TextInsight.Cli -- train-issues \
  --pairs "$data/issue_pairs.tsv" --messages "$data/messages.tsv" --title-column title \
  --folds 5 --seed 42 --output models/issue-model.zip
