import { useEffect, useState } from "preact/hooks";
import { formatFlag, parseFlag, type Flag, type Settings, type SettingKey } from "../settings/flags.js";

interface Props {
  flag: Flag;
  value: Settings[SettingKey];
  dim: boolean;
  disabled: boolean;
  onValue(v: Settings[SettingKey]): void;
  onError(message: string | null): void;
}

/** One CLI flag as a text field: the CLI's parsing, and its message when the text is not valid. */
export function FlagField({ flag, value, dim, disabled, onValue, onError }: Props) {
  const shown = formatFlag(flag, value);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(shown);
    setError(null);
    onError(null);
  }, [shown]);

  const commit = (t: string) => {
    setText(t);
    try {
      const v = parseFlag(flag, t);
      setError(null);
      onError(null);
      if (v !== value) onValue(v);
    } catch (e) {
      setError((e as Error).message);
      onError((e as Error).message);
    }
  };

  return (
    <label class={`field${dim ? " dim" : ""}`} title={error ?? `--${flag.flag}: ${flag.help}`}>
      <span>{flag.label}</span>
      <input
        class={error ? "invalid" : ""} value={text} disabled={disabled} inputMode={flag.kind === "float" ? "decimal" : "numeric"}
        placeholder={flag.key === "workers" ? "auto" : undefined} data-testid={`flag-${flag.flag}`}
        onInput={(e) => commit((e.target as HTMLInputElement).value)}
      />
    </label>
  );
}
