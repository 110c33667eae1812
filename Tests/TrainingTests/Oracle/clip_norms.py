#!/usr/bin/env python3
"""Oracle for `ClipNorm`: what torch.nn.utils.clip_grad_norm_ returns and leaves in the
gradients for norm types other than 2 and inf (and, for comparison, 2 and inf on the same
cases), to the bit.

Re-run (from anywhere; needs python3 >= 3.9 with venv, and the wheels for the first run):

    python3 Tests/TrainingTests/Oracle/clip_norms.py

It shares `.venv-torch/` and the pins of `optimizers.py` (whose case builder and encoding it
reuses, so the records read like that file's `clip_norm` section) and rewrites
`clip_norms.json` next to it. Commit the JSON together with any change to this script:
`swift test` reads the JSON and never runs Python.

Deterministic: fixed seeds, sorted keys, one thread, and torch's AVX2 kernels forced with
ATEN_CPU_CAPABILITY=avx2: the Swift side reproduces their 2-norm sums. (On an AVX-512
machine torch 2.13 gives the same norms without it, checked, but would name AVX512 in
`source`.) The other orders do not depend on the kernels: torch reduces them one element at
a time, calling the C library's powf, so a machine with another libm's powf may record
other last bits.

What is generated (sections of the top-level object):

    cases     for each norm type 1, 2, inf, 0.5, 3 and 4.5: clipped and below max_norm
              (FP32); one infinite gradient; one NaN gradient, and the same with
              error_if_nonfinite (`raised`); FP16 and BF16 gradients; all zeros (total 0);
              one huge element (its p-th power overflows for p > 1 but not its norm for
              p = 1); tiny elements (p-th powers underflow); one-element tensors and a lone
              one-element tensor (torch returns |x| there without taking powers); FP16
              gradients whose norm overflows FP16; for norm type 1, mixed FP32/FP16
              gradients with exact norms.
    random    80 seeded cases: 1-9 tensors of 1-60 elements (FP32, FP16, BF16), norm types
              1, 0.5, 3, 4.5, 1.5, 7 and 0.3 (as float32: 0.30000001192092896),
              magnitudes over 10^-4..10^4 (10^-2..10^2 in FP16), max_norm around the total.

The encoding is `optimizers.py`'s. `norm_type` is the order as a string: "inf", whole
numbers without ".0", others as Python's repr of the float32 value handed to torch.
"""

import math
import os
import sys
from pathlib import Path

os.environ["ATEN_CPU_CAPABILITY"] = "avx2"  # before torch loads, in this process and the re-executed one

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import optimizers  # noqa: E402  (its helpers; importing it runs nothing)
from optimizers import as_f32, clip_norm_case, draw, poke  # noqa: E402

ORDERS = [1.0, 2.0, math.inf, 0.5, 3.0, 4.5]
RANDOM_ORDERS = [1.0, 0.5, 3.0, 4.5, 1.5, 7.0, as_f32(0.3)]


def norm_of(arrays, order):
    """The order-norm of all arrays together, in float64 (to place max_norm near it)."""
    import numpy as np
    values = np.concatenate([a.astype(np.float64).reshape(-1) for a in arrays])
    if order == math.inf:
        return float(np.max(np.abs(values)))
    return float(np.sum(np.abs(values) ** order) ** (1 / order))


def cases_for(order, label):
    import numpy as np
    rng = np.random.default_rng(401 + ORDERS.index(order))

    def g(shape, scale=1.0):
        return draw(rng, shape, scale)

    def case(name, grads, max_norm, **kwargs):
        return clip_norm_case(f"{label}-{name}", grads, max_norm, order, **kwargs)

    three = lambda s=1.0: [("w", "fp32", g((5, 7), s)), ("b", "fp32", g((13,), s)), ("u", "fp32", g((157,), s))]
    one_nan = lambda: [("w", "fp32", g((5, 7))), ("b", "fp32", poke(g((13,)), 5, np.nan))]
    overflows = np.array([60000, 60000, 1, -1], dtype=np.float32)
    cases = [
        case("clipped-fp32", three(), 1.0),
        case("below-max-fp32", three(1e-3), 1000.0),
        case("one-inf-fp32", [("w", "fp32", poke(g((5, 7)), 3, np.inf)), ("b", "fp32", g((13,)))], 1.0),
        case("one-nan-fp32", one_nan(), 1.0),
        case("nan-raises-fp32", one_nan(), 1.0, error_if_nonfinite=True),
        case("clipped-fp16", [("w", "fp16", g((5, 7), 30)), ("b", "fp16", g((13,), 30)), ("u", "fp16", g((100,), 3))], 2.0),
        case("clipped-bf16", [("w", "bf16", g((5, 7), 30)), ("b", "bf16", g((13,), 30)), ("u", "bf16", g((100,), 3))], 2.0),
        case("zeros-fp32", [("w", "fp32", np.zeros((5, 7), np.float32)), ("b", "fp32", np.zeros(13, np.float32))], 1.0),
        case("huge-fp32", [("w", "fp32", poke(g((5, 7)), 8, -1e30)), ("b", "fp32", g((13,)))], 1.0),
        case("tiny-fp32", [("w", "fp32", g((5, 7), 1e-30)), ("b", "fp32", g((13,), 1e-12))], 1e-12),
        case("one-element-tensors-fp32", [("a", "fp32", np.array([-3.7], np.float32)), ("b", "fp32", g((1,), 1e-3)),
                                          ("c", "fp32", g((9,))), ("d", "fp32", np.array([[0.3]], np.float32))], 1.0),
        case("lone-element-fp32", [("a", "fp32", np.array([-7.1], np.float32))], 2.0),
        case("lone-element-bf16", [("a", "bf16", np.array([5.3], np.float32))], 2.0),
        case("norm-overflows-fp16", [("a", "fp16", overflows), ("b", "fp16", g((9,)))], 1.0),
    ]
    if order == 1.0:
        # Exact norms (7 in FP32, 12 in FP16) sum to 19 in either grouping order.
        mixed = [("w", "fp32", np.array([3, -4], dtype=np.float32)), ("b", "fp16", np.array([12], dtype=np.float32))]
        cases.append(case("mixed-exact", mixed, 6.5))
    return cases


def random_cases(count=80):
    """Seeded random cases over the orders of RANDOM_ORDERS and all three formats: they
    pin the accumulation order, the powers, the roots and the coefficient's roundings."""
    import numpy as np
    rng = np.random.default_rng(402)
    cases = []
    for index in range(count):
        fmt = ["fp32", "fp32", "fp16", "bf16", "fp32"][index % 5]
        order = RANDOM_ORDERS[index % len(RANDOM_ORDERS)]
        tensors = int(rng.integers(1, 10))
        scale = float(10.0 ** rng.uniform(-4, 4)) if fmt != "fp16" else float(10.0 ** rng.uniform(-2, 2))
        grads = [(f"t{k}", fmt, draw(rng, (int(rng.integers(1, 61)),), scale)) for k in range(tensors)]
        max_norm = norm_of([a for _, _, a in grads], order) * float(10.0 ** rng.uniform(-1, 0.3))
        cases.append(clip_norm_case(f"random-{index}", grads, max_norm, order))
    return cases


def main():
    import numpy as np
    import torch
    torch.set_num_threads(1)
    capability = torch.backends.cpu.get_cpu_capability()
    if capability != "AVX2":
        raise SystemExit(f"torch runs its {capability} kernels; this oracle needs AVX2 (ATEN_CPU_CAPABILITY=avx2)")
    print(f"torch {torch.__version__}, CPU capability {capability}", file=sys.stderr)
    labels = {order: optimizers.norm_label(order) for order in ORDERS}
    document = {
        "source": f"torch {torch.__version__} (CPU capability {capability}, 1 thread), numpy {np.__version__}",
        "cases": [record for order in ORDERS for record in cases_for(order, labels[order])],
        "random": random_cases(),
    }
    optimizers.write_document(document, "clip_norms.json")


if __name__ == "__main__":
    optimizers.venv_bootstrap.pin_cpu_kernels()
    optimizers.venv_bootstrap.ensure_environment(__file__, optimizers.VENV, optimizers.REQUIREMENTS)
    main()
