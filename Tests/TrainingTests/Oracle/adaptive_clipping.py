#!/usr/bin/env python3
"""Oracle for Training/Optimization/AdaptiveClipping*: what four adaptive gradient clippers
do to a seeded sequence of gradients, step by step, to the bit.

Re-run (from anywhere; needs python3 >= 3.9 with venv, and the wheels for the first run):

    python3 Tests/TrainingTests/Oracle/adaptive_clipping.py

Like `optimizers.py` (whose encoding helpers it imports), the first run creates
`.venv-torch/` at the package root (git-ignored) with the pinned torch and numpy, and adds
two pure-Python packages without their dependencies: timm (whose `adaptive_clip_grad` is
the AGC oracle; only `timm/utils/agc.py` is loaded, by path, since `import timm` needs
torchvision) and zclip (the ZClip authors' package, used only as a cross-check, below). The
script then re-executes itself in that environment and rewrites `adaptive_clipping.json` next
to it. Commit the JSON with any change to this script: `swift test` never runs Python.
Output is deterministic (fixed seeds, sorted keys, no timestamps, one thread).

The oracles, per method (the Swift types' doc comments say the same):

  window    mean + k*std of the last `window` finite pre-clip norms (np.mean, np.std with
            ddof=0 on a float64 array), no clipping before `warmup` norms are recorded; the
            threshold comes from the norms before the step. The book's own method.
  autoclip  the AutoClip paper's published code: append the norm to the history, then
            clip_grad_norm_(params, np.percentile(history, p)). Non-finite norms are not
            appended (the published code would, and every later threshold would be NaN).
  zclip     the ZClip reference code (bluorion-com/ZClip, PyPI zclip 1.0.0) restated in
            plain Python floats, with the decisions documented on `ZClipper`: math.sqrt
            and d*d where it writes ** 0.5 and ** 2 (glibc's pow is not correctly
            rounded), explicit left-to-right warm-up sums (Python 3.12's sum() compensates),
            non-finite norms never enter the statistics, and clipping by clip_grad_norm_.
            On the finite steps, the authors' own `zclip.ZClip` is run alongside and the
            script asserts that its mean and variance agree to 1e-6 relative and its
            gradients to 1e-6 relative (they differ only by the norm's and the
            coefficient's last bits).
  agc       timm.utils.agc.adaptive_clip_grad itself (timm 1.0.29), on FP32, BF16 and FP16
            parameters, with a zero weight row and a zero bias (the eps floor), a rank-3
            weight, excluded parameters (not passed to timm), and NaN/inf gradients.

In the global-norm methods the norm is torch.nn.utils.get_total_norm (what clip_grad_norm_
returns), and the threshold, computed in float64, is rounded to float32 before it is handed
to clip_grad_norm_ (the Swift API takes a Float; torch would round the Python float to
float32 in the coefficient's multiplication anyway).

What is generated (sections of the top-level object):

    sequences   named gradient sequences: per step, the gradients (FP32). "spiky": 60 steps
                of 4 tensors (52 elements; tails of 4 and 2 for the norm kernel's lanes),
                slowly decaying, with spikes of x20 (step 9, inside ZClip's warm-up), x50,
                x6, x3 and x200, a NaN at step 50 and an infinity at step 55. "long": 200
                steps of 2 tensors (13 elements), spikes at 150 and 170, a NaN at 160 (the window of 140
                takes numpy's recursive pairwise-sum path, past 128 values).
    global      per case (method, config, sequence): per step the pre-clip norm
                (`norm_f32`), the threshold in float64 (`threshold_f64`, before rounding)
                and float32 (`threshold_f32`), both null when not clipping by a threshold,
                whether the norm exceeded it (`clipped`), the gradients after the step (null
                when they are bit for bit the step's input, which keeps the file small), and
                for ZClip the statistics after the step (`mean_f64`, `variance_f64`, null
                during warm-up).
    agc         per case: format, clipping, eps, excluded names, parameters, and per step the
                gradients before and after, the pre-clip total norm and whether any unit of
                a non-excluded parameter was clipped (grad_norm < max_norm false).

Encoding: as in optimizers.py (tensors as float32 bit patterns in hex, float32 scalars under
keys ending in `_f32`); float64 scalars under keys ending in `_f64` are 16 hex digits of
their bit pattern.
"""

import importlib.util
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE_ROOT = HERE.parents[2]
VENV = PACKAGE_ROOT / ".venv-torch"
REQUIREMENTS = ["torch==2.13.0+cpu", "numpy==2.4.6"]
NO_DEPS = ["timm==1.0.29", "zclip==1.0.0"]

sys.path.insert(0, str(PACKAGE_ROOT / "Tools"))
import venv_bootstrap  # noqa: E402  (Tools/venv_bootstrap.py)


def helpers():
    """optimizers.py's encoding helpers (importing it runs nothing)."""
    sys.path.insert(0, str(HERE))
    import optimizers
    return optimizers


def f64_hex(value):
    import struct
    return struct.pack(">d", value).hex()


def optional_f64(value):
    return None if value is None else f64_hex(value)


# ---------------------------------------------------------------------------------------
# Gradient sequences.

SPIKY_SHAPES = [("w1", (4, 9)), ("b1", (4,)), ("w2", (2, 5)), ("b2", (2,))]
LONG_SHAPES = [("w", (2, 5)), ("b", (3,))]


def sequence(seed, shapes, steps, spikes, poison):
    """Per step, a list of float32 arrays: N(0, 1) times a per-tensor scale and a slow decay,
    times spikes[step] if any; poison[step] = (tensor, element, value) sets one element."""
    import numpy as np
    h = helpers()
    rng = np.random.default_rng(seed)
    scales = [1.0, 0.3, 2.0, 0.5, 1.5][:len(shapes)]
    result = []
    for step in range(steps):
        decay = 1.0 / (1.0 + 0.02 * step)
        grads = [h.draw(rng, shape, scale * decay) for (_, shape), scale in zip(shapes, scales)]
        factor = spikes.get(step, 1.0)
        grads = [(g * np.float32(factor)).astype(np.float32) for g in grads]
        if step in poison:
            tensor, element, value = poison[step]
            grads[tensor].reshape(-1)[element] = value
        result.append(grads)
    return result


def sequences():
    import numpy as np
    return {
        "spiky": (SPIKY_SHAPES, sequence(11, SPIKY_SHAPES, 60, {9: 20, 30: 50, 31: 6, 38: 3, 44: 200},
                                         {50: (1, 2, np.nan), 55: (2, 4, np.inf)})),
        "long": (LONG_SHAPES, sequence(12, LONG_SHAPES, 200, {150: 30, 170: 80}, {160: (0, 7, np.nan)})),
    }


# ---------------------------------------------------------------------------------------
# The global-norm methods: each `step(norm)` returns the float64 threshold or None and
# updates the method's state, in the method's own order.

class Window:
    def __init__(self, window, deviations, warmup):
        self.window, self.deviations, self.warmup = window, deviations, warmup
        self.history = []

    def step(self, norm):
        import numpy as np
        threshold = None
        if len(self.history) >= self.warmup:
            h = np.array(self.history, dtype=np.float64)
            threshold = float(np.mean(h)) + self.deviations * float(np.std(h))
        if math.isfinite(norm):
            self.history = (self.history + [norm])[-self.window:]
        return threshold


class AutoClip:
    def __init__(self, percentile, history_limit=None):
        self.percentile, self.history_limit = percentile, history_limit
        self.history = []

    def step(self, norm):
        import numpy as np
        if math.isfinite(norm):
            self.history.append(norm)
            if self.history_limit is not None:
                self.history = self.history[-self.history_limit:]
        return float(np.percentile(self.history, self.percentile)) if self.history else None


class ZClip:
    def __init__(self, alpha=0.97, z_thresh=2.5, warmup_steps=25, eps=1e-6, mode="reciprocal", max_norm=None):
        self.alpha, self.z_thresh, self.warmup_steps, self.eps = alpha, z_thresh, warmup_steps, eps
        self.mode, self.max_norm = mode, max_norm
        self.buffer, self.mean, self.var = [], None, None

    def step(self, norm):
        if self.mean is None:
            if math.isfinite(norm):
                self.buffer.append(norm)
                if len(self.buffer) >= self.warmup_steps:
                    total = 0.0
                    for x in self.buffer:
                        total += x
                    self.mean = total / len(self.buffer)
                    squares = 0.0
                    for x in self.buffer:
                        squares += (x - self.mean) * (x - self.mean)
                    self.var = squares / len(self.buffer)
                    self.buffer = []
            return self.max_norm
        clip_val = self.clip_value(norm)
        candidates = [v for v in (clip_val, self.max_norm) if v is not None]
        threshold = min(candidates) if candidates else None
        if math.isfinite(norm):
            value = clip_val if clip_val is not None else norm
            self.mean = self.alpha * self.mean + (1 - self.alpha) * value
            self.var = self.alpha * self.var + (1 - self.alpha) * ((value - self.mean) * (value - self.mean))
        return threshold

    def clip_value(self, norm):
        std = math.sqrt(self.var)
        if self.mode == "threshold":
            bound = self.mean + self.z_thresh * std
            return bound if norm > bound else None
        z = (norm - self.mean) / (std + self.eps)
        if not z > self.z_thresh:
            return None
        if self.mode == "mean":
            return self.mean
        eta = z / self.z_thresh
        return self.mean + (self.z_thresh * std) / eta


def make_params(shapes, grads):
    import torch
    params = []
    for (_, shape), g in zip(shapes, grads):
        p = torch.nn.Parameter(torch.zeros(shape, dtype=torch.float32))
        p.grad = torch.from_numpy(g.copy())
        params.append(p)
    return params


def global_case(name, method, config, sequence_name, seqs):
    import numpy as np
    import torch
    h = helpers()
    shapes, steps = seqs[sequence_name]
    clipper = {"window": Window, "autoclip": AutoClip, "zclip": ZClip}[method](**config)
    records = []
    for grads in steps:
        params = make_params(shapes, grads)
        norm = float(torch.nn.utils.get_total_norm([p.grad for p in params], 2.0))
        threshold = clipper.step(norm)
        record = {"norm_f32": h.f32_hex(norm), "threshold_f64": optional_f64(threshold),
                  "threshold_f32": None, "clipped": False}
        if threshold is not None:
            max_norm = h.as_f32(threshold)
            returned = float(torch.nn.utils.clip_grad_norm_(params, max_norm, norm_type=2.0))
            assert returned == norm or (math.isnan(returned) and math.isnan(norm))
            record["threshold_f32"] = h.f32_hex(max_norm)
            record["clipped"] = not (norm <= max_norm)
        unchanged = all(np.array_equal(p.grad.numpy().view(np.uint32), g.view(np.uint32)) for p, g in zip(params, grads))
        record["grads"] = None if unchanged else h.named_entries([n for n, _ in shapes], [p.grad for p in params])
        if method == "zclip":
            record["mean_f64"] = optional_f64(clipper.mean)
            record["variance_f64"] = optional_f64(clipper.var)
        records.append(record)
    return {"name": name, "method": method, "sequence": sequence_name, "steps": records,
            "config": {k: v for k, v in config.items() if v is not None}}


def cross_check_zclip(case, seqs):
    """Runs the authors' zclip.ZClip on the finite prefix of the case's sequence and checks
    that its statistics and clipped gradients agree with the record to 1e-6 relative."""
    import numpy as np
    import torch
    import zclip
    config = case["config"]
    mode = {"reciprocal": ("zscore", "adaptive_scaling"), "threshold": ("percentile", "adaptive_scaling"),
            "mean": ("zscore", "mean")}[config.get("mode", "reciprocal")]
    reference = zclip.ZClip(alpha=config.get("alpha", 0.97), z_thresh=config.get("z_thresh", 2.5),
                            max_grad_norm=config.get("max_norm"), eps=config.get("eps", 1e-6),
                            warmup_steps=config.get("warmup_steps", 25), mode=mode[0], clip_option=mode[1])
    shapes, steps = seqs[case["sequence"]]
    model = torch.nn.ParameterList([torch.nn.Parameter(torch.zeros(shape)) for _, shape in shapes])
    worst = 0.0
    for grads, record in zip(steps, case["steps"]):
        if not all(np.isfinite(g).all() for g in grads):
            break
        for p, g in zip(model, grads):
            p.grad = torch.from_numpy(g.copy())
        reference.step(model)
        ours = ([torch.from_numpy(g.reshape(-1)) for g in grads] if record["grads"] is None
                else [torch.from_numpy(bits_to_floats(entry["f32"])) for entry in record["grads"]])
        for p, expected in zip(model, ours):
            scale = float(expected.abs().max()) or 1.0
            worst = max(worst, float((p.grad.reshape(-1) - expected).abs().max()) / scale)
        for key, value in [("mean_f64", reference.mean), ("variance_f64", reference.var)]:
            if record[key] is not None:
                mine = bits_to_double(record[key])
                worst = max(worst, abs(value - mine) / abs(mine))
    assert worst <= 1e-6, f"{case['name']}: the authors' ZClip differs by {worst:.3g} relative"
    return worst


def bits_to_floats(hex_string):
    import numpy as np
    return np.frombuffer(bytes.fromhex(hex_string), dtype=">u4").astype(np.uint32).view(np.float32).copy()


def bits_to_double(hex_string):
    import struct
    return struct.unpack(">d", bytes.fromhex(hex_string))[0]


def global_cases(seqs):
    cases = [
        global_case("window-20-k2", "window", {"window": 20, "deviations": 2.0, "warmup": 5}, "spiky", seqs),
        global_case("window-5-k1", "window", {"window": 5, "deviations": 1.0, "warmup": 5}, "spiky", seqs),
        global_case("window-140-k3", "window", {"window": 140, "deviations": 3.0, "warmup": 10}, "long", seqs),
        global_case("autoclip-p10", "autoclip", {"percentile": 10.0}, "spiky", seqs),
        global_case("autoclip-p75-limit20", "autoclip", {"percentile": 75.0, "history_limit": 20}, "spiky", seqs),
        global_case("autoclip-p50-long", "autoclip", {"percentile": 50.0}, "long", seqs),
        global_case("zclip-defaults", "zclip", {}, "spiky", seqs),
        global_case("zclip-threshold-mode", "zclip", {"mode": "threshold", "warmup_steps": 10}, "spiky", seqs),
        global_case("zclip-mean-mode", "zclip", {"mode": "mean", "warmup_steps": 10}, "spiky", seqs),
        global_case("zclip-max-norm", "zclip", {"warmup_steps": 10, "max_norm": 8.0}, "spiky", seqs),
        global_case("zclip-alpha-0.9-z2", "zclip", {"alpha": 0.9, "z_thresh": 2.0, "warmup_steps": 5}, "long", seqs),
    ]
    for case in cases:
        if case["method"] == "zclip":
            worst = cross_check_zclip(case, seqs)
            print(f"  {case['name']}: authors' zclip agrees to {worst:.2g} relative on finite steps", file=sys.stderr)
    return cases


# ---------------------------------------------------------------------------------------
# AGC.

AGC_SHAPES = [("w1", (5, 12)), ("b1", (5,)), ("conv", (4, 2, 3)), ("w2", (3, 5)), ("b2", (3,))]


def timm_agc():
    """timm.utils.agc, loaded by path (importing the timm package needs torchvision)."""
    import importlib.metadata
    path = importlib.metadata.distribution("timm").locate_file("timm/utils/agc.py")
    spec = importlib.util.spec_from_file_location("timm_utils_agc", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def agc_case(name, fmt, clipping, eps, excluded, steps, seed):
    import numpy as np
    import torch
    h = helpers()
    agc = timm_agc()
    dtype = h.dtype_of(fmt)
    rng = np.random.default_rng(seed)
    weights = [h.draw(rng, shape, 0.3) for _, shape in AGC_SHAPES]
    weights[0][2, :] = 0          # a zero row: max_i = clipping * eps
    weights[4][:] = 0             # a zero bias
    params = [torch.nn.Parameter(torch.from_numpy(w).to(dtype)) for w in weights]
    names = [n for n, _ in AGC_SHAPES]
    records = []
    for step in range(steps):
        scale = float(10.0 ** rng.uniform(-3.5, -1.5))
        grads = [h.draw(rng, shape, scale) for _, shape in AGC_SHAPES]
        if step == steps - 2:
            grads[1][3] = np.nan
        if step == steps - 1:
            grads[2][1, 0, 2] = np.inf
        for p, g in zip(params, grads):
            p.grad = torch.from_numpy(g).to(dtype)
        before = h.named_entries(names, [p.grad for p in params])
        norm = torch.nn.utils.get_total_norm([p.grad for p in params], 2.0)
        included = [p for n, p in zip(names, params) if n not in excluded]
        clipped = False
        for p in included:
            max_norm = agc.unitwise_norm(p.detach(), 2.0).clamp_(min=eps).mul_(clipping)
            clipped = clipped or bool((~(agc.unitwise_norm(p.grad, 2.0) < max_norm)).any())
        agc.adaptive_clip_grad(included, clip_factor=clipping, eps=eps, norm_type=2.0)
        records.append({"grads": before, "clipped_grads": h.named_entries(names, [p.grad for p in params]),
                        "norm_f32": h.f32_hex(float(norm.float())), "clipped": clipped})
    return {"name": name, "format": fmt, "clipping_f32": h.f32_hex(clipping), "epsilon_f32": h.f32_hex(eps),
            "excluded": sorted(excluded), "params": h.named_entries(names, params), "steps": records}


def agc_cases():
    h = helpers()
    c, e = h.as_f32(0.01), h.as_f32(1e-3)
    return [
        agc_case("agc-fp32", "fp32", c, e, set(), 24, 31),
        agc_case("agc-fp32-excluded", "fp32", h.as_f32(0.02), e, {"w2", "b2"}, 12, 32),
        agc_case("agc-fp32-large-eps", "fp32", h.as_f32(0.05), h.as_f32(0.5), set(), 12, 33),
        agc_case("agc-bf16", "bf16", c, e, set(), 16, 34),
        agc_case("agc-fp16", "fp16", c, e, set(), 16, 35),
    ]


# ---------------------------------------------------------------------------------------

def main():
    import numpy as np
    import torch
    torch.set_num_threads(1)
    h = helpers()
    capability = torch.backends.cpu.get_cpu_capability()
    import importlib.metadata as m
    print(f"torch {torch.__version__}, CPU capability {capability}", file=sys.stderr)
    seqs = sequences()
    document = {
        "source": f"torch {torch.__version__} (CPU capability {capability}, 1 thread), numpy {np.__version__}, "
                  f"timm {m.version('timm')}, zclip {m.version('zclip')} (cross-check only)",
        "sequences": [{"name": name, "steps": [{"grads": h.named_entries([n for n, _ in shapes],
                                                                         [torch.from_numpy(g) for g in grads])}
                                               for grads in steps]}
                      for name, (shapes, steps) in sorted(seqs.items())],
        "global": global_cases(seqs),
        "agc": agc_cases(),
    }
    for key in ["sequences", "global", "agc"]:
        print(f"{key}: {len(document[key])} cases", file=sys.stderr)
    path = HERE / "adaptive_clipping.json"
    text = h.dumps(document) + "\n"
    path.write_text(text)
    print(f"wrote {path.relative_to(PACKAGE_ROOT)} ({len(text):,} bytes)", file=sys.stderr)


if __name__ == "__main__":
    venv_bootstrap.pin_cpu_kernels()
    venv_bootstrap.ensure_environment(__file__, VENV, REQUIREMENTS, no_deps=NO_DEPS)
    main()
