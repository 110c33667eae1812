"""Exact rational rounding in every deterministic mode, and its self-checks.

Imported by generate.py (run that, not this). Written from the definitions in IEEE 754
(§4.3 rounding-direction attributes, §7.4 overflow) and OCP's saturating conversions, with
`fractions.Fraction` arithmetic only: no floating point is involved in choosing a result.

    round_code(bits, spec, mode, saturate=False, flush=False) -> code

`mode` is one of MODES (the CLI spellings). `saturate`: overflow and ±infinity give ±max
instead of the format's own result. `flush`: a float32 subnormal input is read as a zero of
its sign, and a result that is subnormal in the format becomes a zero of its sign.

Formats beyond IEEE's layout (OCP MX, as ml_dtypes implements them): without NaN codes (FP6,
FP4) a NaN gives a zero of the opposite sign and overflow saturates; without a sign bit
(E8M0) negative inputs give NaN; without zero (E8M0, whose exponent field 0 is the binade
2^-bias) zero inputs give NaN and positive values below the smallest one round up to it in
every mode.

check_modes(spec, inputs) asserts, for every input, the properties that pin each mode down
given a correct grid of representable values (the grid itself is validated against
ml_dtypes by generate.py): `down <= x <= up` with `down` and `up` adjacent codes (so they are
the two neighbours), toward-zero is `down` for positive x and `up` for negative x, the
nearest modes pick the nearer neighbour with their tie rules, saturation and flushing change
exactly the results they should.
"""

from fractions import Fraction

MODES = ["nearest-even", "nearest-away", "toward-zero", "up", "down"]


def float32_fraction(bits):
    """Exact value of a finite float32 bit pattern, as a Fraction (sign included)."""
    exponent = (bits >> 23) & 0xFF
    fraction = bits & 0x7FFFFF
    significand = fraction if exponent == 0 else fraction | (1 << 23)
    value = Fraction(significand) * Fraction(2) ** (max(exponent, 1) - 150)
    return -value if bits >> 31 else value


def floor_log2(value):
    """Largest k with 2**k <= value, for a positive Fraction."""
    k = value.numerator.bit_length() - value.denominator.bit_length()
    while Fraction(2) ** k > value:
        k -= 1
    while Fraction(2) ** (k + 1) <= value:
        k += 1
    return k


def _magnitude_rule(mode, negative):
    """The rounding of the magnitude that `mode` performs on a value of this sign."""
    if mode == "up":
        return "toward-zero" if negative else "away"
    if mode == "down":
        return "away" if negative else "toward-zero"
    return mode


def neighbours(magnitude, spec):
    """The format's grid values just below and above a positive magnitude, exponent
    unbounded above (so `upper` may exceed the largest value): (lower, upper, quantum)."""
    quantum = Fraction(2) ** (max(floor_log2(magnitude), spec.emin) - spec.m)
    lower = (magnitude // quantum) * quantum
    return lower, lower + quantum, quantum


def nan_result(spec, negative):
    """What a NaN input gives: the NaN code with the input's sign, or, in a format without
    NaN, a zero of the opposite sign (what ml_dtypes' casts do)."""
    if spec.nan == "none":
        return 0 if negative else (1 << (spec.e + spec.m))
    return (spec.sign_bit if negative else 0) | spec.nan_code


def round_code(bits, spec, mode, saturate=False, flush=False):
    """The code of the float32 `bits` rounded into `spec` by `mode`."""
    negative = bool(bits >> 31)
    sign = spec.sign_bit if negative else 0
    exponent, fraction = (bits >> 23) & 0xFF, bits & 0x7FFFFF
    own_overflow = {"infinity": spec.inf_code, "nan": spec.nan_code, "saturate": spec.max_code}
    overflow_code = spec.max_code if saturate else own_overflow[spec.overflow]
    if exponent == 0xFF and fraction:
        return nan_result(spec, negative)
    if exponent == 0 and (fraction == 0 or flush):
        return sign if spec.zero else spec.nan_code
    if negative and not spec.signed:
        return spec.nan_code
    if exponent == 0xFF:
        return sign | overflow_code
    magnitude = abs(float32_fraction(bits))
    lower, upper, quantum = neighbours(magnitude, spec)
    rule = _magnitude_rule(mode, negative)
    if lower == magnitude:
        rounded = lower
    elif rule == "toward-zero":
        rounded = lower
    elif rule == "away":
        rounded = upper
    else:
        below, above = magnitude - lower, upper - magnitude
        if below != above:
            rounded = lower if below < above else upper
        elif rule == "nearest-away":
            rounded = upper
        else:  # nearest-even: the neighbour whose last significand bit is 0
            rounded = lower if (lower / quantum) % 2 == 0 else upper
    if rounded > spec.max_value:
        return sign | (spec.max_code if rule == "toward-zero" else overflow_code)
    if not spec.zero:
        return _code_of_value(max(rounded, Fraction(2) ** spec.emin), spec)
    if flush and rounded < Fraction(2) ** spec.emin:
        return sign
    return sign | _code_of_value(rounded, spec)


def _code_of_value(value, spec):
    """Code of an exactly representable non-negative value."""
    if value == 0:
        return 0
    k = floor_log2(value)
    if k < spec.emin:
        exponent, mantissa = 0, value / Fraction(2) ** (spec.emin - spec.m)
    else:
        exponent, mantissa = k + spec.bias, value / Fraction(2) ** (k - spec.m) - (1 << spec.m)
    assert mantissa.denominator == 1 and 0 <= mantissa < (1 << spec.m), (value, spec.name)
    return (exponent << spec.m) | int(mantissa)


def check_modes(spec, inputs, decode):
    """Assert the defining properties of every mode and policy on `inputs` (float32 bits).

    `decode(code)` is the exact value of a code (Fraction, or "+inf"/"-inf"/"nan"), already
    validated against ml_dtypes where the format has one.
    """
    magnitude_mask = spec.magnitude_mask
    for bits in inputs:
        bits = int(bits)
        if (bits >> 23) & 0xFF == 0xFF:
            continue  # NaN and infinity: checked by the Swift tests' edge cases directly
        x = float32_fraction(bits)
        codes = {mode: round_code(bits, spec, mode) for mode in MODES}
        if _outside(spec, x, bits):
            continue
        down, up = codes["down"] & magnitude_mask, codes["up"] & magnitude_mask
        label = f"{spec.name} input {bits:#010x}"
        # Adjacent codes around x: the two neighbours (magnitude codes increase with value;
        # the code after the largest value is infinity, or NaN for E4M3FN; a saturating
        # format has none, and its overflow gives the largest value again).
        beyond = spec.overflow == "saturate" and abs(x) > spec.max_value
        if x >= 0:
            assert up - down in (0, 1), label
            assert decode(codes["down"]) <= x, label
            assert decode(codes["up"]) in ("+inf", "nan") or decode(codes["up"]) >= x or beyond, label
        else:
            assert down - up in (0, 1), label
            assert decode(codes["up"]) >= x, label
            assert decode(codes["down"]) in ("-inf", "nan") or decode(codes["down"]) <= x or beyond, label
        assert codes["toward-zero"] == (codes["up"] if bits >> 31 else codes["down"]), label
        _check_nearest(spec, bits, x, codes, decode, label)
        _check_policies(spec, bits, codes, label)


def _outside(spec, x, bits):
    """Whether x is one the format has no neighbours for (E8M0: zero, negatives, values below
    the smallest); asserts what every mode and policy gives there."""
    label = f"{spec.name} input {bits:#010x}"
    smallest = Fraction(2) ** spec.emin
    if (x == 0 and not spec.zero) or (x < 0 and not spec.signed):
        expected = spec.nan_code
    elif not spec.zero and x < smallest:
        expected = _code_of_value(smallest, spec)
    else:
        return False
    for mode in MODES:
        assert round_code(bits, spec, mode) == expected, (label, mode)
        assert round_code(bits, spec, mode, saturate=True) == expected, (label, mode)
    return True


def _check_nearest(spec, bits, x, codes, decode, label):
    """Nearest modes: the nearer neighbour; ties even (nearest-even) or away (nearest-away)."""
    smaller = codes["down"] if x >= 0 else codes["up"]   # smaller magnitude
    larger = codes["up"] if x >= 0 else codes["down"]    # larger magnitude (maybe overflow)
    low = abs(decode(smaller))
    # Past the largest value the upper neighbour is max + ulp (exponent unbounded above).
    ulp_at_max = Fraction(2) ** (floor_log2(spec.max_value) - spec.m)
    high = abs(decode(larger)) if isinstance(decode(larger), Fraction) else spec.max_value + ulp_at_max
    below, above = abs(x) - low, high - abs(x)
    for mode in ("nearest-even", "nearest-away"):
        code = codes[mode]
        if smaller == larger:
            assert code == smaller, label
        elif below < above:
            assert code == smaller, (label, mode)
        elif below > above:
            assert code == larger, (label, mode)
        elif mode == "nearest-away":
            assert code == larger, label
        else:
            # Last significand bit 0: the code's last bit, except that with no mantissa bits
            # a nonzero value's one significant bit is its leading 1 (odd), so ties go up.
            smaller_even = smaller & 1 == 0 if spec.m > 0 or low == 0 else False
            even = smaller if smaller_even else larger
            assert code == even, label


def _check_policies(spec, bits, codes, label):
    """Saturation changes only overflow results; flushing only subnormal inputs and results."""
    sign = spec.sign_bit if bits >> 31 else 0
    zero = sign if spec.zero else spec.nan_code  # a flushed input is a zero
    subnormal_input = (bits >> 23) & 0xFF == 0
    for mode, code in codes.items():
        magnitude = code & spec.magnitude_mask
        overflowed = magnitude > spec.max_code
        saturated = round_code(bits, spec, mode, saturate=True)
        assert saturated == ((sign | spec.max_code) if overflowed else code), (label, mode)
        flushed = round_code(bits, spec, mode, flush=True)
        subnormal_result = 0 < magnitude < (1 << spec.m)
        if subnormal_input:
            assert flushed == zero, (label, mode)
        else:
            assert flushed == (sign if subnormal_result else code), (label, mode)
