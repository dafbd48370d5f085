#!/usr/bin/env bash
# boe4j and its peers side by side, on the same token ids, batch/length and threads (issue 6).
#   benchmarks/peers/run.sh [short|full]
# Runs, in order (each step's results under benchmarks/results/<stamp>-peers-<mode>/):
#   1. boe4j: ParityDump (the output the peers are checked against), then JMH: EncoderForwardBenchmark at
#      B = $PEER_BATCHES x T = 128, TrainingStepBenchmark.forwardBackward (baseline, $PEER_TRAIN_BATCH x 128), AdamWBenchmark,
#      SgemmBenchmark (the ceiling the % are computed from)
#   2. TensorFlow Java 1.1.0 on the original SavedModel (module benchmarks/peers/tensorflow): TfParity (same output
#      as boe4j on the ParityDump input?), then TfForwardBenchmark at B = $PEER_BATCHES
#   3. PyTorch eager (Debian python3-torch) built from our safetensors, 1 and 2 threads, with the parity check
#   4. compare.py: the table of boe4j / peer ratios
# OpenBLAS may not recognise the CPU (docs/benchmarks.md): the script sources the launcher's native-env.sh, which
# picks OPENBLAS_CORETYPE from /proc/cpuinfo (SkylakeX for AVX-512, Haswell for AVX2 + FMA) unless it is set, so
# that boe4j is measured as ./boe4j runs it, and PyTorch gets the same kernels; hardware.txt records what was in force.
# Environment: PEER_BATCHES (default 1,8), PEER_TRAIN_BATCH (default 8; training at B x 128), OMP_NUM_THREADS (default 2), BOE4J_WEIGHTS,
#   BOE4J_BENCH_LOCK=/path/to/lockfile: run every measuring step under `flock` on it (shared machines);
#   PEER_STEPS (default "boe4j tf torch"): which steps to run (compare always runs on what exists).
# Needs: apt-get install python3-torch python3-numpy libopenblas0-pthread (PyTorch step; skipped if absent).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
mode="${1:-short}"
batches="${PEER_BATCHES:-1,8}"
train_batch="${PEER_TRAIN_BATCH:-8}"
steps="${PEER_STEPS:-boe4j tf torch}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}"
source "$root/src/main/sh/native-env.sh"
weights="${BOE4J_WEIGHTS:-weights/bert-base-multilingual-cased}"
out="${PEER_OUT:-benchmarks/results/$(date -u +%Y%m%dT%H%M%SZ)-peers-$mode}"
mkdir -p "$out"
parity=benchmarks/target/parity   # 0.8 MB of .npy: not kept with the results
lock() { if [ -n "${BOE4J_BENCH_LOCK:-}" ]; then flock "$BOE4J_BENCH_LOCK" "$@"; else "$@"; fi; }
case "$mode" in
  short) jmh=(-f 1 -wi 1 -i 1 -w 1s -r 1s); pymode=short ;;
  full)  jmh=(); pymode=full ;;
  *) echo "mode must be short or full, not $mode" >&2; exit 2 ;;
esac
benchmarks/hardware.sh > "$out/hardware.txt"

./mvnw -q -B install -DskipTests
./mvnw -q -B -f benchmarks/pom.xml package
bcp="benchmarks/target/classes:$root/target/classes:$(tr ':' '\n' < benchmarks/target/classpath.txt | grep -v '/org/boe4j/boe4j/' | paste -sd: -)"
java -Xmx2g -Dorg.bytedeco.javacpp.maxbytes=4g -Dboe4j.weights="$weights" -cp "$bcp" org.boe4j.bench.ParityDump "$parity"

if [[ " $steps " == *" boe4j "* ]]; then
  lock java -Dboe4j.weights="$weights" -Dboe4j.bench.rssLog="$out/boe4j.rss.tsv" -cp "$bcp" org.openjdk.jmh.Main \
    'EncoderForwardBenchmark' -p batch="$batches" -p length=128 "${jmh[@]}" -rf json -rff "$out/boe4j-forward.json"
  lock java -Dboe4j.weights="$weights" -Dboe4j.bench.rssLog="$out/boe4j.rss.tsv" -cp "$bcp" org.openjdk.jmh.Main \
    'TrainingStepBenchmark.forwardBackward' -p variant=baseline -p batch="$train_batch" -p length=128 "${jmh[@]}" \
    -rf json -rff "$out/boe4j-train.json"
  lock java -Dboe4j.weights="$weights" -Dboe4j.bench.rssLog="$out/boe4j.rss.tsv" -cp "$bcp" org.openjdk.jmh.Main \
    'AdamWBenchmark|SgemmBenchmark' "${jmh[@]}" -rf json -rff "$out/boe4j-adamw-sgemm.json"
fi

if [[ " $steps " == *" tf "* ]]; then
  ./mvnw -q -B -f benchmarks/peers/tensorflow/pom.xml package
  tcp="benchmarks/peers/tensorflow/target/classes:$(cat benchmarks/peers/tensorflow/target/classpath.txt)"
  java -Xmx2g -cp "$tcp" org.boe4j.bench.peers.TfParity "$parity" | tee "$out/tf-parity.txt"
  lock java -cp "$tcp" org.openjdk.jmh.Main 'TfForwardBenchmark' -p batch="$batches" "${jmh[@]}" \
    -rf json -rff "$out/tf-forward.json"
fi

if [[ " $steps " == *" torch "* ]]; then
  if /usr/bin/python3 -c 'import torch, numpy' 2>/dev/null; then
    fwd="$(echo "$batches" | tr ',' '\n' | sed 's/$/x128/' | paste -sd, -)"
    lock /usr/bin/python3 benchmarks/peers/pytorch/bert_peer.py --weights "$weights" --mode "$pymode" \
      --forward "$fwd" --train "${train_batch}x128" --adamw --threads 1,2 --parity "$parity" --out "$out/torch.json"
  else
    echo "PyTorch step skipped: /usr/bin/python3 has no torch (apt-get install python3-torch python3-numpy libopenblas0-pthread)" >&2
  fi
fi

args=(--boe4j)
for f in "$out"/boe4j-*.json; do [ -e "$f" ] && args+=("$f"); done
[ -e "$out/tf-forward.json" ] && args+=(--tf "$out/tf-forward.json")
[ -e "$out/torch.json" ] && args+=(--torch "$out/torch.json")
python3 benchmarks/peers/compare.py "${args[@]}" | tee "$out/comparison.md"
echo "results: $out"
