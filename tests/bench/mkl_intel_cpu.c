/*
 * Optional, for AMD CPUs: tells the Intel MKL linked into DJL's libtorch (2.7.1 CPU build) that it runs on an Intel
 * CPU, so it picks its AVX2/AVX-512 kernels from the CPU's feature flags instead of its generic ones.
 *
 * MKL checks the CPU's vendor string through these two service functions; libtorch_cpu.so exports them, so a
 * library preloaded before it (LD_PRELOAD) takes their place. MKL_DEBUG_CPU_TYPE, the older switch, no longer
 * exists in oneMKL; ATEN_CPU_CAPABILITY and MKL_ENABLE_INSTRUCTIONS changed nothing (tests/bench/RESULTS.md).
 * The instructions used are still the ones the CPU reports. Build and use:
 *   cc -shared -fPIC -O2 -o libmkl_intel_cpu.so tests/bench/mkl_intel_cpu.c
 *   LD_PRELOAD=$PWD/libmkl_intel_cpu.so java ...
 * or FASTDJL_MKL_INTEL_CPU=1 tests/bench/run.sh, which does both for the fastdjl side.
 */
int mkl_serv_intel_cpu_true(void) { return 1; }

int mkl_serv_intel_cpu(void) { return 1; }
