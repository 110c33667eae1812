#!/usr/bin/env python3
"""Oracle for the Precision module: what numpy and ml_dtypes say the formats do.

Re-run (from anywhere; needs python3 >= 3.9 with venv, and PyPI for the first run):

    python3 Tests/PrecisionTests/Oracle/generate.py

The first run creates `.venv-oracle/` at the package root (git-ignored) and installs
the pinned numpy and ml_dtypes below into it; later runs reuse it. The script then
re-executes itself inside that environment and rewrites the JSON files next to it:

    fp16.json, bf16.json, e4m3fn.json, e5m2.json   ml_dtypes / numpy casts
    e2m3fn.json, e3m2fn.json, e2m1fn.json          ml_dtypes float6_e2m3fn, float6_e3m2fn,
    e8m0.json                                      float4_e2m1fn, float8_e8m0fnu casts
    tf32.json                                      exact rational reference (no TF32 in ml_dtypes)
    properties.json                                numpy.finfo / ml_dtypes.finfo

and, in every format file, `rounding_modes`: the codes of the edge cases in every
deterministic rounding mode (also with saturation, and with flush-to-zero) and of the random
sample in every mode, from the exact rational reference in rounding_modes.py.

Commit the JSON together with any change to this script: `swift test` reads the JSON and
never runs Python. Output is deterministic (fixed seeds, sorted keys, no timestamps), so
re-running with the same pinned versions must leave the files byte-for-byte unchanged.

Encoding conventions in the JSON:
  * float32 values are stored as their bit patterns, 8 lowercase hex digits each,
    concatenated into one string (`decode_f32`, `inputs_f32`);
  * format codes are stored as `code_hex_digits` hex digits each (1 for FP4, 2 for FP6 and
    FP8, 4 for 16-bit formats, 5 for the 19-bit TF32), concatenated the same way (`codes`);
  * a NaN result is stored as whatever bits the oracle produced; consumers compare NaNs
    by "is NaN", never by bits (numpy's float16 keeps NaN payloads, ml_dtypes does not);
  * `edge_cases` and `sample.codes` are ml_dtypes' codes even where ml_dtypes departs from
    exact rounding (only E8M0, for a few float32 subnormals: see `ml_dtypes_departs`); those
    inputs are listed again in `ml_dtypes_departures` with the exact rounding's codes.

Before writing anything the script validates its own rational reference (`fractions`,
every rounding written out from the definitions, in rounding_modes.py) against ml_dtypes for
every format ml_dtypes has: every code's decoded value and every sampled nearest-even
encoding must agree. The other modes and the policies are then checked against their
defining properties on that validated grid (rounding_modes.check_modes): down <= x <= up
with adjacent codes, toward-zero agreeing with down or up by sign, nearest modes picking the
nearer neighbour with their tie rules, saturation and flushing changing exactly what they
should. Only then is the same reference trusted to produce the TF32 oracle and the modes.
"""

import json
import sys
from fractions import Fraction
from pathlib import Path

import rounding_modes

HERE = Path(__file__).resolve().parent
PACKAGE_ROOT = HERE.parents[2]
VENV = PACKAGE_ROOT / ".venv-oracle"
REQUIREMENTS = ["numpy==2.4.6", "ml_dtypes==0.6.0"]

sys.path.insert(0, str(PACKAGE_ROOT / "Tools"))
import venv_bootstrap  # noqa: E402  (Tools/venv_bootstrap.py)

SAMPLE_UNIFORM_BITS = 8000    # uniformly random float32 bit patterns
SAMPLE_LOG_UNIFORM = 8000     # magnitudes log-uniform around the format's range
SAMPLE_TIES = 4000            # exact midpoints between neighbours, and one float32 ulp either side


# ---------------------------------------------------------------------------------------
# Format descriptions, written out from the specifications (not from the Swift code).

class Spec:
    def __init__(self, key, name, e, m, bias, nan, overflow, dtype=None, uint=None, signed=True, zero=True):
        self.key, self.name = key, name
        self.e, self.m, self.bias = e, m, bias
        # "ieee": exponent all ones, mantissa != 0; "all_ones": S.1111.111 only (E8M0: 0xFF);
        # "none": no NaN code at all (OCP MX FP6 and FP4).
        self.nan = nan
        self.overflow = overflow    # "infinity", "nan" or "saturate"
        self.dtype, self.uint = dtype, uint
        # signed: a sign bit above the magnitude (all but E8M0); zero: exponent field 0 holds
        # zero and the subnormals (all but E8M0, where it is the binade 2^-bias).
        self.signed, self.zero = signed, zero
        self.bits = (1 if signed else 0) + e + m
        self.hex_digits = (self.bits + 3) // 4
        self.emin = (1 if zero else 0) - bias
        self.magnitude_mask = (1 << (e + m)) - 1
        self.sign_bit = 1 << (e + m) if signed else 0
        exp_ones = (1 << e) - 1
        if nan == "ieee":
            self.inf_code = exp_ones << m
            self.nan_code = (exp_ones << m) | (1 << (m - 1))
            self.max_code = (exp_ones << m) - 1
        elif nan == "all_ones":
            self.inf_code = None
            self.nan_code = self.magnitude_mask
            self.max_code = self.nan_code - 1
        else:
            self.inf_code = self.nan_code = None
            self.max_code = self.magnitude_mask
        self.max_value = rational_decode(self.max_code, self)


def rational_decode(code, spec):
    """Exact value of a code as a Fraction, or the strings 'nan' / '+inf' / '-inf'."""
    negative = bool(code & spec.sign_bit)
    magnitude = code & spec.magnitude_mask
    exponent = magnitude >> spec.m
    mantissa = magnitude & ((1 << spec.m) - 1)
    if spec.nan == "ieee" and exponent == (1 << spec.e) - 1:
        if mantissa:
            return "nan"
        return "-inf" if negative else "+inf"
    if spec.nan == "all_ones" and magnitude == spec.magnitude_mask:
        return "nan"
    if exponent == 0 and spec.zero:
        value = Fraction(mantissa) * Fraction(2) ** (spec.emin - spec.m)
    else:
        value = Fraction((1 << spec.m) + mantissa) * Fraction(2) ** (exponent - spec.bias - spec.m)
    return -value if negative else value


def rational_encode(bits, spec):
    """Round a float32 (given by its bits) to the format: nearest, ties to even."""
    return rounding_modes.round_code(bits, spec, "nearest-even")


def is_nan_code(code, spec):
    return rational_decode(code, spec) == "nan"


# ---------------------------------------------------------------------------------------
# Inputs: hand-picked edge cases and a seeded random sample, all as float32 bit patterns.

def f32_bits(value):
    """Bits of a Python float that must be exactly a float32 (checked)."""
    import numpy as np
    f = np.float32(value)
    assert float(f) == value, f"{value!r} is not exactly a float32"
    return int(np.array([f], dtype=np.float32).view(np.uint32)[0])


def edge_cases(spec):
    """(label, float32 bits) for both signs of every interesting input."""
    cases = []

    def add(label, value, around=True):
        if value >= 2.0 ** 128:
            return  # past float32's range: the float32 infinity case covers it
        bits = f32_bits(value)
        cases.append((label, bits))
        if around:
            below, above = bits - 1, bits + 1
            if bits > 0:
                cases.append((label + " - 1 ulp32", below))
            if above < 0x7F800000:
                cases.append((label + " + 1 ulp32", above))

    two = lambda k: float(Fraction(2) ** k)
    m, emin = spec.m, spec.emin
    max_exp = rounding_modes.floor_log2(spec.max_value)
    ulp_at_max = Fraction(2) ** (max_exp - m)
    min_sub = Fraction(2) ** (emin - m)

    add("zero", 0.0, around=False)
    add("max", float(spec.max_value))
    add("max + ulp/2 (overflow tie)", float(spec.max_value + ulp_at_max / 2))
    add("max + ulp", float(spec.max_value + ulp_at_max))
    add("max + 3 ulp/2", float(spec.max_value + 3 * ulp_at_max / 2))
    add("2 max", float(2 * spec.max_value))
    add("min normal", two(emin))
    add("largest subnormal", float(Fraction(2) ** emin - min_sub))
    add("largest subnormal + ulp/2 (tie to min normal)", float(Fraction(2) ** emin - min_sub / 2))
    add("min subnormal", float(min_sub))
    add("min subnormal / 2 (tie to zero)", float(min_sub / 2))
    add("min subnormal / 4", float(min_sub / 4))
    add("3 min subnormal / 2 (tie to 2 min subnormal)", float(3 * min_sub / 2))
    add("1 + eps/2 (tie to 1)", float(1 + Fraction(2) ** -m / 2))
    add("1 + 3 eps/2 (tie to 1 + 2 eps)", float(1 + 3 * Fraction(2) ** -m / 2))
    add("1 - eps/4 (tie to 1 from below)", float(1 - Fraction(2) ** -m / 4))
    add("float32 max", float(Fraction(2) ** 127 * (2 - Fraction(2) ** -23)), around=False)
    add("float32 min normal", two(-126))
    add("float32 min subnormal", two(-149), around=False)
    add("float32 largest subnormal", float(Fraction(2) ** -126 - Fraction(2) ** -149), around=False)
    for k in range(emin - m, max_exp + 2):
        if k > 127:
            break
        add(f"2^{k}", two(k))
        ulp_below = Fraction(2) ** (max(k - 1, emin) - m)
        if k > emin - m:
            add(f"2^{k} - ulp/2 (tie up into binade)", float(Fraction(2) ** k - ulp_below / 2))
        ulp = Fraction(2) ** (max(k, emin) - m)
        add(f"2^{k} + ulp/2 (tie to even below)", float(Fraction(2) ** k + ulp / 2))
        add(f"2^{k} + 3 ulp/2 (tie to even above)", float(Fraction(2) ** k + 3 * ulp / 2))

    signed = []
    for label, bits in cases:
        signed.append(("+" + label, bits))
        signed.append(("-" + label, bits | 0x80000000))
    for label, bits in [("+inf", 0x7F800000), ("-inf", 0xFF800000),
                        ("+nan (quiet)", 0x7FC00000), ("-nan (quiet)", 0xFFC00000),
                        ("+nan (signalling, payload 1)", 0x7F800001),
                        ("-nan (signalling, payload 1)", 0xFF800001),
                        ("+nan (all payload bits)", 0x7FFFFFFF),
                        ("-nan (all payload bits)", 0xFFFFFFFF)]:
        signed.append((label, bits))
    seen, unique = set(), []
    for label, bits in signed:
        if bits not in seen:
            seen.add(bits)
            unique.append((label, bits))
    return unique


def random_sample(spec, seed):
    """Seeded float32 bit patterns: uniform bits, log-uniform magnitudes, and ties."""
    import numpy as np
    rng = np.random.Generator(np.random.PCG64(seed))
    uniform = rng.integers(0, 1 << 32, size=SAMPLE_UNIFORM_BITS, dtype=np.uint64).astype(np.uint32)

    lo = spec.emin - spec.m - 3
    hi = rounding_modes.floor_log2(spec.max_value) + 3
    exponents = rng.uniform(lo, min(hi, 127.9), size=SAMPLE_LOG_UNIFORM)
    magnitudes = np.exp2(exponents).astype(np.float32)
    signs = rng.integers(0, 2, size=SAMPLE_LOG_UNIFORM, dtype=np.uint32) << np.uint32(31)
    log_uniform = magnitudes.view(np.uint32) | signs

    ties = []
    magnitudes = rng.integers(0, spec.max_code, size=SAMPLE_TIES // 3 + 1, dtype=np.int64)
    signs = rng.integers(0, 2, size=magnitudes.size)
    for magnitude, sign in zip(magnitudes.tolist(), signs.tolist()):
        low = rational_decode(magnitude, spec)
        high = rational_decode(magnitude + 1, spec)
        middle = f32_bits(float((low + high) / 2))
        for bits in (middle - 1, middle, middle + 1):
            ties.append(bits | (sign << 31))
    ties = np.array(ties[:SAMPLE_TIES], dtype=np.uint32)
    return np.concatenate([uniform, log_uniform, ties]).astype(np.uint32)


# ---------------------------------------------------------------------------------------
# Oracles.

def hex_words(values, digits):
    return "".join(format(int(v), f"0{digits}x") for v in values)


def ml_dtypes_encode(bits, spec):
    import numpy as np
    floats = np.asarray(bits, dtype=np.uint32).view(np.float32)
    with np.errstate(all="ignore"):  # overflow and NaN casts are the point, not a problem
        return floats.astype(spec.dtype).view(spec.uint).astype(np.uint32)


def check_rational_against_ml_dtypes(spec, inputs, codes, decoded):
    """The rational reference must agree with ml_dtypes before it is trusted for TF32."""
    import numpy as np
    for code, bits in enumerate(decoded.tolist()):
        expected = rational_decode(code, spec)
        value = np.array([bits], dtype=np.uint32).view(np.float32)[0]
        if expected == "nan":
            assert np.isnan(value), f"{spec.name} decode {code:#x}: ml_dtypes {bits:#010x} is not NaN"
        elif isinstance(expected, str):
            assert np.isinf(value) and (value < 0) == (expected == "-inf"), (spec.name, code)
        else:
            assert Fraction(float(value)) == expected and (bits >> 31) == int(bool(code & spec.sign_bit)), \
                f"{spec.name} decode {code:#x}: ml_dtypes {bits:#010x}, rational {expected}"
    departures = []
    for bits, code in zip(inputs, codes):
        reference = rational_encode(int(bits), spec)
        if ml_dtypes_departs(spec, int(bits), int(code), reference):
            departures.append((int(bits), reference))
        elif is_nan_code(int(code), spec):
            assert is_nan_code(reference, spec), f"{spec.name} encode {int(bits):#010x}: ml_dtypes NaN, rational {reference:#x}"
        else:
            assert reference == int(code), \
                f"{spec.name} encode {int(bits):#010x}: ml_dtypes {int(code):#x}, rational {reference:#x}"
    return departures


def ml_dtypes_departs(spec, bits, code, reference):
    """Where ml_dtypes knowingly departs from exact rounding (documented on FloatFormat.e8m0).

    float8_e8m0fnu rounds float32 subnormals between 2^-127 and 1.5 * 2^-127 (exclusive) up
    to 2^-126 (code 1): its conversion rounds the binade [2^-127, 2^-126) as if code 0 were a
    subnormal slot worth 0, so the tie falls at 2^-127 instead of 1.5 * 2^-127. The nearest
    value is 2^-127 (code 0). Nothing else may differ.
    """
    return (spec.key == "e8m0" and 0x00400000 < bits < 0x00600000
            and code == 1 and reference == 0)


def format_oracle(spec, seed, versions):
    import numpy as np
    edges = edge_cases(spec)
    edge_bits = np.array([bits for _, bits in edges], dtype=np.uint32)
    sample_bits = random_sample(spec, seed)
    document = {
        "code_hex_digits": spec.hex_digits,
        "format": spec.name,
        "sample": {"seed": seed, "inputs_f32": hex_words(sample_bits, 8)},
    }
    if spec.dtype is not None:
        codes = np.arange(1 << spec.bits, dtype=np.uint32).astype(spec.uint)
        decoded = codes.view(spec.dtype).astype(np.float32).view(np.uint32)
        edge_codes = ml_dtypes_encode(edge_bits, spec)
        sample_codes = ml_dtypes_encode(sample_bits, spec)
        departures = check_rational_against_ml_dtypes(
            spec, np.concatenate([edge_bits, sample_bits]), np.concatenate([edge_codes, sample_codes]), decoded)
        if departures:
            document["ml_dtypes_departures"] = {
                "inputs_f32": hex_words([bits for bits, _ in departures], 8),
                "exact_codes": hex_words([code for _, code in departures], spec.hex_digits),
            }
        document["decode_f32"] = hex_words(decoded, 8)
        document["source"] = f"{spec.dtype.__module__}.{spec.dtype.__name__} " + versions
    else:
        edge_codes = [rational_encode(int(b), spec) for b in edge_bits]
        sample_codes = [rational_encode(int(b), spec) for b in sample_bits]
        document["source"] = "fractions.Fraction round-to-nearest-even (validated against ml_dtypes)"
    rounding_modes.check_modes(spec, np.concatenate([edge_bits, sample_bits]),
                               lambda code: rational_decode(code, spec))
    document["rounding_modes"] = mode_oracle(spec, edge_bits, sample_bits)
    document["edge_cases"] = [
        {"code": format(int(code), f"0{spec.hex_digits}x"), "input_f32": format(bits, "08x"), "label": label}
        for (label, bits), code in zip(edges, edge_codes)
    ]
    document["sample"]["codes"] = hex_words(sample_codes, spec.hex_digits)
    return document


def mode_oracle(spec, edge_bits, sample_bits):
    """Codes from the rational reference: edge cases in every mode and policy, the sample in
    every mode but nearest-even (whose sample codes are the main `sample.codes`)."""
    result = {}
    for mode in rounding_modes.MODES:
        def codes(inputs, **policy):
            return hex_words([rounding_modes.round_code(int(b), spec, mode, **policy) for b in inputs],
                             spec.hex_digits)
        entry = {"edge_codes": codes(edge_bits), "edge_codes_saturate": codes(edge_bits, saturate=True),
                 "edge_codes_flush": codes(edge_bits, flush=True)}
        if mode != "nearest-even":
            entry["sample_codes"] = codes(sample_bits)
        result[mode] = entry
    return result


def double_entry(value):
    """A float64 as exact bits plus a readable repr."""
    import struct
    bits = struct.unpack("<Q", struct.pack("<d", float(value)))[0]
    return {"bits": format(bits, "016x"), "value": repr(float(value))}


def properties(specs, versions):
    import ml_dtypes
    import numpy as np
    result = {"source": versions}
    finfos = {"fp32": np.finfo(np.float32), "fp16": np.finfo(np.float16)}
    for spec in specs:
        if spec.key in finfos:
            info = finfos[spec.key]
        elif spec.dtype is not None:
            info = ml_dtypes.finfo(spec.dtype)
        else:
            info = None
        if info is not None:
            entry = {
                "source": f"{'numpy' if spec.key in finfos else 'ml_dtypes'}.finfo",
                "bits": int(info.bits), "nexp": int(info.nexp), "nmant": int(info.nmant),
                "maxexp": int(info.maxexp), "minexp": int(info.minexp),
                "max": double_entry(info.max), "smallest_normal": double_entry(info.smallest_normal),
                "smallest_subnormal": double_entry(info.smallest_subnormal),
                "eps": double_entry(info.eps), "precision": int(info.precision),
                "resolution": double_entry(info.resolution),
            }
        else:
            min_sub = Fraction(2) ** (spec.emin - spec.m)
            entry = {
                "source": "fractions.Fraction from the layout (neither numpy nor ml_dtypes has TF32)",
                "bits": spec.bits, "nexp": spec.e, "nmant": spec.m,
                "maxexp": rounding_modes.floor_log2(spec.max_value) + 1, "minexp": spec.emin,
                "max": double_entry(spec.max_value), "smallest_normal": double_entry(Fraction(2) ** spec.emin),
                "smallest_subnormal": double_entry(min_sub), "eps": double_entry(Fraction(2) ** -spec.m),
            }
        result[spec.key] = entry
    return result


def dumps(value, indent=""):
    """Sorted-key JSON, one line per record of a list of records (keeps diffs readable)."""
    inner = indent + " "
    if isinstance(value, dict) and value:
        items = [f"{inner}{json.dumps(key)}: {dumps(value[key], inner)}" for key in sorted(value)]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        items = [inner + json.dumps(item, sort_keys=True) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    return json.dumps(value, sort_keys=True)


def write_json(name, document):
    path = HERE / name
    text = dumps(document) + "\n"
    path.write_text(text)
    print(f"wrote {path.relative_to(PACKAGE_ROOT)} ({len(text):,} bytes)", file=sys.stderr)


def main():
    import ml_dtypes
    import numpy as np
    versions = f"(numpy {np.__version__}, ml_dtypes {ml_dtypes.__version__})"
    specs = [
        Spec("fp32", "FP32", 8, 23, 127, "ieee", "infinity", np.float32, np.uint32),
        Spec("tf32", "TF32", 8, 10, 127, "ieee", "infinity"),
        Spec("bf16", "BF16", 8, 7, 127, "ieee", "infinity", ml_dtypes.bfloat16, np.uint16),
        Spec("fp16", "FP16", 5, 10, 15, "ieee", "infinity", np.float16, np.uint16),
        Spec("e4m3fn", "FP8 E4M3FN", 4, 3, 7, "all_ones", "nan", ml_dtypes.float8_e4m3fn, np.uint8),
        Spec("e5m2", "FP8 E5M2", 5, 2, 15, "ieee", "infinity", ml_dtypes.float8_e5m2, np.uint8),
        Spec("e2m3fn", "FP6 E2M3FN", 2, 3, 1, "none", "saturate", ml_dtypes.float6_e2m3fn, np.uint8),
        Spec("e3m2fn", "FP6 E3M2FN", 3, 2, 3, "none", "saturate", ml_dtypes.float6_e3m2fn, np.uint8),
        Spec("e2m1fn", "FP4 E2M1FN", 2, 1, 1, "none", "saturate", ml_dtypes.float4_e2m1fn, np.uint8),
        Spec("e8m0", "E8M0", 8, 0, 127, "all_ones", "nan", ml_dtypes.float8_e8m0fnu, np.uint8,
             signed=False, zero=False),
    ]
    seeds = {"tf32": 20_250_002, "bf16": 20_250_003, "fp16": 20_250_004, "e4m3fn": 20_250_005, "e5m2": 20_250_006,
             "e2m3fn": 20_250_007, "e3m2fn": 20_250_008, "e2m1fn": 20_250_009, "e8m0": 20_250_010}
    for spec in specs:
        if spec.key in seeds:
            write_json(f"{spec.key}.json", format_oracle(spec, seeds[spec.key], versions))
    write_json("properties.json", properties(specs, versions))


if __name__ == "__main__":
    venv_bootstrap.ensure_environment(__file__, VENV, REQUIREMENTS, check_pins=False)
    main()
