// The bigram notebook's library API (counts, sampling, NLL, the neural bigram, heatmaps).
// The heatmaps (their glyph atlas needs node:zlib) are exported from the Node entry only (src/index.ts).
export { tokenChar, bigramExamples } from "./tokens.js";
export { countBigrams, countsTensor, distinctBigrams, topBigrams, type BigramCounts, type TopBigram } from "./counts.js";
export { bigramProbs, uniformProbs } from "./probs.js";
export { NOTEBOOK_SEED, sampleBigramWords, sampleWordsWith, type BigramSampleOptions, type NextTokenProbs } from "./sample.js";
export { bigramNll, type BigramNll, type BigramTerm } from "./nll.js";
export { trainNeuralBigram, neuralBigramLoss, neuralBigramProbs, sampleNeuralBigram, type NeuralBigram, type NeuralBigramOptions } from "./neural.js";
export { bigramCountsReport, bigramNllTermLines, bigramNllSummaryLines } from "./report.js";
// The heatmap's colours and labels are plain functions: a page draws its own interactive grid with them.
export { bluesColor, luminance, hex as rgbHex, type Rgb } from "./heatmap/colormap.js";
export { displayChar } from "./display.js";
