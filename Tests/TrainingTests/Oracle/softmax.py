#!/usr/bin/env python3
"""Oracle for softmax and log-softmax in low precision: the naive formula against the
stable (max-subtracted) one, as PyTorch computes them on the CPU in float32, float16 and
bfloat16.

Re-run (from anywhere; needs python3 >= 3.9 with venv, and the wheels for the first run):

    python3 Tests/TrainingTests/Oracle/softmax.py

Like `stability.py`, the script shares `layers.py`'s pins and environment (`.venv-torch/` at
the package root), re-executes itself inside it and rewrites `softmax.json` next to it.
Commit the JSON with any change to this script: `swift test` reads it and never runs Python.

What is generated: `{"cases": [{"row", "dtype", "x", "naive", "stable", "naive_log",
"stable_log"}]}`, one case per row and dtype, every vector in `layers.json`'s float32
encoding (the dtype's values widened to float32, which is exact). For a row `x` (one
dimension, four logits, exact in every dtype) held in `dtype`, each op computing in that
dtype as a PyTorch CPU op does (in float32 inside, one rounding of its result):

    naive       torch.exp(x) / torch.exp(x).sum()
    stable      torch.softmax(x, -1)
    naive_log   torch.log(naive)
    stable_log  torch.log_softmax(x, -1)

Verified on every run (the script stops if a check fails): `stable` and `stable_log` equal the
float64 softmax and log-softmax of the same `x` rounded once to the dtype, to within one unit
in the last place of the dtype (for a log-probability, of its size or of 1, whichever is
larger: near 0 its error is that of `x - max - log(sum)`).
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import layers  # noqa: E402  (layers.py: encoding, pins)
import venv_bootstrap  # noqa: E402  (Tools/venv_bootstrap.py, on the path layers.py set)

ROWS = {
    "moderate": [2.0, 1.0, 0.0, -1.0],
    "large": [12.0, 11.0, 10.0, 9.0],
    "huge": [100.0, 99.0, 98.0, 97.0],
    "small": [-20.0, -21.0, -22.0, -23.0],
    "tiny": [-110.0, -111.0, -112.0, -113.0],
    "confident": [0.0, -20.0, -21.0, -22.0],
}


def check_stable(x, stable, stable_log, dtype, name):
    import torch
    wide = x.to(torch.float64)
    # A probability is within an ulp of its own size; a log-probability, whose rounding
    # error is x - max - log(sum), within an ulp of its size or of 1, whichever is larger.
    for got, want, what, floor in [(stable, torch.softmax(wide, -1), "softmax", torch.finfo(dtype).tiny),
                                   (stable_log, torch.log_softmax(wide, -1), "log_softmax", 1.0)]:
        rounded = want.to(dtype)
        ulp = torch.finfo(dtype).eps * rounded.abs().to(torch.float64).clamp_min(floor)
        gap = (got.to(torch.float64) - rounded.to(torch.float64)).abs()
        if not bool((gap <= ulp).all()):
            sys.exit(f"{name} {dtype} {what}: {got.tolist()} is not within an ulp of {rounded.tolist()}")


def main():
    import torch
    torch.set_num_threads(1)
    cases = []
    for dtype_name, dtype in [("fp32", torch.float32), ("fp16", torch.float16), ("bf16", torch.bfloat16)]:
        for name, values in ROWS.items():
            x = torch.tensor(values, dtype=dtype)
            assert x.to(torch.float64).tolist() == values, f"{name} is not exact in {dtype_name}"
            e = torch.exp(x)
            naive = e / e.sum()
            stable = torch.softmax(x, -1)
            stable_log = torch.log_softmax(x, -1)
            check_stable(x, stable, stable_log, dtype, name)
            cases.append({"row": name, "dtype": dtype_name, "x": layers.f32_entry(x),
                          "naive": layers.f32_entry(naive), "stable": layers.f32_entry(stable),
                          "naive_log": layers.f32_entry(torch.log(naive)),
                          "stable_log": layers.f32_entry(stable_log)})
            print(f"{dtype_name:5} {name:10} naive {naive.tolist()}  stable {stable.tolist()}")
    (HERE / "softmax.json").write_text(layers.dumps({"cases": cases}) + "\n")


if __name__ == "__main__":
    venv_bootstrap.pin_cpu_kernels()
    venv_bootstrap.ensure_environment(__file__, layers.VENV, layers.REQUIREMENTS)
    main()
