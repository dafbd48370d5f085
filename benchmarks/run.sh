#!/usr/bin/env bash
# Runs boe4j's JMH benchmarks.  Usage: benchmarks/run.sh [short|full] [JMH regex] [extra JMH args...]
#   short: 1 fork, 1 warm-up and 1 measured iteration of 1 s each — a smoke run (seconds), numbers not meaningful
#   full:  the settings in each benchmark's annotations — the numbers recorded in docs/benchmarks.md
# Results go to benchmarks/results/<date>-<mode>.json together with a hardware description.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-short}"; shift || true
regex="${1:-.*}"; shift || true
cd "$root"
./mvnw -q -B install -DskipTests
./mvnw -q -B -f benchmarks/pom.xml package
mkdir -p benchmarks/results
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="benchmarks/results/$stamp-$mode.json"
{ echo "date: $stamp"; echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"; echo "cores: $(nproc)";
  echo "memory: $(free -g | awk '/Mem:/{print $2}') GiB"; java -version 2>&1 | head -1; } > "benchmarks/results/$stamp-$mode.hardware.txt"
case "$mode" in
  short) jmh_args=(-f 1 -wi 1 -i 1 -w 1s -r 1s) ;;
  full)  jmh_args=() ;;
  *) echo "mode must be short or full, not $mode" >&2; exit 2 ;;
esac
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
java -cp "$cp" org.openjdk.jmh.Main "$regex" "${jmh_args[@]}" -rf json -rff "$out" "$@"
echo "results: $out"
