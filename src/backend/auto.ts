// Imported for its effect by the package entry and the CLI: pick the fastest kernels available.
// MAKEMORE_BACKEND=js keeps the TypeScript reference kernels; wasm-simd / wasm-relaxed force a build.
import { useWasm } from "./use-wasm.js";

const requested = typeof process !== "undefined" ? process.env?.MAKEMORE_BACKEND : undefined;
if (requested !== "js") useWasm(requested === "wasm-simd" ? "simd" : requested === "wasm-relaxed" ? "relaxed" : undefined);
