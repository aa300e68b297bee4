import { decodeBase64 } from "./base64.js";
import { relaxedWasmBase64, simdWasmBase64 } from "./module-bytes.js";
import { withUnsharedMemoryImport } from "./memory-import.js";

export type WasmBuild = "relaxed" | "simd";

let relaxedFlagTried = false;

/**
 * Node 20's V8 (11.3) validates relaxed SIMD only behind --experimental-wasm-relaxed-simd; the
 * flag can still be set at run time, before compiling. Browsers (Chromium ≥ 114) need nothing.
 * process.getBuiltinModule (Node ≥ 20.16) keeps this free of a static node: import, so the
 * package still bundles for browsers.
 */
function enableRelaxedSimdInNode(): void {
  if (relaxedFlagTried) return;
  relaxedFlagTried = true;
  const proc = (globalThis as { process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown } }).process;
  if (!proc?.versions?.node || typeof proc.getBuiltinModule !== "function") return;
  try {
    const v8 = proc.getBuiltinModule("node:v8") as { setFlagsFromString(flags: string): void };
    v8.setFlagsFromString("--experimental-wasm-relaxed-simd");
  } catch {
    // an embedder that forbids it: fall back to the plain SIMD build
  }
}

const bytesCache = new Map<string, Uint8Array>();

/** The module's bytes, importing a shared or (patched) non-shared memory. */
export function moduleBytes(build: WasmBuild, sharedMemory: boolean): Uint8Array {
  const key = `${build}/${sharedMemory}`;
  let b = bytesCache.get(key);
  if (!b) {
    const raw = decodeBase64(build === "relaxed" ? relaxedWasmBase64 : simdWasmBase64);
    b = sharedMemory ? raw : withUnsharedMemoryImport(raw);
    bytesCache.set(key, b);
  }
  return b;
}

/**
 * Which builds this engine can run, best first. Validated in their non-shared form, which
 * needs only SIMD (and relaxed SIMD), not the threads feature.
 */
export function supportedBuilds(): WasmBuild[] {
  if (typeof WebAssembly !== "object" || typeof WebAssembly.validate !== "function") return [];
  enableRelaxedSimdInNode();
  const out: WasmBuild[] = [];
  for (const build of ["relaxed", "simd"] as const) {
    try {
      if (WebAssembly.validate(moduleBytes(build, false) as BufferSource)) out.push(build);
    } catch {
      // validate itself missing or failing: treat as unsupported
    }
  }
  return out;
}
