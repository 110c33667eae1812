// The eight-lane (AVX2 and FMA) loop of Training's FP32 Adam and AdamW step, and the CPU
// check that guards it. Seen by exactly one Swift file (Training/Optimization/AdamWide.swift);
// see adam_avx2.c for the design.
#ifndef C_ADAM_AVX2_H
#define C_ADAM_AVX2_H

#include <stddef.h>

/// The per-step scalars of `AdamScalars.update`, as `Float`s.
typedef struct {
    int use_decay;
    int decoupled;
    float decay_factor;   // decoupled: p × (1 − lr × weight decay)
    float decay_alpha;    // coupled: the alpha of grad.add(p, alpha=weight decay)
    float lerp_weight;    // 1 − β1
    float beta2;
    float square_weight;  // 1 − β2
    float correction;     // √(1 − β2^t)
    float epsilon;
    float negative_step;  // −lr / (1 − β1^t)
} mantissa_adam_scalars;

/// 1 if the CPU has AVX2 and FMA and the operating system saves the YMM registers.
int mantissa_has_avx2_fma(void);

/// Updates the first `count - count % 8` elements of the parameter `p` and its moments `m`
/// and `v` from the gradient `g`, exactly as the scalar Swift loop would, and returns how
/// many it updated. Call only when `mantissa_has_avx2_fma()` is 1.
size_t mantissa_adam_fp32_avx2(float *p, const float *g, float *m, float *v, size_t count,
                               const mantissa_adam_scalars *s);

#endif
