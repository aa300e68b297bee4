import { useState } from "preact/hooks";
import type { RunState } from "../store/run-controller.js";
import { deleteRun, type KeptRun } from "../store/runs-db.js";
import { configOf, readModelUpload, type ModelFile } from "../model/model-file.js";

interface Props {
  run: RunState;
  runs: KeptRun[];
  modelBytes: Uint8Array | null;
  uploaded: ModelFile | null;
  busy: boolean;
  onUploaded(m: ModelFile | null): void;
  onOpen(r: KeptRun): void;
  onChanged(): void;
}

function download(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: "application/octet-stream" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const bestLoss = (r: KeptRun) => (r.evals.length ? Math.min(...r.evals.map((e) => e.testLoss)).toFixed(4) : "—");
const when = (t: number) => new Date(t).toLocaleString("en", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

/** Download and upload self-describing .safetensors; the runs kept in this browser. */
export function CheckpointPanel({ run, runs, modelBytes, uploaded, busy, onUploaded, onOpen, onChanged }: Props) {
  const [error, setError] = useState<string | null>(null);

  const save = () => {
    if (!modelBytes) return;
    let type = "model";
    try {
      type = configOf(modelBytes, "model").type;
    } catch {
      // the name is only a convenience
    }
    const step = run.modelStep ?? undefined;
    download(modelBytes, uploaded ? uploaded.name.replace(/\s.*$/, "") : `makemore-${type}${step !== undefined ? `-step${step}` : ""}.safetensors`);
  };

  const upload = async (files: File[]) => {
    try {
      onUploaded(await readModelUpload(files));
      setError(null);
    } catch (e) {
      setError(`makemore: ${(e as Error).message}`);
    }
  };

  return (
    <section class="card" data-testid="checkpoints">
      <h2>Checkpoints</h2>
      <div class="controls">
        <button
          class="btn"
          data-testid="download"
          disabled={!modelBytes}
          onClick={save}
          title="the best weights, with config.json inside: loads in makemore eval/score and PyTorch"
        >
          ⤓ Download .safetensors
        </button>
        <label class="btn" title="a .safetensors from Download, or a work dir's config.json + model.safetensors">
          ⤒ Upload
          <input
            type="file"
            multiple
            accept=".safetensors,.json"
            data-testid="upload"
            style={{ display: "none" }}
            disabled={busy}
            onChange={(e) => {
              const input = e.target as HTMLInputElement;
              void upload([...(input.files ?? [])]);
              input.value = "";
            }}
          />
        </label>
        {uploaded && (
          <button class="btn small" onClick={() => onUploaded(null)} disabled={busy}>
            forget upload
          </button>
        )}
      </div>
      <p class="hint">
        {uploaded ? (
          <>
            Using <b data-testid="uploaded-name">{uploaded.name}</b>: sample, score, or train it further.
          </>
        ) : (
          "One file: the weights with PyTorch's key names, and config.json in its metadata."
        )}
      </p>
      {error && (
        <p class="error" role="alert" data-testid="upload-error">
          {error}
        </p>
      )}
      <h2 style={{ marginTop: "14px" }}>
        Kept in this browser{" "}
        <span class="aside hint">
          {runs.length} run{runs.length === 1 ? "" : "s"}
        </span>
      </h2>
      <div class="runs" data-testid="kept-runs">
        {runs.length === 0 && <p class="empty">Runs are kept here (IndexedDB) at every evaluation.</p>}
        {runs.map((r) => (
          <div class={`run${r.id === run.runId ? " current" : ""}`}>
            <div class="what">
              <b>{r.name}</b>
              <span>
                {when(r.updatedAt)} · {r.stepsDone} steps · best test {bestLoss(r)}
              </span>
            </div>
            <button class="btn small" disabled={busy || r.id === run.runId} onClick={() => onOpen(r)}>
              Open
            </button>
            <button class="btn small" disabled={busy && r.id === run.runId} title="delete" onClick={() => void deleteRun(r.id).then(onChanged)}>
              ✕
            </button>
          </div>
        ))}
      </div>
    </section>
  );
}
