// Finds and loads the native addon (Node only: this file is never in the browser entry's graph).
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { NativeExports } from "./exports.js";

/** Where scripts/build-native.mjs leaves the addon: native/build/Release under the package root. */
export const ADDON_PATH = fileURLToPath(new URL("../../../../native/build/Release/makemore_native.node", import.meta.url));

/** native/src/addon.c's MM_NATIVE_ABI: bumped whenever an export's signature or meaning changes. */
export const NATIVE_ABI = 2;

let addon: NativeExports | null | undefined;
let why = "";

/**
 * The addon's exports, loaded once per thread, or null (then `nativeUnavailableReason()` says
 * why in one line). Each worker thread loads its own instance: the addon is context-aware.
 */
export function loadAddon(): NativeExports | null {
  if (addon !== undefined) return addon;
  if (!existsSync(ADDON_PATH)) {
    why = "the native addon is not built (npm install builds it where a C compiler exists; npm rebuild retries)";
    return (addon = null);
  }
  try {
    addon = createRequire(import.meta.url)(ADDON_PATH) as NativeExports;
    if (typeof addon.abi !== "function" || addon.abi() !== NATIVE_ABI) {
      why = "the native addon was built from other sources (npm rebuild rebuilds it)";
      addon = null;
    }
  } catch (e) {
    why = `the native addon failed to load: ${String((e as Error).message).split("\n")[0]}`;
    addon = null;
  }
  return addon;
}

export function nativeUnavailableReason(): string {
  loadAddon();
  return why;
}
