import { useId, useState, type ChangeEvent } from 'react';
import { intIn } from '../../cpu/params';
import { useT } from '../app/useT';

/** A field's verdict on a text: the value to use, or the rule it breaks (in words). */
export type Check<T> = { value: T } | { rule: string };

interface Edit<T> {
  /** The value the run had when this edit began: what it falls back to while the text is invalid. */
  start: T;
  /** The committed value (formatted) this draft belongs to; an outside change drops the draft. */
  base: string;
  text: string;
}

export interface DraftOptions<T> {
  value: T;
  format: (v: T) => string;
  check: (s: string) => Check<T>;
  onCommit: (v: T) => void;
  /** How the committed value reads in "the run still uses …" (default: format, or "none"). */
  describe?: (v: T) => string;
  /** The sentence around the rule (default cpu.err.must). */
  message?: 'cpu.err.must' | 'cpu.err.seed';
}

/**
 * A text field's draft: what the learner typed stays on screen, valid text is
 * committed as it is typed, and invalid text is never committed as some other
 * number — the run goes back to the value it had when the edit began, and
 * `error` says why and which value the run uses. The message stays after the
 * field loses focus, until the text is valid or the value changes elsewhere.
 */
export function useDraft<T>(o: DraftOptions<T>) {
  const t = useT();
  const errorId = useId();
  const shown = o.format(o.value);
  const [edit, setEdit] = useState<Edit<T> | null>(null);
  const live = edit && edit.base === shown ? edit : null;
  const text = live ? live.text : shown;
  const checked = o.check(text);
  const describe = o.describe ?? ((v: T) => o.format(v) || t('cpu.err.none'));
  const error = 'rule' in checked ? t(o.message ?? 'cpu.err.must', { rule: checked.rule, value: describe(o.value) }) : null;
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const next = e.target.value;
    const start = live ? live.start : o.value;
    const c = o.check(next);
    if ('value' in c) {
      o.onCommit(c.value);
      setEdit({ start, base: o.format(c.value), text: next });
    } else {
      if (o.format(start) !== shown) o.onCommit(start);
      setEdit({ start, base: o.format(start), text: next });
    }
  };
  // A valid text is tidied to the committed value on blur; an invalid one stays, with its message.
  const onBlur = () => {
    if (!error) setEdit(null);
  };
  return {
    error,
    errorId,
    input: {
      value: text,
      onChange,
      onBlur,
      'aria-invalid': error ? (true as const) : undefined,
      'aria-describedby': error ? errorId : undefined,
    },
  };
}

/** The message beside an invalid field (its id is the field's aria-describedby). */
export function FieldError({ id, error }: { id: string; error: string | null }) {
  if (!error) return null;
  return (
    <small id={id} className="cpu-field-error" role="alert">
      {error}
    </small>
  );
}

/** A labelled text field with its draft and, when invalid, its message underneath. */
export function DraftInput<T>(props: DraftOptions<T> & { label: string; hint?: string; placeholder?: string; inputMode?: 'numeric' | 'text'; className?: string }) {
  const d = useDraft(props);
  return (
    <div className={`cpu-field ${props.className ?? ''}`}>
      <label>
        <span>{props.label}</span>
        <input {...d.input} aria-label={props.label} title={props.hint ?? props.label} placeholder={props.placeholder} inputMode={props.inputMode ?? 'numeric'} autoComplete="off" />
      </label>
      <FieldError id={d.errorId} error={d.error} />
    </div>
  );
}

/** A whole number in [min, max], with the rule in the current language. */
export function useIntCheck() {
  const t = useT();
  return {
    int:
      (min: number, max: number) =>
      (s: string): Check<number> => {
        const n = intIn(s, min, max);
        return n === undefined ? { rule: t('cpu.rule.range', { min, max }) } : { value: n };
      },
    /** Empty means "none" (null). */
    optionalInt:
      (min: number, max: number) =>
      (s: string): Check<number | null> => {
        if (s.trim() === '') return { value: null };
        const n = intIn(s, min, max);
        return n === undefined ? { rule: t('cpu.rule.optional', { min, max }) } : { value: n };
      },
  };
}

/** Job i's colour: the app's process colours darkened in cpu.css so white text on them reads at ≥ 4.5:1. */
export const jobColor = (i: number) => `var(--cpu-j${i % 10})`;
