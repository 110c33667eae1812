#!/usr/bin/env python3
"""Oracle for the block quantisers: what torchao's MX and NVFP4 reference code does on the CPU.

Re-run (from anywhere; needs python3 >= 3.9 with venv, and the wheels for the first run):

    python3 Tests/PrecisionTests/Oracle/torchao_blocks.py

The first run creates `.venv-torch/` at the package root (git-ignored; the environment of
Tests/TrainingTests/Oracle/*.py, whose pins are a subset of these) and installs the pinned
torch, numpy and torchao below into it; later runs reuse it. The script then re-executes
itself inside that environment and rewrites `torchao_blocks.json` next to it, printing one
summary line per record to stderr. torchao's CUDA extensions fail to load on a CPU-only
machine (it says so on stderr and goes on); the functions used here are pure PyTorch:
`MXTensor.to_mx` with the default `KernelPreference.EMULATED` (which runs `to_mx`, with the
eager `_to_mx_rceil` fallback for RCEIL) and `MXTensor.dequantize`; `per_tensor_amax_to_scale`
and `NVFP4Tensor.to_nvfp4(..., per_tensor_scale=...)` (which runs `nvfp4_quantize`) and
`NVFP4Tensor.dequantize`.

Commit the JSON together with any change to this script: `swift test` reads the JSON and
never runs Python. Output is deterministic (fixed seeds, sorted keys, no timestamps, one
thread), so re-running with the same pins must leave the file byte-for-byte unchanged.

The cases (inputs drawn with numpy's `default_rng(seed)`, converted to float32):

MX (blocks of 32, one row per block), each run through E4M3, E5M2, E2M3, E3M2 and E2M1
elements with FLOOR and RCEIL, against `BlockFormat.mx(element, rule:)`:
    normal             standard normals times 2^s, s in {-120, -60, -20, -5, 0, 5, 20, 60, 100}
    rceil-boundaries   amax exactly max·2^k, one float32 ulp above and one below, for k from
                       the lowest with max·2^k a normal float32 to the highest finite one
    floor-boundaries   amax exactly 2^j, one ulp above and one below, j in -126 ... 127
    tiny               amax 2^j · (1 + u) with j from -110 down to -126 (where the floor
                       rule's exponent falls below E8M0's -127 and is clamped)
    subnormal          float32 subnormals only (random bits; 2^-149 alone), and subnormals
                       mixed with normal values
    huge               amax the largest float32, and a few near it
    zeros              +0 only, ±0 mixed
    nonfinite          one +inf, one -inf, one NaN, NaN with inf (torchao accepts them)

NVFP4 (blocks of 16, tensors of 4×64; the tensor scale is torchao's
`per_tensor_amax_to_scale(max(abs(x)))`), against `NVFP4Tensor(quantizing:)`:
    normal-*           standard normals, each block times 2^u with u uniform in [-14, 4],
                       the whole tensor times 1, 2^-100 or 2^100
    scale-ties         tensor amax 2688 (tensor scale exactly 1), block amaxes 6·m for m the
                       midpoints between neighbouring E4M3 values (ties in the block scale)
    element-boundaries elements at the E2M1 rounding boundaries times the block's scale, and
                       one and two float32 ulps either side
    zero-block         one block of zeros in an ordinary tensor
    small-blocks       blocks whose scale is an E4M3 subnormal, or rounds to 0
    zero-tensor        all zeros
    tiny-tensor        amax 2^-130 (tensor scale a float32 subnormal), 2^-140 (it underflows)
    nonfinite          an infinity in one block; a NaN in one block

The exact rule, computed here independently (`fractions.Fraction`, integers, and for NVFP4
numpy float32 operations, each correctly rounded, where the recipe is defined in float32):
    MX: k = ⌊log2 amax⌋ - emax (floor) or the least k with max·2^k >= amax (rceil), clamped
        to [-127, 127]; code k + 127; 0 for a block of zeros; 255 (NaN) for a block holding
        NaN or an infinity. Elements x / 2^k rounded to nearest even and saturated; the
        dequantized value element · 2^k rounded to float32 (overflow to infinity).
    NVFP4: the recipe of NVFP4Tensor.swift: tensorScale = amax / 2688 over the finite values
        (1 if that amax is 0, the least float32 subnormal if the quotient underflows);
        s_b = E4M3((amax_b / 6) / tensorScale) to nearest even, saturated; a block holding NaN
        or an infinity gets 0x7F; elements E2M1(x / (tensorScale · s_b)), zeros of the input's
        sign when s_b is 0; dequantized element · (tensorScale · s_b).

Every block where torchao's scale code or a dequantized value (bits; NaN as NaN) differs from
the exact rule is listed in its record's `departures` with the exact rule's values and a
`kind`, the first of these models that reproduces torchao's block exactly (the script stops
if none does, since that would be a departure nobody has documented):
    rceil-float32-log2     RCEIL, code one lower than exact: torchao takes ceil(log2(amax/max))
                           with amax/max and log2 rounded to float32, so an amax just above
                           max·2^k gets 2^k; elements x/2^(k) saturate (x itself when
                           k is -127, as below).
    floor-divisor-2^-126   FLOOR, code 0: torchao divides by max(2^-127, 2^-126) = 2^-126 but
                           stores code 0 and multiplies back by 2^-127.
    rceil-code-0-unscaled  RCEIL, code 0: torchao multiplies by 1 instead of 2^127 (its
                           reciprocal for code 0), so the elements are x itself, rounded.
    floor-infinite-amax    FLOOR, a block holding +-inf and no NaN: code 255 - emax (the
                           exponent field 255 read as 2^128), elements x / 2^(128 - emax).
    rceil-infinite-amax    RCEIL, the same block: code 254, elements x · 2^-127.
    nvfp4-scale-floor-2^-6 NVFP4: torchao clamps (amax_b / 6) / tensorScale to at least 2^-6
                           (E4M3's smallest normal) before rounding, and computes elements as
                           x · ((1 / tensorScale) / s_b).
    nvfp4-reciprocal       NVFP4, a block scale >= 2^-6: elements x · ((1 / tensorScale) / s_b)
                           round differently from x / (tensorScale · s_b).
    nvfp4-reciprocal-overflow  NVFP4, a tensor scale below 2^-128 (amax below 2688·2^-128,
                           about 2^-116.6): 1 / tensorScale overflows to infinity, so every
                           element is +-6 (NaN for a zero) and every block scale saturates.
and, for a whole NVFP4 tensor, `tensor_departure` when torchao's tensor scale is not the
recipe's (then every block is compared to the torchao model with torchao's tensor scale):
    nvfp4-zero-tensor-scale     amax / 2688 is 0 (all-zero tensor, or it underflows)
    nvfp4-nonfinite-tensor-scale the tensor holds an infinity (scale inf) or a NaN (NaN)

JSON: `{"torch", "torchao", "mx": [...], "nvfp4": [...]}`. Float32 values are bit patterns,
8 lowercase hex digits each, concatenated (`*_f32`); codes 2 hex digits each (`codes`,
`block_scale_codes`). An MX record: `element`, `rule`, `case`, `block_size`, `inputs_f32`,
`codes`, `dequantized_f32` (torchao's), `departures` ([{`block`, `kind`, `exact_code`,
`exact_dequantized_f32`}]). An NVFP4 record: `case`, `shape`, `inputs_f32`,
`tensor_scale_f32`, `block_scale_codes`, `dequantized_f32` (torchao's), `exact_tensor_scale_f32`,
`tensor_departure` (a kind or null), `departures` (as MX, with `exact_code` the E4M3 code).
"""

import math
import sys
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE_ROOT = HERE.parents[2]
VENV = PACKAGE_ROOT / ".venv-torch"
REQUIREMENTS = ["torch==2.13.0+cpu", "numpy==2.4.6", "torchao==0.18.0"]

sys.path.insert(0, str(PACKAGE_ROOT / "Tools"))
import venv_bootstrap  # noqa: E402  (Tools/venv_bootstrap.py)


# ---------------------------------------------------------------------------------------
# Element formats, from the OCP MX v1.0 and FP8 specifications (not from the Swift code).

class Element:
    def __init__(self, key, m, bias, max_value, emax, torchao):
        self.key, self.m, self.bias = key, m, bias
        self.emin = 1 - bias
        self.max = Fraction(max_value)
        self.emax = emax          # exponent of the largest binade: floor(log2(max))
        self.torchao = torchao    # torchao's elem_dtype (resolved inside the environment)


def elements():
    import torch
    return [
        Element("e4m3fn", 3, 7, 448, 8, torch.float8_e4m3fn),
        Element("e5m2", 2, 15, 57344, 15, torch.float8_e5m2),
        Element("e2m3fn", 3, 1, Fraction(15, 2), 2, "fp6_e2m3"),
        Element("e3m2fn", 2, 3, 28, 4, "fp6_e3m2"),
        Element("e2m1fn", 1, 1, 6, 2, torch.float4_e2m1fn_x2),
    ]


E4M3 = Element("e4m3fn", 3, 7, 448, 8, None)
E2M1 = Element("e2m1fn", 1, 1, 6, 2, None)


def floor_log2(value):
    """Largest k with 2**k <= value, for a positive Fraction."""
    k = value.numerator.bit_length() - value.denominator.bit_length()
    while Fraction(2) ** k > value:
        k -= 1
    while Fraction(2) ** (k + 1) <= value:
        k += 1
    return k


def round_element(value, fmt):
    """`value` (a Fraction) rounded to nearest, ties to even, into `fmt`, saturated at max."""
    magnitude = abs(value)
    if magnitude == 0:
        return magnitude
    quantum = Fraction(2) ** (max(floor_log2(magnitude), fmt.emin) - fmt.m)
    steps, rest = divmod(magnitude / quantum, 1)
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and steps % 2 == 1):
        steps += 1
    rounded = min(steps * quantum, fmt.max)
    return rounded if value > 0 else -rounded


def code_of(value, fmt):
    """The code of a non-negative value exactly representable in `fmt`."""
    if value == 0:
        return 0
    k = floor_log2(value)
    if k < fmt.emin:
        return int(value / Fraction(2) ** (fmt.emin - fmt.m))
    return ((k + fmt.bias) << fmt.m) | int(value / Fraction(2) ** (k - fmt.m) - (1 << fmt.m))


def value_of(code, fmt):
    exponent, mantissa = code >> fmt.m, code & ((1 << fmt.m) - 1)
    if exponent == 0:
        return Fraction(mantissa) * Fraction(2) ** (fmt.emin - fmt.m)
    return (1 + Fraction(mantissa, 1 << fmt.m)) * Fraction(2) ** (exponent - fmt.bias)


# ---------------------------------------------------------------------------------------
# float32 helpers (numpy float32 arithmetic is IEEE single, rounded to nearest even).

def f32(x):
    import numpy as np
    return np.float32(x)


def bits(x):
    import numpy as np
    return int(np.array(x, dtype=np.float32).view(np.uint32))


def from_bits(b):
    import numpy as np
    return np.array(b, dtype=np.uint32).view(np.float32)[()]


def hex_f32(values):
    return "".join(f"{bits(v):08x}" for v in values)


def to_f32(value, negative):
    """The float32 nearest a Fraction (overflow to infinity); a zero keeps `negative`'s sign."""
    import numpy as np
    if value == 0:
        return f32(-0.0 if negative else 0.0)
    with np.errstate(over="ignore"):
        return np.float32(float(value))   # float(value) is exact: few significant bits


def same(a, b):
    """Equal as float32 bit patterns, any NaN equal to any NaN."""
    return (math.isnan(a) and math.isnan(b)) or bits(a) == bits(b)


def same_block(a, b):
    return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))


def scaled_dequant(block, fmt, divide_exp, multiply_exp):
    """Each x / 2^divide_exp rounded into `fmt` (saturating; +-inf to +-max), times 2^multiply_exp."""
    result = []
    for x in block:
        if math.isinf(x):
            element = fmt.max if x > 0 else -fmt.max
        else:
            element = round_element(Fraction(float(x)) / Fraction(2) ** divide_exp, fmt)
        result.append(to_f32(element * Fraction(2) ** multiply_exp, math.copysign(1, x) < 0))
    return result


# ---------------------------------------------------------------------------------------
# MX: the exact rule, torchao's departures from it, and torchao itself.

def mx_exact(block, fmt, rule):
    if any(math.isnan(x) or math.isinf(x) for x in block):
        return 255, [f32(math.nan)] * len(block)
    amax = max(abs(Fraction(float(x))) for x in block)
    if amax == 0:
        k = -127
    elif rule == "floor":
        k = floor_log2(amax) - fmt.emax
    else:
        ratio = amax / fmt.max
        k = floor_log2(ratio)
        k += Fraction(2) ** k < ratio
    k = min(max(k, -127), 127)
    return k + 127, scaled_dequant(block, fmt, k, k)


def mx_departure_models(block, fmt, rule, exact_code):
    """(kind, code, dequantized) for each documented way torchao departs, where it applies."""
    infinite = any(math.isinf(x) for x in block) and not any(math.isnan(x) for x in block)
    models = []
    if rule == "rceil" and 0 < exact_code < 255:
        # torchao's reciprocal for code 0 is 1, not 2^127 (see rceil-code-0-unscaled).
        k = exact_code - 1 - 127
        models.append(("rceil-float32-log2", exact_code - 1, scaled_dequant(block, fmt, 0 if k == -127 else k, k)))
    if rule == "floor" and exact_code == 0:
        models.append(("floor-divisor-2^-126", 0, scaled_dequant(block, fmt, -126, -127)))
    if rule == "rceil" and exact_code == 0:
        models.append(("rceil-code-0-unscaled", 0, scaled_dequant(block, fmt, 0, -127)))
    if infinite and rule == "floor":
        k = 128 - fmt.emax
        models.append(("floor-infinite-amax", k + 127, scaled_dequant(block, fmt, k, k)))
    if infinite and rule == "rceil":
        models.append(("rceil-infinite-amax", 254, scaled_dequant(block, fmt, 127, 127)))
    return models


def torchao_mx(rows, fmt, rule):
    import numpy as np
    import torch
    from torchao.prototype.mx_formats.config import ScaleCalculationMode
    from torchao.prototype.mx_formats.mx_tensor import MXTensor
    mode = {"floor": ScaleCalculationMode.FLOOR, "rceil": ScaleCalculationMode.RCEIL}[rule]
    data = torch.from_numpy(np.array(rows, dtype=np.float32))
    tensor = MXTensor.to_mx(data, fmt.torchao, 32, mode)
    codes = tensor.scale.view(torch.uint8).reshape(-1).tolist()
    dequantized = tensor.dequantize(torch.float32).numpy()
    return codes, [list(row) for row in dequantized]


def mx_record(case, rows, fmt, rule):
    codes, dequantized = torchao_mx(rows, fmt, rule)
    departures = []
    for index, (block, code, seen) in enumerate(zip(rows, codes, dequantized)):
        exact_code, exact = mx_exact(block, fmt, rule)
        if code == exact_code and same_block(seen, exact):
            continue
        for kind, model_code, model in mx_departure_models(block, fmt, rule, exact_code):
            if code == model_code and same_block(seen, model):
                departures.append({"block": index, "kind": kind, "exact_code": exact_code,
                                   "exact_dequantized_f32": hex_f32(exact)})
                break
        else:
            raise SystemExit(f"undocumented departure: {fmt.key} {rule} {case} block {index}: "
                             f"torchao code {code}, exact {exact_code}")
    return {"element": fmt.key, "rule": rule, "case": case, "block_size": 32,
            "inputs_f32": hex_f32(x for row in rows for x in row),
            "codes": "".join(f"{c:02x}" for c in codes),
            "dequantized_f32": hex_f32(x for row in dequantized for x in row),
            "departures": departures}


# ---------------------------------------------------------------------------------------
# MX inputs.

def around(value):
    """value, one float32 ulp above, one below (value a positive normal float32)."""
    import numpy as np
    v = f32(value)
    return [v, np.nextafter(v, f32(np.inf)), np.nextafter(v, f32(0))]


def block_with_amax(rng, amax):
    """32 float32 values of magnitude below `amax`, and `amax` itself (random sign, place)."""
    import numpy as np
    values = (rng.uniform(-0.99, 0.99, 32) * float(amax)).astype(np.float32)
    values[rng.integers(32)] = amax if rng.integers(2) else -amax
    return list(values)


def mx_cases(fmt):
    import numpy as np
    rng = np.random.default_rng(1700 + fmt.m * 10 + fmt.bias)
    cases = []
    rows = []
    for s in [-120, -60, -20, -5, 0, 5, 20, 60, 100]:
        for _ in range(3):
            rows.append(list((rng.standard_normal(32) * 2.0 ** s).astype(np.float32)))
    cases.append(("normal", rows))

    log2_max = fmt.emax
    low, high = -126 - log2_max, 127 - log2_max
    ks = sorted({low, low + 1, -100, -30, -2, -1, 0, 1, 2, 30, 100, high - 1, high})
    rows = [block_with_amax(rng, a) for k in ks if low <= k <= high
            for a in around(float(fmt.max) * 2.0 ** k)]
    cases.append(("rceil-boundaries", rows))

    rows = [block_with_amax(rng, a) for j in [-126, -125, -120, -119, -118, -117, -60, -1, 0, 1, 60, 127]
            for a in around(2.0 ** j)]
    cases.append(("floor-boundaries", rows))

    rows = [block_with_amax(rng, f32(2.0 ** j * (1 + rng.uniform()))) for j in range(-110, -127, -1)]
    cases.append(("tiny", rows))

    sub = [list(from_bits(rng.integers(1, 1 << 23, 32, dtype=np.uint32) | (rng.integers(0, 2, 32, dtype=np.uint32) << 31)))
           for _ in range(3)]
    sub.append([from_bits(1)] + [f32(0.0)] * 31)
    mixed = list(from_bits(rng.integers(1, 1 << 23, 32, dtype=np.uint32)))
    mixed[5], mixed[17] = f32(2.0 ** -120), f32(-1.5 * 2.0 ** -126)
    sub.append(mixed)
    mixed = list(from_bits(rng.integers(1, 1 << 23, 32, dtype=np.uint32)))
    mixed[9] = f32(0.75)
    sub.append(mixed)
    cases.append(("subnormal", sub))

    biggest = from_bits(0x7F7FFFFF)
    rows = [block_with_amax(rng, a) for a in [biggest, from_bits(0x7F7FFFFE), f32(2.0 ** 127), f32(1.5 * 2.0 ** 127)]]
    cases.append(("huge", rows))

    signed = [f32(-0.0) if b else f32(0.0) for b in rng.integers(0, 2, 32)]
    cases.append(("zeros", [[f32(0.0)] * 32, signed]))

    rows = []
    for special in [[math.inf], [-math.inf], [math.nan], [math.nan, math.inf]]:
        row = list(rng.standard_normal(32).astype(np.float32))
        for i, value in enumerate(special):
            row[3 + 11 * i] = f32(value)
        rows.append(row)
    cases.append(("nonfinite", rows))
    return cases


# ---------------------------------------------------------------------------------------
# NVFP4: the recipe, torchao's model, and torchao itself.

E4M3_NAN = 0x7F


def e4m3_code(s):
    """E4M3 code of a non-negative float32, nearest even, saturated at 448; a NaN gives 0x7F
    with the NaN's sign bit (x86's 0 / 0 is a negative NaN, whose code is 0xFF)."""
    if math.isnan(s):
        return E4M3_NAN | (0x80 if bits(s) >> 31 else 0)
    if math.isinf(s):
        return code_of(E4M3.max, E4M3)
    return code_of(round_element(Fraction(float(s)), E4M3), E4M3)


def e4m3_value(code):
    return f32(math.nan) if code & 0x7F == E4M3_NAN else f32(float(value_of(code, E4M3)))


def e2m1(x):
    """float32 x rounded into E2M1, nearest even, saturated (+-inf to +-6); a float32."""
    if math.isinf(x):
        return f32(6.0 if x > 0 else -6.0)
    return to_f32(round_element(Fraction(float(x)), E2M1), math.copysign(1, x) < 0)


def recipe_tensor_scale(values):
    finite = [abs(x) for x in values if math.isfinite(x)]
    amax = max(finite, default=f32(0.0))
    if amax == 0:
        return f32(1.0)
    return max(f32(amax) / f32(2688.0), from_bits(1))


def nvfp4_exact_block(block, t):
    import numpy as np
    if any(math.isnan(x) or math.isinf(x) for x in block):
        return E4M3_NAN, [f32(math.nan)] * len(block)
    amax = max(abs(x) for x in block)
    code = e4m3_code(f32(amax) / f32(6.0) / t)
    s = e4m3_value(code)
    if s == 0:
        return code, [f32(math.copysign(0.0, x)) for x in block]
    total = t * s
    with np.errstate(over="ignore"):
        return code, [e2m1(f32(x) / total) * total for x in block]


def nvfp4_torchao_model_block(block, t):
    """torchao's nvfp4_quantize and dequantize for one block, written out in float32."""
    import numpy as np
    with np.errstate(all="ignore"):
        amax = f32(max((abs(x) for x in block), key=lambda v: (math.isnan(v), v)))
        s = f32(amax / f32(6.0)) / t
        if not math.isnan(s):
            s = min(max(s, f32(2.0 ** -6)), f32(448.0))
        code = e4m3_code(s)
        sv = e4m3_value(code)
        reciprocal = (f32(1.0) / t) / sv
        elements = []
        for x in block:
            y = f32(x) * reciprocal
            # torchao clamps to +-6 (NaN stays NaN) and then packs; a NaN packs to some
            # code, dequantized times a NaN-or-not scale: only NaN-ness is modelled.
            elements.append(f32(math.nan) if math.isnan(y) else e2m1(y))
        return code, [e * (t * sv) for e in elements]


def nvfp4_kind(block, t):
    amax = max((abs(x) for x in block), default=0)
    return "nvfp4-scale-floor-2^-6" if f32(f32(amax) / f32(6.0)) / t < 2.0 ** -6 else "nvfp4-reciprocal"


def torchao_nvfp4(tensor):
    import numpy as np
    import torch
    from torchao.prototype.mx_formats.nvfp4_tensor import NVFP4Tensor, per_tensor_amax_to_scale
    data = torch.from_numpy(np.array(tensor, dtype=np.float32))
    scale = per_tensor_amax_to_scale(torch.max(torch.abs(data)))
    quantized = NVFP4Tensor.to_nvfp4(data, 16, per_tensor_scale=scale)
    codes = quantized.scale.view(torch.uint8).reshape(-1).tolist()
    dequantized = quantized.dequantize(torch.float32).reshape(-1).numpy()
    return f32(scale.item()), codes, list(dequantized)


def nvfp4_record(case, tensor):
    flat = [x for row in tensor for x in row]
    blocks = [flat[i:i + 16] for i in range(0, len(flat), 16)]
    t_seen, codes, dequantized = torchao_nvfp4(tensor)
    t_exact = recipe_tensor_scale(flat)
    tensor_departure = None
    if not same(t_seen, t_exact):
        if t_seen == 0:
            tensor_departure = "nvfp4-zero-tensor-scale"
        elif not math.isfinite(t_seen):
            tensor_departure = "nvfp4-nonfinite-tensor-scale"
        else:
            raise SystemExit(f"undocumented tensor-scale departure: nvfp4 {case}: {t_seen} vs {t_exact}")
    departures = []
    for index, block in enumerate(blocks):
        code, seen = codes[index], dequantized[16 * index:16 * index + 16]
        model_code, model = nvfp4_torchao_model_block(block, t_seen)
        if model_code != code or not same_block(seen, model):
            raise SystemExit(f"torchao model fails: nvfp4 {case} block {index}: code {code:#x} vs {model_code:#x}")
        exact_code, exact = nvfp4_exact_block(block, t_exact)
        if code == exact_code and same_block(seen, exact):
            continue
        kind = tensor_departure or nvfp4_kind(block, t_seen)
        if kind == "nvfp4-reciprocal" and math.isinf(f32(1.0) / t_seen):
            kind = "nvfp4-reciprocal-overflow"
        departures.append({"block": index, "kind": kind, "exact_code": exact_code,
                           "exact_dequantized_f32": hex_f32(exact)})
    return {"case": case, "shape": [len(tensor), len(tensor[0])], "inputs_f32": hex_f32(flat),
            "tensor_scale_f32": hex_f32([t_seen]), "exact_tensor_scale_f32": hex_f32([t_exact]),
            "tensor_departure": tensor_departure,
            "block_scale_codes": "".join(f"{c:02x}" for c in codes),
            "dequantized_f32": hex_f32(dequantized), "departures": departures}


# ---------------------------------------------------------------------------------------
# NVFP4 inputs: 4 rows of 64 (16 blocks).

def nvfp4_cases():
    import numpy as np
    rng = np.random.default_rng(1717)
    cases = []

    def varied(scale):
        x = rng.standard_normal((16, 16)) * 2.0 ** rng.uniform(-14, 4, (16, 1)) * scale
        return x.astype(np.float32).reshape(4, 64)

    for name, scale in [("normal-1", 1.0), ("normal-2^-100", 2.0 ** -100), ("normal-2^100", 2.0 ** 100)]:
        cases.append((name, varied(scale)))

    # Tensor amax 2688: tensor scale 1. Block amax 6·m, m halfway between E4M3 neighbours.
    codes = list(range(1, 0x7E, 8))[:15]
    ties = np.zeros((16, 16), np.float32)
    ties[0, 0] = 2688
    for i, code in enumerate(codes):
        mid = (value_of(code, E4M3) + value_of(code + 1, E4M3)) / 2
        ties[i + 1] = rng.uniform(-1, 1, 16) * float(6 * mid)
        ties[i + 1, i] = float(6 * mid)
    cases.append(("scale-ties", ties.reshape(4, 64)))

    # Elements at E2M1's rounding boundaries times the block's total scale, +-1 and 2 ulps.
    boundaries = [0.25, 0.75, 1.25, 1.75, 2.5, 3.5, 5.0]
    tensor = np.zeros((16, 16), np.float32)
    tensor[0] = rng.uniform(-1, 1, 16) * 1000
    tensor[0, 0] = 1000
    t = recipe_tensor_scale([f32(1000)])
    for b in range(1, 16):
        amax_b = f32(rng.uniform(0.5, 900))
        s = e4m3_value(e4m3_code(amax_b / f32(6) / t))
        total = t * s
        row = []
        for boundary in boundaries:
            centre = f32(boundary) * total
            for step in (-2, 0, 2):
                v = centre
                for _ in range(abs(step)):
                    v = np.nextafter(v, f32(np.inf) if step > 0 else f32(0))
                row.append(v)
        row = row[:15] if b % 2 else row[6:21]
        tensor[b, :15] = row
        tensor[b, 15] = amax_b
    cases.append(("element-boundaries", tensor.reshape(4, 64)))

    x = varied(1.0).reshape(16, 16)
    x[5] = 0
    x[9] = [f32(-0.0) if i % 3 else f32(0.0) for i in range(16)]
    cases.append(("zero-block", x.reshape(4, 64)))

    # Tensor amax 2688 (scale 1): a block of amax a has scale a/6; E4M3's subnormals are
    # k·2^-9, so a below 6·2^-6 gets a subnormal scale and a below 6·2^-10 rounds to 0.
    x = varied(1.0).reshape(16, 16)
    x[0, 0] = 2688
    for i, a in enumerate([6 * 2.0 ** -7, 6 * 3 * 2.0 ** -9, 6 * 2.0 ** -9, 6 * 2.0 ** -10,
                           6 * 1.5 * 2.0 ** -10, 6 * 2.0 ** -11, 1e-6, 6 * 2.0 ** -6]):
        x[i + 2] = rng.uniform(-1, 1, 16) * a
        x[i + 2, 7] = a
    cases.append(("small-blocks", x.astype(np.float32).reshape(4, 64)))

    cases.append(("zero-tensor", np.zeros((4, 64), np.float32)))
    for name, amax in [("tiny-tensor-2^-130", 2.0 ** -130), ("tiny-tensor-2^-140", 2.0 ** -140)]:
        x = (rng.uniform(-1, 1, (4, 64)) * amax).astype(np.float32)
        x[2, 20] = amax
        cases.append((name, x))

    for name, value in [("nonfinite-inf", np.inf), ("nonfinite-nan", np.nan)]:
        x = varied(1.0)
        x[1, 37] = value
        cases.append((name, x))
    return [(name, [list(row) for row in tensor]) for name, tensor in cases]


# ---------------------------------------------------------------------------------------

def dumps(value, indent=""):
    """Sorted-key JSON, one line per record of a list of records (keeps diffs readable)."""
    import json
    inner = indent + " "
    if isinstance(value, dict) and value:
        items = [f"{inner}{json.dumps(key)}: {dumps(value[key], inner)}" for key in sorted(value)]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        items = [inner + json.dumps(item, sort_keys=True) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    return json.dumps(value, sort_keys=True)


def main():
    import importlib.metadata
    import warnings
    import torch
    torch.set_num_threads(1)
    warnings.filterwarnings("ignore")
    mx = []
    for fmt in elements():
        for case, rows in mx_cases(fmt):
            for rule in ["floor", "rceil"]:
                record = mx_record(case, rows, fmt, rule)
                kinds = sorted({d["kind"] for d in record["departures"]})
                print(f"mx {fmt.key} {rule} {case}: {len(rows)} blocks, {len(record['departures'])} departures {kinds}",
                      file=sys.stderr)
                mx.append(record)
    nvfp4 = []
    for case, tensor in nvfp4_cases():
        record = nvfp4_record(case, tensor)
        kinds = sorted({d["kind"] for d in record["departures"]})
        print(f"nvfp4 {case}: {len(record['block_scale_codes']) // 2} blocks, "
              f"{len(record['departures'])} departures {kinds}", file=sys.stderr)
        nvfp4.append(record)
    document = {"torch": torch.__version__, "torchao": importlib.metadata.version("torchao"),
                "mx": mx, "nvfp4": nvfp4}
    path = HERE / "torchao_blocks.json"
    text = dumps(document) + "\n"
    path.write_text(text)
    print(f"wrote {path.relative_to(PACKAGE_ROOT)} ({len(text):,} bytes)", file=sys.stderr)


if __name__ == "__main__":
    venv_bootstrap.pin_cpu_kernels()
    venv_bootstrap.ensure_environment(__file__, VENV, REQUIREMENTS, pip_stdout=sys.stderr)
    main()
