/**
 * The heatmap files' structure, read back independently of the code that wrote them: the SVG is
 * parsed and its cells and labels counted, the PNG's chunks are CRC-checked, its pixels inflated
 * and unfiltered, and its colours compared with the cells they should show.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { inflateSync } from "node:zlib";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as mm from "makemore";
import { bigramCli, repoPath } from "./helpers/cli.js";

// ---- a small SVG reader: well-formedness plus the elements with their attributes and text ----

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  text: string;
}

const unescapeXml = (s: string): string => s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" })[e]!);

/** Every element in document order; throws on unbalanced tags or a stray '<' or '&'. */
function parseXml(xml: string): XmlElement[] {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const tokens = body.match(/<[^>]*>|[^<]+/g) ?? [];
  const stack: XmlElement[] = [];
  const all: XmlElement[] = [];
  for (const tok of tokens) {
    if (!tok.startsWith("<")) {
      assert.doesNotMatch(tok, /&(?!(lt|gt|amp|quot|apos);)/, `unescaped '&' in ${JSON.stringify(tok)}`);
      if (stack.length > 0) stack[stack.length - 1].text += unescapeXml(tok);
      else assert.match(tok, /^\s*$/, "text outside the root element");
      continue;
    }
    const close = /^<\/([\w:-]+)\s*>$/.exec(tok);
    if (close) {
      const open = stack.pop();
      assert.equal(open?.name, close[1], `</${close[1]}> closes <${open?.name}>`);
      continue;
    }
    const m = /^<([\w:-]+)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>$/.exec(tok);
    assert.ok(m, `malformed tag ${tok}`);
    const attrs: Record<string, string> = {};
    for (const a of m[2].matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]] = unescapeXml(a[2]);
    const el = { name: m[1], attrs, text: "" };
    all.push(el);
    if (m[3] !== "/") stack.push(el);
  }
  assert.equal(stack.length, 0, "unclosed elements");
  assert.equal(all[0]?.name, "svg");
  return all;
}

// ---- a small PNG reader, with its own CRC and all five scanline filters ----

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

interface DecodedPng {
  width: number;
  height: number;
  pixel: (x: number, y: number) => [number, number, number];
  rgb: Uint8Array;
}

function decodePng(png: Uint8Array): DecodedPng {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: { type: string; data: Uint8Array }[] = [];
  for (let at = 8; at < png.length;) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + len);
    assert.equal(view.getUint32(at + 8 + len), crc32(png.subarray(at + 4, at + 8 + len)), `CRC of ${type}`);
    chunks.push({ type, data });
    at += 12 + len;
  }
  assert.equal(chunks[0].type, "IHDR");
  assert.equal(chunks.at(-1)!.type, "IEND");
  const ihdr = new DataView(chunks[0].data.buffer, chunks[0].data.byteOffset, 13);
  const width = ihdr.getUint32(0);
  const height = ihdr.getUint32(4);
  assert.deepEqual([...chunks[0].data.subarray(8)], [8, 2, 0, 0, 0], "8-bit RGB, deflate, no interlace");
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === "IDAT").map((c) => c.data)));
  const stride = width * 3;
  assert.equal(raw.length, (stride + 1) * height, "inflated size");
  const rgb = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i];
      const a = i >= 3 ? rgb[y * stride + i - 3] : 0;
      const b = y > 0 ? rgb[(y - 1) * stride + i] : 0;
      const c = i >= 3 && y > 0 ? rgb[(y - 1) * stride + i - 3] : 0;
      const paeth = (): number => {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const pred = [0, a, b, (a + b) >> 1, filter === 4 ? paeth() : 0][filter];
      assert.ok(pred !== undefined, `filter type ${filter}`);
      rgb[y * stride + i] = (x + pred) & 0xff;
    }
  }
  const pixel = (x: number, y: number): [number, number, number] => {
    const at = (y * width + x) * 3;
    return [rgb[at], rgb[at + 1], rgb[at + 2]];
  };
  return { width, height, pixel, rgb };
}

const hex = (p: readonly number[]): string => "#" + p.map((v) => v.toString(16).padStart(2, "0")).join("");

const names = mm.countBigrams(mm.readWordsFile(repoPath("data/names.txt")));
const layout = mm.heatmapLayout(names);

test("SVG: 27×27 cells, each with its bigram and count, coloured by the Blues scale", () => {
  const els = parseXml(mm.bigramHeatmapSvg(names));
  assert.equal(Number(els[0].attrs.width), layout.width);
  assert.equal(Number(els[0].attrs.height), layout.height);
  const cells = els.filter((e) => e.name === "rect" && e.attrs.class === "cell");
  const bigrams = els.filter((e) => e.name === "text" && e.attrs.class === "bigram");
  const countLabels = els.filter((e) => e.name === "text" && e.attrs.class === "count");
  assert.equal(cells.length, 27 * 27);
  assert.equal(bigrams.length, 27 * 27);
  assert.equal(countLabels.length, 27 * 27);
  const itos = [".", ..."abcdefghijklmnopqrstuvwxyz"];
  const expectedLabels = itos.flatMap((a) => itos.map((b) => a + b));
  assert.deepEqual(
    bigrams.map((e) => e.text),
    expectedLabels,
  );
  assert.deepEqual(
    countLabels.map((e) => Number(e.text)),
    Array.from(names.counts),
  );
  const fills = cells.map((e) => e.attrs.fill);
  assert.equal(fills[0], "#f7fbff", "'..' never occurs: the lightest blue");
  assert.equal(fills[14 * 27], "#08306b", "'n.' is the most frequent: the darkest blue");
  cells.forEach((e, i) => assert.equal(e.attrs.fill, hex(mm.bluesColor(names.counts[i], 0, 6763))));
  // cells tile the grid without gaps
  const xs = new Set(cells.map((e) => Number(e.attrs.x)));
  const ys = new Set(cells.map((e) => Number(e.attrs.y)));
  assert.equal(xs.size, 27);
  assert.equal(ys.size, 27);
  assert.ok(els.some((e) => e.attrs.class === "title" && e.text.includes("228146 bigrams")));
});

test("PNG: a valid 8-bit RGB image of the same layout, every cell in its colour with its labels drawn", () => {
  const png = mm.bigramHeatmapPng(names);
  const img = decodePng(png);
  assert.equal(img.width, layout.width);
  assert.equal(img.height, layout.height);
  assert.deepEqual(img.pixel(0, 0), [255, 255, 255]);
  for (const cell of layout.cells) {
    assert.deepEqual(img.pixel(cell.x + 1, cell.y + 1), [...cell.fill], `cell ${cell.label} corner`);
    let upper = 0;
    let lower = 0;
    for (let y = cell.y; y < cell.y + layout.cellSize; y++) {
      for (let x = cell.x; x < cell.x + layout.cellSize; x++) {
        const p = img.pixel(x, y);
        if (p[0] !== cell.fill[0] || p[1] !== cell.fill[1] || p[2] !== cell.fill[2]) {
          if (y < cell.y + layout.cellSize / 2) upper++;
          else lower++;
        }
      }
    }
    assert.ok(upper >= 4, `cell ${cell.label}: the bigram is drawn (${upper} pixels)`);
    assert.ok(lower >= 4, `cell ${cell.label}: the count is drawn (${lower} pixels)`);
  }
  const colours = new Set<number>();
  for (let i = 0; i < img.rgb.length; i += 3) colours.add((img.rgb[i] << 16) | (img.rgb[i + 1] << 8) | img.rgb[i + 2]);
  assert.ok(colours.has(0x08306b) && colours.has(0xf7fbff) && colours.has(0x808080), "darkest and lightest blue, gray text");
  assert.ok(colours.size > 50 && colours.size < 20000, `${colours.size} colours: cell fills plus anti-aliased text`);
  assert.deepEqual(mm.bigramHeatmapPng(names), png, "the same input gives the same bytes");
});

test("any vocabulary: spaces, markup characters, Greek, CJK give a V×V well-formed picture", () => {
  const words = ["a b", "x<y&z", "αβγ", "中文", "e\u0301", "tab\there"];
  const c = mm.countBigrams(words);
  const V = c.size;
  const els = parseXml(mm.bigramHeatmapSvg(c, { title: '<odd> & "quoted"' }));
  assert.equal(els.filter((e) => e.attrs.class === "cell").length, V * V);
  const labels = els.filter((e) => e.attrs.class === "bigram").map((e) => e.text);
  assert.equal(labels.length, V * V);
  assert.ok(labels.includes("a\u2423"), "a space shows as ␣");
  assert.ok(labels.includes("x<"), "markup characters survive escaping");
  assert.ok(labels.includes("αβ") && labels.includes("中文"));
  assert.ok(labels.includes("e\u25CC\u0301"), "a lone combining mark sits on ◌");
  assert.ok(labels.includes("b\u2192"), "a tab shows as →");
  assert.equal(els.find((e) => e.attrs.class === "title")!.text, '<odd> & "quoted"');
  const img = decodePng(mm.bigramHeatmapPng(c));
  const L = mm.heatmapLayout(c);
  assert.equal(img.width, L.width);
  assert.equal(img.height, L.height);
  assert.equal(L.cells.length, V * V);
});

test("the CLI writes files that read back the same way; a vocabulary too large for a picture is refused", () => {
  const dir = mkdtempSync(join(tmpdir(), "bigram-heatmap-"));
  const svgPath = join(dir, "places.svg");
  const pngPath = join(dir, "places.png");
  for (const out of [svgPath, pngPath]) assert.equal(bigramCli("heatmap", "-i", "test/fixtures/bigram/places.txt", "-o", out).status, 0);
  const places = mm.countBigrams(mm.readWordsFile(repoPath("test/fixtures/bigram/places.txt")));
  const V = places.size;
  assert.equal(parseXml(readFileSync(svgPath, "utf8")).filter((e) => e.attrs.class === "count").length, V * V);
  const img = decodePng(readFileSync(pngPath));
  assert.equal(img.width, mm.heatmapLayout(places).width);

  const many = join(dir, "many.txt");
  writeFileSync(many, Array.from({ length: 200 }, (_, i) => String.fromCodePoint(0x4e00 + i) + "a").join("\n"));
  assert.throws(() => mm.heatmapLayout(mm.countBigrams(mm.readWordsFile(many))), /too large to read/);
  const r = bigramCli("heatmap", "-i", many, "-o", join(dir, "many.png"));
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /^makemore: the vocabulary has 201 characters: a 202×202 heatmap is too large to read \(at most 127 characters\)\n$/);
});
