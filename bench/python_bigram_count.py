#!/usr/bin/python3
"""Times the bigram notebook's counting loop over a words file (PyTorch int32 matrix, Python
loop), as the lecture writes it. Prints a JSON line."""
import json
import sys
import time

import torch

words = open(sys.argv[1]).read().splitlines()
t0 = time.perf_counter()
chars = sorted(list(set("".join(words))))
stoi = {s: i + 1 for i, s in enumerate(chars)}
stoi["."] = 0
N = torch.zeros((len(stoi), len(stoi)), dtype=torch.int32)
for w in words:
    chs = ["."] + list(w) + ["."]
    for ch1, ch2 in zip(chs, chs[1:]):
        N[stoi[ch1], stoi[ch2]] += 1
print(json.dumps({"seconds": time.perf_counter() - t0, "total": int(N.sum())}))
