// attention16.c: one (batch, head) of causal attention for T ≤ 16, hs a multiple of 16 up to
// MM_ATT16_MAX_HS; arguments as attention.c's head_forward / head_backward (M: the head's dropout
// noise, or NULL).
#ifndef MAKEMORE_ATTENTION16_H
#define MAKEMORE_ATTENTION16_H
#define MM_ATT16_MAX_HS 256
#define MM_ATT16_FITS(T, hs) ((T) <= 16 && (hs) % 16 == 0 && (hs) <= MM_ATT16_MAX_HS)
void mm_head_forward16(float* out, float* P, const float* q0, const float* k0, const float* v0, const float* M, long stride, long outStride, int T, int hs,
                       float scale);
void mm_head_backward16(float* dq0, float* dk0, float* dv0, const float* go0, const float* q0, const float* k0, const float* v0,
                        const float* P, const float* M, long stride, long outStride, int T, int hs, float scale);
#endif
