import type { LrFindResult } from "makemore";
import type { Answers, InspectReply, InspectRequest, Kept } from "../worker/inspect-protocol.js";

type Pending = { resolve(v: unknown): void; reject(e: Error): void; onPoints?: (p: LrFindResult["points"]) => void };
type Payload = Uint8Array | string[];
/** A request as the page makes it: the payloads themselves, which the client sends once each. */
type Ask =
  | { cmd: "inspect"; model: Uint8Array; words: string[] }
  | { cmd: "attention"; model: Uint8Array; word: string }
  | { cmd: "lr-find"; words: string[]; options: Extract<InspectRequest, { cmd: "lr-find" }>["options"] };

/**
 * The page's side of one inspect Worker: a promise per request. `cancel()` ends the Worker (a
 * long LR finder) and starts a fresh one; what was pending is rejected with "cancelled".
 */
export class InspectClient {
  private worker!: Worker;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private keys = new WeakMap<Payload, number>();
  /** the key of the payload of each kind the Worker holds now */
  private held = new Map<"model" | "words", number>();

  constructor(private readonly name: string) {
    this.spawn();
  }

  private spawn(): void {
    this.worker = new Worker(new URL("../worker/inspect-worker.ts", import.meta.url), { type: "module", name: this.name });
    this.held = new Map(); // a fresh Worker holds nothing yet
    this.worker.onmessage = (e: MessageEvent<InspectReply>) => this.onReply(e.data);
    this.worker.onerror = (e) => this.failAll(`the inspect worker failed: ${e.message || "it could not start"}`);
  }

  private kept<T extends Payload>(kind: "model" | "words", value: T): Kept<T> {
    let key = this.keys.get(value);
    if (key === undefined) this.keys.set(value, (key = this.nextId++));
    if (this.held.get(kind) === key) return { key };
    this.held.set(kind, key);
    return { key, value };
  }

  private onReply(r: InspectReply): void {
    const p = this.pending.get(r.id);
    if (!p) return;
    if (!r.done) return p.onPoints?.(r.points);
    this.pending.delete(r.id);
    if ("error" in r) p.reject(new Error(r.error));
    else p.resolve(r.result);
  }

  private failAll(message: string): void {
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }

  ask<C extends Ask["cmd"]>(a: Extract<Ask, { cmd: C }>, onPoints?: (p: LrFindResult["points"]) => void): Promise<Answers[C]> {
    return this.send(a as Ask, onPoints) as Promise<Answers[C]>;
  }

  private send(a: Ask, onPoints?: (p: LrFindResult["points"]) => void): Promise<unknown> {
    const id = this.nextId++;
    const req: InspectRequest =
      a.cmd === "inspect"
        ? { id, cmd: a.cmd, model: this.kept("model", a.model), words: this.kept("words", a.words) }
        : a.cmd === "attention"
          ? { id, cmd: a.cmd, model: this.kept("model", a.model), word: a.word }
          : { id, cmd: a.cmd, words: this.kept("words", a.words), options: a.options };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onPoints });
      this.worker.postMessage(req);
    });
  }

  cancel(): void {
    this.worker.terminate();
    this.failAll("cancelled");
    this.spawn();
  }
}
