#!/usr/bin/env bash
# Grouping at scale (#21): groups 125k, 250k, 500k and 1M messages synthesised from ../shared/data/messages.tsv
# (perturbed copies shifted by whole weeks; see benchmarks/TextInsight.Benchmarks/Harness/SyntheticMessages.cs),
# one process per size, and prints time and memory per message relative to the smallest size: linear growth keeps
# both ratios near 1. Usage: benchmarks/group_scaling.sh [sizes...]   (about 35 minutes on 2 cores for the default sizes)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dotnet build -c Release benchmarks/TextInsight.Benchmarks >/dev/null
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then sizes=(125000 250000 500000 1000000); fi
out=$(mktemp)
for n in "${sizes[@]}"; do
  dotnet benchmarks/TextInsight.Benchmarks/bin/Release/net10.0/TextInsight.Benchmarks.dll group-scaling "$n" | tee -a "$out" >&2
done
python3 - "$out" <<'PY'
import sys
rows = [l.split('\t') for l in open(sys.argv[1]) if l.strip()]
base = rows[0]
n0, s0, h0, p0 = int(base[0]), float(base[1]), float(base[5]), float(base[6])
print("messages   seconds  msgs/s  issues   largest  heap MB  peak MB  time/msg vs first  heap/msg vs first")
for r in rows:
    n, s, h, p = int(r[0]), float(r[1]), float(r[5]), float(r[6])
    print(f"{n:>9,}  {s:>7.1f}  {int(r[2]):>6,}  {int(r[3]):>7,}  {int(r[4]):>7,}  {h:>7,.0f}  {p:>7,.0f}  {(s/n)/(s0/n0):>17.2f}  {(h/n)/(h0/n0):>17.2f}")
PY
