/**
 * The Python lab's editor: CodeMirror 6 with Python highlighting, line
 * numbers, an error marker (a syntax error or an exception's line) and a
 * cursor per process on the line it will run next, in the process's colour.
 */
import { useEffect, useRef } from 'react';
import { basicSetup } from 'codemirror';
import { python } from '@codemirror/lang-python';
import { setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState, RangeSetBuilder, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';

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

const setCursors = StateEffect.define<LineCursor[]>();

/** One line decoration per line that has processes on it, coloured by the first. */
const cursorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setCursors)) continue;
      const byLine = new Map<number, LineCursor[]>();
      for (const c of e.value) if (c.line >= 1 && c.line <= tr.state.doc.lines) byLine.set(c.line, [...(byLine.get(c.line) ?? []), c]);
      const b = new RangeSetBuilder<Decoration>();
      for (const line of [...byLine.keys()].sort((x, y) => x - y)) {
        const here = byLine.get(line)!;
        b.add(
          tr.state.doc.line(line).from,
          tr.state.doc.line(line).from,
          Decoration.line({
            class: 'cm-proc-line',
            attributes: { style: `--cursor: var(--p${here[0]!.pid % 10})`, 'data-procs': here.map((c) => c.name).join(', '), title: here.map((c) => c.name).join(', ') },
          }),
        );
      }
      deco = b.finish();
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

export function CodeEditor({ value, onChange, readOnly, cursors, error, label }: { value: string; onChange(code: string): void; readOnly: boolean; cursors: LineCursor[]; error: CodeError | null; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const editable = useRef(new Compartment());
  const change = useRef(onChange);
  useEffect(() => {
    change.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          python(),
          cursorField,
          editable.current.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
          EditorView.contentAttributes.of({ 'aria-label': label }),
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
