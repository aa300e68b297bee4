import { type Backend, type BackendName, jsBackend } from "./backend.js";
import { loadWasmBackend, wasmBuildsSupported } from "./wasm/index.js";

/**
 * A backend by name; "wasm": the best wasm build; "auto": native where it is registered and
 * built (Node) and has a vector GEMM for this CPU, else the best wasm build, else js.
 */
export type BackendChoice = "auto" | "wasm" | BackendName;

const CHOICES: readonly BackendChoice[] = ["auto", "native", "wasm", "js", "wasm-simd", "wasm-relaxed"];

export interface CreateBackendOptions {
  /** Run wasm kernels on this memory (a worker joining the main thread's) instead of the process's own. */
  memory?: WebAssembly.Memory;
}

/** How createBackend reaches the native addon; registered by src/backend/native/register.ts (Node only). */
export interface NativeBackendLoader {
  /** With `auto`, null also where native would not beat wasm (no vector micro-kernel for this CPU). */
  load(options: { memory?: WebAssembly.Memory; auto?: boolean }): Backend | null;
  unavailableReason(): string;
}

let native: NativeBackendLoader | null = null;

/** Registers the native backend (the Node entries do, by importing src/backend/native/register.js). */
export function registerNativeBackend(loader: NativeBackendLoader): void {
  native = loader;
}

function notAvailable(choice: string, reason: string): Error {
  return new Error(`kernel backend '${choice}' is not available here: ${reason}`);
}

function bestWasm(options: CreateBackendOptions): Backend | null {
  return loadWasmBackend({ memory: options.memory });
}

/**
 * The backend `choice` names, ready for `useBackend`. A named backend the engine cannot run
 * is a one-line error; "auto" falls back (native, wasm, js). Repeated calls return the same
 * backend object.
 */
export function createBackend(choice: BackendChoice = "auto", options: CreateBackendOptions = {}): Backend {
  switch (choice) {
    case "js":
      return jsBackend;
    case "auto":
      return native?.load({ ...options, auto: true }) ?? bestWasm(options) ?? jsBackend;
    case "native": {
      if (!native) throw notAvailable(choice, "the native addon is only used in Node (this entry does not load it)");
      const b = native.load(options);
      if (!b) throw notAvailable(choice, native.unavailableReason());
      return b;
    }
    case "wasm": {
      const wasm = bestWasm(options);
      if (!wasm) throw notAvailable(choice, "this engine has no WebAssembly SIMD (use js)");
      return wasm;
    }
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

/**
 * MAKEMORE_BACKEND as the package entry applies it: an entry without the native backend (the
 * browser build, which never loads the addon, run under Node by tests or bundles) reads "native"
 * as the best wasm build instead of failing; the Node entries register native first.
 */
export function entryBackendChoice(): BackendChoice {
  const choice = backendChoiceFromEnv();
  return choice === "native" && !native ? "wasm" : choice;
}

/** What MAKEMORE_BACKEND asks for: "auto" when it is unset, or where there is no process (a page). */
export function backendChoiceFromEnv(): BackendChoice {
  const value = typeof process !== "undefined" ? process.env?.MAKEMORE_BACKEND : undefined;
  if (value === undefined || value === "") return "auto";
  if ((CHOICES as readonly string[]).includes(value)) return value as BackendChoice;
  throw new Error(`MAKEMORE_BACKEND must be one of ${CHOICES.join(", ")}, not '${value}'`);
}
