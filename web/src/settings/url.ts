import { PRESETS, PRESET_NAMES, presetOf, type PresetName } from "makemore";
import { DEFAULT_SETTINGS, FLAGS, type Flag, type Settings } from "./flags.js";
import { checkSettings, formatFlag, parseFlag } from "./parse-flag.js";

/** The settings a library preset gives: makemore's defaults with the preset over them, as `--preset` does. */
export const presetBase = (name: PresetName | null): Settings => ({ ...DEFAULT_SETTINGS, ...(name ? PRESETS[name] : {}) });

/** The library preset these settings are built on (every value it sets is here), or null. */
export function presetUnder(s: Settings): PresetName | null {
  const under = PRESET_NAMES.filter((name) => Object.entries(PRESETS[name]).every(([k, v]) => s[k as keyof Settings] === v));
  return under.sort((a, b) => Object.keys(PRESETS[b]).length - Object.keys(PRESETS[a]).length)[0] ?? null;
}

/**
 * What the CLI needs to run these settings: a preset, if they are built on one, and then each
 * flag whose value differs from what the defaults (and the preset) give, in the page's order.
 */
export function settingArgs(s: Settings): { preset: PresetName | null; flags: { flag: Flag; text: string }[] } {
  const preset = presetUnder(s);
  const base = presetBase(preset);
  const flags = FLAGS.filter((f) => s[f.key] !== base[f.key]).map((f) => ({ flag: f, text: formatFlag(f, s[f.key]) }));
  return { preset, flags };
}

/**
 * Settings → the page's query string, with the CLI's flag names and only what differs from the
 * defaults: `?type=mlp&seed=1234&max-steps=200&dedupe`, so a shared link reproduces the run.
 */
export function settingsToQuery(s: Settings): string {
  const { preset, flags } = settingArgs(s);
  const parts = preset ? [`preset=${preset}`] : [];
  for (const { flag, text } of flags) parts.push(flag.kind === "bool" ? flag.flag : `${flag.flag}=${encodeURIComponent(text)}`);
  return parts.join("&");
}

export interface ParsedQuery {
  settings: Settings;
  /** the CLI's message for each bad or unknown parameter (those keep their defaults) */
  errors: string[];
}

/** Reads settings from a query string as the CLI reads its flags (a preset under the others); a bad value keeps its default and gives the CLI's message. */
export function settingsFromQuery(query: string): ParsedQuery {
  const q = new URLSearchParams(query);
  const errors: string[] = [];
  let settings: Settings = { ...DEFAULT_SETTINGS };
  const known = new Set([...FLAGS.map((f) => f.flag), "preset", "tab"]);
  for (const key of q.keys()) if (!known.has(key)) errors.push(`unknown option '--${key}'`);
  const preset = q.get("preset");
  if (preset !== null) {
    try {
      settings = { ...settings, ...presetOf(preset) };
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  for (const f of FLAGS) {
    const text = q.get(f.flag);
    if (text === null) continue;
    try {
      (settings as unknown as Record<string, unknown>)[f.key] = parseFlag(f, text);
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  try {
    checkSettings(settings);
  } catch (e) {
    errors.push((e as Error).message);
  }
  return { settings, errors };
}

/** The CLI command that runs the same training (the words file named by `input`). */
export function cliCommand(s: Settings, input: string): string {
  const { preset, flags } = settingArgs(s);
  const args = ["makemore", "-i", input, "-o", "out", ...(preset ? ["--preset", preset] : [])];
  for (const { flag, text } of flags) args.push(`--${flag.flag}`, ...(flag.kind === "bool" ? [] : [text]));
  return args.join(" ");
}
