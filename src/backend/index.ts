// The kernel backend: the kernel interface, the backend object and how one is chosen.
export type {
  Kernels,
  KernelName,
  BinaryOp,
  ElementwiseKernels,
  StridedKernels,
  ReduceKernels,
  MatmulKernels,
  RowsKernels,
  ColumnsKernels,
  AttentionKernels,
  LookupsKernels,
  RecurrentKernels,
  OptimKernels,
  RandomKernels,
} from "./kernels/index.js";
export { jsKernels } from "./js/index.js";
export {
  kernels,
  useBackend,
  activeBackend,
  backendName,
  jsBackend,
  type Backend,
  type BackendName,
  type ResettableAllocator,
  type ReleasableAllocator,
} from "./backend.js";
export {
  createBackend,
  backendChoiceFromEnv,
  entryBackendChoice,
  registerNativeBackend,
  type BackendChoice,
  type CreateBackendOptions,
  type NativeBackendLoader,
} from "./create.js";

// The WebAssembly SIMD backend (null from the loaders where wasm SIMD is unavailable).
export {
  loadWasmBackend,
  initWasmBackend,
  wasmBuildsSupported,
  WasmBumpAllocator,
  DetachedViewError,
  WASM_KERNEL_NAMES,
  type WasmBackend,
  type WasmBuild,
  type WasmLoadOptions,
} from "./wasm/index.js";
