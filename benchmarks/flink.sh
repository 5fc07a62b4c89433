#!/usr/bin/env bash
# Times the examples/flink-streams model on Flink against plain loops, and prints the RESULTS.md
# section (Markdown): records/s of the job at parallelism 1 and 2 on a MiniCluster, of the same
# job without the model, of one thread over live Sessions and over checkpoint bytes, and the
# state bytes per key.
#
#   benchmarks/flink.sh               JMH FlinkBenchmark (-f 1 -wi 2 -i 5, single shot: each
#                                     call runs 2 million readings), then FlinkStateSize;
#                                     about 5 minutes on 2 cores
#
# Flink is not in benchmarks.jar (it is a provided dependency of the module), so this runs the
# benchmark on the module's class path, which Maven writes to benchmarks/target/classpath.txt.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RAW=benchmarks/target/results
mkdir -p "$RAW"
# -am builds what the module needs, and writes each module's class path in turn; the benchmarks
# module comes last, so the file ends up holding its own.
mvn -B -q -DskipTests package dependency:build-classpath -pl benchmarks -am \
  -Dmdep.outputFile="$ROOT/benchmarks/target/classpath.txt" -Dmdep.includeScope=compile >&2
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
JAVA=(java -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$CP")
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
"${JAVA[@]}" org.openjdk.jmh.Main '^dev\.rnnc\.benchmarks\.FlinkBenchmark\.' \
  -f 1 -wi 2 -i 5 -rf json -rff "$RAW/flink.json" >&2
"${JAVA[@]}" dev.rnnc.benchmarks.FlinkStateSize > "$RAW/flink-state.txt"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$RAW/flink.json" "$RAW/flink-state.txt" "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY'
import json, sys, datetime
jmh = json.load(open(sys.argv[1]))
state = dict(line.strip().split("=", 1) for line in open(sys.argv[2]) if "=" in line)
rows = {}
for r in jmh:
    name = r["benchmark"].rsplit(".", 1)[1]
    p = r.get("params", {}).get("parallelism")
    rows[(name, p)] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"])
loop = rows[("sessionLoop", None)][0]
def row(label, key):
    ns, err = rows[key]
    err = "n/a" if err != err else f"{err:,.0f}"
    print(f"| {label} | {1e9 / ns:,.0f} | {ns:,.0f} ± {err} | {ns / loop:.1f}x |")
print("## Flink: keyed streams on a MiniCluster (examples/flink-streams)\n")
print(f"Made by `benchmarks/flink.sh` on {datetime.date.today()} (JMH `FlinkBenchmark`, single shot,"
      " `-f 1 -wi 2 -i 5`; mean ± 99.9% half-width over 5 runs), same machine, load average"
      f" {sys.argv[3]} before and {sys.argv[4]} after. The `MachineHealth` model of"
      " examples/flink-streams (window of 10 readings, stride 5, 5 neurons, state of 4 values)"
      " over 10,000 machines x 200 readings, interleaved: 2,000,000 readings per run, one step"
      " per 5 readings. A Flink run is a whole bounded job on a MiniCluster already running"
      " (1 task manager, 2 slots): a checkpointed source of one ordered partition, the keyed"
      " operator and a discarding sink, checkpoints every second, heap state backend; job"
      " start and end are in the time. The loops run on one thread over readings made"
      " beforehand. *vs loop* = time / the live-Session loop's time.\n")
print("| what | readings/s | ns/reading | vs loop |")
print("|---|---:|---:|---:|")
row("one thread: one live `Session` per machine in a `HashMap`", ("sessionLoop", None))
row("one thread: the same, each machine's state kept as checkpoint bytes (restore, push, save per reading)", ("checkpointBytesLoop", None))
for p in ("1", "2"):
    row(f"Flink job, keyed operator at parallelism {p}", ("flinkJob", p))
for p in ("1", "2"):
    row(f"Flink job without the model (keyBy into the sink), parallelism {p}", ("flinkKeyByOnly", p))
print()
print(f"State per key: {state['bytes_full_window']} bytes of checkpoint bytes once the window"
      f" is full: {state['bytes_new_key']} for a stream that has no reading yet (header, model"
      f" name and fingerprint, counters, {state['state_size']} evaluator values), plus 16 per"
      f" buffered reading (2 doubles), up to {int(state['window_size']) - 1}. A checkpoint of"
      f" the keyed operator holds {state['checkpoint_bytes_per_key']} bytes per key (Flink's"
      " heap backend snapshot: the key, the bytes, its framing), from `FlinkStateSize`.\n")
PY
