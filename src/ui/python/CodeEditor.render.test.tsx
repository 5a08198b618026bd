// @vitest-environment happy-dom
/**
 * The editor's process cursors while a run moves them (issue 9's frame gaps): a move must not be an editor
 * update. Each CodeMirror update read the page's selection (a forced layout of the whole page inside React's
 * commit) and measured the editor again; the cursors are drawn in a layer of their own instead.
 */
import { act } from 'react';
import { EditorView } from '@codemirror/view';
import { describe, expect, it, vi } from 'vitest';
import { CodeEditor, type LineCursor } from './CodeEditor';
import { cursorsByLine } from './cursorMarks';
import { rootPerTest } from '../testing/reactRoot';
import { useAppStore } from '../../app/appStore';

const PROGRAM = ['from multiprocessing import Process', '', 'def work(i):', '    print(i)', '', "if __name__ == '__main__':", '    Process(target=work, args=(1,)).start()'].join('\n');
const noEdits = () => undefined;

const at = rootPerTest();

const show = (cursors: LineCursor[], labels = true) => act(async () => at.root.render(<CodeEditor value={PROGRAM} onChange={noEdits} readOnly cursors={cursors} error={null} label="Program" labels={labels} />));
const editorView = () => EditorView.findFromDOM(at.host.querySelector('.cm-editor') as HTMLElement)!;
/**
 * Until CodeMirror's next measure cycle (an animation frame) has run: the line geometry the editor asked
 * for at its first draw is read and reported in it. Waits for the cycle, not for a time (a loaded machine
 * runs the frame late).
 */
const frame = () => act(() => new Promise<void>((done) => editorView().requestMeasure({ read: () => null, write: () => done() })));
const marks = () => [...at.host.querySelectorAll('.cm-proc-layer .cm-proc-line')].map((m) => ({ line: Number(m.getAttribute('data-line')), procs: m.getAttribute('data-procs'), label: m.querySelector('.cm-proc-names')?.textContent ?? null }));

describe('CodeEditor: process cursors', () => {
  it('marks each line that has processes, under the text, and a move is no editor update', async () => {
    await show([]);
    await frame();
    const dispatch = vi.spyOn(EditorView.prototype, 'dispatch');
    await show([{ pid: 0, line: 7, name: 'MainProcess' }]);
    await show([{ pid: 0, line: 7, name: 'MainProcess' }, { pid: 1, line: 3, name: 'Process-1' }]);
    await show([{ pid: 0, line: 7, name: 'MainProcess' }, { pid: 1, line: 4, name: 'Process-1' }, { pid: 2, line: 4, name: 'Process-2' }]);
    await frame();
    expect(dispatch).not.toHaveBeenCalled();
    expect(at.host.querySelector('.cm-scroller > .cm-proc-layer')?.getAttribute('aria-hidden')).toBe('true');
    expect(marks()).toEqual([
      { line: 4, procs: 'Process-1, Process-2', label: '◂ Process-1, Process-2' },
      { line: 7, procs: 'MainProcess', label: '◂ MainProcess' },
    ]);
    await show([]);
    expect(marks()).toEqual([]);
  });

  it('names the processes only where asked (the Python lab marks lines without names)', async () => {
    await show([{ pid: 1, line: 4, name: 'Process-1' }], false);
    await frame();
    expect(marks()).toEqual([{ line: 4, procs: 'Process-1', label: null }]);
  });

  it('ignores a cursor past the program (a stale snapshot of a longer one)', async () => {
    await show([{ pid: 1, line: 99, name: 'Process-1' }]);
    await frame();
    expect(marks()).toEqual([]);
  });
});

describe('CodeEditor: a program from outside', () => {
  it('is no edit: onChange is for what the learner types (an example reported as an edit reloaded the run 500 ms later, dropping a Run pressed meanwhile)', async () => {
    const onChange = vi.fn();
    const render = (value: string) => act(async () => at.root.render(<CodeEditor value={value} onChange={onChange} readOnly={false} cursors={[]} error={null} label="Program" />));
    await render(PROGRAM);
    await render('print(2)\n');
    expect(at.host.querySelector('.cm-content')?.textContent).toBe('print(2)');
    expect(onChange).not.toHaveBeenCalled();
    const view = EditorView.findFromDOM(at.host.querySelector('.cm-editor') as HTMLElement)!;
    act(() => view.dispatch({ changes: { from: 0, insert: '# typed\n' } }));
    expect(onChange).toHaveBeenCalledExactlyOnceWith('# typed\nprint(2)\n');
  });
});

describe('cursorsByLine', () => {
  it('groups by line in line order, keeping each line’s order', () => {
    const a = { pid: 1, line: 5, name: 'a' };
    const b = { pid: 2, line: 2, name: 'b' };
    const c = { pid: 3, line: 5, name: 'c' };
    expect(cursorsByLine([a, b, c])).toEqual([
      [2, [b]],
      [5, [a, c]],
    ]);
  });
});

describe("CodeEditor: CodeMirror's own words", () => {
  it('are in the page\'s language, and follow a switch (a fold marker\'s title read "Fold line" in Chinese)', async () => {
    const titles = () => [...new Set([...at.host.querySelectorAll('.cm-foldGutter [title]')].map((m) => m.getAttribute('title')))];
    // Until the parser has reached a foldable line and its open marker (⌄, in any language) is drawn: a loaded
    // machine's first 20 ms of parsing stop short of it, and the rest runs 0.1-0.5 s later in the background.
    // Till then the gutter holds only its hidden spacer, titled 'Unfold line'.
    const foldable = () => vi.waitFor(() => expect([...at.host.querySelectorAll('.cm-foldGutter [title]')].some((m) => m.textContent === '⌄')).toBe(true), { timeout: 30_000, interval: 20 });
    useAppStore.setState({ lang: 'zh' });
    try {
      await show([]);
      await foldable();
      expect(titles()).toContain('折叠该行');
      expect(titles().filter((t) => /[A-Za-z]/.test(t ?? ''))).toEqual([]);
      await act(async () => useAppStore.setState({ lang: 'en' }));
      expect(titles()).toContain('Fold line');
    } finally {
      useAppStore.setState({ lang: 'en' });
    }
  });
});
