/**
 * The Python lab's editor: CodeMirror 6 with Python highlighting, line
 * numbers, an error marker (a syntax error or an exception's line) and a
 * cursor per process on the line it will run next, in the process's colour.
 */
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { basicSetup } from 'codemirror';
import { python } from '@codemirror/lang-python';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { setDiagnostics } from '@codemirror/lint';
import { Annotation, Compartment, EditorState, RangeSetBuilder, StateEffect, StateField, type StateEffectType } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import './codeTheme.css';
import { adoptEditorStyles } from './editorStyles';
import { CursorMarks, lineGeometry, NO_GEOMETRY, type LineCursor } from './cursorMarks';
import { hangingIndent } from './hangingIndent';
import { useLang } from '../app/useT';
import { editorPhrases } from '../../i18n/i18n';

export type { LineCursor };

/** A document replaced from outside (an example, a link): not an edit, so onChange does not hear it (it would reload the run again). */
const fromOutside = Annotation.define<boolean>();

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

const setStruck = StateEffect.define<readonly number[]>();

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

const NO_LINES: readonly number[] = [];

/**
 * `struck`: lines shown struck through (optional; the process lab's source view uses it).
 * `tabbable` (default on): the text itself is a tab stop even while read-only (during a run), so the
 * keyboard can reach and scroll it; off where a focusable frame around the editor scrolls it instead.
 * `cursors` are drawn in a layer of their own (cursorMarks.tsx), never dispatched to CodeMirror: a run's
 * moves cost no editor update. `labels`: each marked line names its processes after its text.
 */
export function CodeEditor({ value, onChange, readOnly, cursors, error, label, struck = NO_LINES, tabbable = true, labels = false }: { value: string; onChange(code: string): void; readOnly: boolean; cursors: readonly LineCursor[]; error: CodeError | null; label: string; struck?: readonly number[]; tabbable?: boolean; labels?: boolean }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const editable = useRef(new Compartment());
  // CodeMirror's own words (a fold marker's title, the search panel) in the page's language.
  const phrases = useRef(new Compartment());
  const lang = useLang();
  const change = useRef(onChange);
  const [layer, setLayer] = useState<HTMLElement | null>(null);
  const [geometry, setGeometry] = useState(NO_GEOMETRY);
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
          phrases.current.of(EditorState.phrases.of(editorPhrases(lang))),
          python(),
          syntaxHighlighting(themedHighlight),
          struckField,
          lineGeometry(setGeometry),
          editable.current.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
          // Long lines wrap: a program read beside the lanes never scrolls sideways (joinable's longest line is 116 characters).
          EditorView.lineWrapping,
          hangingIndent(),
          EditorView.contentAttributes.of(tabbable ? { 'aria-label': label, tabindex: '0' } : { 'aria-label': label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged && !u.transactions.some((tr) => tr.annotation(fromOutside))) change.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    // The process cursors' layer: under the text, scrolled with it (as CodeMirror's own selection layer).
    const marks = v.scrollDOM.appendChild(document.createElement('div'));
    marks.className = 'cm-proc-layer';
    marks.setAttribute('aria-hidden', 'true');
    setLayer(marks);
    return () => {
      v.destroy();
      view.current = null;
      setLayer(null);
    };
    // The editor is created once; later props flow in through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A new program from outside (an example, a link): replace the document.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value }, annotations: fromOutside.of(true) });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: phrases.current.reconfigure(EditorState.phrases.of(editorPhrases(lang))) });
  }, [lang]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]) });
  }, [readOnly]);

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

  return (
    <div className="code-editor" ref={host} data-error-line={error?.line ?? undefined}>
      {layer && createPortal(<CursorMarks cursors={cursors} geometry={geometry} labels={labels} />, layer)}
    </div>
  );
}
