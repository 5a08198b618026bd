import { useState } from 'react';

/**
 * A text field that keeps what the learner types (even half-typed or invalid)
 * and commits only valid values; an invalid draft is marked aria-invalid and
 * the run keeps the last valid value. Re-keys from the outside value so an
 * external change (URL, random workload) shows up.
 */
export function DraftField<T>(props: {
  label: string;
  value: T;
  format: (v: T) => string;
  parse: (s: string) => T | undefined;
  onCommit: (v: T) => void;
  className?: string;
  inputMode?: 'numeric' | 'text';
  placeholder?: string;
  title?: string;
  width?: string;
}) {
  const shown = props.format(props.value);
  const [draft, setDraft] = useState<{ base: string; text: string } | null>(null);
  // A draft only applies while the committed value is the one it was typed against.
  const text = draft && draft.base === shown ? draft.text : shown;
  const invalid = props.parse(text) === undefined;
  return (
    <input
      className={props.className}
      aria-label={props.label}
      title={props.title ?? props.label}
      inputMode={props.inputMode ?? 'numeric'}
      placeholder={props.placeholder}
      aria-invalid={invalid || undefined}
      style={props.width ? { width: props.width } : undefined}
      value={text}
      onChange={(e) => {
        const next = e.target.value;
        const v = props.parse(next);
        if (v !== undefined) {
          props.onCommit(v);
          setDraft({ base: props.format(v), text: next });
        } else setDraft({ base: shown, text: next });
      }}
      onBlur={() => setDraft(null)}
    />
  );
}

/** An integer in [min, max]. */
export function parseIntIn(min: number, max: number): (s: string) => number | undefined {
  return (s) => {
    const v = s.trim();
    if (!/^\d+$/.test(v)) return undefined;
    const n = Number(v);
    return n >= min && n <= max ? n : undefined;
  };
}

/** Like parseIntIn, but empty means "none" (null). */
export function parseOptionalInt(min: number, max: number): (s: string) => number | null | undefined {
  const p = parseIntIn(min, max);
  return (s) => (s.trim() === '' ? null : p(s));
}

export const jobColor = (i: number) => `var(--p${i % 10})`;
