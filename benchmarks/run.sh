#!/usr/bin/env bash
# Builds the benchmarks and runs the suite, writing benchmarks/RESULTS.md.
#
#   benchmarks/run.sh            full run: -f 1 -wi 3 -w 1s -i 5 -r 1s, about 18 minutes on 2 cores
#   benchmarks/run.sh --quick    quick run: -f 1 -wi 1 -w 1s -i 2 -r 1s, about 10 minutes
#   benchmarks/run.sh [--quick] REGEX [JMH options]   only benchmark methods matching REGEX,
#                                                    e.g. "generated.*|onnx.*" or "naiveStep"
#
# Training steps are timed against PyTorch by benchmarks/training.sh (RNNC_SKIP_TRAINING=1 skips),
# Flink jobs against plain loops by benchmarks/flink.sh (RNNC_SKIP_FLINK=1 skips).
# Other timings: RNNC_JMH_STEADY="-f 1 -wi 0 -i 1 -r 200ms" (and RNNC_JMH_SINGLE for compile times).
# Results go to $RNNC_RESULTS if set.
# Works from a clean clone: Maven builds the runtime, the compiler and benchmarks/target/benchmarks.jar
# (JMH plus every dependency), without running tests. Compile-time benchmarks are single-shot:
# they get their own warm-up and measurement counts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
COMMAND="benchmarks/run.sh${*:+ $*}"

MODE=full
if [ "${1:-}" = "--quick" ]; then
  MODE=quick
  shift
fi
FILTER="${1:-.*}"
[ $# -gt 0 ] && shift

if [ "$MODE" = quick ]; then
  STEADY=(-f 1 -wi 1 -w 1s -i 2 -r 1s)
  SINGLE=(-f 1 -wi 1 -i 2)
else
  STEADY=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
  SINGLE=(-f 1 -wi 2 -i 3)
fi
# JMH rejects an option given twice: other timings go in these variables instead.
[ -n "${RNNC_JMH_STEADY:-}" ] && read -r -a STEADY <<< "$RNNC_JMH_STEADY"
[ -n "${RNNC_JMH_SINGLE:-}" ] && read -r -a SINGLE <<< "$RNNC_JMH_SINGLE"

echo "building benchmarks/target/benchmarks.jar ..." >&2
mvn -B -q -DskipTests package -pl benchmarks -am >&2

JAR=benchmarks/target/benchmarks.jar
OUT="${RNNC_RESULTS:-benchmarks/RESULTS.md}"
RAW="benchmarks/target/results"
mkdir -p "$RAW"

rm -f "$RAW/steady.md" "$RAW/compile.md" "$RAW/compile1m.md"
# Steady-state benchmarks (time per step) with the allocation profiler, then compile times.
java -cp "$JAR" dev.rnnc.benchmarks.Report --out "$RAW/steady.md" --command "$COMMAND" \
  "^dev\.rnnc\.benchmarks\.(Elman|Cell|SparseReservoir|SparseGraph|WindowSentiment)Benchmark\.(${FILTER})" \
  "${STEADY[@]}" -prof gc "$@" || echo "no steady-state benchmark ran" >&2
# 1k to 100k edges with warm-up runs; 1M edges (about a minute per phase) measured once.
java -cp "$JAR" dev.rnnc.benchmarks.Report --out "$RAW/compile.md" --command "$COMMAND" \
  "^dev\.rnnc\.benchmarks\.CompileBenchmark\.(${FILTER})" -p edges=1000,10000,100000 \
  "${SINGLE[@]}" "$@" || echo "no compile benchmark ran" >&2
if [ -z "${RNNC_SKIP_1M:-}" ]; then
  java -cp "$JAR" dev.rnnc.benchmarks.Report --out "$RAW/compile1m.md" --command "$COMMAND" \
    "^dev\.rnnc\.benchmarks\.CompileBenchmark\.(${FILTER})" -p edges=1000000 \
    -f 1 -wi 0 -i 1 -jvmArgs "-Xmx8g" "$@" || echo "no 1M-edge compile benchmark ran" >&2
fi

{
  if [ -s "$RAW/steady.md" ]; then
    cat "$RAW/steady.md"
  elif [ -s "$RAW/compile.md" ]; then
    sed -n '1,/^## /{/^## /!p}' "$RAW/compile.md"
  fi
  if [ -s "$RAW/compile.md" ]; then
    # The compile table only, without the second header; then the 1M-edge row (one run).
    sed -n '/^## Compile time/,$p' "$RAW/compile.md" | sed '/^$/{$d}'
    if [ -s "$RAW/compile1m.md" ]; then
      grep '^| 1,000,000 ' "$RAW/compile1m.md" | sed 's/^| 1,000,000 /| 1,000,000 (one run) /'
      echo
    fi
  fi
} > "$OUT"
# Training against PyTorch, in the same run, where Debian's python3-torch is installed.
if [ -z "${RNNC_SKIP_TRAINING:-}" ] && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  benchmarks/training.sh >> "$OUT" || echo "the training benchmark failed" >&2
else
  echo "skipping the training benchmark (RNNC_SKIP_TRAINING is set, or /usr/bin/python3 has no torch)" >&2
fi
# Flink on a MiniCluster against plain loops (about 5 minutes); Flink is not in benchmarks.jar.
if [ -z "${RNNC_SKIP_FLINK:-}" ]; then
  benchmarks/flink.sh >> "$OUT" || echo "the Flink benchmark failed" >&2
else
  echo "skipping the Flink benchmark (RNNC_SKIP_FLINK is set)" >&2
fi
echo "wrote $OUT" >&2
