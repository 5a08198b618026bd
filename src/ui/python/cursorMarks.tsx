/**
 * The process cursors of the code editor, drawn beside CodeMirror rather than through it. A cursor that
 * moved used to be a decoration dispatched to the editor, and every CodeMirror update reads the page's
 * selection (a forced layout of the whole page, in the middle of React's commit) and then measures the
 * editor again: 15–25 ms of main-thread CPU per move in the queue stress. Here the editor is left alone
 * while a run plays: where each line is drawn is read once per layout change, in CodeMirror's own
 * measure phase, and a move only restyles a few absolutely positioned elements in a layer under the text.
 */
import { memo, type CSSProperties } from 'react';
import { ViewPlugin, type EditorView, type ViewUpdate } from '@codemirror/view';

/** Where a process is: its pid (for the colour) and 1-based line. */
export interface LineCursor {
  pid: number;
  line: number;
  name: string;
}

/** One document line as drawn, in the scroller's content coordinates (px). */
export interface LineBox {
  top: number;
  height: number;
  /** Where the line's text ends (its last visual row), or null when the line is not drawn (outside the editor's viewport). */
  end: { left: number; top: number } | null;
}

/** Where the lines are: `left` is the text column's left edge (after the gutters). */
export interface LineGeometry {
  left: number;
  lines: LineBox[];
}

export const NO_GEOMETRY: LineGeometry = { left: 0, lines: [] };

/** Read in CodeMirror's measure phase (layout is clean then; nothing here writes). */
export function readGeometry(view: EditorView): LineGeometry {
  const scroller = view.scrollDOM;
  const box = scroller.getBoundingClientRect();
  const baseLeft = box.left - scroller.scrollLeft;
  const baseTop = box.top - scroller.scrollTop;
  const docTop = view.documentTop - baseTop;
  const left = view.contentDOM.getBoundingClientRect().left - baseLeft;
  const { doc } = view.state;
  const lines: LineBox[] = [];
  for (let n = 1; n <= doc.lines; n++) {
    const line = doc.line(n);
    // The height map, not the DOM: no layout read per line.
    const block = view.lineBlockAt(line.from);
    const end = line.from >= view.viewport.from && line.to <= view.viewport.to ? view.coordsAtPos(line.to, -1) : null;
    lines.push({ top: docTop + block.top, height: block.height, end: end && { left: end.right - baseLeft, top: end.top - baseTop } });
  }
  return { left, lines };
}

const sameGeometry = (a: LineGeometry, b: LineGeometry) => JSON.stringify(a) === JSON.stringify(b);

/**
 * An editor extension that reports the line geometry to `report` when it may have changed (first draw,
 * sizes, heights, viewport, document) and only then, from CodeMirror's measure cycle.
 */
export function lineGeometry(report: (g: LineGeometry) => void) {
  return ViewPlugin.define((view) => {
    let last = NO_GEOMETRY;
    const request = {
      key: 'lockstep-line-geometry',
      read: readGeometry,
      write: (g: LineGeometry) => {
        if (sameGeometry(g, last)) return;
        last = g;
        report(g);
      },
    };
    view.requestMeasure(request);
    return {
      update(u: ViewUpdate) {
        if (u.geometryChanged || u.heightChanged || u.viewportChanged || u.docChanged) u.view.requestMeasure(request);
      },
    };
  });
}

/** The cursors grouped by line, in line order, each line's in the order given. */
export function cursorsByLine(cursors: readonly LineCursor[]): [number, LineCursor[]][] {
  const byLine = new Map<number, LineCursor[]>();
  for (const c of cursors) {
    const here = byLine.get(c.line);
    if (here) here.push(c);
    else byLine.set(c.line, [c]);
  }
  return [...byLine].sort((a, b) => a[0] - b[0]);
}

/** A vertical gradient with one equal band per process colour. */
function stripe(here: LineCursor[]): string {
  const n = here.length;
  return `linear-gradient(${here.map((c, i) => `var(--p${c.pid % 10}) ${(i / n) * 100}% ${((i + 1) / n) * 100}%`).join(', ')})`;
}

/**
 * One mark per line that has processes on it (class cm-proc-line, data-line, data-procs): the first one's
 * colour (--cursor), every one's in bands (--stripe), and with `labels` their names after the line's text.
 */
export const CursorMarks = memo(function CursorMarks({ cursors, geometry, labels }: { cursors: readonly LineCursor[]; geometry: LineGeometry; labels: boolean }) {
  return (
    <>
      {cursorsByLine(cursors).map(([line, here]) => {
        const box = geometry.lines[line - 1];
        if (!box) return null;
        const names = here.map((c) => c.name).join(', ');
        const style = { top: box.top, height: box.height, left: geometry.left, '--cursor': `var(--p${here[0]!.pid % 10})`, '--stripe': stripe(here) } as CSSProperties;
        // After the text's end (lab.css keeps room for it there); a line not drawn yet has none.
        const after = box.end !== null;
        return (
          <div key={line} className="cm-proc-line" data-line={line} data-procs={names} style={style}>
            {labels && (
              <span className={after ? 'cm-proc-names' : 'cm-proc-names at-edge'} style={after ? { top: box.end!.top - box.top, left: box.end!.left - geometry.left } : undefined}>
                ◂ {names}
              </span>
            )}
          </div>
        );
      })}
    </>
  );
});
