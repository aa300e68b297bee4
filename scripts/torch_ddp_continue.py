#!/usr/bin/python3
"""Continue a makemore model with PyTorch DDP on several processes or hosts, then write a work
dir that makemore reads back (docs/SCALE.md, "When one model outgrows one machine").

    torchrun --nproc_per_node 2 scripts/torch_ddp_continue.py IN_DIR OUT_DIR -i names.txt --steps 2000
    # on each of N hosts:
    torchrun --nnodes N --node_rank R --nproc_per_node GPUS --rdzv_backend c10d --rdzv_endpoint HOST0:29500 \\
        scripts/torch_ddp_continue.py IN_DIR OUT_DIR -i names.txt --steps 2000

IN_DIR is any makemore work dir (config.json + model.safetensors: `makemore sweep fetch --best`
writes one). Every process holds the whole model and trains on its own batches (seeded by its
rank), DDP averages the gradients, and AdamW takes makemore's settings with a fresh state.
Rank 0 writes OUT_DIR/config.json + model.safetensors, then `makemore -o OUT_DIR --sample-only`,
`makemore eval` and `makemore -o OUT_DIR --resume` (from the weights) take it from there.
Uses NCCL on GPUs and gloo on CPUs; needs only torch.
"""
import argparse
import os
import sys

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "bench"))
import torch_makemore as tm  # noqa: E402
from load_in_torch import read_safetensors, torch_key  # noqa: E402


def load_work_dir(work_dir, input_file, seed):
    import json
    cfg = json.load(open(os.path.join(work_dir, "config.json")))
    torch.manual_seed(seed)  # makemore's split of the words, as the run that made IN_DIR drew it
    train, test, _, _ = tm.load_data(input_file)
    if tm.VOCAB[0] != cfg["vocab"]:
        sys.exit(f"{input_file} is not the file the model in {work_dir} was trained on (its vocabulary differs)")
    model = tm.build_model(cfg["type"], tm.Config(block_size=cfg["block_size"], vocab_size=len(cfg["vocab"]) + 1, n_layer=cfg["n_layer"],
                                                  n_head=cfg["n_head"], n_embd=cfg["n_embd"], n_embd2=cfg["n_embd2"]))
    state = {torch_key(cfg["type"], k): v for k, v in read_safetensors(os.path.join(work_dir, "model.safetensors")).items()}
    for k, v in model.state_dict().items():  # constants the files leave out
        if k.endswith("mask") or k.endswith("num_batches_tracked"):
            state.setdefault(k, v)
    model.load_state_dict(state, strict=True)
    return cfg, model, train, test


def main():
    p = argparse.ArgumentParser()
    p.add_argument("in_dir")
    p.add_argument("out_dir")
    p.add_argument("--input-file", "-i", required=True)
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--batch-size", "-b", type=int, default=32, help="per process")
    p.add_argument("--learning-rate", "-l", type=float, default=5e-4)
    p.add_argument("--weight-decay", "-w", type=float, default=0.01)
    p.add_argument("--seed", type=int, default=3407, help="the seed of the run that made IN_DIR (it fixes the split)")
    a = p.parse_args()

    cuda = torch.cuda.is_available()
    dist.init_process_group("nccl" if cuda else "gloo")
    rank, world = dist.get_rank(), dist.get_world_size()
    device = torch.device(f"cuda:{int(os.environ.get('LOCAL_RANK', 0))}" if cuda else "cpu")
    torch.set_num_threads(1)
    cfg, model, train, test = load_work_dir(a.in_dir, a.input_file, a.seed)
    model.to(device)
    ddp = DistributedDataParallel(model, device_ids=[device.index] if cuda else None)
    opt = torch.optim.AdamW(ddp.parameters(), lr=a.learning_rate, weight_decay=a.weight_decay, betas=(0.9, 0.99), eps=1e-8)
    gen = torch.Generator().manual_seed(a.seed * 1000 + rank)  # each process its own batches
    if rank == 0:
        print(f"continuing {cfg['type']} from {a.in_dir} on {world} processes ({'nccl' if cuda else 'gloo'}): "
              f"test loss {tm.full_loss(model, test):.4f}", flush=True)
    for step in range(a.steps):
        idx = torch.randint(len(train), (a.batch_size,), generator=gen)
        _, loss = ddp(train.X[idx].to(device), train.Y[idx].to(device))
        opt.zero_grad(set_to_none=True)
        loss.backward()  # DDP all-reduces (averages) the gradients here
        opt.step()
        if rank == 0 and (step % 500 == 0 or step == a.steps - 1):
            print(f"step {step} loss {loss.item():.4f}", flush=True)
    if rank == 0:
        model.cpu()
        args = argparse.Namespace(type=cfg["type"], n_layer=cfg["n_layer"], n_head=cfg["n_head"], n_embd=cfg["n_embd"], n_embd2=cfg["n_embd2"])
        tm.export(model, args, cfg["vocab"], cfg["block_size"], a.out_dir)
        print(f"test loss {tm.full_loss(model, test):.4f}; wrote {a.out_dir}/config.json and model.safetensors", flush=True)
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
