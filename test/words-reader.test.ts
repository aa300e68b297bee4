import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as mm from "makemore";
import { tempDir } from "./helpers/cli.js";

const dir = tempDir();
const file = (name: string, content: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
/** One line from our own checks, matching `why`. */
const oneLine = (why: RegExp) => (e: unknown) => {
  assert.ok(e instanceof Error, String(e));
  assert.doesNotMatch(e.message, /\n/);
  assert.match(e.message, why);
  return true;
};

test("line ends are \\n, \\r\\n and a lone \\r (and the rest of Python's splitlines, as makemore reads)", () => {
  assert.deepEqual(mm.parseWords("emma\rolivia\r\nava\n\nisabella\r"), ["emma", "olivia", "ava", "isabella"]);
  assert.deepEqual(mm.parseWords("a\u2028b\u2029c\x85d\ve\ff"), ["a", "b", "c", "d", "e", "f"]);
  assert.deepEqual(mm.readWordsFile(file("cr.txt", "emma\rolivia\rava\r")), ["emma", "olivia", "ava"]);
});

test("/dev/zero fails on its first bytes, not after reading gigabytes", () => {
  const before = process.memoryUsage().arrayBuffers;
  assert.throws(() => mm.readWordsFile("/dev/zero"), oneLine(/^\/dev\/zero looks like a binary file \(it contains NUL bytes\)/));
  assert.ok(process.memoryUsage().arrayBuffers - before < 8 << 20, "read no more than a chunk");
});

test("a file over the size cap is refused from its size; a stream over it once the cap is passed", async () => {
  const sparse = join(dir, "huge.txt");
  writeFileSync(sparse, "");
  truncateSync(sparse, 300 * 1024 * 1024); // sparse: no disk, no read
  assert.throws(() => mm.readWordsFile(sparse), oneLine(/huge\.txt is 300 MB; makemore reads words files of at most 256 MB/));
  if (process.platform === "win32") return;
  const fifo = join(dir, "endless.fifo");
  assert.equal(spawnSync("mkfifo", [fifo]).status, 0);
  // a writer that never stops: the reader must stop at the cap and close the pipe
  const writer = spawn(process.execPath, [
    "-e",
    `const fs = require("fs"); const fd = fs.openSync(${JSON.stringify(fifo)}, "w");
    const b = Buffer.from("abc\\n".repeat(16384)); try { for (;;) fs.writeSync(fd, b); } catch {}`,
  ]);
  assert.throws(() => mm.readWordsFile(fifo, { maxBytes: 1 << 20 }), oneLine(/endless\.fifo has more than 1 MB; makemore reads words files of at most 1 MB/));
  await new Promise((resolve) => writer.on("exit", resolve));
});

test("invalid UTF-8 is found wherever it is, with its byte offset", () => {
  const late = new Uint8Array(200_000).fill(0x61);
  for (let i = 9; i < late.length; i += 10) late[i] = 0x0a;
  late[150_001] = 0xff;
  assert.throws(() => mm.readWordsFile(file("late.txt", late)), oneLine(/late\.txt is not valid UTF-8 text \(near byte 150001\)/));
  assert.throws(() => mm.readWordsFile(file("nul.txt", "emma\nol\0ivia\n")), oneLine(/nul\.txt looks like a binary file/));
});

test("a 1 MB line and a 200k-character vocabulary fail with one line naming the limit", () => {
  const long = file("long.txt", "emma\n" + "a".repeat(1 << 20) + "\n");
  assert.throws(
    () => mm.readWordsFile(long),
    oneLine(/long\.txt: word 2 has 1048576 characters; makemore reads words of at most 1000 \(its block size is the longest word \+ 1\)/),
  );
  const chars = Array.from({ length: 200_000 }, (_, i) => String.fromCodePoint(0x10000 + i)).join("\n");
  assert.throws(
    () => mm.readWordsFile(file("wide.txt", chars)),
    oneLine(/wide\.txt: the words use 200000 distinct characters; makemore's vocabulary holds at most 8192/),
  );
  assert.equal(mm.readWordsFile(file("edge.txt", "a".repeat(1000) + "\nb\n"))[0].length, 1000, "the limit itself is allowed");
});

test("validateWords: what a library caller's array must be, in the words the file reader uses", () => {
  assert.throws(() => mm.validateWords(["", ""]), oneLine(/^word 1 is empty \(or only whitespace\)$/));
  assert.throws(() => mm.validateWords(["emma", " \t"]), oneLine(/^word 2 is empty \(or only whitespace\)$/));
  assert.throws(() => mm.validateWords(["emma", 5 as unknown as string]), oneLine(/^word 2 is not a string: 5$/));
  assert.throws(() => mm.validateWords("emma" as unknown as string[]), oneLine(/^words must be an array of strings/));
  assert.throws(() => mm.validateWords(["emma", "ol\nivia"]), oneLine(/^word 2 \("ol\\nivia"\) contains a line break/));
  assert.throws(() => mm.validateWords(["emma"]), oneLine(/^need at least 2 words to train and test, got 1$/));
  mm.validateWords(["emma"], { minWords: 1 });
  mm.validateWords(["emma", "mary ann"]);
});

test("trainModel refuses blank words instead of reporting a test loss of 0", async () => {
  await assert.rejects(mm.trainModel(["", ""], { type: "bigram", maxSteps: 1 }), /word 1 is empty/);
});
