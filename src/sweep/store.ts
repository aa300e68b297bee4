// What a queued sweep keeps in Redis besides BullMQ's jobs: each words file once, under its
// sha256 (jobs carry only the key), and each run's latest checkpoint, under the run's content
// key, for the worker that continues it after a kill.
import type { Redis } from "ioredis";
import { wordsDigest } from "../data/digest.js";
import { parseWords } from "../data/words.js";

const WORDS_TTL_S = 30 * 24 * 3600;
const RUN_TTL_S = 7 * 24 * 3600;

const wordsKey = (sha256: string) => `makemore:words:${sha256}`;
const runKey = (key: string) => `makemore:run:${key}`;

/** A run's last committed checkpoint: train_state.safetensors and the metrics.jsonl committed with it. */
export interface StoredRun {
  step: number;
  trainState: Uint8Array;
  metrics: string;
}

export class SweepStore {
  private readonly words = new Map<string, string[]>();

  constructor(readonly redis: Redis) {}

  /** Stores the words under their digest (once: a second sweep on the same words only refreshes the expiry). */
  async putWords(words: readonly string[]): Promise<string> {
    const sha256 = wordsDigest(words);
    const key = wordsKey(sha256);
    const added = await this.redis.set(key, words.join("\n"), "EX", WORDS_TTL_S, "NX");
    if (added === null) await this.redis.expire(key, WORDS_TTL_S);
    return sha256;
  }

  /** The words stored under `sha256`, checked against it; cached for the next job on the same words. */
  async getWords(sha256: string): Promise<string[] | null> {
    const cached = this.words.get(sha256);
    if (cached) return cached;
    const text = await this.redis.get(wordsKey(sha256));
    if (text === null) return null;
    const words = parseWords(text);
    if (wordsDigest(words) !== sha256) throw new Error(`the words stored under sha256 ${sha256.slice(0, 12)}… do not hash to it`);
    this.words.set(sha256, words);
    return words;
  }

  async putRun(key: string, run: StoredRun): Promise<void> {
    const k = runKey(key);
    await this.redis
      .multi()
      .hset(k, { step: String(run.step), trainState: Buffer.from(run.trainState), metrics: run.metrics })
      .expire(k, RUN_TTL_S)
      .exec();
  }

  async getRun(key: string): Promise<StoredRun | null> {
    const k = runKey(key);
    const [state, metrics, step] = await this.redis.hmgetBuffer(k, "trainState", "metrics", "step"); // one read: one checkpoint
    if (!state || !metrics || !step) return null;
    return { step: Number(step.toString()), trainState: new Uint8Array(state), metrics: metrics.toString("utf8") };
  }
}
