import { DEFAULT_SETTINGS, FLAGS, checkSettings, formatFlag, memoryArgs, parseFlag, parsePrecision, type Settings } from "./flags.js";

/**
 * Settings ↔ the page's query string, with the CLI's flag names and only what differs from the
 * defaults: `?type=mlp&seed=1234&max-steps=200`, so a shared link reproduces the run.
 */
export function settingsToQuery(s: Settings): string {
  const q = new URLSearchParams();
  for (const f of FLAGS) {
    const v = s[f.key];
    if (v !== DEFAULT_SETTINGS[f.key]) q.set(f.flag, formatFlag(f, v));
  }
  if (s.precision !== DEFAULT_SETTINGS.precision) q.set("precision", s.precision);
  if (s.activationCheckpointing) q.set("activation-checkpointing", "");
  return q.toString();
}

export interface ParsedQuery {
  settings: Settings;
  /** the CLI's message for each bad or unknown parameter (those keep their defaults) */
  errors: string[];
}

/** Reads settings from a query string; a bad value keeps its default and gives the CLI's message. */
export function settingsFromQuery(query: string): ParsedQuery {
  const q = new URLSearchParams(query);
  const settings: Settings = { ...DEFAULT_SETTINGS };
  const errors: string[] = [];
  const known = new Set([...FLAGS.map((f) => f.flag), "precision", "activation-checkpointing"]);
  for (const key of q.keys()) if (!known.has(key) && key !== "tab") errors.push(`unknown option '--${key}'`);
  for (const f of FLAGS) {
    const text = q.get(f.flag);
    if (text === null) continue;
    try {
      (settings as unknown as Record<string, unknown>)[f.key] = parseFlag(f, text);
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  const precision = q.get("precision");
  if (precision !== null) {
    try {
      settings.precision = parsePrecision(precision);
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  if (q.has("activation-checkpointing")) settings.activationCheckpointing = true;
  try {
    checkSettings(settings);
  } catch (e) {
    errors.push((e as Error).message);
  }
  return { settings, errors };
}

/** The CLI command that runs the same training (the words file named by `input`). */
export function cliCommand(s: Settings, input: string): string {
  const args = ["makemore", "-i", input, "-o", "out"];
  for (const f of FLAGS) {
    const v = s[f.key];
    if (v !== DEFAULT_SETTINGS[f.key]) args.push(`--${f.flag}`, formatFlag(f, v));
  }
  args.push(...memoryArgs(s));
  return args.join(" ");
}
