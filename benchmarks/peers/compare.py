#!/usr/bin/env python3
"""Prints boe4j vs peers side by side, with ratios, from the result files of benchmarks/peers/run.sh.

  compare.py --boe4j boe4j.json [--tf tf.json] [--torch torch.json] [--markdown]

boe4j.json and tf.json are JMH JSON results (AverageTime, ms/op); torch.json is bert_peer.py's output (for each
configuration the best of the thread settings it measured is taken, as issue 6 asks). Ratios are boe4j speed /
peer speed (> 1: boe4j is faster). The encoder's share of the sgemm ceiling is printed when SgemmBenchmark ran:
a forward is 12 x (8TD^2 + 4TDI + 4T^2D) FLOP per sequence (22.35 GFLOP at T = 128), a training step ~3x that.
"""
import argparse
import json

D, I, L = 768, 3072, 12


def forward_flop(t):
    return L * (8 * t * D * D + 4 * t * D * I + 4 * t * t * D)


def jmh(path):
    out = {}
    if not path:
        return out
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 2)
        key = (name[-2], name[-1], tuple(sorted(r.get("params", {}).items())))
        m = r["primaryMetric"]
        out[key] = {"score": m["score"], "unit": m["scoreUnit"], "error": m.get("scoreError"),
                    "params": r.get("params", {})}
    return out


def ms(entry):
    unit = entry["unit"]
    scale = {"ms/op": 1.0, "s/op": 1e3, "us/op": 1e-3}[unit]
    return entry["score"] * scale


def torch_best(path):
    best = {}
    if not path:
        return best, {}
    data = json.load(open(path))
    info = {}
    for run in data["runs"]:
        info[run["info"]["threads"]] = run["info"]
        for r in run["results"]:
            key = (r["benchmark"], r.get("batch"), r.get("length"))
            if key not in best or r["median_ms"] < best[key]["median_ms"]:
                best[key] = r
    return best, info


def graph(params):
    """' (fused)' or ' (plain)' after a row label when the benchmark ran both encoder graphs."""
    if "fused" not in params:
        return ""
    return " (fused)" if params["fused"] == "true" else " (plain)"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--boe4j", nargs="+", required=True)
    ap.add_argument("--tf")
    ap.add_argument("--torch")
    args = ap.parse_args()
    boe = {}
    for p in args.boe4j:
        boe.update(jmh(p))
    tf = jmh(args.tf)
    torch, tinfo = torch_best(args.torch)

    gflops = None
    for (cls, method, params), e in boe.items():
        if cls == "SgemmBenchmark" and dict(params).get("n") == "2048":
            gflops = 2 * 2048 ** 3 / (ms(e) / 1e3) / 1e9
            print(f"sgemm 2048^3 (ND4J mmul): {ms(e):.1f} ms = {gflops:.0f} GFLOP/s")

    print("\n| encoder forward | boe4j seq/s | %sgemm | TF Java seq/s | boe4j/TF | PyTorch seq/s (threads) | boe4j/PyTorch |")
    print("|---|---|---|---|---|---|---|")
    for (cls, method, params), e in sorted(boe.items(), key=lambda kv: (int(dict(kv[0][2]).get("length", 0)),
                                                                     int(dict(kv[0][2]).get("batch", 0)))):
        if cls != "EncoderForwardBenchmark":
            continue
        p = dict(params)
        b, t = int(p["batch"]), int(p["length"])
        sps = b / (ms(e) / 1e3)
        peak = f"{100 * sps * forward_flop(t) / 1e9 / gflops:.0f}%" if gflops else ""
        tfe = tf.get(("TfForwardBenchmark", "forward", (("batch", str(b)),))) if t == 128 else None
        tf_sps = b / (ms(tfe) / 1e3) if tfe else None
        te = torch.get(("forward", b, t))
        t_sps = te["sequences_per_s"] if te else None
        tf_txt = f"{tf_sps:.2f} | {sps / tf_sps:.2f}" if tf_sps else "- | -"
        t_txt = f"{t_sps:.2f} ({te['threads']}) | {sps / t_sps:.2f}" if te else "- | -"
        print(f"| {b} x {t}{graph(p)} | {sps:.2f} | {peak} | {tf_txt} | {t_txt} |")

    print("\n| training step (forward + backward) | boe4j seq/s | %sgemm (3x forward FLOP) | PyTorch seq/s (threads) | boe4j/PyTorch |")
    print("|---|---|---|---|---|")
    for (cls, method, params), e in sorted(boe.items()):
        if cls != "TrainingStepBenchmark":
            continue
        p = dict(params)
        b, t = int(p["batch"]), int(p["length"])
        sps = b / (ms(e) / 1e3)
        peak = f"{100 * sps * 3 * forward_flop(t) / 1e9 / gflops:.0f}%" if gflops else ""
        te = torch.get(("train", b, t)) if method == "forwardBackward" and p.get("variant") == "baseline" else None
        t_sps = te["sequences_per_s"] if te else None
        t_txt = f"{t_sps:.2f} ({te['threads']}) | {sps / t_sps:.2f}" if te else "- | -"
        print(f"| {method} {p.get('variant')} {b} x {t}{graph(p)} | {sps:.2f} | {peak} | {t_txt} |")

    for (cls, method, params), e in boe.items():
        if cls == "AdamWBenchmark":
            te = torch.get(("adamw", None, None))
            line = f"\nAdamW step, all parameters: boe4j {ms(e):.0f} ms"
            if te:
                line += f"; PyTorch {te['median_ms']:.0f} ms ({te['threads']} threads); boe4j/PyTorch speed " \
                        f"{te['median_ms'] / ms(e):.2f}"
            print(line)
    for t, info in sorted(tinfo.items()):
        if "parity" in info:
            par = info["parity"]
            print(f"\nPyTorch vs boe4j parity ({par['input']}, {t} threads): sequence_output max |diff| "
                  f"{par['max_abs_diff_sequence_output_valid']:.2e}, pooled_output {par['max_abs_diff_pooled_output']:.2e}")
        print(f"PyTorch {info['torch']}, {t} threads: peak RSS {info['peak_rss_mib'] / 1024:.2f} GiB")


if __name__ == "__main__":
    main()
