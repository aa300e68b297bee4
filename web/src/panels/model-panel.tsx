import { useEffect, useMemo, useState } from "preact/hooks";
import * as mm from "makemore";
import { DEFAULT_SETTINGS, FLAGS, usesFlag, type SettingKey, type Settings } from "../settings/flags.js";
import { checkSettings } from "../settings/parse-flag.js";
import { PRESETS, applyPreset } from "../settings/presets.js";
import { cliCommand } from "../settings/url.js";
import type { WordList } from "../data/words.js";
import { FlagField } from "./flag-field.js";

interface Props {
  settings: Settings;
  onSettings(s: Settings): void;
  words: WordList;
  disabled: boolean;
}

const TYPE_NAMES: Record<mm.ModelType, string> = {
  bigram: "Bigram",
  mlp: "MLP",
  wavenet: "WaveNet",
  rnn: "RNN",
  gru: "GRU",
  lstm: "LSTM",
  bow: "BoW",
  transformer: "Transformer",
};

/** The flags in groups, as a reader of makemore meets them; the recipe (our additions) folds away. */
const GROUPS: [string, SettingKey[]][] = [
  ["architecture", ["nLayer", "nHead", "nEmbd", "nEmbd2"]],
  ["optimisation", ["batchSize", "learningRate", "weightDecay", "seed", "workers"]],
  ["run", ["maxSteps", "maxTime", "evalEvery", "numSamples", "temperature", "topK"]],
];
const RECIPE_FIELDS: SettingKey[] = ["dropout", "lrSchedule", "warmupSteps", "minLr", "gradClip", "ema"];
const RECIPE_CHECKS: SettingKey[] = ["dedupe", "trackStats"];
const MEMORY: SettingKey[] = ["precision", "activationCheckpointing"];
const RECIPE: SettingKey[] = [...RECIPE_FIELDS, ...RECIPE_CHECKS, ...MEMORY];

/** The parameter count of the model these settings build on these words (the library builds it, without drawing weights). */
function parameterCount(s: Settings, words: readonly string[]): number | null {
  try {
    checkSettings(s);
    const vocabSize = mm.Vocab.fromWords(words).size;
    const blockSize = words.reduce((m, w) => Math.max(m, Array.from(w).length), 0) + 1;
    const config = { vocabSize, blockSize, nLayer: s.nLayer, nHead: s.nHead, nEmbd: s.nEmbd, nEmbd2: s.nEmbd2 };
    return mm.scratch(() => mm.withoutInit(() => mm.createModel(s.type, config)).numParameters());
  } catch {
    return null;
  }
}

/** The model type, makemore's hyperparameters and our loop flags, with presets and a reset. */
export function ModelPanel({ settings, onSettings, words, disabled }: Props) {
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const params = useMemo(() => parameterCount(settings, words.words), [settings, words]);
  let rule: string | null = null;
  try {
    checkSettings(settings);
  } catch (e) {
    rule = (e as Error).message;
  }
  const set = (patch: Partial<Settings>) => onSettings({ ...settings, ...patch });
  const changed = FLAGS.some((f) => settings[f.key] !== DEFAULT_SETTINGS[f.key]);
  const recipeChanged = RECIPE.some((k) => settings[k] !== DEFAULT_SETTINGS[k]);
  const [recipeOpen, setRecipeOpen] = useState(recipeChanged);
  useEffect(() => {
    if (recipeChanged) setRecipeOpen(true);
  }, [recipeChanged]);
  const fields = (keys: SettingKey[]) =>
    FLAGS.filter((f) => keys.includes(f.key)).map((f) => (
      <FlagField
        key={f.key}
        flag={f}
        value={settings[f.key]}
        dim={!usesFlag(settings, f.key)}
        disabled={disabled}
        onValue={(v) => set({ [f.key]: v })}
        onError={(m) =>
          setFieldErrors((all) => {
            if ((all[f.key] ?? null) === m) return all;
            const { [f.key]: _, ...rest } = all;
            return m ? { ...rest, [f.key]: m } : rest;
          })
        }
      />
    ));

  return (
    <section class="card" data-testid="model-panel">
      <h2>
        Model
        <span class="aside">
          <b data-testid="param-count">{params === null ? "—" : params.toLocaleString("en")}</b> <span class="hint">parameters</span>
        </span>
      </h2>
      <div class="types" role="group" aria-label="model type">
        {mm.MODEL_TYPES.map((t) => (
          <button class="type" aria-pressed={settings.type === t} disabled={disabled} data-testid={`type-${t}`} onClick={() => set({ type: t })}>
            {TYPE_NAMES[t]}
          </button>
        ))}
      </div>
      {GROUPS.map(([title, keys]) => (
        <div key={title}>
          <div class="group-title">{title}</div>
          <div class={keys.length === 4 ? "grid4" : "grid3"}>{fields(keys)}</div>
          {title === "optimisation" && (
            <div class="slider" style={{ marginTop: "8px" }} title="learning rate, on a log scale from 1e-5 to 1e-1">
              <span class="hint">lr</span>
              <input
                type="range"
                min={-5}
                max={-1}
                step={0.05}
                value={Math.log10(settings.learningRate)}
                disabled={disabled}
                data-testid="lr-slider"
                onInput={(e) => set({ learningRate: Number((10 ** Number((e.target as HTMLInputElement).value)).toPrecision(2)) })}
              />
              <output>{settings.learningRate.toExponential(1)}</output>
            </div>
          )}
        </div>
      ))}
      <details class="recipe" open={recipeOpen} data-testid="recipe" onToggle={(e) => setRecipeOpen((e.target as HTMLDetailsElement).open)}>
        <summary class="group-title">
          recipe <span class="hint">{recipeChanged ? "changed from makemore's" : "dropout · schedule · clipping · EMA · memory"}</span>
        </summary>
        <div class="grid3">{fields(RECIPE_FIELDS)}</div>
        <div class="checks">{fields(RECIPE_CHECKS)}</div>
        <div class="group-title">memory</div>
        <div class="grid3 memory">
          {fields(MEMORY.slice(0, 1))}
          <div class="checks">{fields(MEMORY.slice(1))}</div>
        </div>
      </details>
      {(Object.values(fieldErrors)[0] ?? rule) && (
        <p class="error" role="alert" data-testid="settings-error">
          makemore: {Object.values(fieldErrors)[0] ?? rule}
        </p>
      )}
      <div class="presets">
        <span class="hint">presets:</span>
        {PRESETS.map((p) => (
          <button class="chip" title={p.about} disabled={disabled} onClick={() => onSettings({ ...applyPreset(p), seed: settings.seed })}>
            {p.name}
          </button>
        ))}
        <button class="chip" disabled={disabled || !changed} data-testid="defaults" onClick={() => onSettings({ ...DEFAULT_SETTINGS })}>
          ↺ makemore's defaults
        </button>
      </div>
      <div class="cli" title="the same run on the command line">
        $ {cliCommand(settings, words.source)}
      </div>
    </section>
  );
}
