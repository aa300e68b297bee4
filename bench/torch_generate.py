#!/usr/bin/python3
"""Times makemore's generate() for N names with an untrained default Transformer (batch N,
one thread), exactly as makemore.py's print_samples runs it. Prints a JSON line."""
import argparse
import json
import os
import sys
import time

p = argparse.ArgumentParser()
p.add_argument("--num", type=int, default=1000)
p.add_argument("--threads", type=int, default=1)
args = p.parse_args()
os.environ["OMP_NUM_THREADS"] = str(args.threads)
os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

sys.argv = [sys.argv[0]]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_makemore as tm  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(3407)
model = tm.build_model("transformer", tm.Config(block_size=16, vocab_size=27))
model.eval()


@torch.no_grad()
def generate(idx, max_new_tokens):
    for _ in range(max_new_tokens):
        idx_cond = idx if idx.size(1) <= 16 else idx[:, -16:]
        logits, _ = model(idx_cond)
        probs = F.softmax(logits[:, -1, :], dim=-1)
        idx = torch.cat((idx, torch.multinomial(probs, num_samples=1)), dim=1)
    return idx


generate(torch.zeros(args.num, 1, dtype=torch.long), 15)  # warm-up
t0 = time.perf_counter()
generate(torch.zeros(args.num, 1, dtype=torch.long), 15)
print(json.dumps({"num": args.num, "seconds": time.perf_counter() - t0, "threads": args.threads}))
