/**
 * What a words file may hold. makemore's block size is the longest word + 1, its datasets are
 * (words × block size) matrices and the transformer's attention is O(T²), so one absurd line
 * would make every word that long; and every character of the vocabulary is a row and a column
 * of the bigram's V × V table and an output of every model. The limits sit far above any real
 * list of names, words or short lines, and far below what would exhaust memory.
 */

/** Longest word in characters (code points): a line of verse fits, a paragraph does not. */
export const MAX_WORD_LENGTH = 1000;

/**
 * Distinct characters: every alphabet, or the few thousand CJK characters names use. The
 * bigram's V² table is 268 MB of float32 at this size.
 */
export const MAX_VOCAB = 8192;

/** Bytes of a words file: names.txt is 228 KB; 256 MiB of text is about 30 million words. */
export const MAX_WORDS_FILE_BYTES = 256 * 1024 * 1024;

/** How much of a file is checked for binary data before the rest is read. */
export const BINARY_PROBE_BYTES = 64 * 1024;
