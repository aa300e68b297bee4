#!/usr/bin/python3
"""GEMM GF/s of PyTorch's sgemm (OpenBLAS here) on one thread, for bench/gemm.ts.

argv[1]: JSON list of [M, K, N, op] with op NN (a (M,K) @ b (K,N)), NT (b stored (N,K), used
transposed) or TN (a stored (K,M), used transposed); transposed operands are views, so sgemm
gets them with its trans flags, as our kernels do. Timing as bench/cpu-time.ts: process CPU time,
median of 15 samples of >= 3 ms after a 150 ms warm-up. Prints a JSON list of GF/s.
"""
import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import torch  # noqa: E402

torch.set_num_threads(1)


def measure(fn):
    t0 = time.process_time()
    calls = 0
    while time.process_time() - t0 < 0.150 or calls < 2:
        fn()
        calls += 1
    per_call = (time.process_time() - t0) / calls
    reps = max(1, int(0.003 / max(per_call, 1e-8)) + 1)
    samples = []
    for _ in range(15):
        s = time.process_time()
        for _ in range(reps):
            fn()
        samples.append((time.process_time() - s) / reps)
    samples.sort()
    return samples[len(samples) // 2]


def gflops(M, K, N, op):
    g = torch.Generator().manual_seed(1)
    a = torch.rand((K, M) if op == "TN" else (M, K), generator=g) - 0.5
    b = torch.rand((N, K) if op == "NT" else (K, N), generator=g) - 0.5
    x = a.t() if op == "TN" else a
    y = b.t() if op == "NT" else b
    out = torch.empty(M, N)
    sec = measure(lambda: torch.mm(x, y, out=out))
    return 2.0 * M * K * N / sec / 1e9


print(json.dumps([gflops(*shape) for shape in json.loads(sys.argv[1])]))
