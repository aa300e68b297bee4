// The recipes bench/frontier.ts tries: a few, chosen from what the notes and nanoGPT suggest at
// this scale (a cosine schedule with warmup, a higher peak learning rate, a little dropout,
// clipping), around makemore's transformer, plus makemore's own default as the baseline.
export interface Candidate {
  name: string;
  /** the training CLI's flags */
  flags: string[];
}

const cosine = (lr: string, warmup: string) => ["--lr-schedule", "cosine", "-l", lr, "--warmup-steps", warmup];

export const CANDIDATES: Record<"quick" | "best", Candidate[]> = {
  quick: [
    { name: "makemore default", flags: [] },
    { name: "cosine 2e-3", flags: [...cosine("2e-3", "100")] },
    { name: "cosine 3e-3 b64", flags: [...cosine("3e-3", "100"), "-b", "64"] },
    { name: "cosine 2e-3 clip", flags: [...cosine("2e-3", "100"), "--grad-clip", "1"] },
  ],
  best: [
    { name: "makemore default", flags: [] },
    { name: "cosine 2e-3", flags: [...cosine("2e-3", "200")] },
    { name: "cosine 2e-3 b64 do0.1", flags: [...cosine("2e-3", "200"), "-b", "64", "--dropout", "0.1"] },
    { name: "cosine 1e-3 do0.1 ema", flags: [...cosine("1e-3", "200"), "--dropout", "0.1", "--ema", "0.999"] },
    { name: "6L cosine 2e-3 do0.1", flags: [...cosine("2e-3", "200"), "--n-layer", "6", "--dropout", "0.1", "--grad-clip", "1"] },
    { name: "e96 cosine 2e-3 do0.1", flags: [...cosine("2e-3", "200"), "--n-embd", "96", "--n-head", "4", "--dropout", "0.1", "--grad-clip", "1"] },
  ],
};
