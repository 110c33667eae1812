// Eight-lane AVX2 versions of the kernels in Sources/Precision/Bulk, line for line: the
// same integer and IEEE single-precision operations in the same order, so every lane gives
// the bits the four-lane Swift kernels give (tested bit for bit in PrecisionTests).
//
// Why C: the x86-64 baseline is SSE2, so AVX2 must be enabled per function and chosen at
// run time. Clang does both with `target("avx2")` on each function of this file, and its
// vector extensions compile `u32x8` arithmetic to one ymm instruction per operation. Swift
// has no per-function target attribute, and its generic `SIMD8<Float>` arithmetic is
// element loops that LLVM re-vectorises only in pairs, so a Swift instantiation would need a
// whole module built with AVX2 flags (whose shared specialisations could leak into
// baseline code) and would still be slower. No contraction into FMA (FMA is not enabled,
// and contraction is off) keeps every product and sum separately rounded, as in Swift.
#include "CRoundingAVX2.h"

#if defined(__x86_64__) && defined(__clang__)
#include <cpuid.h>

int mantissa_has_avx2(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    if (!(ecx & bit_OSXSAVE) || !(ecx & bit_AVX)) return 0;
    unsigned xcr0_low, xcr0_high;
    __asm__ volatile("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
    if ((xcr0_low & 6) != 6) return 0;  // XMM and YMM state saved by the OS
    if (__get_cpuid_max(0, 0) < 7) return 0;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    return (ebx & bit_AVX2) != 0;
}

#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)
#pragma clang attribute push(__attribute__((target("avx2"))), apply_to = function)

typedef uint32_t u32x8 __attribute__((vector_size(32), aligned(4)));
typedef int32_t i32x8 __attribute__((vector_size(32), aligned(4)));
typedef float f32x8 __attribute__((vector_size(32), aligned(4)));

#define INLINE static inline __attribute__((always_inline))

INLINE u32x8 splat(uint32_t v) { return (u32x8){v, v, v, v, v, v, v, v}; }
INLINE f32x8 splatf(float v) { return (f32x8){v, v, v, v, v, v, v, v}; }
INLINE i32x8 signed_(u32x8 v) { return (i32x8)v; }
INLINE f32x8 floats(u32x8 v) { return (f32x8)v; }
INLINE u32x8 bits(f32x8 v) { return (u32x8)v; }
/// All ones where a comparison holds (vector comparisons give -1 or 0 per lane).
INLINE u32x8 mask(i32x8 condition) { return (u32x8)condition; }
INLINE u32x8 select(u32x8 m, u32x8 a, u32x8 b) { return (a & m) | (b & ~m); }
/// `a` where `condition` holds, `b` elsewhere (Swift's `replacing(with:where:)`).
INLINE f32x8 selectf(i32x8 condition, f32x8 a, f32x8 b) { return floats(select(mask(condition), bits(a), bits(b))); }
INLINE i32x8 selecti(i32x8 condition, i32x8 a, i32x8 b) { return signed_(select(mask(condition), (u32x8)a, (u32x8)b)); }
INLINE u32x8 sign_mask(u32x8 v) { return (u32x8)(signed_(v) >> 31); }

/// Lanes.flushingInputs.
INLINE u32x8 flushing(u32x8 magnitude, int flush) {
    return flush ? magnitude & ~mask(signed_(magnitude) < 0x00800000) : magnitude;
}

/// RoundingIncrement.increment.
INLINE u32x8 increment(int mode, uint32_t f, u32x8 last_kept, u32x8 negative, u32x8 random) {
    switch (mode) {
    case mantissa_mode_nearest_even: return last_kept + splat((1u << (f - 1)) - 1);
    case mantissa_mode_nearest_away: return splat(1u << (f - 1));
    case mantissa_mode_toward_zero: return splat(0);
    case mantissa_mode_up: return splat((1u << f) - 1) & ~negative;
    case mantissa_mode_down: return splat((1u << f) - 1) & negative;
    default: return random >> (32 - f);
    }
}

/// RoundingIncrement.truncation.
INLINE u32x8 truncation(int mode, u32x8 negative) {
    switch (mode) {
    case mantissa_mode_toward_zero: return splat(~0u);
    case mantissa_mode_up: return negative;
    case mantissa_mode_down: return ~negative;
    default: return splat(0);
    }
}

/// RoundingIncrement.correction: the lanes one quantum up and down from nearest-even.
INLINE void correction(int mode, u32x8 above, u32x8 below, u32x8 tie, u32x8 negative,
                       u32x8 *up, u32x8 *down) {
    *up = splat(0);
    *down = splat(0);
    switch (mode) {
    case mantissa_mode_nearest_away: *up = tie; break;
    case mantissa_mode_toward_zero: *down = below; break;
    case mantissa_mode_up: *up = above & ~negative; *down = below & negative; break;
    case mantissa_mode_down: *up = above & negative; *down = below & ~negative; break;
    default: break;
    }
}

/// WideKernel.rounded.
INLINE u32x8 wide(const mantissa_avx2_job *j, int mode, int flush, u32x8 b, u32x8 random) {
    u32x8 x = flushing(b & 0x7FFFFFFF, flush);
    i32x8 ceiling = (i32x8)splat((uint32_t)j->ceiling);
    u32x8 nan = mask(signed_(x) > 0x7F800000);
    uint32_t dropped = j->dropped_bits;
    if (dropped == 0) {
        i32x8 s = signed_(x);
        u32x8 capped = (u32x8)selecti(s > ceiling, ceiling, s);
        return select(nan, splat(0x7FC00000), capped) | (b & 0x80000000);
    }
    u32x8 inc = increment(mode, dropped, (x >> dropped) & 1, sign_mask(b), random);
    i32x8 rounded = signed_((x + inc) & (~0u << dropped));
    u32x8 capped = (u32x8)selecti(rounded > ceiling, ceiling, rounded);
    return select(nan, splat(0x7FC00000), capped) | (b & 0x80000000);
}

/// NarrowKernel.rounded.
INLINE u32x8 narrow(const mantissa_avx2_job *j, int mode, int flush, u32x8 b) {
    u32x8 a = flushing(b & 0x7FFFFFFF, flush);
    f32x8 clamp = splatf(j->clamp_above), min_normal = splatf(j->min_normal);
    f32x8 x = selectf(floats(a) < clamp, floats(a), clamp);  // NaN too
    f32x8 exponent = floats(bits(x) & 0x7F800000);
    f32x8 binade = selectf(exponent < min_normal, min_normal, exponent);
    f32x8 magic = binade * j->magic_scale;
    f32x8 nearest = (x + magic) - magic;
    u32x8 rounded = bits(nearest);
    u32x8 negative = sign_mask(b);
    if (mode != mantissa_mode_nearest_even) {
        f32x8 error = x - nearest;
        f32x8 quantum = binade * j->quantum_scale;
        u32x8 up, down;
        correction(mode, mask(error > 0), mask(error < 0), mask(error == quantum * 0.5f), negative,
                   &up, &down);
        rounded = bits(nearest + floats(bits(quantum) & up) - floats(bits(quantum) & down));
    }
    u32x8 kept = flush ? rounded & ~mask(signed_(rounded) < j->min_normal_bits) : rounded;
    u32x8 truncates_finite = truncation(mode, negative) & mask(signed_(a) < 0x7F800000);
    u32x8 overflowed = select(truncates_finite, splat((uint32_t)j->max_bits), splat(j->overflow_bits));
    u32x8 special = select(mask(signed_(a) > 0x7F800000), splat(j->nan_bits), overflowed);
    return select(mask(signed_(rounded) > j->max_bits), special, kept) ^ (b & 0x80000000);
}

/// floorBits.
INLINE u32x8 floor_bits(f32x8 v) {
    const float magic = 0x1.8p23f;
    f32x8 sum = v + magic;
    u32x8 nearest = bits(sum) - 0x4B400000u;  // magic's bits
    return nearest + mask((sum - magic) > v);
}

/// NarrowStochasticKernel.rounded.
INLINE u32x8 narrow_stochastic(const mantissa_avx2_job *j, int flush, u32x8 b, u32x8 random) {
    u32x8 magnitude = flushing(b & 0x7FFFFFFF, flush);
    f32x8 clamp = splatf(j->clamp_above), min_normal = splatf(j->min_normal);
    f32x8 x = selectf(floats(magnitude) < clamp, floats(magnitude), clamp);
    f32x8 exponent = floats(bits(x) & 0x7F800000);
    f32x8 binade = selectf(exponent < min_normal, min_normal, exponent);
    f32x8 magic = binade + binade;
    f32x8 sum = x + magic;
    f32x8 error = x - (sum - magic);
    u32x8 truncated = bits(sum) + mask(error < 0);
    uint32_t shift = j->sum_fraction_bits;
    u32x8 below = floor_bits(error * floats(j->scale_bits - bits(binade))) & (~0u >> shift);
    uint32_t low_mask = (1u << shift) - 1;
    u32x8 fraction = ((truncated & low_mask) << (32 - shift)) | below;
    u32x8 carries = mask(signed_(fraction ^ 0x80000000) > signed_(~random ^ 0x80000000));
    u32x8 shifted = (truncated & ~low_mask) + (carries & (low_mask + 1));
    u32x8 decoded = bits(floats(shifted) - magic);
    u32x8 kept = flush ? decoded & ~mask(signed_(decoded) < j->min_normal_bits) : decoded;
    u32x8 special = select(mask(signed_(magnitude) > 0x7F800000), splat(j->nan_bits), splat(j->overflow_bits));
    return select(mask(signed_(decoded) > j->max_bits), special, kept) ^ (b & 0x80000000);
}

/// SplitMix64's finaliser (mix64 in CounterRandom.swift).
INLINE uint64_t mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

#define GAMMA 0x9E3779B97F4A7C15ull

/// The words of eight consecutive elements: two outputs cut into 16-bit words (shifted to
/// the top), or four cut into 32-bit words, as BulkJob.run builds them four at a time.
INLINE u32x8 next_words(uint64_t *state, int word_bits) {
    uint32_t w[8];
    if (word_bits == 16) {
        for (int k = 0; k < 2; k++) {
            uint64_t output = mix64(*state += GAMMA);
            uint32_t low = (uint32_t)output, high = (uint32_t)(output >> 32);
            w[4 * k] = low << 16, w[4 * k + 1] = low & 0xFFFF0000;
            w[4 * k + 2] = high << 16, w[4 * k + 3] = high & 0xFFFF0000;
        }
    } else {
        for (int k = 0; k < 4; k++) {
            uint64_t output = mix64(*state += GAMMA);
            w[2 * k] = (uint32_t)output, w[2 * k + 1] = (uint32_t)(output >> 32);
        }
    }
    u32x8 words;
    __builtin_memcpy(&words, w, sizeof words);
    return words;
}

/// The loop for one kernel, mode and subnormal policy (constants after inlining).
INLINE size_t run(const mantissa_avx2_job *j, int kernel, int mode, int flush) {
    const u32x8 *source = (const u32x8 *)j->source;
    u32x8 *destination = (u32x8 *)j->destination;
    size_t blocks = j->count / 8;
    uint64_t state = j->state;
    for (size_t i = 0; i < blocks; i++) {
        u32x8 random = mode == mantissa_mode_stochastic ? next_words(&state, j->word_bits) : splat(0);
        u32x8 b = source[i], r;
        switch (kernel) {
        case mantissa_kernel_wide: r = wide(j, mode, flush, b, random); break;
        case mantissa_kernel_narrow: r = narrow(j, mode, flush, b); break;
        default: r = narrow_stochastic(j, flush, b, random); break;
        }
        destination[i] = r;
    }
    return blocks * 8;
}

#define MODES(kernel, flush)                                                    \
    switch (j->mode) {                                                          \
    case mantissa_mode_nearest_even: return run(j, kernel, 0, flush);           \
    case mantissa_mode_nearest_away: return run(j, kernel, 1, flush);           \
    case mantissa_mode_toward_zero: return run(j, kernel, 2, flush);            \
    case mantissa_mode_up: return run(j, kernel, 3, flush);                     \
    case mantissa_mode_down: return run(j, kernel, 4, flush);                   \
    default: return run(j, kernel, 5, flush);                                   \
    }

static size_t wide_keep(const mantissa_avx2_job *j) { MODES(mantissa_kernel_wide, 0) }
static size_t wide_flush(const mantissa_avx2_job *j) { MODES(mantissa_kernel_wide, 1) }
static size_t narrow_keep(const mantissa_avx2_job *j) { MODES(mantissa_kernel_narrow, 0) }
static size_t narrow_flush(const mantissa_avx2_job *j) { MODES(mantissa_kernel_narrow, 1) }
static size_t stochastic_keep(const mantissa_avx2_job *j) { return run(j, mantissa_kernel_narrow_stochastic, 5, 0); }
static size_t stochastic_flush(const mantissa_avx2_job *j) { return run(j, mantissa_kernel_narrow_stochastic, 5, 1); }

size_t mantissa_round_avx2(const mantissa_avx2_job *j) {
    switch (j->kernel) {
    case mantissa_kernel_wide: return j->flush ? wide_flush(j) : wide_keep(j);
    case mantissa_kernel_narrow: return j->flush ? narrow_flush(j) : narrow_keep(j);
    default: return j->flush ? stochastic_flush(j) : stochastic_keep(j);
    }
}

#pragma clang attribute pop

#else  // not x86-64: the four-lane loops run

int mantissa_has_avx2(void) { return 0; }

size_t mantissa_round_avx2(const mantissa_avx2_job *job) {
    (void)job;
    return 0;
}

#endif
