#!/usr/bin/env bash
# Times training against PyTorch in one run and prints the RESULTS.md section (Markdown).
#
#   benchmarks/training.sh            JMH TrainingBenchmark (-f 1 -wi 3 -i 5, -prof gc), then
#                                     benchmarks/pytorch/training_step.py with Debian's
#                                     python3-torch; about 4 minutes on 2 cores
#
# Needs benchmarks/target/benchmarks.jar (benchmarks/run.sh or
# mvn -DskipTests package -pl benchmarks -am builds it) and /usr/bin/python3 with torch.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RAW=benchmarks/target/results
mkdir -p "$RAW"
[ -f benchmarks/target/benchmarks.jar ] || mvn -B -q -DskipTests package -pl benchmarks -am >&2
java -jar benchmarks/target/benchmarks.jar '^dev\.rnnc\.benchmarks\.TrainingBenchmark\.' \
  -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json -rff "$RAW/training.json" >&2
/usr/bin/python3 benchmarks/pytorch/training_step.py > "$RAW/training-torch.json"
/usr/bin/python3 - "$RAW/training.json" "$RAW/training-torch.json" <<'PY'
import json, sys
jmh = json.load(open(sys.argv[1]))
torch = json.load(open(sys.argv[2]))
rows = {}
for r in jmh:
    h = r["params"]["hidden"]
    name = r["benchmark"].rsplit(".", 1)[1]
    alloc = r["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score", float("nan"))
    rows.setdefault(h, {})[name] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"], alloc / 100)
print("## Training: one step per sequence element (Elman, input 32, batch 1, double)\n")
print("Forward, backward through time and one Adam update per 100-step sequence, MSE on every"
      " step, divided by 100 (`TrainingBenchmark`, `@OperationsPerInvocation(100)`), one thread."
      " PyTorch was measured in the same run by `benchmarks/pytorch/training_step.py`"
      f" (torch {__import__('torch').__version__}, `set_num_threads(1)`, median of 5)."
      " *vs nn.RNN* = PyTorch nn.RNN time / rnnc time (above 1 is faster)."
      " Allocation is JMH's `gc.alloc.rate.norm` per element.\n")
print("| H | rnnc generated ns | rnnc reference ns | PyTorch nn.RNN ns | PyTorch cell loop ns | generated vs nn.RNN | generated vs cell loop | generated alloc B |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|")
for h in sorted(rows, key=int):
    g, ge, ga = rows[h]["generatedTrainingStep"]
    r, re_, _ = rows[h]["referenceTrainingStep"]
    t = torch[str(h)]
    print(f"| {h} | {g:,.0f} ± {ge:,.0f} | {r:,.0f} ± {re_:,.0f} | {t['rnn']:,.0f} | {t['cell']:,.0f} |"
          f" {t['rnn'] / g:.1f}x | {t['cell'] / g:.1f}x | {ga:.2f} |")
print()
PY
