# Sourced by ./boe4j and .ci/run (bash). Chooses OpenBLAS's CPU kernel from the CPU's flags.
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
