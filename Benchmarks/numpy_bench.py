#!/usr/bin/env python3
"""numpy / ml_dtypes baseline for `mantissa-bench --numpy`.

    python3 Benchmarks/numpy_bench.py --count 16777216 --repeats 5

The first run creates `.venv-bench/` at the package root (git-ignored via `.venv*/`) with
the same pinned numpy and ml_dtypes as the test oracle, then re-executes itself inside it.
It rounds `count` float32 values (normal, sigma 3, from numpy's PCG64 with a fixed seed)
through each format ml_dtypes (or numpy) has and back, best of `repeats`, single-threaded
as numpy's casts are, and prints one JSON object on stdout:

    {"versions": "...", "count": N, "memcpy_s": t, "rows": [{"format": "bf16",
     "astype_s": t, "copyto_s": t}, ...]}

`astype_s` times `x.astype(dtype).astype(np.float32)` (allocating two arrays, as user code
does); `copyto_s` times the same round trip into preallocated arrays with `np.copyto`;
`memcpy_s` times `np.copyto` of float32 into an already-written float32 array.
"""

import json
import sys
import time
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[1]
VENV = PACKAGE_ROOT / ".venv-bench"
REQUIREMENTS = ["numpy==2.4.6", "ml_dtypes==0.6.0"]

sys.path.insert(0, str(PACKAGE_ROOT / "Tools"))
import venv_bootstrap  # noqa: E402  (Tools/venv_bootstrap.py)


def best_time(action, repeats):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def main():
    import argparse
    import ml_dtypes
    import numpy as np

    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=16 << 20)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    x = (np.random.Generator(np.random.PCG64(20_250_000)).standard_normal(args.count) * 3).astype(np.float32)
    out = np.ones_like(x)
    memcpy = best_time(lambda: np.copyto(out, x), args.repeats)
    rows = []
    for key, dtype in [("bf16", ml_dtypes.bfloat16), ("fp16", np.float16),
                       ("e4m3fn", ml_dtypes.float8_e4m3fn), ("e5m2", ml_dtypes.float8_e5m2)]:
        narrow = np.ones(args.count, dtype=dtype)

        def through_preallocated():
            np.copyto(narrow, x, casting="unsafe")
            np.copyto(out, narrow, casting="unsafe")

        with np.errstate(all="ignore"):
            astype = best_time(lambda: x.astype(dtype).astype(np.float32), args.repeats)
            copyto = best_time(through_preallocated, args.repeats)
        rows.append({"format": key, "astype_s": astype, "copyto_s": copyto})
    versions = f"numpy {np.__version__}, ml_dtypes {ml_dtypes.__version__}"
    print(json.dumps({"versions": versions, "count": args.count, "memcpy_s": memcpy, "rows": rows}))


if __name__ == "__main__":
    venv_bootstrap.ensure_environment(__file__, VENV, REQUIREMENTS, check_pins=False, pip_stdout=sys.stderr)
    main()
