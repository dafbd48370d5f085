#!/usr/bin/python3
"""PyTorch eager peer of boe4j's encoder, training-step and AdamW benchmarks (issue 6).

BERT-base is rebuilt here from boe4j's converted weights (weights/bert-base-multilingual-cased/model.safetensors,
parsed with numpy: no safetensors package needed), with the same numerics as boe4j and Google's graph: tanh GELU,
LayerNorm eps 1e-12, attention mask -10000 on padded keys, dropout 0.1 (training only). It runs on the same token
ids as boe4j's SyntheticIds ([CLS], 1000 + (b*7919 + t*104729) mod 100000, [SEP]; mask 1, segment 0).

Measured, each in a fresh process per thread count (torch.set_num_threads(n) with OMP_NUM_THREADS and
OPENBLAS_NUM_THREADS = n, because PyTorch's and OpenBLAS's threads compete on 2 cores):
  forward   B x T inference (no_grad): sequence_output and pooled_output
  train     forward + backward at B x T: [CLS] -> dropout -> Linear(768, 7) -> cross entropy, gradients of every
            parameter except the pooler (as boe4j's baseline fine-tuning)
  adamw     torch.optim.AdamW step (lr 2e-5, wd 0.01) after clip_grad_norm_ over all 177.9M encoder parameters
Each result is the median of the timed repetitions after warm-up (full mode: forward 1 warm-up, then
at least 3 repetitions and 10 s; training 1 + 3 and 60 s; AdamW 2 + 5 and 20 s). Output: one JSON file (see --out).

Usage (Debian: apt-get install python3-torch python3-numpy libopenblas0-pthread):
  /usr/bin/python3 bert_peer.py --weights DIR --out peer.json [--mode short|full] [--forward 1x128,8x128]
                                [--train 8x128] [--adamw] [--threads 1,2] [--parity DIR]
--parity DIR compares with boe4j's ParityDump output (max abs difference on valid positions) before timing.
"""
import argparse
import json
import os
import statistics
import struct
import subprocess
import sys
import time

import numpy as np


def load_safetensors(path):
    """name -> float32 numpy array (copy), from the safetensors layout: u64 LE header length, JSON header, data."""
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + n)
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] != "F32":
            raise ValueError(f"{path}: tensor {name}: expected F32, found {info['dtype']}")
        begin, end = info["data_offsets"]
        out[name] = np.frombuffer(data[begin:end], dtype="<f4").reshape(info["shape"]).copy()
    return out


def synthetic_ids(batch, length):
    ids = np.zeros((batch, length), dtype=np.int64)
    for b in range(batch):
        for t in range(length):
            ids[b, t] = 101 if t == 0 else 102 if t == length - 1 else 1000 + (b * 7919 + t * 104729) % 100000
    return ids


def build_model(torch, weights_dir):
    import torch.nn.functional as F

    config = json.load(open(os.path.join(weights_dir, "config.json")))
    if config.get("hidden_act") not in ("gelu_new", "gelu_pytorch_tanh", "gelu_fast", "gelu"):
        raise ValueError(f"unsupported hidden_act {config.get('hidden_act')}")
    gelu_approx = "none" if config["hidden_act"] == "gelu" else "tanh"
    raw = load_safetensors(os.path.join(weights_dir, "model.safetensors"))
    params = torch.nn.ParameterDict()
    names = {}
    for k, v in raw.items():
        if k.startswith("cls."):
            continue
        key = k[len("bert."):] if k.startswith("bert.") else k
        safe = key.replace(".", "__")
        names[key] = safe
        params[safe] = torch.nn.Parameter(torch.from_numpy(v))
    layers = config["num_hidden_layers"]
    heads = config["num_attention_heads"]
    hidden = config["hidden_size"]
    eps = config.get("layer_norm_eps", 1e-12)
    p_drop = config.get("hidden_dropout_prob", 0.1)
    p_att = config.get("attention_probs_dropout_prob", 0.1)

    def w(key):
        return params[names[key]]

    def ln(x, prefix):
        return F.layer_norm(x, (hidden,), w(prefix + ".weight"), w(prefix + ".bias"), eps)

    def dense(x, prefix):
        return F.linear(x, w(prefix + ".weight"), w(prefix + ".bias"))

    def forward(ids, mask, train):
        B, T = ids.shape
        pos = torch.arange(T)
        types = torch.zeros_like(ids)
        e = (F.embedding(ids, w("embeddings.word_embeddings.weight"))
             + F.embedding(types, w("embeddings.token_type_embeddings.weight"))
             + F.embedding(pos, w("embeddings.position_embeddings.weight"))[None])
        h = F.dropout(ln(e, "embeddings.LayerNorm"), p_drop, train)
        bias = (1.0 - mask.to(h.dtype))[:, None, None, :] * -10000.0                       # [B, 1, 1, T]
        H = hidden // heads
        for l in range(layers):
            p = f"encoder.layer.{l}."

            def split(x):
                return x.view(B, T, heads, H).transpose(1, 2)                              # [B, N, T, H]

            q = split(dense(h, p + "attention.self.query"))
            k = split(dense(h, p + "attention.self.key"))
            v = split(dense(h, p + "attention.self.value"))
            scores = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / H ** 0.5) + bias
            probs = F.dropout(torch.softmax(scores, dim=-1), p_att, train)
            ctx = torch.matmul(probs, v).transpose(1, 2).reshape(B, T, hidden)
            a = ln(F.dropout(dense(ctx, p + "attention.output.dense"), p_drop, train) + h,
                   p + "attention.output.LayerNorm")
            u = F.gelu(dense(a, p + "intermediate.dense"), approximate=gelu_approx)
            h = ln(F.dropout(dense(u, p + "output.dense"), p_drop, train) + a, p + "output.LayerNorm")
        pooled = torch.tanh(dense(h[:, 0], "pooler.dense"))
        return h, pooled

    return params, names, forward, config


def timed(fn, warmup, min_reps, min_seconds):
    for _ in range(warmup):
        fn()
    samples = []
    start = time.perf_counter()
    while len(samples) < min_reps or time.perf_counter() - start < min_seconds:
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return samples


def worker(args):
    import torch

    n = args.worker_threads
    torch.set_num_threads(n)
    torch.manual_seed(0)
    params, names, forward, config = build_model(torch, args.weights)
    warmup, reps, seconds = (1, 1, 0.0) if args.mode == "short" else (1, 3, 10.0)
    results = []
    info = {"torch": torch.__version__, "threads": n, "blas": "OpenBLAS (Debian libopenblas0-pthread) via libblas.so.3"}

    if args.parity:
        ids = torch.from_numpy(np.load(os.path.join(args.parity, "input_ids.npy")).astype(np.int64))
        mask = torch.from_numpy(np.load(os.path.join(args.parity, "attention_mask.npy")).astype(np.int64))
        ref_seq = np.load(os.path.join(args.parity, "sequence_output.npy"))
        ref_pooled = np.load(os.path.join(args.parity, "pooled_output.npy"))
        with torch.no_grad():
            seq, pooled = forward(ids, mask, False)
        valid = mask.numpy().astype(bool)
        diff_seq = float(np.abs(seq.numpy() - ref_seq)[valid].max())
        diff_pooled = float(np.abs(pooled.numpy() - ref_pooled).max())
        info["parity"] = {"input": "ParityDump B=2 T=128 (row 1: 100 valid positions)",
                          "max_abs_diff_sequence_output_valid": diff_seq, "max_abs_diff_pooled_output": diff_pooled}
        print(f"parity vs boe4j (threads {n}): sequence_output max |diff| {diff_seq:.3g} (valid positions),"
              f" pooled_output {diff_pooled:.3g}", file=sys.stderr, flush=True)
        if not (diff_seq < 2e-4 and diff_pooled < 2e-4):
            raise SystemExit("PyTorch and boe4j disagree: not the same function")

    for spec in filter(None, args.forward.split(",")):
        B, T = map(int, spec.split("x"))
        ids = torch.from_numpy(synthetic_ids(B, T))
        mask = torch.ones_like(ids)
        check = {}

        def run():
            with torch.no_grad():
                seq, pooled = forward(ids, mask, False)
            s = float(seq.abs().sum())
            if not np.isfinite(s) or tuple(seq.shape) != (B, T, config["hidden_size"]):
                raise SystemExit(f"bad forward output {tuple(seq.shape)} {s}")
            check.setdefault("sum", s)

        samples = timed(run, warmup, reps, seconds)
        med = statistics.median(samples)
        results.append({"benchmark": "forward", "batch": B, "length": T, "threads": n, "median_ms": med * 1e3,
                        "samples_ms": [x * 1e3 for x in samples], "sequences_per_s": B / med,
                        "checksum_abs_sum": check["sum"]})
        print(f"torch forward B={B} T={T} threads={n}: {med * 1e3:.1f} ms ({B / med:.2f} seq/s), "
              f"checksum {check['sum']:.6e}", file=sys.stderr, flush=True)

    trainable = [params[names[k]] for k in names if not k.startswith("pooler.")]
    for p_ in params.values():
        p_.requires_grad_(False)
    for p_ in trainable:
        p_.requires_grad_(True)
    classifier = torch.nn.Linear(config["hidden_size"], 7)
    torch.nn.init.normal_(classifier.weight, std=0.02)
    torch.nn.init.zeros_(classifier.bias)
    for spec in filter(None, args.train.split(",")):
        B, T = map(int, spec.split("x"))
        ids = torch.from_numpy(synthetic_ids(B, T))
        mask = torch.ones_like(ids)
        labels = torch.arange(B) % 7

        def step():
            for p_ in trainable:
                p_.grad = None
            classifier.zero_grad(set_to_none=True)
            seq, _ = forward(ids, mask, True)
            logits = classifier(torch.nn.functional.dropout(seq[:, 0], 0.1, True))
            loss = torch.nn.functional.cross_entropy(logits, labels)
            loss.backward()
            lv = float(loss)
            if not (0.5 < lv < 5) or trainable[0].grad is None:
                raise SystemExit(f"bad training step: loss {lv}")

        samples = timed(step, 1 if args.mode == "short" else 1, 1 if args.mode == "short" else 3,
                        0.0 if args.mode == "short" else 60.0)
        med = statistics.median(samples)
        results.append({"benchmark": "train", "batch": B, "length": T, "threads": n, "median_ms": med * 1e3,
                        "samples_ms": [x * 1e3 for x in samples], "sequences_per_s": B / med})
        print(f"torch train step B={B} T={T} threads={n}: {med * 1e3:.0f} ms ({B / med:.2f} seq/s)", file=sys.stderr, flush=True)

    if args.adamw:
        all_params = [params[names[k]] for k in names]
        for p_ in all_params:
            p_.requires_grad_(True)
            p_.grad = (torch.rand_like(p_) - 0.5) * 1e-3
        opt = torch.optim.AdamW(all_params, lr=2e-5, weight_decay=0.01, eps=1e-6)
        values = sum(p_.numel() for p_ in all_params)

        def adamw():
            torch.nn.utils.clip_grad_norm_(all_params, float("inf"))
            opt.step()

        samples = timed(adamw, 2 if args.mode == "full" else 1, 5 if args.mode == "full" else 1,
                        0.0 if args.mode == "short" else 20.0)
        med = statistics.median(samples)
        results.append({"benchmark": "adamw", "values": values, "threads": n, "median_ms": med * 1e3,
                        "samples_ms": [x * 1e3 for x in samples]})
        print(f"torch AdamW step over {values:,} values threads={n}: {med * 1e3:.0f} ms", file=sys.stderr, flush=True)

    info["peak_rss_mib"] = peak_rss_mib()
    return {"info": info, "results": results}


def peak_rss_mib():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--weights", default="weights/bert-base-multilingual-cased")
    ap.add_argument("--out", required=True)
    ap.add_argument("--mode", choices=["short", "full"], default="full")
    ap.add_argument("--forward", default="1x128,8x128")
    ap.add_argument("--train", default="8x128")
    ap.add_argument("--adamw", action="store_true")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--parity", default=None)
    ap.add_argument("--worker-threads", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker_threads is not None:
        json.dump(worker(args), sys.stdout)
        return
    runs = []
    for n in map(int, args.threads.split(",")):
        env = dict(os.environ, OMP_NUM_THREADS=str(n), OPENBLAS_NUM_THREADS=str(n), MKL_NUM_THREADS=str(n))
        cmd = [sys.executable, os.path.abspath(__file__), "--weights", args.weights, "--out", args.out,
               "--mode", args.mode, "--forward", args.forward, "--train", args.train, "--threads", str(n),
               "--worker-threads", str(n)] + (["--adamw"] if args.adamw else []) + (
                  ["--parity", args.parity] if args.parity else [])
        p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, check=True, text=True)
        runs.append(json.loads(p.stdout))
    tmp = args.out + ".tmp"
    with open(tmp, "w") as f:
        json.dump({"runs": runs}, f, indent=1)
    os.replace(tmp, args.out)
    print(f"results: {args.out}")


if __name__ == "__main__":
    main()
