// The native (C, N-API) kernel backend for Node: loader and kernel names. Node-only.
export { loadNativeBackend, nativeUnavailableReason, type NativeBackend } from "./loader.js";
export { NATIVE_KERNEL_NAMES } from "./kernels.js";
export { ADDON_PATH } from "./addon.js";
export type { NativeExports } from "./exports.js";
