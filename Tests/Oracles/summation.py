#!/usr/bin/env python3
"""Oracle for chapter 2 ("Rounding, and the updates that vanish"): long sums of one small
number, accumulated one addition at a time in BF16 and FP16 with ml_dtypes, the way a
low-precision accumulator (or a weight receiving the same small update) behaves.

Each addition is done as ml_dtypes does arithmetic on these types: in float32, rounded
back to the storage type (round to nearest, ties to even).

Writes Lessons/data/summation-oracle.json, which the chapter reads and cites.
Re-run (it uses the virtual environment of Tests/PrecisionTests/Oracle/generate.py):
    python3 Tests/Oracles/summation.py
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VENV = os.path.join(ROOT, ".venv-oracle")

sys.path.insert(0, os.path.join(ROOT, "Tools"))
import venv_bootstrap  # noqa: E402  (Tools/venv_bootstrap.py)

venv_bootstrap.ensure_environment(__file__, VENV, ["numpy==2.4.6", "ml_dtypes==0.6.0"], check_pins=False)

import ml_dtypes  # noqa: E402
import numpy as np  # noqa: E402

ADDEND = 0.01
COUNT = 4096


def running_sum(dtype):
    x = np.array(ADDEND, dtype=np.float32).astype(dtype)
    s = np.array(0, dtype=dtype)
    sums = []
    for _ in range(COUNT):
        s = (s.astype(np.float32) + x.astype(np.float32)).astype(dtype)
        sums.append(float(s.astype(np.float32)))
    stall = next(i for i in range(1, COUNT) if sums[i] == sums[i - 1])
    return {"addend": float(x.astype(np.float32)), "final": sums[-1], "stall_value": sums[stall], "stall_step": stall + 1}


result = {
    "source": "ml_dtypes " + ml_dtypes.__version__ + ", numpy " + np.__version__,
    "count": COUNT,
    "bf16": running_sum(ml_dtypes.bfloat16),
    "fp16": running_sum(np.float16),
    "fp32_final": float(np.sum(np.full(COUNT, np.float32(ADDEND).astype(ml_dtypes.bfloat16).astype(np.float64)))),
}
path = os.path.join(ROOT, "Lessons", "data", "summation-oracle.json")
with open(path, "w") as f:
    json.dump(result, f, indent=2, sort_keys=True)
    f.write("\n")
print("wrote", os.path.relpath(path, ROOT))
