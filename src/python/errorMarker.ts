/**
 * Where the editor marks an error: the line (and for a SyntaxError the column)
 * of the first process that died of an uncaught exception, read off the
 * traceback it printed, as the learner reads it in the console.
 */
export interface ErrorMarker {
  pid: number;
  line: number;
  column?: number;
  message: string;
}

const FILE_LINE = /^ {2}File "main\.py", line (\d+)/;
const ERROR_LINE = /^([A-Za-z_][\w.]*(?:Error|Exception|Interrupt|Exit|Warning|Full|Empty))(?::|$)/;

export function errorMarker(lines: readonly { pid: number; text: string }[], source: string): ErrorMarker | null {
  const src = source.split('\n');
  const pending = new Map<number, { line: number; column?: number }>();
  for (let i = 0; i < lines.length; i++) {
    const { pid, text } = lines[i]!;
    const at = FILE_LINE.exec(text);
    if (at) {
      const line = Number(at[1]);
      // A SyntaxError shows the code stripped and indented by 4, then carets under the column.
      const caret = lines[i + 2]?.pid === pid ? /^( {4}\s*)\^/.exec(lines[i + 2]!.text) : null;
      const column = caret && lines[i + 1]?.pid === pid ? caret[1]!.length - 4 + (src[line - 1]?.match(/^\s*/)?.[0].length ?? 0) + 1 : undefined;
      pending.set(pid, { line, column });
      continue;
    }
    const err = ERROR_LINE.exec(text);
    const where = pending.get(pid);
    if (err && where) return { pid, line: where.line, column: text.startsWith('SyntaxError') ? where.column : undefined, message: text };
  }
  return null;
}
