// An inspect Worker: the library's diagnostics of the model the page holds (inspectModel,
// attentionMaps) and the learning-rate finder (lrFindOnWords), off the page's thread and apart
// from training. It computes nothing itself: each request is one library call.
import * as mm from "makemore";
import type { InspectReply, InspectRequest, Kept } from "./inspect-protocol.js";

const scope = self as unknown as { postMessage(m: InspectReply): void; onmessage: ((e: MessageEvent<InspectRequest>) => void) | null };

/** How often the LR finder's points so far cross to the page. */
const PROGRESS_MS = 150;

const kept = new Map<"model" | "words", { key: number; value: unknown }>();
function take<T>(kind: "model" | "words", k: Kept<T>): T {
  if (k.value !== undefined) kept.set(kind, { key: k.key, value: k.value });
  const have = kept.get(kind);
  if (have?.key !== k.key) throw new Error(`the inspect worker does not hold that ${kind}: try again`);
  return have.value as T;
}

let loaded: { key: number; model: mm.LoadedModel } | null = null;
async function modelOf(k: Kept<Uint8Array>): Promise<mm.LoadedModel> {
  if (loaded?.key !== k.key) loaded = { key: k.key, model: await mm.loadModel(take("model", k)) };
  return loaded.model;
}

async function answer(r: InspectRequest): Promise<InspectReply> {
  switch (r.cmd) {
    case "inspect": {
      const { model, vocab } = await modelOf(r.model);
      // udSteps 0: the page draws the session's own update ratios, not a probe's
      return { id: r.id, done: true, result: mm.inspectModel(model, vocab, take("words", r.words), { udSteps: 0 }) };
    }
    case "attention": {
      const { model, vocab } = await modelOf(r.model);
      return { id: r.id, done: true, result: mm.attentionMaps(model, vocab, r.word) };
    }
    case "lr-find": {
      let pending: mm.LrFindResult["points"] = [];
      let sent = performance.now();
      const result = mm.lrFindOnWords(take("words", r.words), {
        ...r.options,
        onPoint: (_, p) => {
          pending.push(p);
          if (performance.now() - sent < PROGRESS_MS) return;
          scope.postMessage({ id: r.id, done: false, points: pending });
          pending = [];
          sent = performance.now();
        },
      });
      return { id: r.id, done: true, result };
    }
  }
}

scope.onmessage = (e) => {
  answer(e.data)
    .then((reply) => scope.postMessage(reply))
    .catch((err: unknown) => scope.postMessage({ id: e.data.id, done: true, error: err instanceof Error ? err.message.split("\n")[0] : String(err) }));
};
