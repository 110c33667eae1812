#!/usr/bin/env python3
"""Oracle for Training/Optimization: what PyTorch's optimizers, clipping, GradScaler and a
warmup + cosine schedule do, step by step, to the bit.

Re-run (from anywhere; needs python3 >= 3.9 with venv, and the wheels for the first run):

    python3 Tests/TrainingTests/Oracle/optimizers.py

The first run creates `.venv-torch/` at the package root (git-ignored) and installs the
pinned torch and numpy below into it (pip finds the CPU torch wheel through its configured
find-links); later runs reuse it. The script then re-executes itself inside that environment
and rewrites `optimizers.json` next to it, printing one summary line per section.

Commit the JSON together with any change to this script: `swift test` reads the JSON and
never runs Python. Output is deterministic (fixed seeds, sorted keys, no timestamps,
`torch.set_num_threads(1)`), so re-running with the same pinned versions on the same kind of
machine (x86-64 with AVX2, where torch picks its AVX2 kernels) leaves the file byte-for-byte
unchanged. The script prints torch's CPU capability; the Swift side reproduces the AVX2
kernels' arithmetic. One part may change with the CPU model even so: `params` of FP32 Adam and
AdamW go through MKL's vsSqrt (see `ieee_sqrt`), whose last bit depends on MKL's code path
for the processor; `params_ieee_sqrt` does not.

What is generated (sections of the top-level object):

    optimizers    trajectories: SGD (plain, momentum, dampening + weight decay, Nesterov),
                  Adam (with and without L2 weight decay), AdamW, on FP32 parameters; Adam,
                  AdamW and SGD on pure FP16 and pure BF16 parameters (PyTorch CPU runs
                  Half/BFloat16 optimizers with foreach=False), including FP16 gradients
                  small enough that Adam's v underflows and eps (0 in FP16) cannot help.
                  Each records the initial parameters, and per step the gradients and the
                  parameters after the step. FP32 Adam/AdamW steps also hold
                  `params_ieee_sqrt`: the same run with `Tensor.sqrt` swapped for a
                  correctly rounded one (see `ieee_sqrt`: torch's FP32 sqrt calls MKL's
                  vsSqrt, which is not correctly rounded on this machine).
    clip_norm     torch.nn.utils.clip_grad_norm_ (the CPU default, foreach): norm types 2
                  and inf; finite totals above and below max_norm; one infinite gradient;
                  one NaN gradient; error_if_nonfinite (`raised`, gradients untouched);
                  FP16 gradients whose per-tensor norm overflows FP16; FP16 and BF16 totals;
                  mixed FP32/FP16 gradients with exact norms (PyTorch's grouping order by
                  dtype is unspecified, so only order-independent values are recorded).
    clip_norm_random
                  100 seeded random clip_grad_norm_ cases (1-9 tensors of 1-40 elements,
                  FP32/FP16/BF16, norm types 2 and inf), pinning accumulation orders and
                  the coefficient's roundings.
    clip_value    torch.nn.utils.clip_grad_value_ on FP32, FP16 and BF16 (with inf and NaN).
    grad_scaler   torch.amp.GradScaler("cpu") traces with an Adam optimizer: 40 steps with
                  growth_interval 3 and inf/NaN injected into the scaled gradients on chosen
                  steps (some steps call unscale_ explicitly and clip before step); a trace
                  that would grow the scale past FP32's range; and one with growth 1.7 and
                  backoff 0.3, whose products round to float32. Per step: the scaled
                  gradients handed over, the scale before, whether the step was skipped,
                  the optimizer's step count, the scale and growth tracker after update(),
                  and the parameters (also `params_ieee_sqrt`, as for the optimizers).
    scaled_loss   GradScaler.scale(loss) for 0-dim and 1-dim FP16/BF16/FP32 losses, with the
                  result's dtype (a 0-dim FP16 loss times the FP32 scale is FP32).
    schedules     the warmup + cosine rate at every step: warmup from LambdaLR
                  (base_lr * step / warmup), decay from CosineAnnealingLR's closed form
                  (eta_min + (base_lr - eta_min) * (1 + cos(pi * k / T_max)) / 2), in float64,
                  stored as float32.

Encoding conventions in the JSON:
  * a tensor is `{"name", "shape", "f32"}`: float32 values in row-major order, each as its bit
    pattern, 8 lowercase hex digits, concatenated; FP16/BF16 tensors are stored as the exact
    float32 values of their elements, with the dtype in the enclosing record's `format`;
  * named tensors are lists of such records, in the parameters' order;
  * float32 scalars (learning rates, max_norm, scale, total norms) are 8-hex-digit strings
    under keys ending in `_f32`; float64 hyperparameters (betas, eps, weight decay,
    momentum, growth factors) are plain JSON numbers (Python's repr, which round-trips).

Learning rates are float32 values (the Swift API takes `Float`), handed to PyTorch as the
Python float of the same value. Gradients are drawn with numpy's default_rng(seed) as float32
standard normals times a per-tensor scale, then cast to the parameter dtype.
"""

import json
import math
import sys
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE_ROOT = HERE.parents[2]
VENV = PACKAGE_ROOT / ".venv-torch"
REQUIREMENTS = ["torch==2.13.0+cpu", "numpy==2.4.6"]

sys.path.insert(0, str(PACKAGE_ROOT / "Tools"))
import venv_bootstrap  # noqa: E402  (Tools/venv_bootstrap.py)


# ---------------------------------------------------------------------------------------
# Encoding.

def f32_hex(value):
    """A float32 (or a Python float that is exactly one) as 8 hex digits."""
    import numpy as np
    array = np.array([value], dtype=np.float32)
    if not (math.isnan(float(value)) or float(array[0]) == float(value)):
        raise AssertionError(f"{value!r} is not a float32")
    return format(int(array.view(np.uint32)[0]), "08x")


def tensor_entry(name, tensor):
    import numpy as np
    import torch
    array = tensor.detach().to(torch.float32).contiguous().numpy()
    bits = np.ascontiguousarray(array).reshape(-1).view(np.uint32).astype(">u4")
    return {"name": name, "shape": list(array.shape), "f32": bits.tobytes().hex()}


def named_entries(names, tensors):
    return [tensor_entry(name, tensor) for name, tensor in zip(names, tensors)]


def dumps(value, indent=""):
    """Sorted-key JSON, one line per tensor record (keeps diffs readable)."""
    inner = indent + " "
    if isinstance(value, dict) and value and "f32" not in value:
        items = [f"{inner}{json.dumps(key)}: {dumps(value[key], inner)}" for key in sorted(value)]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        items = [inner + dumps(item, inner) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    return json.dumps(value, sort_keys=True)


def as_f32(x):
    """The Python float of the float32 nearest x (how the Swift side's Float reaches torch)."""
    import numpy as np
    return float(np.float32(x))


DTYPES = {}


def dtype_of(name):
    import torch
    return {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}[name]


# ---------------------------------------------------------------------------------------
# Optimizer trajectories.

SHAPES = [("w", (5, 7)), ("b", (7,)), ("u", (80,))]   # 35 = 32 + 3, 7 < 32, 80 = 64 + 16


def draw(rng, shape, scale):
    import numpy as np
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def make_optimizer(kind, params, config):
    import torch
    if kind == "sgd":
        return torch.optim.SGD(params, lr=config["lr"], momentum=config["momentum"],
                               dampening=config["dampening"], weight_decay=config["weight_decay"],
                               nesterov=config["nesterov"], foreach=False)
    betas = (config["beta1"], config["beta2"])
    cls = torch.optim.Adam if kind == "adam" else torch.optim.AdamW
    return cls(params, lr=config["lr"], betas=betas, eps=config["eps"],
               weight_decay=config["weight_decay"], foreach=False)


class ieee_sqrt:
    """Within this context, float32 `Tensor.sqrt()` is correctly rounded (numpy's, i.e. the
    hardware's), instead of torch's CPU kernel, which calls MKL's vsSqrt (VML_HA): on this
    machine about a fifth of its float32 results are one ulp off the correctly rounded root.
    Float16/bfloat16 sqrt is left alone (torch computes it in float32 with the hardware root).
    Adam's only sqrt is `exp_avg_sq.sqrt()`, so a trajectory recorded in this context is
    PyTorch's update with IEEE square roots: the Swift side must match it to the bit."""

    def __enter__(self):
        import numpy as np
        import torch
        self.original = torch.Tensor.sqrt
        original = self.original

        def sqrt(tensor):
            if tensor.dtype != torch.float32:
                return original(tensor)
            return torch.from_numpy(np.sqrt(tensor.detach().contiguous().numpy()))
        torch.Tensor.sqrt = sqrt

    def __exit__(self, *exc):
        import torch
        torch.Tensor.sqrt = self.original


def run_optimizer(kind, config, initial, gradients):
    """Parameters after each step, from `initial` (tensors) and per-step gradient lists."""
    import torch
    params = [torch.nn.Parameter(t.clone()) for t in initial]
    optimizer = make_optimizer(kind, params, config)
    trajectory = []
    for grads in gradients:
        for p, g in zip(params, grads):
            p.grad = g.clone()
        optimizer.step()
        trajectory.append([p.detach().clone() for p in params])
    return trajectory


def trajectory(name, kind, fmt, config, seed, steps, grad_scales, param_scale=1.0):
    import torch
    import numpy as np
    dtype = dtype_of(fmt)
    rng = np.random.default_rng(seed)
    names = [n for n, _ in SHAPES]
    initial = [torch.from_numpy(draw(rng, shape, param_scale)).to(dtype) for _, shape in SHAPES]
    gradients = [[torch.from_numpy(draw(rng, shape, grad_scales[step % len(grad_scales)])).to(dtype)
                  for _, shape in SHAPES] for step in range(steps)]
    params = run_optimizer(kind, config, initial, gradients)
    record = {"name": name, "optimizer": kind, "format": fmt, "seed": seed,
              "config": {k: v for k, v in config.items() if k != "lr"},
              "lr_f32": f32_hex(config["lr"]),
              "initial": named_entries(names, initial), "steps": []}
    for grads, after in zip(gradients, params):
        record["steps"].append({"grads": named_entries(names, grads), "params": named_entries(names, after)})
    if kind != "sgd" and fmt == "fp32":
        with ieee_sqrt():
            exact = run_optimizer(kind, config, initial, gradients)
        for step, after in zip(record["steps"], exact):
            step["params_ieee_sqrt"] = named_entries(names, after)
    check_against_float64(record, kind, config)
    return record


def check_against_float64(record, kind, config):
    """The FP32 trajectories, rerun in float64 from the same start and gradients, agree to
    1e-5 relative: the reference is not numerically off (low formats are not checked)."""
    import torch
    import numpy as np
    if record["format"] != "fp32":
        return

    def load(entry):
        bits = np.frombuffer(bytes.fromhex(entry["f32"]), dtype=">u4").astype(np.uint32)
        return torch.from_numpy(bits.view(np.float32).astype(np.float64).reshape(entry["shape"]))
    params = [torch.nn.Parameter(load(e)) for e in record["initial"]]
    optimizer = make_optimizer(kind, params, config)
    for step in record["steps"]:
        for p, g in zip(params, step["grads"]):
            p.grad = load(g)
        optimizer.step()
        for p, e in zip(params, step["params"]):
            expected = load(e)
            scale = float(expected.abs().max()) + 1e-30
            assert float((p.detach() - expected).abs().max()) <= 1e-5 * scale, (record["name"], "float64 check")


def optimizer_cases():
    lr = as_f32
    sgd = lambda **k: {"lr": lr(k.get("lr", 0.05)), "momentum": k.get("momentum", 0.0),
                       "dampening": k.get("dampening", 0.0), "weight_decay": k.get("weight_decay", 0.0),
                       "nesterov": k.get("nesterov", False)}
    adam = lambda **k: {"lr": lr(k.get("lr", 1e-3)), "beta1": k.get("beta1", 0.9), "beta2": k.get("beta2", 0.999),
                        "eps": k.get("eps", 1e-8), "weight_decay": k.get("weight_decay", 0.0)}
    adamw = lambda **k: adam(**{"weight_decay": 0.01, **k})
    unit = [1.0]
    small = [1.0, 1e-3, 0.004]  # FP16: 1e-3 and 0.004 square to below FP16's range
    return [
        trajectory("sgd-plain-fp32", "sgd", "fp32", sgd(), 101, 6, unit),
        trajectory("sgd-momentum-fp32", "sgd", "fp32", sgd(momentum=0.9), 102, 6, unit),
        trajectory("sgd-dampening-decay-fp32", "sgd", "fp32",
                   sgd(lr=0.02, momentum=0.8, dampening=0.1, weight_decay=0.01), 103, 6, unit),
        trajectory("sgd-nesterov-decay-fp32", "sgd", "fp32",
                   sgd(lr=0.01, momentum=0.9, nesterov=True, weight_decay=1e-4), 104, 6, unit),
        trajectory("adam-fp32", "adam", "fp32", adam(), 105, 8, unit),
        trajectory("adam-l2-fp32", "adam", "fp32", adam(lr=3e-3, weight_decay=0.01), 106, 8, unit),
        trajectory("adam-betas-fp32", "adam", "fp32", adam(lr=1e-2, beta1=0.8, beta2=0.95, eps=1e-6), 107, 8, unit),
        trajectory("adamw-fp32", "adamw", "fp32", adamw(), 108, 8, unit),
        trajectory("adamw-strong-decay-fp32", "adamw", "fp32", adamw(lr=1e-2, weight_decay=0.1), 109, 8, unit),
        trajectory("adam-fp16", "adam", "fp16", adam(), 110, 8, unit),
        trajectory("adam-small-grads-fp16", "adam", "fp16", adam(), 111, 6, small),
        trajectory("adam-l2-fp16", "adam", "fp16", adam(lr=3e-3, weight_decay=0.01), 112, 8, unit),
        trajectory("adamw-fp16", "adamw", "fp16", adamw(lr=1e-2, weight_decay=0.1), 113, 8, unit),
        trajectory("adam-bf16", "adam", "bf16", adam(), 114, 8, unit),
        trajectory("adam-small-grads-bf16", "adam", "bf16", adam(), 115, 6, small),
        trajectory("adam-l2-bf16", "adam", "bf16", adam(lr=3e-3, weight_decay=0.01), 116, 8, unit),
        trajectory("adamw-bf16", "adamw", "bf16", adamw(lr=1e-2, weight_decay=0.1), 117, 8, unit),
        trajectory("sgd-momentum-decay-fp16", "sgd", "fp16",
                   sgd(lr=0.01, momentum=0.9, dampening=0.1, weight_decay=0.01), 118, 6, unit),
        trajectory("sgd-nesterov-bf16", "sgd", "bf16",
                   sgd(lr=0.01, momentum=0.9, nesterov=True, weight_decay=1e-4), 119, 6, unit),
    ]


# ---------------------------------------------------------------------------------------
# Clipping.

def norm_label(norm_type):
    """`norm_type` as the JSON writes it: "inf", "2", "3", "0.5", "0.30000001192092896"
    (whole numbers without ".0"; others as Python's repr, which round-trips)."""
    if norm_type == math.inf:
        return "inf"
    return str(int(norm_type)) if norm_type == int(norm_type) else repr(norm_type)


def clip_norm_case(name, grads, max_norm, norm_type, error_if_nonfinite=False):
    """grads: list of (name, format, float32 numpy array)."""
    import torch
    params = []
    for _, fmt, values in grads:
        p = torch.nn.Parameter(torch.zeros(values.shape, dtype=dtype_of(fmt)))
        p.grad = torch.from_numpy(values).to(dtype_of(fmt))
        params.append(p)
    before = [tensor_entry(n, p.grad) | {"format": fmt} for (n, fmt, _), p in zip(grads, params)]
    raised = False
    total = None
    try:
        total = torch.nn.utils.clip_grad_norm_(params, as_f32(max_norm), norm_type=norm_type,
                                               error_if_nonfinite=error_if_nonfinite)
    except RuntimeError:
        raised = True
    after = [tensor_entry(n, p.grad) | {"format": fmt} for (n, fmt, _), p in zip(grads, params)]
    record = {"name": name, "max_norm_f32": f32_hex(as_f32(max_norm)),
              "norm_type": norm_label(norm_type),
              "error_if_nonfinite": error_if_nonfinite, "raised": raised,
              "grads": before, "clipped": after}
    if total is not None:
        record["total_norm_f32"] = f32_hex(float(total.float()))
        record["total_norm_format"] = {torch.float32: "fp32", torch.float16: "fp16", torch.bfloat16: "bf16"}[total.dtype]
    return record


def poke(array, index, value):
    """A copy of `array` with its flat element `index` set to `value`."""
    array = array.copy()
    array.reshape(-1)[index] = value
    return array


def clip_norm_cases():
    import numpy as np
    rng = np.random.default_rng(201)

    def g(shape, scale=1.0):
        return draw(rng, shape, scale)

    three = lambda s=1.0: [("w", "fp32", g((5, 7), s)), ("b", "fp32", g((13,), s)), ("u", "fp32", g((1000,), s))]
    cases = []
    for norm_type, label in [(2.0, "two"), (math.inf, "inf")]:
        cases.append(clip_norm_case(f"{label}-clipped-fp32", three(), 1.0, norm_type))
        cases.append(clip_norm_case(f"{label}-below-max-fp32", three(1e-3), 5.0, norm_type))
        cases.append(clip_norm_case(f"{label}-one-inf-fp32",
                                    [("w", "fp32", poke(g((5, 7)), 3, np.inf)), ("b", "fp32", g((13,)))],
                                    1.0, norm_type))
        cases.append(clip_norm_case(f"{label}-one-nan-fp32",
                                    [("w", "fp32", g((5, 7))), ("b", "fp32", poke(g((13,)), 5, np.nan))],
                                    1.0, norm_type))
        cases.append(clip_norm_case(f"{label}-nan-raises-fp32",
                                    [("w", "fp32", g((5, 7))), ("b", "fp32", poke(g((13,)), 5, np.nan))],
                                    1.0, norm_type, error_if_nonfinite=True))
        cases.append(clip_norm_case(f"{label}-clipped-fp16",
                                    [("w", "fp16", g((5, 7), 30)), ("b", "fp16", g((13,), 30)), ("u", "fp16", g((100,), 3))],
                                    2.0, norm_type))
        cases.append(clip_norm_case(f"{label}-clipped-bf16",
                                    [("w", "bf16", g((5, 7), 30)), ("b", "bf16", g((13,), 30)), ("u", "bf16", g((100,), 3))],
                                    2.0, norm_type))
    # Per-tensor FP16 norms: [30000, 40000] -> 50000 fits; [60000, 60000] -> 84853 overflows.
    fits = np.array([30000, 40000], dtype=np.float32)
    overflows = np.array([60000, 60000, 1, -1], dtype=np.float32)
    cases.append(clip_norm_case("two-norm-fits-fp16", [("a", "fp16", fits), ("b", "fp16", g((9,)))], 1.0, 2.0))
    cases.append(clip_norm_case("two-norm-overflows-fp16", [("a", "fp16", overflows), ("b", "fp16", g((9,)))], 1.0, 2.0))
    cases.append(clip_norm_case("two-norm-overflows-raises-fp16",
                                [("a", "fp16", overflows), ("b", "fp16", g((9,)))], 1.0, 2.0, error_if_nonfinite=True))
    # Mixed formats with exact norms: 5 (fp32) and 12 (fp16) give 13 in any order.
    mixed = [("w", "fp32", np.array([3, 4], dtype=np.float32)), ("b", "fp16", np.array([12], dtype=np.float32))]
    cases.append(clip_norm_case("two-mixed-exact", mixed, 6.5, 2.0))
    cases.append(clip_norm_case("inf-mixed", [("w", "fp32", g((5, 7))), ("b", "fp16", g((13,), 3))], 0.5, math.inf))
    return cases


def clip_norm_random_cases(count=100):
    """Seeded random clip_grad_norm_ cases: 1-9 tensors of 1-40 elements (every tail length
    of the FP32 norm kernel's 8 lanes, and stacked totals of up to 9 norms), magnitudes over
    10^-4..10^4, max_norm around the total. Three fifths FP32, the rest FP16 and BF16; a
    sixth with the inf-norm. They pin the per-tensor
    and total norms' accumulation order and the coefficient's roundings, which the
    hand-made cases above hit only by chance."""
    import numpy as np
    rng = np.random.default_rng(203)
    cases = []
    for index in range(count):
        fmt = ["fp32", "fp32", "fp32", "fp16", "bf16"][index % 5]
        norm_type = math.inf if index % 6 == 5 else 2.0
        tensors = int(rng.integers(1, 10))
        scale = float(10.0 ** rng.uniform(-4, 4)) if fmt != "fp16" else float(10.0 ** rng.uniform(-2, 2))
        grads = [(f"t{k}", fmt, draw(rng, (int(rng.integers(1, 41)),), scale)) for k in range(tensors)]
        total = math.sqrt(sum(float(np.sum(g.astype(np.float64) ** 2)) for _, _, g in grads))
        max_norm = total * float(10.0 ** rng.uniform(-1, 0.3))
        cases.append(clip_norm_case(f"random-{index}", grads, max_norm, norm_type))
    return cases


def clip_value_cases():
    import numpy as np
    import torch
    rng = np.random.default_rng(202)
    cases = []
    for name, fmt, clip in [("fp32", "fp32", 0.5), ("fp16", "fp16", 0.1), ("bf16", "bf16", 0.3)]:
        values = draw(rng, (37,), 1.0)
        values[[2, 5, 11]] = [np.inf, -np.inf, np.nan]
        grad = torch.from_numpy(values).to(dtype_of(fmt))
        p = torch.nn.Parameter(torch.zeros(grad.shape, dtype=grad.dtype))
        p.grad = grad.clone()
        torch.nn.utils.clip_grad_value_([p], as_f32(clip))
        cases.append({"name": name, "format": fmt, "clip_value_f32": f32_hex(as_f32(clip)),
                      "grad": tensor_entry("g", grad), "clipped": tensor_entry("g", p.grad)})
    return cases


# ---------------------------------------------------------------------------------------
# GradScaler.

def scaler_trace(name, seed, steps, scaler_config, inject, unscale_and_clip, grad_scale=1e-3):
    """inject: {step: ("inf" | "nan", tensor index, element index)};
    unscale_and_clip: {step: max_norm} (unscale_ explicitly, clip, then step)."""
    import numpy as np
    import torch
    rng = np.random.default_rng(seed)
    names = [n for n, _ in SHAPES[:2]]
    params = [torch.nn.Parameter(torch.from_numpy(draw(rng, shape, 1.0))) for _, shape in SHAPES[:2]]
    lr = as_f32(1e-3)
    optimizer = torch.optim.Adam(params, lr=lr, foreach=False)
    scaler = torch.amp.GradScaler("cpu", **scaler_config)
    record = {"name": name, "seed": seed, "lr_f32": f32_hex(lr),
              "config": {k: v for k, v in scaler_config.items() if k != "init_scale"},
              "init_scale_f32": f32_hex(scaler_config["init_scale"]),
              "initial": named_entries(names, params), "steps": []}
    for step in range(steps):
        scaler.scale(torch.tensor(1.0))  # a loss; initialises the scale tensor on first use
        scale_before = scaler.get_scale()
        # The gradients a backward pass of the scaled loss would produce: true * scale in float32.
        scaled = [torch.from_numpy(draw(rng, shape, grad_scale)) * torch.tensor(scale_before, dtype=torch.float32)
                  for _, shape in SHAPES[:2]]
        if step in inject:
            kind, tensor, element = inject[step]
            scaled[tensor].view(-1)[element] = math.inf if kind == "inf" else math.nan
        handed = [g.clone() for g in scaled]
        for p, g in zip(params, scaled):
            p.grad = g
        entry = {"scale_before_f32": f32_hex(scale_before), "scaled_grads": named_entries(names, handed)}
        if step in unscale_and_clip:
            scaler.unscale_(optimizer)
            max_norm = as_f32(unscale_and_clip[step])
            torch.nn.utils.clip_grad_norm_(params, max_norm)
            entry["clip_max_norm_f32"] = f32_hex(max_norm)
        steps_before = optimizer.state[params[0]]["step"].item() if optimizer.state else 0
        scaler.step(optimizer)
        steps_after = optimizer.state[params[0]]["step"].item() if optimizer.state else 0
        found = sum(v.item() for v in scaler._per_optimizer_states[id(optimizer)]["found_inf_per_device"].values())
        scaler.update()
        entry.update({"stepped": steps_after != steps_before, "found_inf": bool(found),
                      "optimizer_steps": int(steps_after),
                      "scale_after_f32": f32_hex(scaler.get_scale()),
                      "growth_tracker": scaler.state_dict()["_growth_tracker"],
                      "params": named_entries(names, params)})
        assert entry["stepped"] == (not entry["found_inf"])
        record["steps"].append(entry)
    return record


def scaler_trace_with_ieee_sqrt(*args, **kwargs):
    """The trace, plus `params_ieee_sqrt`: the same trace with IEEE square roots in Adam
    (see ieee_sqrt). Everything else in the two runs must be identical."""
    record = scaler_trace(*args, **kwargs)
    with ieee_sqrt():
        exact = scaler_trace(*args, **kwargs)
    for step, other in zip(record["steps"], exact["steps"]):
        assert {k: v for k, v in step.items() if k != "params"} == {k: v for k, v in other.items() if k != "params"}
        step["params_ieee_sqrt"] = other["params"]
    return record


def scaler_traces():
    inject = {4: ("inf", 0, 3), 5: ("nan", 1, 0), 12: ("inf", 1, 6), 13: ("inf", 0, 0),
              21: ("nan", 0, 34), 30: ("inf", 1, 2), 31: ("nan", 0, 17), 32: ("inf", 0, 1)}
    clips = {2: 0.01, 9: 0.01, 13: 1.0, 16: 0.005, 24: 1.0, 31: 1.0}
    return [
        scaler_trace_with_ieee_sqrt("interval-3", 301, 40,
                     {"init_scale": 2.0 ** 16, "growth_factor": 2.0, "backoff_factor": 0.5, "growth_interval": 3},
                     inject, clips),
        # Scale 2^126 grows to 2^127, then 2^128 would be infinite: it stays at 2^127.
        scaler_trace_with_ieee_sqrt("growth-capped", 302, 6,
                     {"init_scale": 2.0 ** 126, "growth_factor": 2.0, "backoff_factor": 0.5, "growth_interval": 1},
                     {}, {}, grad_scale=1e-30),
        # Non-power-of-two factors: the products round to float32.
        scaler_trace_with_ieee_sqrt("odd-factors", 303, 12,
                     {"init_scale": 1000.0, "growth_factor": 1.7, "backoff_factor": 0.3, "growth_interval": 2},
                     {3: ("inf", 0, 0), 4: ("nan", 1, 1), 9: ("inf", 1, 3)}, {}),
    ]


def scaled_loss_cases():
    import torch
    scaler = torch.amp.GradScaler("cpu", init_scale=2.0 ** 16)
    cases = []
    for name, values, fmt, shape in [("scalar-fp16", [3.3], "fp16", ()), ("vector-fp16", [0.5, 1.5, -2.0], "fp16", (3,)),
                                     ("scalar-fp32", [3.3], "fp32", ()), ("vector-bf16", [0.5, 1e30, -2.0], "bf16", (3,))]:
        loss = torch.tensor(values, dtype=dtype_of(fmt)).reshape(shape)
        out = scaler.scale(loss)
        names = {torch.float32: "fp32", torch.float16: "fp16", torch.bfloat16: "bf16"}
        cases.append({"name": name, "format": fmt, "loss": tensor_entry("loss", loss),
                      "scaled": tensor_entry("scaled", out), "scaled_format": names[out.dtype],
                      "scale_f32": f32_hex(scaler.get_scale())})
    return cases


# ---------------------------------------------------------------------------------------
# Schedules.

def schedule(peak, minimum, warmup, total, last):
    import torch
    peak, minimum = as_f32(peak), as_f32(minimum)
    param = torch.nn.Parameter(torch.zeros(1))
    warm = torch.optim.lr_scheduler.LambdaLR(torch.optim.SGD([param], lr=peak),
                                             lambda step: step / max(1, warmup))
    cosine = torch.optim.lr_scheduler.CosineAnnealingLR(torch.optim.SGD([param], lr=peak),
                                                        T_max=max(1, total - warmup), eta_min=minimum)
    rates = []
    for step in range(last + 1):
        if step < warmup:
            warm.last_epoch = step
            with warnings.catch_warnings():  # get_lr() outside step() warns; its value is the point
                warnings.simplefilter("ignore")
                rate = warm.get_lr()[0]
        elif step <= total:
            cosine.last_epoch = step - warmup
            rate = cosine._get_closed_form_lr()[0]
        else:
            rate = minimum
        rates.append(f32_hex(as_f32(rate)))
    return {"peak_f32": f32_hex(peak), "minimum_f32": f32_hex(minimum), "warmup": warmup,
            "total": total, "rates_f32": "".join(rates)}


def schedules():
    return [schedule(1e-3, 1e-5, 10, 100, 120), schedule(3e-4, 0.0, 0, 50, 55),
            schedule(0.1, 0.01, 5, 5, 8), schedule(6e-4, 6e-5, 37, 1000, 1003)]


# ---------------------------------------------------------------------------------------

def main():
    import numpy as np
    import torch
    torch.set_num_threads(1)
    capability = torch.backends.cpu.get_cpu_capability()
    print(f"torch {torch.__version__}, CPU capability {capability}", file=sys.stderr)
    document = {
        "source": f"torch {torch.__version__} (CPU capability {capability}, 1 thread), numpy {np.__version__}",
        "optimizers": optimizer_cases(),
        "clip_norm": clip_norm_cases(),
        "clip_norm_random": clip_norm_random_cases(),
        "clip_value": clip_value_cases(),
        "grad_scaler": scaler_traces(),
        "scaled_loss": scaled_loss_cases(),
        "schedules": schedules(),
    }
    write_document(document, "optimizers.json")


def write_document(document, file_name):
    """Writes `document` to `file_name` next to this script, printing each section's case
    count (the lists, in order) and the file's size."""
    for key, value in document.items():
        if isinstance(value, list):
            print(f"{key}: {len(value)} cases", file=sys.stderr)
    path = HERE / file_name
    text = dumps(document) + "\n"
    path.write_text(text)
    print(f"wrote {path.relative_to(PACKAGE_ROOT)} ({len(text):,} bytes)", file=sys.stderr)


if __name__ == "__main__":
    venv_bootstrap.pin_cpu_kernels()
    venv_bootstrap.ensure_environment(__file__, VENV, REQUIREMENTS)
    main()
