import * as mm from "makemore";
import type { ResumeFrom } from "./protocol.js";

/**
 * The one place the Worker reaches into the library's training API: a fresh session, one that
 * continues a kept run bit for bit from its training state, or a fresh run (new optimizer and
 * batches) that starts from an uploaded model's weights.
 */
export async function openSession(words: string[], options: mm.SessionOptions, resume?: ResumeFrom): Promise<mm.TrainingSession> {
  if (resume && "trainState" in resume) return mm.resumeSession(words, resume.trainState, options);
  if (!resume) return mm.startSession(words, { ...options, naming: "flag" }); // errors name the CLI's flags, as the page does
  const saved = await mm.loadModel(resume.model);
  const c = saved.config;
  const session = await mm.startSession(words, { ...options, type: c.type, nLayer: c.n_layer, nHead: c.n_head, nEmbd: c.n_embd, nEmbd2: c.n_embd2 });
  if (session.config.vocab !== c.vocab || session.config.block_size !== c.block_size) {
    await session.close();
    throw new Error(
      `the uploaded model reads ${JSON.stringify(c.vocab)} with block size ${c.block_size}, these words need ${JSON.stringify(session.config.vocab)} and ${session.config.block_size}: train it on the words it was trained on`,
    );
  }
  session.model.loadStateDict(saved.model.stateDict()); // copied into the session's own weights, in place
  return session;
}
