import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../app/useT';

/** A typed number settles this long after the last keystroke (typing 1000 must not load runs of 1, 10, 100). */
export const SETTLE_MS = 300;

export interface NumberFieldProps {
  /** The input's id (for a `<label htmlFor>`); inside a `<label>`, leave it out. */
  id?: string;
  name?: string;
  /**
   * The id of the label's text, for a field inside a `<label>` with its note: the note sits in the label too,
   * and would otherwise become part of the field's name ("Runs “5” was not used …").
   */
  labelledBy?: string;
  min: number;
  max: number;
  disabled?: boolean;
  /** The arrow keys' step (1 unless given). */
  step?: number;
  /** The value the run uses. */
  value: number;
  /** Apply a whole number in [min, max]; called when typing settles, at once for an arrow key, on Enter or on blur. */
  onApply: (value: number) => void;
}

/**
 * A whole-number setting (a count, the seed). Invalid text stays on screen with an alert that says the rule and
 * the value still used, and changes nothing; when the field lets go of it (blur), the field shows the value kept
 * and a note says what was typed and what was kept, until the field is edited again: bad input is never dropped
 * unsaid.
 */
export function NumberField({ id, name, labelledBy, min, max, step, disabled, value, onApply }: NumberFieldProps) {
  const t = useT();
  const noteId = useId();
  /** Text that is not a whole number in range, as typed. */
  const [draft, setDraft] = useState<string | null>(null);
  /** The invalid text the field let go of. */
  const [dropped, setDropped] = useState<string | null>(null);
  /** A valid value typed but not applied yet. */
  const [pending, setPending] = useState<number | null>(null);
  const settleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** The next change comes from an arrow key: a step, applied at once. */
  const stepping = useRef(false);
  useEffect(() => () => clearTimeout(settleTimer.current), []);
  const settle = (v: number) => {
    clearTimeout(settleTimer.current);
    setPending(null);
    onApply(v);
  };
  let note = null;
  if (draft !== null) {
    note = (
      <small id={noteId} className="field-error" role="alert">
        {t('lab.outOfRange', { min, max, value })}
      </small>
    );
  } else if (dropped !== null) {
    const typed = dropped.trim();
    note = (
      <small id={noteId} className="field-error" role="status">
        {typed === '' ? t('lab.keptEmpty', { value }) : t('lab.kept', { typed, min, max, value })}
      </small>
    );
  }
  return (
    <>
      <input
        id={id}
        type="number"
        name={name}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        value={draft ?? pending ?? value}
        aria-labelledby={labelledBy}
        aria-invalid={draft !== null}
        aria-describedby={note ? noteId : undefined}
        onKeyDown={(e) => {
          stepping.current = e.key === 'ArrowUp' || e.key === 'ArrowDown';
          if (e.key === 'Enter' && pending !== null) settle(pending);
        }}
        onChange={(e) => {
          const text = e.target.value;
          const v = Number(text);
          clearTimeout(settleTimer.current);
          setDropped(null);
          // Out of range or not a whole number: keep what was typed, say why, change nothing.
          if (text.trim() === '' || !Number.isInteger(v) || v < min || v > max) {
            setPending(null);
            setDraft(text);
            return;
          }
          setDraft(null);
          if (stepping.current) settle(v);
          else {
            setPending(v);
            settleTimer.current = setTimeout(() => settle(v), SETTLE_MS);
          }
        }}
        onBlur={() => {
          if (draft !== null) {
            setDraft(null);
            setDropped(draft);
          }
          if (pending !== null) settle(pending);
        }}
      />
      {note}
    </>
  );
}
