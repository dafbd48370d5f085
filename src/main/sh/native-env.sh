# Sourced by ./boe4j (bash): native-library settings for ND4J. 1. OpenBLAS's CPU kernel, from the CPU's flags.
#
# Why: ND4J 1.0.0-M2.1 runs its matrix products on the OpenBLAS 0.3.19 that JavaCPP 1.5.7 bundles. That build picks
# its kernels by CPU model, and a CPU newer than its table (this project's machines: Xeon family 6 model 207) falls
# back to the generic SSE3 "Prescott" kernels. Measured on such a machine, one thread, sgemm 1024x768x3072:
# Prescott 27 GFLOP/s per CPU-second, SkylakeX (AVX-512) 97-121; a BERT-base forward at 8 x 128 went from 9.5 s to
# 3.0 s (docs/bert.md, Performance). OPENBLAS_CORETYPE names the kernel set explicitly. A kernel set the CPU cannot
# execute would crash, so it is chosen from /proc/cpuinfo, and a value the user has set is kept.
if [[ -z ${OPENBLAS_CORETYPE:-} && -r /proc/cpuinfo ]]; then
  _boe4j_flags=" $(grep -m1 '^flags' /proc/cpuinfo) "
  if [[ $_boe4j_flags == *" avx512f "* && $_boe4j_flags == *" avx512bw "* && $_boe4j_flags == *" avx512dq "* \
        && $_boe4j_flags == *" avx512vl "* && $_boe4j_flags == *" avx512cd "* ]]; then
    export OPENBLAS_CORETYPE=SkylakeX
  elif [[ $_boe4j_flags == *" avx2 "* && $_boe4j_flags == *" fma "* ]]; then
    export OPENBLAS_CORETYPE=Haswell
  fi
  unset _boe4j_flags
fi

# libnd4j's OpenMP threads busy-wait between ops by default. On a machine whose cores are busy with other work
# (the shared 2-core development machine), spinning threads steal the cores the computing threads need: measured
# with 2 threads, a B=1 x T=128 forward took 5.0 s instead of 0.50 s with one thread, and a training step at 8 x 128
# had a median of 285 s instead of 18 s. With PASSIVE waiting, 2 threads are never slower than one (8 x 128
# forward 1.95-2.9 s vs 2.0-3.0 s depending on the load). OMP_NUM_THREADS is left to the user (default: all cores).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
