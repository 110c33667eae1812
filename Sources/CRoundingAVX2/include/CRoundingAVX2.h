// The eight-lane (AVX2) bulk rounding loops of `Precision`, and the CPU check that guards
// them. Seen by exactly one Swift file (Precision/Bulk/WideKernels.swift); see there and
// rounding_avx2.c for the design.
#ifndef C_ROUNDING_AVX2_H
#define C_ROUNDING_AVX2_H

#include <stddef.h>
#include <stdint.h>

/// Which kernel of Precision/Bulk a job runs, with the constants of its Swift struct.
typedef enum {
    mantissa_kernel_wide = 0,               // WideKernel (FP32's exponent field)
    mantissa_kernel_narrow = 1,             // NarrowKernel (deterministic modes)
    mantissa_kernel_narrow_stochastic = 2,  // NarrowStochasticKernel
} mantissa_kernel;

/// Rounding modes, in the order of Rounding's cases.
typedef enum {
    mantissa_mode_nearest_even = 0,
    mantissa_mode_nearest_away = 1,
    mantissa_mode_toward_zero = 2,
    mantissa_mode_up = 3,
    mantissa_mode_down = 4,
    mantissa_mode_stochastic = 5,
} mantissa_mode;

typedef struct {
    const uint32_t *source;
    uint32_t *destination;
    /// Elements available; the loop rounds the first `count - count % 8`.
    size_t count;
    /// Stochastic: the generator state just before the output holding element 0's word
    /// (element 0's counter is a multiple of 4), and the word size, 16 or 32.
    uint64_t state;
    int32_t word_bits;
    mantissa_kernel kernel;
    mantissa_mode mode;
    /// Subnormal inputs and results flushed to zero.
    int32_t flush;
    // WideKernel.
    uint32_t dropped_bits;
    int32_t ceiling;
    // NarrowKernel and NarrowStochasticKernel.
    float magic_scale, quantum_scale, min_normal, clamp_above;
    int32_t max_bits, min_normal_bits;
    uint32_t overflow_bits, nan_bits;
    uint32_t sum_fraction_bits, scale_bits;
} mantissa_avx2_job;

/// 1 if the CPU has AVX2 and the operating system saves the YMM registers (CPUID and
/// XGETBV); 0 otherwise, and always on other architectures.
int mantissa_has_avx2(void);

/// Rounds the first `count - count % 8` elements, eight at a time, and returns how many it
/// rounded. Call only where `mantissa_has_avx2()` is 1.
size_t mantissa_round_avx2(const mantissa_avx2_job *job);

#endif
