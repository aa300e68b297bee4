/**
 * The first key that an object in `json` repeats, or null. JSON.parse keeps the last of
 * duplicate keys silently, so `{"w": …, "w": …}` would load one tensor and ignore the other:
 * for a file format that is ambiguity, and the safetensors spec forbids it. Run only on text
 * JSON.parse accepted, so the scan needs to track nothing but strings and nesting.
 */
export function repeatedKey(json: string): string | null {
  // one entry per open container: the keys seen so far in an object, null in an array
  const open: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      while (json.charCodeAt(j) !== 0x22) j += json.charCodeAt(j) === 0x5c /* \ */ ? 2 : 1;
      if (expectKey) {
        const key = JSON.parse(json.slice(i, j + 1)) as string;
        const keys = open[open.length - 1]!;
        if (keys.has(key)) return key;
        keys.add(key);
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */) {
      open.push(new Set());
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      open.push(null);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      open.pop();
    } else if (c === 0x2c /* , */) {
      expectKey = open[open.length - 1] instanceof Set;
    }
  }
  return null;
}

/** JSON.parse that also refuses repeated keys, with one-line errors naming `source`. */
export function parseJsonStrict(text: string, source: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${source} is not valid JSON`);
  }
  const key = repeatedKey(text);
  if (key !== null) throw new Error(`${source} repeats the key ${JSON.stringify(key)}`);
  return value;
}
