#!/usr/bin/env python3
"""Oracle for Training/Monitoring: numpy's percentiles and the gradient monitor's statistics,
to the bit.

Re-run (from anywhere; needs python3 >= 3.9 with venv, and the wheel for the first run):

    python3 Tests/TrainingTests/Oracle/monitor.py

Like `optimizers.py`, the first run creates `.venv-torch/` at the package root (git-ignored)
and installs the pinned numpy into it (this script needs nothing else); later runs reuse it.
The script re-executes itself inside that environment and rewrites `monitor.json` next to it,
printing one summary line per section. Commit the JSON with any change to this script:
`swift test` reads the JSON and never runs Python. Output is deterministic (fixed seeds,
sorted keys, no timestamps).

What is generated (sections of the top-level object):

    percentile    np.percentile(values, q) (default method "linear") of float64 arrays of
                  every size 1-50, three times over (normal, log-normal, small integers with
                  many ties), plus arrays holding NaN and arrays holding +-inf, each at
                  q in {0, 1, 5, 50, 90, 99, 99.9, 100} and five uniform random q. No array
                  holds -0.0 (numpy's partition leaves the order of -0.0 and +0.0 unspecified).
    norms         float32 gradient-norm sequences (steady, with spikes, with NaN and inf, a
                  long one, ties, zeros, all non-finite, empty, 1e-30..1e30, and seeded random
                  mixes). Statistics over the finite values, widened to float64:
                  mean = math.fsum(finite) / count (correctly rounded sum, one division),
                  numpy_mean = np.mean (pairwise summation; for comparison only),
                  min, max, np.percentile at 50/90/99, spike_ratio = max / mean.
                  All NaN when no value is finite.
    reports       synthetic StepRecord sequences (loss, gradient norm, clipped, skipped,
                  update ratio, per-tensor norms and ratios) with the report's fields computed
                  from the rules stated in GradientReport's documentation: clip rate = clipped
                  steps with a finite norm / steps with a finite norm; skip rate = skipped /
                  steps; update-ratio medians over steps not skipped, finite values only;
                  per-tensor norm statistics over that tensor's finite norms.

Encoding: float64 scalars are 16 lowercase hex digits of their bit pattern (keys ending in
`_f64`); float64 arrays are such digits concatenated; float32 arrays are 8 hex digits per
value, concatenated (keys ending in `_f32`). Flags are JSON booleans.
"""

import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE_ROOT = HERE.parents[2]
VENV = PACKAGE_ROOT / ".venv-torch"
NUMPY = "numpy==2.4.6"

sys.path.insert(0, str(PACKAGE_ROOT / "Tools"))
import venv_bootstrap  # noqa: E402  (Tools/venv_bootstrap.py)


# ---------------------------------------------------------------------------------------
# Encoding.

def f64_hex(value):
    import numpy as np
    return format(int(np.array([value], dtype=np.float64).view(np.uint64)[0]), "016x")


def f64_array_hex(values):
    import numpy as np
    return np.asarray(values, dtype=np.float64).astype(">f8").tobytes().hex()


def f32_array_hex(values):
    import numpy as np
    array = np.asarray(values)
    assert array.dtype == np.float32, array.dtype
    return array.astype(">f4").tobytes().hex()


def dumps(value, indent=""):
    """Sorted-key JSON, one line per leaf record (keeps diffs readable)."""
    inner = indent + " "
    def composite(item):
        return isinstance(item, dict) or (isinstance(item, list) and any(isinstance(x, dict) for x in item))
    nested = isinstance(value, dict) and any(composite(item) for item in value.values())
    if isinstance(value, dict) and nested:
        items = [f"{inner}{json.dumps(key)}: {dumps(value[key], inner)}" for key in sorted(value)]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        items = [inner + dumps(item, inner) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    return json.dumps(value, sort_keys=True)


# ---------------------------------------------------------------------------------------
# Percentiles.

FIXED_Q = [0.0, 1.0, 5.0, 50.0, 90.0, 99.0, 99.9, 100.0]


def percentile_cases():
    import numpy as np
    rng = np.random.default_rng(20240611)
    cases = []

    def add(name, values):
        values = np.asarray(values, dtype=np.float64)
        assert not np.any((values == 0) & np.signbit(values)), "no -0.0 (see the docstring)"
        qs = FIXED_Q + [float(q) for q in rng.uniform(0, 100, 5)]
        results = [np.percentile(values, q) for q in qs]
        cases.append({"name": name, "values_f64": f64_array_hex(values),
                      "q_f64": f64_array_hex(qs), "results_f64": f64_array_hex(results)})

    for n in range(1, 51):
        add(f"normal-{n}", rng.standard_normal(n) * 3 + 1)
        add(f"lognormal-{n}", np.exp(rng.standard_normal(n) * 2) * 1e-3)
        add(f"ties-{n}", rng.integers(0, 4, n).astype(np.float64) + 0.0)
    for n in (1, 2, 3, 7, 20, 49):
        values = rng.standard_normal(n)
        values[rng.integers(0, n)] = np.nan
        add(f"nan-{n}", values)
    for n in (1, 2, 3, 5, 11, 30):
        values = rng.standard_normal(n)
        values[rng.integers(0, n)] = np.inf
        if n > 2:
            values[rng.integers(0, n)] = -np.inf
        add(f"inf-{n}", values)
    add("equal-13", np.full(13, 0.1))
    add("tiny-and-huge", [5e-324, 1e-300, 1.0, 1e300, 1.7976931348623157e308])
    return cases


# ---------------------------------------------------------------------------------------
# Norm statistics.

def norm_statistics(norms):
    """The statistics GradientReport documents, over the finite values of float32 `norms`."""
    import numpy as np
    norms = np.asarray(norms, dtype=np.float32)
    finite = norms[np.isfinite(norms)].astype(np.float64)
    entry = {"finite_count": int(finite.size), "nonfinite_count": int(norms.size - finite.size)}
    if finite.size == 0:
        nan = float("nan")
        stats = dict(mean=nan, numpy_mean=nan, min=nan, max=nan, p50=nan, p90=nan, p99=nan, spike_ratio=nan)
    else:
        mean = math.fsum(finite.tolist()) / finite.size
        with np.errstate(invalid="ignore", divide="ignore"):
            spike = np.float64(finite.max()) / np.float64(mean)
        stats = dict(mean=mean, numpy_mean=float(np.mean(finite)), min=float(finite.min()),
                     max=float(finite.max()), p50=float(np.percentile(finite, 50.0)),
                     p90=float(np.percentile(finite, 90.0)), p99=float(np.percentile(finite, 99.0)),
                     spike_ratio=float(spike))
    entry.update({f"{key}_f64": f64_hex(value) for key, value in stats.items()})
    return entry


def norm_sequences():
    import numpy as np
    rng = np.random.default_rng(7)

    def steady(n, sigma=0.3, scale=1.0):
        return (np.exp(rng.standard_normal(n) * sigma) * scale).astype(np.float32)

    sequences = []
    sequences.append(("steady", steady(200)))
    spikes = steady(300)
    spikes[[17, 140, 260]] *= np.array([50, 200, 8], dtype=np.float32)
    sequences.append(("spikes", spikes))
    nonfinite = steady(300, scale=3.0)
    nonfinite[[0, 1, 2, 50, 51, 199]] = np.array([np.inf, np.inf, np.nan, np.inf, np.nan, -np.inf], dtype=np.float32)
    sequences.append(("nonfinite", nonfinite))
    sequences.append(("long", steady(5000, sigma=1.0)))
    sequences.append(("single", np.array([0.75], dtype=np.float32)))
    sequences.append(("two", np.array([1.0, 3.0], dtype=np.float32)))
    sequences.append(("ties", np.full(37, 0.5, dtype=np.float32)))
    sequences.append(("zeros", np.zeros(9, dtype=np.float32)))
    sequences.append(("all-nonfinite", np.array([np.nan, np.inf, np.nan], dtype=np.float32)))
    sequences.append(("empty", np.array([], dtype=np.float32)))
    wide = np.float32(10.0) ** rng.uniform(-30, 30, 400).astype(np.float32)
    sequences.append(("wide-range", wide.astype(np.float32)))
    sequences.append(("subnormal-and-max", np.array([1e-45, 3.4028235e38, 1.0, 1e-40], dtype=np.float32)))
    for seed in range(20):
        local = np.random.default_rng(1000 + seed)
        n = int(local.integers(1, 400))
        norms = (np.exp(local.standard_normal(n) * local.uniform(0.1, 1.5)) * local.uniform(1e-3, 1e3)).astype(np.float32)
        for _ in range(int(local.integers(0, 4))):
            norms[local.integers(0, n)] *= np.float32(local.uniform(5, 500))
        bad = local.random(n) < local.uniform(0, 0.3)
        norms[bad] = local.choice(np.array([np.inf, np.nan], dtype=np.float32), int(bad.sum()))
        sequences.append((f"random-{seed}", norms))
    return sequences


def norm_cases():
    cases = []
    for name, norms in norm_sequences():
        entry = {"name": name, "norms_f32": f32_array_hex(norms)}
        entry.update(norm_statistics(norms))
        cases.append(entry)
    return cases


# ---------------------------------------------------------------------------------------
# Reports on synthetic step records.

def synthetic_run(seed, steps, parameters, skip_probability, clip_probability, loss_nan_step):
    """Columns of a plausible run: a skipped step has a non-finite norm and zero ratios."""
    import numpy as np
    rng = np.random.default_rng(seed)
    f32 = np.float32
    tensor_norms = (np.exp(rng.standard_normal((steps, parameters)) * 0.5) * rng.uniform(0.01, 2, parameters)).astype(f32)
    total = np.sqrt((tensor_norms.astype(np.float64) ** 2).sum(axis=1)).astype(f32)
    skipped = rng.random(steps) < skip_probability
    # A step that is not skipped may still have a non-finite gradient (no scaler).
    unskipped_bad = (~skipped) & (rng.random(steps) < 0.02)
    for step in np.flatnonzero(skipped | unskipped_bad):
        which = rng.integers(0, parameters)
        tensor_norms[step, which] = f32(np.inf) if rng.random() < 0.6 else f32(np.nan)
        total[step] = tensor_norms[step, which]
    clipped = (~np.isfinite(total)) | (rng.random(steps) < clip_probability)
    ratios = (np.exp(rng.standard_normal((steps, parameters))) * 1e-3).astype(f32)
    ratios[rng.random((steps, parameters)) < 0.03] = f32(np.nan)   # a parameter that stayed zero
    ratios[rng.random((steps, parameters)) < 0.01] = f32(np.inf)   # a parameter that left zero
    ratios[skipped] = 0
    update = (np.exp(rng.standard_normal(steps) * 0.7) * 1e-3).astype(f32)
    update[skipped] = 0
    update[unskipped_bad] = f32(np.nan)
    loss = (2 + rng.standard_normal(steps) * 0.1).astype(f32)
    if loss_nan_step is not None:
        loss[loss_nan_step:] = f32(np.nan)
    return dict(loss=loss, norm=total, clipped=clipped, skipped=skipped, update=update,
                tensor_norms=tensor_norms, tensor_ratios=ratios)


def median_finite(values):
    import numpy as np
    values = np.asarray(values, dtype=np.float64)
    values = values[np.isfinite(values)]
    return float(np.percentile(values, 50.0)) if values.size else float("nan")


def report_case(name, first_step, run):
    import numpy as np
    steps = run["loss"].size
    finite_norm = np.isfinite(run["norm"])
    loss_bad = ~np.isfinite(run["loss"])
    skipped = run["skipped"]
    taken = ~skipped
    clipped = int((run["clipped"] & finite_norm).sum())
    expected = {
        "steps": steps,
        "finite_steps": int((finite_norm & ~loss_bad).sum()),
        "skipped_steps": int(skipped.sum()),
        "nonfinite_loss_steps": int(loss_bad.sum()),
        "first_nonfinite_loss_step": (first_step + int(np.flatnonzero(loss_bad)[0])) if loss_bad.any() else None,
        "unskipped_nonfinite_gradient_steps": int((~finite_norm & taken).sum()),
        "clipped_steps": clipped,
        "clip_rate_f64": f64_hex(clipped / int(finite_norm.sum()) if finite_norm.any() else float("nan")),
        "skip_rate_f64": f64_hex(int(skipped.sum()) / steps if steps else float("nan")),
        "update_ratio_median_f64": f64_hex(median_finite(run["update"][taken])),
        "norms": norm_statistics(run["norm"]),
        "parameters": [
            dict(norm_statistics(run["tensor_norms"][:, index]),
                 update_ratio_median_f64=f64_hex(median_finite(run["tensor_ratios"][taken, index])))
            for index in range(run["tensor_norms"].shape[1])
        ],
    }
    parameters = run["tensor_norms"].shape[1]
    records = {
        "first_step": first_step,
        "parameter_names": [f"layer{index}.weight" for index in range(parameters)],
        "loss_f32": f32_array_hex(run["loss"]),
        "gradient_norm_f32": f32_array_hex(run["norm"]),
        "clipped": [bool(x) for x in run["clipped"]],
        "skipped": [bool(x) for x in skipped],
        "update_ratio_f32": f32_array_hex(run["update"]),
        "tensor_gradient_norms_f32": f32_array_hex(run["tensor_norms"].reshape(-1)),
        "tensor_update_ratios_f32": f32_array_hex(run["tensor_ratios"].reshape(-1)),
    }
    return {"name": name, "records": records, "expected": expected}


def report_cases():
    return [
        report_case("healthy", 0, synthetic_run(1, 120, 3, 0.0, 0.1, None)),
        report_case("scaler-probing", 0, synthetic_run(2, 200, 4, 0.04, 0.08, None)),
        report_case("mostly-skipped", 500, synthetic_run(3, 90, 2, 0.7, 0.3, None)),
        report_case("loss-nan", 40, synthetic_run(4, 150, 5, 0.05, 0.9, 117)),
        report_case("one-step", 7, synthetic_run(5, 1, 2, 0.0, 1.0, None)),
        report_case("window", 900, synthetic_run(6, 100, 6, 0.1, 0.5, None)),
    ]


# ---------------------------------------------------------------------------------------

def main():
    import numpy as np
    document = {
        "source": f"Tests/TrainingTests/Oracle/monitor.py, numpy {np.__version__}, "
                  f"Python {sys.version_info.major}.{sys.version_info.minor}",
        "percentile": percentile_cases(),
        "norms": norm_cases(),
        "reports": report_cases(),
    }
    for section in ("percentile", "norms", "reports"):
        print(f"{section}: {len(document[section])} cases")
    (HERE / "monitor.json").write_text(dumps(document) + "\n")


if __name__ == "__main__":
    venv_bootstrap.ensure_environment(__file__, VENV, [NUMPY])
    import warnings
    warnings.simplefilter("ignore", RuntimeWarning)   # numpy's inf - inf in percentile cases
    main()
