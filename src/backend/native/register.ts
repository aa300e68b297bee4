// Makes "native" (and "auto" preferring it) available to createBackend. Imported for its effect
// by the Node entries only (src/index.ts, the CLI, worker threads, the sweep's run child): the
// browser entry never reaches the addon, since src/core.ts does not import this file.
import { registerNativeBackend } from "../create.js";
import { loadNativeBackend, nativeUnavailableReason } from "./loader.js";

registerNativeBackend({ load: loadNativeBackend, unavailableReason: nativeUnavailableReason });
