import { codePoints } from "./words.js";

/**
 * Characters ↔ tokens. Token 0 is the start/stop marker ('.' in the notebooks); the sorted
 * distinct characters (by code point, like Python's sorted) take 1…n.
 */
export class Vocab {
  readonly chars: string[];
  private readonly stoi: Map<string, number>;

  constructor(chars: Iterable<string>) {
    this.chars = [...chars];
    this.stoi = new Map(this.chars.map((c, i) => [c, i + 1]));
    if (this.stoi.size !== this.chars.length) throw new Error("vocabulary has repeated characters");
  }

  static fromWords(words: readonly string[]): Vocab {
    const set = new Set<string>();
    for (const w of words) for (const c of codePoints(w)) set.add(c);
    return new Vocab([...set].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!));
  }

  /** Number of tokens, including the start/stop token. */
  get size(): number {
    return this.chars.length + 1;
  }

  /** The vocabulary as config.json stores it: the characters in token order from 1. */
  toString(): string {
    return this.chars.join("");
  }

  has(c: string): boolean {
    return this.stoi.has(c);
  }

  encode(word: string): Int32Array {
    const cps = codePoints(word);
    const out = new Int32Array(cps.length);
    cps.forEach((c, i) => {
      const t = this.stoi.get(c);
      if (t === undefined) throw new Error(`character ${JSON.stringify(c)} in ${JSON.stringify(word)} is not in the vocabulary`);
      out[i] = t;
    });
    return out;
  }

  /** Tokens to text; the stop token ends the word. */
  decode(tokens: ArrayLike<number>): string {
    let s = "";
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t === 0) break;
      s += this.chars[t - 1] ?? "";
    }
    return s;
  }

  /** The characters of `text` that are not in the vocabulary, for error messages. */
  unknownChars(text: string): string[] {
    return [...new Set(codePoints(text).filter((c) => !this.stoi.has(c)))];
  }
}
