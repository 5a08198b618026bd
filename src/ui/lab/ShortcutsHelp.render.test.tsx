// @vitest-environment happy-dom
/**
 * The shortcuts list renders once, not with its parent: the Python lab renders with every snapshot of a
 * run (issue 9's frame gaps), and the list never changes with one.
 */
import { act, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { expect, it, vi } from 'vitest';

let renders = 0;
vi.mock('../app/useT', () => ({
  useT: () => {
    renders++;
    return (key: string) => key;
  },
}));

const { ShortcutsHelp } = await import('./ShortcutsHelp');

it('does not render again when its parent renders with a new snapshot', async () => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  let nextFrame: (n: number) => void = () => undefined;
  function Lab() {
    const [frame, setFrame] = useState(0);
    nextFrame = setFrame;
    return (
      <div data-frame={frame}>
        <ShortcutsHelp />
      </div>
    );
  }
  const root = createRoot(document.body.appendChild(document.createElement('div')));
  await act(async () => root.render(<Lab />));
  for (let i = 1; i <= 5; i++) await act(async () => nextFrame(i));
  expect(document.querySelector('[data-frame="5"] .keys-button')).not.toBeNull();
  expect(renders).toBe(1);
  await act(async () => root.unmount());
});
