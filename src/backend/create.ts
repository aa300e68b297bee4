import { type Backend, type BackendName, jsBackend } from "./backend.js";
import { loadWasmBackend, wasmBuildsSupported } from "./wasm/index.js";

/** A backend by name, or "auto": the best wasm build this engine validates, else js. */
export type BackendChoice = "auto" | BackendName;

const CHOICES: readonly BackendChoice[] = ["auto", "js", "wasm-simd", "wasm-relaxed"];

export interface CreateBackendOptions {
  /** Run wasm kernels on this memory (a worker joining the main thread's) instead of the process's own. */
  memory?: WebAssembly.Memory;
}

/**
 * The backend `choice` names, ready for `useBackend`. A named wasm build the engine cannot run
 * is an error; "auto" falls back to js. Repeated calls return the same backend object.
 */
export function createBackend(choice: BackendChoice = "auto", options: CreateBackendOptions = {}): Backend {
  switch (choice) {
    case "js":
      return jsBackend;
    case "auto":
      return loadWasmBackend({ memory: options.memory }) ?? jsBackend;
    case "wasm-simd":
    case "wasm-relaxed": {
      const wasm = loadWasmBackend({ build: choice === "wasm-simd" ? "simd" : "relaxed", memory: options.memory });
      if (wasm) return wasm;
      const runs = [...wasmBuildsSupported().map((b) => `wasm-${b}`), "js"].join(", ");
      throw new Error(`kernel backend '${choice}' is not available here (this engine runs: ${runs})`);
    }
    default:
      throw new Error(`unknown kernel backend '${String(choice)}' (expected ${CHOICES.join(", ")})`);
  }
}

/** What MAKEMORE_BACKEND asks for: "auto" when it is unset, or where there is no process (a page). */
export function backendChoiceFromEnv(): BackendChoice {
  const value = typeof process !== "undefined" ? process.env?.MAKEMORE_BACKEND : undefined;
  if (value === undefined || value === "") return "auto";
  if ((CHOICES as readonly string[]).includes(value)) return value as BackendChoice;
  throw new Error(`MAKEMORE_BACKEND must be one of ${CHOICES.join(", ")}, not '${value}'`);
}
