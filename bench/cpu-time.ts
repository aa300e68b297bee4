/**
 * Timing for kernel benchmarks, as in src/backend/KERNELS.md: per-call process CPU time (so time
 * stolen by other jobs on a shared VM does not count), the median of many samples of ≥ 3 ms
 * each after a warm-up. `--quick` on the command line takes fewer samples.
 */
const quick = process.argv.includes("--quick");
const SAMPLES = quick ? 5 : 15;
const SAMPLE_MS = 3;
const WARMUP_MS = quick ? 30 : 150;

function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/** Median CPU µs per call of fn. */
export function measure(fn: () => void): number {
  const w0 = cpuMicros();
  let calls = 0;
  while (cpuMicros() - w0 < WARMUP_MS * 1000 || calls < 2) {
    fn();
    calls++;
  }
  const perCall = (cpuMicros() - w0) / calls;
  const reps = Math.max(1, Math.ceil((SAMPLE_MS * 1000) / Math.max(perCall, 0.01)));
  const samples: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    const t0 = cpuMicros();
    for (let r = 0; r < reps; r++) fn();
    samples.push((cpuMicros() - t0) / reps);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

let seed = 42;
/** Fills a with deterministic pseudo-random values in [lo, hi). */
export function fill(a: Float32Array, lo = -1, hi = 1): Float32Array {
  for (let i = 0; i < a.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    a[i] = lo + ((hi - lo) * seed) / 2 ** 32;
  }
  return a;
}
