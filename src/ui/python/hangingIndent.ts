/**
 * Wrapped lines keep their indentation. On a phone the program wraps, and CodeMirror's wrapping broke a long
 * indented statement right after its indentation: `        time.sleep(random.uniform(0.1, 0.3))` showed as an
 * empty row and then `time.sleep(…` at column 0, which a learner reads as a line outside the loop (in Python the
 * indentation is the meaning). Each line gets a hanging indent (its rows after the first start two columns in
 * from its first character, read as a continuation) and its indentation is one unbreakable run, so the first
 * row keeps the statement's start.
 * Classes, not style attributes: the page's CSP refuses inline styles (editorStyles.ts).
 */
import { type Extension } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';

/** The deepest indentation (columns) with a hang of its own; deeper lines hang at this depth. */
export const MAX_HANG = 40;

/** Columns of a line's leading spaces and tabs (a tab reaches the next multiple of `tabSize`). */
export function indentColumns(text: string, tabSize: number): number {
  let col = 0;
  for (const ch of text) {
    if (ch === ' ') col++;
    else if (ch === '\t') col += tabSize - (col % tabSize);
    else break;
  }
  return col;
}

const lead = Decoration.mark({ class: 'cm-lead' });
const hangs = Array.from({ length: MAX_HANG + 1 }, (_, n) => Decoration.line({ class: `cm-hang-${n}` }));

function build(view: EditorView): DecorationSet {
  const found = [];
  let last = -1;
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to; ) {
      const line = view.state.doc.lineAt(pos);
      pos = line.to + 1;
      if (line.number === last) continue;
      last = line.number;
      const indent = /^[ \t]*/.exec(line.text)![0].length;
      // A blank line has nothing to hang.
      if (indent === line.length) continue;
      found.push(hangs[Math.min(MAX_HANG, indentColumns(line.text, view.state.tabSize))]!.range(line.from));
      if (indent > 0) found.push(lead.range(line.from, line.from + indent));
    }
  }
  return Decoration.set(found, true);
}

const plugin = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = build(view);
    }
    update(u: ViewUpdate) {
      if (u.docChanged || u.viewportChanged) this.decorations = build(u.view);
    }
  },
  { decorations: (p) => p.decorations },
);

/** Rows after a line's first go this much further in than its first character: a continuation, not a statement. */
const CONTINUATION = 2;

/** `ch` is a space's width in the editor's monospace font; 6px is CodeMirror's own left padding of a line. */
const theme = EditorView.theme({
  '.cm-lead': { whiteSpace: 'pre' },
  ...Object.fromEntries(hangs.map((_, n) => [`.cm-line.cm-hang-${n}`, { paddingLeft: `calc(${n + CONTINUATION}ch + 6px)`, textIndent: `-${n + CONTINUATION}ch` }])),
});

/** Indented lines wrap under their first character (with EditorView.lineWrapping). */
export function hangingIndent(): Extension {
  return [plugin, theme];
}
