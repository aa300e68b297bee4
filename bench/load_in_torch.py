#!/usr/bin/python3
"""Load a makemore work dir (config.json + model.safetensors, written by the TypeScript makemore
or by torch_makemore.py --export), or one self-describing .safetensors (config in its metadata,
as `makemore export` writes them: F32, F16, BF16, or int8 per-row with F32 scales), into the
PyTorch reference models of torch_makemore.py and print the full train/test loss as JSON.

    /usr/bin/python3 bench/load_in_torch.py WORK_DIR_OR_FILE [--input data/names.txt] [--seed 3407]

F16 and BF16 tensors are read as torch.float16 / torch.bfloat16 and handed to load_state_dict
as they are (it copies them into the float32 model); int8 weights are q.float() * scale[:, None].

Only the standard library and torch are needed: the safetensors file is parsed by hand.
"""
import argparse
import json
import os
import struct
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_makemore as tm  # noqa: E402

DTYPES = {"F32": torch.float32, "F64": torch.float64, "F16": torch.float16, "BF16": torch.bfloat16,
          "I8": torch.int8, "I32": torch.int32, "I64": torch.int64}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    base = 8 + n
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        b, e = info["data_offsets"]
        t = torch.frombuffer(bytearray(data[base + b:base + e]), dtype=DTYPES[info["dtype"]]) if e > b else torch.empty(0, dtype=DTYPES[info["dtype"]])
        out[name] = t.reshape(info["shape"])
    meta = header.get("__metadata__", {})
    if meta.get("quantization") == "int8-per-row":
        for name in [k for k, v in out.items() if v.dtype == torch.int8]:
            scale = out.pop(name + ".scale")
            out[name] = out[name].float() * scale.reshape(-1, *([1] * (out[name].dim() - 1)))
    return out, meta


def torch_key(kind, key):
    """makemore.py's state-dict names (what the TypeScript port writes) → torch_makemore.py's."""
    if kind == "transformer":
        if key.startswith("transformer.h."):
            rest = key[len("transformer.h."):]
            i, sub = rest.split(".", 1)
            sub = sub.replace("mlp.c_fc.", "fc.").replace("mlp.c_proj.", "proj.")
            return f"blocks.{i}.{sub}"
        if key.startswith("transformer."):
            return key[len("transformer."):]
    if kind == "bow" and key.startswith("context_block.mlp."):
        return key[len("context_block.mlp."):]
    return key


def main():
    p = argparse.ArgumentParser()
    p.add_argument("work_dir")
    p.add_argument("--input", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "names.txt"))
    p.add_argument("--seed", type=int, default=3407)
    a = p.parse_args()
    if os.path.isdir(a.work_dir):
        cfg = json.load(open(os.path.join(a.work_dir, "config.json")))
        weights, meta = read_safetensors(os.path.join(a.work_dir, "model.safetensors"))
    else:
        weights, meta = read_safetensors(a.work_dir)
        cfg = json.loads(meta["config"])
    torch.manual_seed(a.seed)
    train, test, vocab_size, block_size = tm.load_data(a.input)
    assert tm.VOCAB[0] == cfg["vocab"], "the work dir was trained on another vocabulary"
    model = tm.build_model(cfg["type"], tm.Config(block_size=cfg["block_size"], vocab_size=len(cfg["vocab"]) + 1,
                                                  n_layer=cfg["n_layer"], n_head=cfg["n_head"],
                                                  n_embd=cfg["n_embd"], n_embd2=cfg["n_embd2"]))
    state = {torch_key(cfg["type"], k): v for k, v in weights.items()}
    dtypes = sorted({str(v.dtype).replace("torch.", "") for v in weights.values()})
    own = model.state_dict()
    for k, v in own.items():  # constants PyTorch keeps in its state dict but the files leave out
        if k.endswith("mask") or k.endswith("num_batches_tracked"):
            state.setdefault(k, v)
    model.load_state_dict(state, strict=True)
    print(json.dumps({"type": cfg["type"], "dtypes": dtypes, "full_test_loss": tm.full_loss(model, test), "full_train_loss": tm.full_loss(model, train)}))


if __name__ == "__main__":
    main()
