import { describe, expect, it } from 'vitest';
import { appendEvent, decodeEvent, EK, RingReader } from './events';
import { Memory, PAYLOAD_BYTES } from './layout';

describe('event rings (single thread)', () => {
  it('merges per-process rings back into global sequence order', () => {
    const mem = Memory.create({ maxProcs: 3, ringEvents: 8, heapWords: 16 });
    const order = [2, 0, 1, 1, 0, 2, 2, 0];
    order.forEach((pid, i) => appendEvent(mem, pid, EK.note, -1, i, 0, 0, 0));
    const seen: [number, number][] = [];
    new RingReader(mem).drain((pid, rec) => {
      const e = decodeEvent(mem, pid, rec);
      seen.push([e.seq, e.arg]);
    });
    expect(seen).toEqual(order.map((_, i) => [i, i]));
  });

  it('keeps a long payload whole up to the limit and cuts on a character boundary', () => {
    const mem = Memory.create({ maxProcs: 1, ringEvents: 4, heapWords: 16 });
    const text = '票'.repeat(20); // 3 bytes each: 60 bytes
    appendEvent(mem, 0, EK.note, -1, 0, 0, 0, 0, text);
    appendEvent(mem, 0, EK.note, -1, 0, 0, 0, 0, 'short');
    const got: string[] = [];
    new RingReader(mem).drain((pid, rec) => got.push(decodeEvent(mem, pid, rec).payload));
    expect(got[0]).toBe('票'.repeat(Math.floor(PAYLOAD_BYTES / 3)) + '…');
    expect(got[1]).toBe('short');
  });
});
