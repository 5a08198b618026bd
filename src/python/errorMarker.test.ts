import { describe, expect, it } from 'vitest';
import { errorMarker } from './errorMarker';

describe('errorMarker', () => {
  it('finds a syntax error’s line and column from the caret line', () => {
    const lines = ['  File "main.py", line 2', '    if x = 2:', '       ^^^^^', "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?"].map((text) => ({ pid: 0, text }));
    expect(errorMarker(lines, 'x = 1\n  if x = 2:\n')).toEqual({ pid: 0, line: 2, column: 6, message: lines[3]!.text });
  });

  it('takes the innermost learner frame of a traceback, skipping other processes’ lines', () => {
    const lines = [
      { pid: 1, text: 'Process Process-1:' },
      { pid: 1, text: 'Traceback (most recent call last):' },
      { pid: 1, text: '  File "main.py", line 9, in <module>' },
      { pid: 0, text: 'hello' },
      { pid: 1, text: '  File "main.py", line 4, in bad' },
      { pid: 1, text: "    return d['missing']" },
      { pid: 1, text: "KeyError: 'missing'" },
    ];
    expect(errorMarker(lines, '')).toEqual({ pid: 1, line: 4, column: undefined, message: "KeyError: 'missing'" });
  });

  it('is null without a traceback', () => {
    expect(errorMarker([{ pid: 0, text: 'ValueError: just printed' }], '')).toBeNull();
  });
});
