// Per-thread scratch (see kernels.h): allocated when an N-API environment loads the addon, freed
// when it is torn down, so worker threads never share packing buffers.
#include <stdlib.h>
#include "gemm.h"
#include "kernels.h"

static void* aligned(size_t bytes) {
  void* p = NULL;
  return posix_memalign(&p, 64, bytes) == 0 ? p : NULL;
}

int mm_workspace_init(mm_workspace* ws) {
  ws->packB = aligned((size_t)GEMM_KC * (GEMM_NC + GEMM_MAX_NR) * sizeof(float));
  ws->tmp = NULL;
  ws->tmpCap = 0;
  return ws->packB != NULL;
}

void mm_workspace_free(mm_workspace* ws) {
  free(ws->packB);
  free(ws->tmp);
  ws->packB = ws->tmp = NULL;
  ws->tmpCap = 0;
}

float* mm_workspace_tmp(mm_workspace* ws, size_t n) {
  if (n == 0) n = 1; // a valid pointer even for empty work
  if (n <= ws->tmpCap) return ws->tmp;
  size_t cap = ws->tmpCap * 2 > n ? ws->tmpCap * 2 : n;
  float* p = aligned(cap * sizeof(float));
  if (!p) return NULL;
  free(ws->tmp);
  ws->tmp = p;
  ws->tmpCap = cap;
  return p;
}
