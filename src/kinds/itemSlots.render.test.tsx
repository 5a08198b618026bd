// @vitest-environment happy-dom
/** A queue's slots: a bounded queue draws its capacity, an unbounded one (queue, pipe, task list) only its items and an open end. */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { ItemSlots, LayoutAnimations, TakenList } from './cardParts';
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

  // A fast run (no layout animations) changes a queue's items several times a second: the slots stay the same
  // elements and change their text and class, so the page makes and drops no element for them (keyed by serial, a
  // queue moving on by 3 items dropped 3 elements and made 3).
  it('without animations a slot is one element however its items move on; an item taking a free slot reuses it', async () => {
    await draw([1, 2, 3], 8);
    const before = [...at.host.querySelectorAll('li')];
    expect(await draw([4, 5, 6, 7], 8)).toEqual({ items: 4, empty: 4, open: 0 });
    const after = [...at.host.querySelectorAll('li')];
    expect(after).toHaveLength(8);
    after.forEach((li, i) => expect(li).toBe(before[i]));
    expect(after.map((li) => li.textContent)).toEqual(['4', '5', '6', '7', '', '', '', '']);
    expect(after.map((li) => li.getAttribute('aria-hidden'))).toEqual([null, null, null, null, 'true', 'true', 'true', 'true']);
  });
});

describe('TakenList', () => {
  const at = rootPerTest();
  const taken = (serials: number[]) => serials.map((serial) => ({ serial, json: String(serial), by: 1, takenBy: 2 }));
  const draw = async (serials: number[]) => {
    await act(async () => at.root.render(<TakenList items={taken(serials)} label="taken" line={(it) => `by ${it.takenBy}`} />));
    return [...at.host.querySelectorAll('li')];
  };

  it('a take shifts the text of the same elements, none made or dropped', async () => {
    const before = await draw([1, 2, 3]);
    const after = await draw([2, 3, 4]);
    after.forEach((li, i) => expect(li).toBe(before[i]));
    expect(after.map((li) => li.textContent)).toEqual(['2 by 2', '3 by 2', '4 by 2']);
  });
});
