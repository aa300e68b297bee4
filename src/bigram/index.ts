// The bigram notebook's library API (counts, sampling, NLL, the neural bigram, heatmaps).
export {};
