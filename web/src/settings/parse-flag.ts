import { MODEL_TYPES, isModelType, learningRateSchedule, resolveLoopConfig, resolveRunConfig } from "makemore";
import type { Flag, SettingKey, Settings } from "./flags.js";

type Value = Settings[SettingKey];

/** Parses one flag's text as the CLI does, with the CLI's message for a bad value. */
export function parseFlag(f: Flag, text: string): Value {
  const value = text.trim();
  if (f.kind === "type") {
    if (!isModelType(value)) throw new Error(`--type must be one of ${MODEL_TYPES.join(", ")}, got '${text}'.`);
    return value;
  }
  if (f.kind === "choice") {
    if (!f.choices!.includes(value)) throw new Error(`--${f.flag} must be one of ${f.choices!.join(", ")}, got '${text}'.`);
    return value as Value;
  }
  if (f.kind === "bool") {
    // a switch: present in a URL as `?dedupe` (or `dedupe=true`)
    if (value === "" || value === "true" || value === "1") return true;
    if (value === "false" || value === "0") return false;
    throw new Error(`--${f.flag} is a switch (true or false), got '${text}'.`);
  }
  if (f.optional !== undefined && value === "") return null;
  const n = Number(value);
  if (f.kind === "int" && (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n))) throw new Error(`--${f.flag} must be an integer, got '${text}'.`);
  if (f.kind === "float" && (value === "" || !Number.isFinite(n))) throw new Error(`--${f.flag} must be a number, got '${text}'.`);
  if (f.kind === "int" && (n < f.min || n > f.max)) throw new Error(`--${f.flag} must be between ${f.min} and ${f.max}, got ${n}.`);
  if (f.kind === "float" && (f.exclusiveMin ? n <= f.min : n < f.min))
    throw new Error(`--${f.flag} must be ${f.exclusiveMin ? "greater than" : "at least"} ${f.min}, got ${n}.`);
  if (f.kind === "float" && n > f.max) throw new Error(`--${f.flag} must be at most ${f.max}, got ${n}.`);
  if (f.none !== undefined && n === f.none) return null;
  return n;
}

/** A setting as the CLI would spell it after its flag ("" for a switch, and for an empty optional field). */
export function formatFlag(f: Flag, v: Value): string {
  if (v === null) return f.none !== undefined ? String(f.none) : "";
  if (typeof v === "boolean") return "";
  return String(v);
}

/** The checks the library makes before training (one message, with the CLI's flag names). */
export function checkSettings(s: Settings): void {
  learningRateSchedule(resolveRunConfig(s, "flag"), resolveLoopConfig(s, "flag")); // a cosine needs a budget
}
