import type { MemoryPolicy } from "../tensor/memory-policy.js";
import type { RunConfig } from "./defaults.js";

/** The activation storage a run's precision and checkpointing ask for. */
export function memoryPolicyOf(r: Pick<RunConfig, "precision" | "activationCheckpointing">): MemoryPolicy {
  const storage = r.precision === "fp16" ? "float16" : r.precision === "bf16" ? "bfloat16" : "float32";
  return { checkpoint: r.activationCheckpointing, storage };
}
