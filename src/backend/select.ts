import { K, backendName, jsKernels, setKernels } from "./index.js";

/** Activates a kernel backend by the name backendName() reports (used to match worker threads to the main thread). */
export function useBackendByName(name: string): void {
  if (name === backendName()) return;
  if (name === "js") {
    setKernels("js", jsKernels);
    return;
  }
  throw new Error(`kernel backend '${name}' is not available here (have: ${backendName()})`);
}

export { K };
