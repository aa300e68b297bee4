import * as mm from "makemore";
import type { ResumeFrom } from "./protocol.js";

/**
 * The one place the Worker reaches into the library's training API: a fresh session, or one
 * continued from a kept run's training state or from a model's weights.
 */
export async function openSession(words: string[], options: mm.SessionOptions, resume?: ResumeFrom): Promise<mm.TrainingSession> {
  const lib = mm as unknown as {
    startSession?: (words: readonly string[], options: mm.SessionOptions) => mm.TrainingSession | Promise<mm.TrainingSession>;
    resumeSession?: (words: readonly string[], from: ResumeFrom, options: mm.SessionOptions) => mm.TrainingSession | Promise<mm.TrainingSession>;
  };
  if (!lib.startSession || !lib.resumeSession) throw new Error("this build of makemore has no training session yet");
  return resume ? lib.resumeSession(words, resume, options) : lib.startSession(words, options);
}
