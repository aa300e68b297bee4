import type { AttentionMapData, InspectReport, LrFindOnWordsOptions, LrFindResult } from "makemore";

/**
 * A payload the inspect Worker keeps between requests, the newest of each kind (a model's bytes,
 * a word list): sent with its key when it changes, else by key alone, so hovering word after
 * word sends a word, not a model.
 */
export interface Kept<T> {
  key: number;
  value?: T;
}

/** Requests from the page to an inspect Worker; each is answered once, by id. */
export type InspectRequest =
  | { id: number; cmd: "inspect"; model: Kept<Uint8Array>; words: Kept<string[]> }
  | { id: number; cmd: "attention"; model: Kept<Uint8Array>; word: string }
  | { id: number; cmd: "lr-find"; words: Kept<string[]>; options: Omit<LrFindOnWordsOptions, "generator" | "onPoint"> };

export interface LrFindAnswer extends LrFindResult {
  parameters: number;
}

export interface Answers {
  inspect: InspectReport;
  attention: AttentionMapData;
  "lr-find": LrFindAnswer;
}

/** What comes back: the answer, the library's one-line error, or (lr-find) the points so far. */
export type InspectReply =
  | { id: number; done: true; result: Answers[keyof Answers] }
  | { id: number; done: true; error: string }
  | { id: number; done: false; points: LrFindResult["points"] };
