import type { LinearMemory } from "../wasm/memory.js";
import type { NativeExports } from "./exports.js";

/**
 * Keeps this thread's addon attached to the current buffer of the wasm memory. A shared memory
 * never moves, so the base pointer stays; but after a growth (here or in another thread) the
 * buffer object is new and longer, and the addon's bounds check must see the new length.
 */
export class NativeAttachment {
  private attached: ArrayBufferLike | null = null;

  constructor(
    private readonly X: NativeExports,
    private readonly mem: LinearMemory,
  ) {
    this.sync();
  }

  /** Call after the arguments are marshalled (that may grow the memory), before the kernel. */
  sync(): void {
    const buf = this.mem.buffer;
    if (buf === this.attached) return;
    this.X.attach(new Uint8Array(buf));
    this.attached = buf;
  }
}
