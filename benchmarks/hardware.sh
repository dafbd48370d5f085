#!/usr/bin/env bash
# Prints the machine a benchmark ran on (kept beside every result file): date, CPU model, cores, RAM, load,
# threads, JVM, commit. The development machine is shared by several agents: the load average tells how busy it was.
set -euo pipefail
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "cpus: $(nproc) ($(lscpu | sed -n 's/^Thread(s) per core: *//p') thread(s) per core)"
echo "flags: $(grep -m1 -o -w 'avx512f\|avx2\|fma' /proc/cpuinfo | sort -u | paste -sd' ' -)"
echo "memory: $(free -g | awk '/Mem:/{print $2}') GiB"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "cpu pressure (PSI some avg10/avg60/avg300): $(sed -n 's/^some avg10=\([0-9.]*\) avg60=\([0-9.]*\) avg300=\([0-9.]*\).*/\1 \2 \3/p' /proc/pressure/cpu 2>/dev/null)"
echo "OMP_NUM_THREADS: ${OMP_NUM_THREADS:-unset}; OPENBLAS_CORETYPE: ${OPENBLAS_CORETYPE:-unset} (OpenBLAS detects this CPU as: $(OPENBLAS_VERBOSE=2 /usr/bin/python3 -c "import numpy as n; a=n.ones((8,8),n.float32); a@a" 2>&1 | sed -n "s/^Core: //p" | head -1))"
echo "java: $(java -version 2>&1 | head -1)"
echo "commit: $(git -C "$(dirname "$0")" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$(dirname "$0")" diff --quiet 2>/dev/null || echo ' (modified)')"
