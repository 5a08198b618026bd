/**
 * The Python lab's editor: CodeMirror 6 with Python highlighting, line
 * numbers, an error marker (a syntax error or an exception's line) and a
 * cursor per process on the line it will run next, in the process's colour.
 */
import { useEffect, useRef } from 'react';
import { basicSetup } from 'codemirror';
import { python } from '@codemirror/lang-python';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState, RangeSetBuilder, StateEffect, StateField, type StateEffectType } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import './codeTheme.css';
import { adoptEditorStyles } from './editorStyles';

/** Where a process is: its pid (for the colour) and 1-based line. */
export interface LineCursor {
  pid: number;
  line: number;
  name: string;
}

/** An error to mark: 1-based line, optional 1-based column. */
export interface CodeError {
  line: number;
  column?: number;
  message: string;
}

/** Token colours from CSS variables (codeTheme.css), so they read at ≥ 4.5:1 in the light and the dark theme (CodeMirror's default style is for light only). */
const themedHighlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword, tags.operatorKeyword], color: 'var(--code-keyword)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--code-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--code-literal)' },
  { tag: tags.comment, color: 'var(--code-comment)', fontStyle: 'italic' },
  { tag: [tags.function(tags.definition(tags.variableName)), tags.definition(tags.className)], color: 'var(--code-def)' },
  { tag: [tags.className, tags.self], color: 'var(--code-class)' },
]);

const setCursors = StateEffect.define<LineCursor[]>();
const setStruck = StateEffect.define<readonly number[]>();

/** A vertical gradient with one equal band per process colour. */
function stripe(here: LineCursor[]): string {
  const n = here.length;
  return `linear-gradient(${here.map((c, i) => `var(--p${c.pid % 10}) ${(i / n) * 100}% ${((i + 1) / n) * 100}%`).join(', ')})`;
}

/** A field of line decorations that an effect replaces: `lines` gives, for the effect's value, a decoration per 1-based line. */
function lineDecorations<T>(effect: StateEffectType<T>, lines: (value: T) => Map<number, Decoration>) {
  return StateField.define<DecorationSet>({
    create: () => Decoration.none,
    update(deco, tr) {
      deco = deco.map(tr.changes);
      for (const e of tr.effects) {
        if (!e.is(effect)) continue;
        const byLine = lines(e.value);
        const b = new RangeSetBuilder<Decoration>();
        for (const line of [...byLine.keys()].sort((x, y) => x - y)) {
          if (line < 1 || line > tr.state.doc.lines) continue;
          const from = tr.state.doc.line(line).from;
          b.add(from, from, byLine.get(line)!);
        }
        deco = b.finish();
      }
      return deco;
    },
    provide: (f) => EditorView.decorations.from(f),
  });
}

/** Lines the program does not run with these settings (e.g. the lock's with the lock off): class cm-struck-line. */
const struckField = lineDecorations(setStruck, (lines) => new Map(lines.map((l) => [l, Decoration.line({ class: 'cm-struck-line' })])));

/** One line decoration per line that has processes on it: the first one's colour, every one's in bands, their names. */
const cursorField = lineDecorations(setCursors, (cursors) => {
  const byLine = new Map<number, LineCursor[]>();
  for (const c of cursors) byLine.set(c.line, [...(byLine.get(c.line) ?? []), c]);
  return new Map(
    [...byLine].map(([line, here]) => {
      const names = here.map((c) => c.name).join(', ');
      // --cursor: the first process's colour; --stripe: every process's, in bands (several on one line).
      return [line, Decoration.line({ class: 'cm-proc-line', attributes: { style: `--cursor: var(--p${here[0]!.pid % 10}); --stripe: ${stripe(here)}`, 'data-procs': names, title: names } })];
    }),
  );
});

const NO_LINES: readonly number[] = [];

/**
 * `struck`: lines shown struck through (optional; the process lab's source view uses it).
 * `tabbable` (default on): the text itself is a tab stop even while read-only (during a run), so the
 * keyboard can reach and scroll it; off where a focusable frame around the editor scrolls it instead.
 */
export function CodeEditor({ value, onChange, readOnly, cursors, error, label, struck = NO_LINES, tabbable = true }: { value: string; onChange(code: string): void; readOnly: boolean; cursors: LineCursor[]; error: CodeError | null; label: string; struck?: readonly number[]; tabbable?: boolean }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const editable = useRef(new Compartment());
  const change = useRef(onChange);
  useEffect(() => {
    change.current = onChange;
  }, [onChange]);

  useEffect(() => {
    adoptEditorStyles();
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          python(),
          syntaxHighlighting(themedHighlight),
          cursorField,
          struckField,
          editable.current.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
          // Long lines wrap: a program read beside the lanes never scrolls sideways (joinable's longest line is 116 characters).
          EditorView.lineWrapping,
          EditorView.contentAttributes.of(tabbable ? { 'aria-label': label, tabindex: '0' } : { 'aria-label': label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) change.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is created once; later props flow in through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A new program from outside (an example, a link): replace the document.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]) });
  }, [readOnly]);

  useEffect(() => {
    view.current?.dispatch({ effects: setCursors.of(cursors) });
  }, [cursors]);

  // Keyed by content: a caller that computes the lines each render must not redecorate the editor every frame
  // (each dispatch reads the page's selection, a forced layout).
  const struckKey = struck.join(',');
  useEffect(() => {
    view.current?.dispatch({ effects: setStruck.of(struckKey ? struckKey.split(',').map(Number) : []) });
  }, [struckKey, value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    if (!error || error.line < 1 || error.line > v.state.doc.lines) {
      v.dispatch(setDiagnostics(v.state, []));
      return;
    }
    const line = v.state.doc.line(error.line);
    const from = Math.min(line.to, line.from + Math.max(0, (error.column ?? 1) - 1));
    v.dispatch(setDiagnostics(v.state, [{ from, to: error.column ? Math.min(line.to, from + 1) : line.to, severity: 'error', message: error.message }]));
  }, [error]);

  return <div className="code-editor" ref={host} data-error-line={error?.line ?? undefined} />;
}
