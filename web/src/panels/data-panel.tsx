import { useEffect, useMemo, useState } from "preact/hooks";
import { BUNDLED_SOURCE, bundledNames, wordListFromBytes, wordListFromText, wordStats, type WordList } from "../data/words.js";

interface Props {
  words: WordList;
  onWords(w: WordList): void;
  disabled: boolean;
}

type Mode = "bundled" | "paste" | "file";

/** The training words: the bundled names, a pasted list, an uploaded or dropped file. */
export function DataPanel({ words, onWords, disabled }: Props) {
  const [mode, setMode] = useState<Mode>(words.source === BUNDLED_SOURCE ? "bundled" : "file");
  const [pasted, setPasted] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const stats = useMemo(() => wordStats(words.words), [words]);

  const take = (make: () => WordList) => {
    try {
      onWords(make());
      setError(null);
    } catch (e) {
      setError(`makemore: ${(e as Error).message}`);
    }
  };
  const readFile = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    setMode("file");
    take(() => wordListFromBytes(bytes, file.name));
  };

  // a words file dropped anywhere on the page lands here
  useEffect(() => {
    const onOver = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes("Files")) return;
      e.preventDefault();
      setOver(true);
    };
    const onLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      setOver(false);
      if (!file || file.name.endsWith(".safetensors") || file.name.endsWith(".json")) return; // models go to Upload
      e.preventDefault();
      if (!disabled) void readFile(file);
    };
    window.addEventListener("dragover", onOver);
    window.addEventListener("dragleave", onLeave);
    window.addEventListener("drop", onDrop);
    return () => {
      window.removeEventListener("dragover", onOver);
      window.removeEventListener("dragleave", onLeave);
      window.removeEventListener("drop", onDrop);
    };
  }, [disabled]);

  return (
    <section class="card" data-testid="data-panel">
      <h2>
        Data <span class="aside hint">one word per line</span>
      </h2>
      <div class="tabs-mini">
        <button
          aria-pressed={mode === "bundled"}
          disabled={disabled}
          onClick={() => {
            setMode("bundled");
            take(bundledNames);
          }}
        >
          names.txt
        </button>
        <button aria-pressed={mode === "paste"} disabled={disabled} onClick={() => setMode("paste")}>
          paste
        </button>
        <button aria-pressed={mode === "file"} disabled={disabled} onClick={() => setMode("file")}>
          file
        </button>
      </div>
      {mode === "bundled" && <p class="hint">32,033 names from the US Social Security Administration, as makemore ships them.</p>}
      {mode === "paste" && (
        <div class="field">
          <textarea
            rows={5}
            placeholder={"emma\nolivia\nava\n…"}
            value={pasted}
            onInput={(e) => setPasted((e.target as HTMLTextAreaElement).value)}
            data-testid="words-paste"
            disabled={disabled}
          />
          <button
            class="btn small"
            style={{ alignSelf: "flex-end", marginTop: "6px" }}
            disabled={disabled}
            onClick={() => take(() => wordListFromText(pasted))}
            data-testid="words-paste-use"
          >
            Use these words
          </button>
        </div>
      )}
      {mode === "file" && (
        <label class={`drop${over ? " over" : ""}`}>
          <div>
            Drop a <b>.txt</b> file anywhere on the page, or <span class="btn link">choose one</span>
          </div>
          <input
            type="file"
            accept=".txt,text/plain"
            data-testid="words-file"
            style={{ display: "none" }}
            disabled={disabled}
            onChange={(e) => {
              const f = (e.target as HTMLInputElement).files?.[0];
              if (f) void readFile(f);
              (e.target as HTMLInputElement).value = "";
            }}
          />
        </label>
      )}
      {over && mode !== "file" && (
        <div class="drop over" style={{ marginTop: "8px" }}>
          Drop to train on this file
        </div>
      )}
      {error && (
        <p class="error" data-testid="data-error" role="alert">
          {error}
        </p>
      )}
      <div class="stats" data-testid="data-stats">
        <div class="stat">
          <b data-testid="word-count">{stats.count.toLocaleString("en")}</b>
          <span>words</span>
        </div>
        <div class="stat">
          <b>{stats.vocab.length}</b>
          <span>characters</span>
        </div>
        <div class="stat">
          <b>
            {stats.minLength}–{stats.maxLength}
          </b>
          <span>length</span>
        </div>
        <div class="stat">
          <b>{stats.duplicateLines.toLocaleString("en")}</b>
          <span>duplicates</span>
        </div>
      </div>
      <div class="hint">
        from <b>{words.source}</b>; vocabulary (+ the end token "."):
      </div>
      <div class="vocab" data-testid="vocab">
        {stats.vocab.map((c) => (c === " " ? "␣" : c)).join(" ")}
      </div>
      {stats.duplicates.length > 0 && (
        <div class="hint" style={{ marginTop: "6px" }}>
          repeated:{" "}
          {stats.duplicates
            .slice(0, 6)
            .map((d) => `${d.word} ×${d.count}`)
            .join(", ")}
          {stats.duplicates.length > 6 ? `, and ${stats.duplicates.length - 6} more` : ""}
        </div>
      )}
    </section>
  );
}
