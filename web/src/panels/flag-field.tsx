import { useEffect, useState } from "preact/hooks";
import type { Flag, Settings, SettingKey } from "../settings/flags.js";
import { formatFlag, parseFlag } from "../settings/parse-flag.js";

interface Props {
  flag: Flag;
  value: Settings[SettingKey];
  dim: boolean;
  disabled: boolean;
  onValue(v: Settings[SettingKey]): void;
  onError(message: string | null): void;
}

/** One CLI flag as a field: a switch as a checkbox, a choice as a menu, the rest as text with the CLI's parsing and message. */
export function FlagField(props: Props) {
  const { flag, value, dim, disabled, onValue } = props;
  const title = `--${flag.flag}: ${flag.help}`;
  if (flag.kind === "bool")
    return (
      <label class={`field check${dim ? " dim" : ""}`} title={title}>
        <input
          type="checkbox"
          checked={value === true}
          disabled={disabled}
          data-testid={`flag-${flag.flag}`}
          onChange={(e) => onValue((e.target as HTMLInputElement).checked)}
        />
        <span>{flag.label}</span>
      </label>
    );
  if (flag.kind === "choice")
    return (
      <label class={`field${dim ? " dim" : ""}`} title={title}>
        <span>{flag.label}</span>
        <select
          value={String(value)}
          disabled={disabled}
          data-testid={`flag-${flag.flag}`}
          onChange={(e) => onValue(parseFlag(flag, (e.target as HTMLSelectElement).value))}
        >
          {flag.choices!.map((c) => (
            <option value={c}>{c}</option>
          ))}
        </select>
      </label>
    );
  return <TextFlagField {...props} />;
}

function TextFlagField({ flag, value, dim, disabled, onValue, onError }: Props) {
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
        class={error ? "invalid" : ""}
        value={text}
        disabled={disabled}
        inputMode={flag.kind === "float" ? "decimal" : "numeric"}
        placeholder={flag.optional}
        data-testid={`flag-${flag.flag}`}
        onInput={(e) => commit((e.target as HTMLInputElement).value)}
      />
    </label>
  );
}
