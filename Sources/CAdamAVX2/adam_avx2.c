// The FP32 Adam and AdamW update of Training/Optimization/Adam.swift, eight lanes at a time:
// the same IEEE single-precision operations in the same order, each product-and-add that
// Swift fuses (`addingProduct`, which is `fmaf`) fused here too, and nothing else fused, so
// every lane gives the bits of the scalar loop (TrainingTests compare both with PyTorch's
// traces, and the book reruns to identical bytes).
//
// Why C: the x86-64 baseline has neither AVX2 nor FMA, so both must be enabled per function
// and chosen at run time, which Swift cannot do; without hardware FMA the Swift loop calls
// `fmaf` once per element and does not vectorise.
#include "CAdamAVX2.h"
#include "CRoundingAVX2.h"

#if defined(__x86_64__) && defined(__clang__)
#include <cpuid.h>
#include <immintrin.h>

int mantissa_has_avx2_fma(void) {
    unsigned eax, ebx, ecx, edx;
    if (!mantissa_has_avx2() || !__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    return (ecx & bit_FMA) != 0;
}

#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

__attribute__((target("avx2,fma")))
size_t mantissa_adam_fp32_avx2(float *p, const float *g, float *m, float *v, size_t count,
                               const mantissa_adam_scalars *s) {
    const __m256 decay_factor = _mm256_set1_ps(s->decay_factor);
    const __m256 decay_alpha = _mm256_set1_ps(s->decay_alpha);
    // lerp: start + w (end − start) for |w| < 0.5, else end + (w − 1)(end − start).
    const int small_weight = __builtin_fabsf(s->lerp_weight) < 0.5f;
    const __m256 lerp_weight = _mm256_set1_ps(small_weight ? s->lerp_weight : s->lerp_weight - 1);
    const __m256 beta2 = _mm256_set1_ps(s->beta2);
    const __m256 square_weight = _mm256_set1_ps(s->square_weight);
    const __m256 correction = _mm256_set1_ps(s->correction);
    const __m256 epsilon = _mm256_set1_ps(s->epsilon);
    const __m256 negative_step = _mm256_set1_ps(s->negative_step);
    const size_t done = count - count % 8;
    for (size_t i = 0; i < done; i += 8) {
        __m256 param = _mm256_loadu_ps(p + i);
        __m256 grad = _mm256_loadu_ps(g + i);
        if (s->use_decay) {
            if (s->decoupled) param = _mm256_mul_ps(param, decay_factor);
            else grad = _mm256_fmadd_ps(decay_alpha, param, grad);
        }
        __m256 first = _mm256_loadu_ps(m + i);
        const __m256 difference = _mm256_sub_ps(grad, first);
        first = _mm256_fmadd_ps(lerp_weight, difference, small_weight ? first : grad);
        __m256 second = _mm256_loadu_ps(v + i);
        second = _mm256_fmadd_ps(_mm256_mul_ps(square_weight, grad), grad, _mm256_mul_ps(second, beta2));
        const __m256 root = _mm256_div_ps(_mm256_sqrt_ps(second), correction);
        const __m256 denominator = _mm256_add_ps(root, epsilon);
        param = _mm256_add_ps(param, _mm256_div_ps(_mm256_mul_ps(negative_step, first), denominator));
        _mm256_storeu_ps(p + i, param);
        _mm256_storeu_ps(m + i, first);
        _mm256_storeu_ps(v + i, second);
    }
    return done;
}

#else

int mantissa_has_avx2_fma(void) { return 0; }

size_t mantissa_adam_fp32_avx2(float *p, const float *g, float *m, float *v, size_t count,
                               const mantissa_adam_scalars *s) {
    (void)p; (void)g; (void)m; (void)v; (void)count; (void)s;
    return 0;
}

#endif
