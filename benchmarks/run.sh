#!/usr/bin/env bash
# Runs boe4j's JMH benchmarks.  Usage: benchmarks/run.sh [short|full] [JMH regex] [extra JMH args...]
#   short: CI smoke, seconds per benchmark: 1 fork, 1 warm-up and 1 measured iteration of 1 s, and (unless you pass
#          -p yourself) the smallest shapes: batch=1 length=32 language=eng_Latn. Numbers are not meaningful.
#   full:  the settings in each benchmark's annotations — the numbers recorded in docs/benchmarks.md. Select
#          configurations with JMH's -p, e.g.  benchmarks/run.sh full EncoderForward -p batch=8 -p length=128
# Environment: OMP_NUM_THREADS (default 2, the development machine's cores) sets libnd4j's/OpenBLAS's threads;
# OPENBLAS_CORETYPE / OMP_WAIT_POLICY as src/main/sh/native-env.sh chooses them unless set;
# BOE4J_WEIGHTS (default weights/bert-base-multilingual-cased) is passed as -Dboe4j.weights.
# Results go to benchmarks/results/<stamp>-<mode>.json, with <stamp>-<mode>.hardware.txt (machine, threads, commit)
# and <stamp>-<mode>.rss.tsv (peak RSS of each benchmark fork, see PeakRss.java) beside it.
# The benchmark JVMs run boe4j from this checkout's target/classes, not from the jar installed in ~/.m2 (another
# checkout may install its own jar there at any time).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-short}"; shift || true
regex="${1:-.*}"; shift || true
cd "$root"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}"
# the launcher's native settings (OpenBLAS kernel from the CPU flags, passive OpenMP waiting): without them the
# benchmarks would measure the generic SSE3 kernels that OpenBLAS 0.3.19 falls back to on new CPUs
source "$root/src/main/sh/native-env.sh"
weights="${BOE4J_WEIGHTS:-weights/bert-base-multilingual-cased}"
if [ "${BOE4J_BENCH_SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -q -B install -DskipTests
  ./mvnw -q -B -f benchmarks/pom.xml package
fi
mkdir -p benchmarks/results
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
base="benchmarks/results/$stamp-$mode"
benchmarks/hardware.sh > "$base.hardware.txt"
case "$mode" in
  short) jmh_args=(-f 1 -wi 1 -i 1 -w 1s -r 1s)
         if ! printf '%s\n' "$@" | grep -qx -- '-p'; then jmh_args+=(-p batch=1 -p length=32 -p language=eng_Latn); fi ;;
  full)  jmh_args=() ;;
  *) echo "mode must be short or full, not $mode" >&2; exit 2 ;;
esac
# boe4j's own classes first, in place of the installed jar
boe4j_jar="$(tr ':' '\n' < benchmarks/target/classpath.txt | grep '/org/boe4j/boe4j/' || true)"
deps="$(tr ':' '\n' < benchmarks/target/classpath.txt | grep -v '/org/boe4j/boe4j/' | paste -sd: -)"
[ -n "$boe4j_jar" ] || { echo "boe4j is not on the benchmark classpath" >&2; exit 1; }
cp="benchmarks/target/classes:$root/target/classes:$deps"
java -Dboe4j.weights="$weights" -Dboe4j.bench.rssLog="$base.rss.tsv" -cp "$cp" org.openjdk.jmh.Main "$regex" \
  "${jmh_args[@]}" -rf json -rff "$base.json" "$@"
echo "results: $base.json"
