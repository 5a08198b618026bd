// @vitest-environment happy-dom
/** A queue's slots: a bounded queue draws its capacity, an unbounded one (queue, pipe, task list) only its items and an open end. */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ItemSlots, LayoutAnimations } from './cardParts';

const item = (serial: number) => ({ serial, json: String(serial), by: 1 });

describe('ItemSlots', () => {
  let root: Root;
  let host: HTMLElement;
  beforeEach(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    host = document.body.appendChild(document.createElement('div'));
    root = createRoot(host);
  });
  afterEach(async () => {
    await act(async () => root.unmount());
    host.remove();
  });

  const draw = async (items: number[], max?: number, animate = false) => {
    await act(async () =>
      root.render(
        <LayoutAnimations.Provider value={animate}>
          <ItemSlots items={items.map(item)} max={max} lanes={[]} madeBy={(n) => n} />
        </LayoutAnimations.Provider>,
      ),
    );
    return { items: host.querySelectorAll('.queue-item').length, empty: host.querySelectorAll('.queue-slot-empty').length, open: host.querySelectorAll('.queue-open').length };
  };

  it('an empty unbounded queue is an open end, not 4 empty slots', async () => {
    expect(await draw([])).toEqual({ items: 0, empty: 0, open: 1 });
    expect(await draw([], 0, true)).toEqual({ items: 0, empty: 0, open: 1 });
  });

  it('an unbounded queue draws its items and the open end; a bounded one fills its capacity with empty slots', async () => {
    expect(await draw([1, 2, 3])).toEqual({ items: 3, empty: 0, open: 1 });
    expect(await draw([1, 2], 8)).toEqual({ items: 2, empty: 6, open: 0 });
    expect(await draw([], 3)).toEqual({ items: 0, empty: 3, open: 0 });
  });
});
