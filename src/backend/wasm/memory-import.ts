/**
 * The kernel module imports `env.memory` declared shared (limits flag 0x03). To run it on a
 * non-shared memory (a browser page without cross-origin isolation), we flip that flag to 0x01
 * in a copy of the bytes: one build serves both, and the encoding length does not change.
 */
export function withUnsharedMemoryImport(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  let p = 8; // magic + version
  const leb = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = out[p++];
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
  };
  while (p < out.length) {
    const id = out[p++];
    const size = leb();
    const end = p + size;
    if (id !== 2) {
      p = end;
      continue;
    }
    const count = leb();
    for (let i = 0; i < count; i++) {
      skipName(); // module
      skipName(); // field
      const kind = out[p++];
      if (kind === 0x02) {
        if (out[p] === 0x03) out[p] = 0x01;
        return out;
      }
      skipImportDescriptor(kind);
    }
    return out;
  }
  return out;

  function skipImportDescriptor(kind: number): void {
    switch (kind) {
      case 0x00:
        leb();
        break; // function type index
      case 0x01:
        p++;
        skipLimits();
        break; // table: reftype + limits
      case 0x03:
        p += 2;
        break; // global: valtype + mutability
      case 0x04:
        p++;
        leb();
        break; // tag
      default:
        throw new Error(`wasm: unexpected import kind ${kind}`);
    }
  }
  function skipName(): void {
    const length = leb(); // read first: `p += leb()` would add to the stale p
    p += length;
  }
  function skipLimits(): void {
    const flags = out[p++];
    leb();
    if (flags & 1) leb();
  }
}
