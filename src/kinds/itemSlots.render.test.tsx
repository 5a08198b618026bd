// @vitest-environment happy-dom
/** A queue's slots: a bounded queue draws its capacity, an unbounded one (queue, pipe, task list) only its items and an open end. */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { ItemSlots, LayoutAnimations } from './cardParts';
import { rootPerTest } from '../ui/testing/reactRoot';

const item = (serial: number) => ({ serial, json: String(serial), by: 1 });

describe('ItemSlots', () => {
  const at = rootPerTest();

  const draw = async (items: number[], max?: number, animate = false) => {
    await act(async () =>
      at.root.render(
        <LayoutAnimations.Provider value={animate}>
          <ItemSlots items={items.map(item)} max={max} lanes={[]} madeBy={(n) => n} />
        </LayoutAnimations.Provider>,
      ),
    );
    return { items: at.host.querySelectorAll('.queue-item').length, empty: at.host.querySelectorAll('.queue-slot-empty').length, open: at.host.querySelectorAll('.queue-open').length };
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
