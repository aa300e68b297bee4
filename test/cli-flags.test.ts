import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCli } from "./helpers/parse-cli.js";

test("the in-process parser is makemore's: flags parse, errors are one 'makemore: ' line", async () => {
  const ok = await parseCli(["-i", "names.txt", "--type", "mlp", "--n-layer", "2", "--temperature", "0.5"]);
  assert.ok(ok.ok);
  assert.equal(ok.opts.type, "mlp");
  assert.equal(ok.opts.nLayer, 2);
  assert.equal(ok.opts.temperature, 0.5);
  const bad = await parseCli(["--n-layer", "65"]);
  assert.ok(!bad.ok);
  assert.equal(bad.stderr, "makemore: option '--n-layer <n>' argument '65' is invalid. --n-layer must be between 1 and 64, got 65.\n");
});

test("bench's hidden --type is checked against the model types", async () => {
  const r = await parseCli(["bench", "--type", "foo"]);
  assert.ok(!r.ok, "bench --type foo must not run");
  assert.match(
    r.stderr,
    /^makemore: option '--type <type>' argument 'foo' is invalid\. Allowed choices are bigram, mlp, wavenet, rnn, gru, lstm, bow, transformer\.\n$/,
  );
  const ok = await parseCli(["bench", "--child", "--type", "gru"]);
  assert.ok(ok.ok && ok.opts.type === "gru");
});

test("commander's suggestion joins the error's line instead of adding a second", async () => {
  const r = await parseCli(["--help=x"]);
  assert.ok(!r.ok);
  assert.equal(r.stderr, "makemore: unknown option '--help=x' (Did you mean --help?)\n");
});
