/**
 * The source view's cursors with many processes on one line: the editor writes each line's cursors into
 * the line (a band of colour per process, their names after the text), so a line holding 900 of 1,000
 * clients would carry a 900-stop gradient and 900 names, restyled and laid out again whenever one of
 * them moves (hundreds of ms a frame). Past `max` per line, the first `max` are named and one more
 * cursor stands for the rest ("and 897 more", in the colour of the first of them).
 */
/** A process's cursor on a source line (the editor's LineCursor). */
interface LineCursor {
  pid: number;
  line: number;
  name: string;
}

/** Processes named on one source line; the others are counted. */
export const NAMED_PER_LINE = 3;

export function summarizeCursors(cursors: readonly LineCursor[], max: number, more: (n: number) => string): LineCursor[] {
  const byLine = new Map<number, LineCursor[]>();
  for (const c of cursors) {
    const here = byLine.get(c.line);
    if (here) here.push(c);
    else byLine.set(c.line, [c]);
  }
  const out: LineCursor[] = [];
  for (const here of byLine.values()) {
    if (here.length <= max + 1) out.push(...here);
    else out.push(...here.slice(0, max), { pid: here[max]!.pid, line: here[max]!.line, name: more(here.length - max) });
  }
  return out;
}
