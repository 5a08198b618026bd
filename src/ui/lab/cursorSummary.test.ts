import { describe, expect, it } from 'vitest';
import { summarizeCursors } from './cursorSummary';

const at = (line: number, pids: number[]) => pids.map((pid) => ({ pid, line, name: `p${pid}` }));
const more = (n: number) => `and ${n} more`;

describe('summarizeCursors', () => {
  it('keeps every cursor while a line holds at most max + 1 (a count would name no fewer)', () => {
    const cursors = [...at(3, [1, 2, 3, 4]), ...at(5, [5])];
    expect(summarizeCursors(cursors, 3, more)).toEqual(cursors);
  });

  it('names the first max on a crowded line and counts the rest, in the colour of the first counted', () => {
    const out = summarizeCursors([...at(7, [10, 11, 12, 13, 14, 15]), ...at(2, [1])], 3, more);
    expect(out).toEqual([...at(7, [10, 11, 12]), { pid: 13, line: 7, name: 'and 3 more' }, ...at(2, [1])]);
  });

  it('stays small with a thousand processes on one line', () => {
    const out = summarizeCursors(at(4, Array.from({ length: 1000 }, (_, i) => i + 1)), 3, more);
    expect(out.map((c) => c.name)).toEqual(['p1', 'p2', 'p3', 'and 997 more']);
  });
});
