/**
 * The per-event tables by kind code (which kinds move an item, which need their payload) are asked
 * once per drained event: a code must find its own entry and no other, whatever the number of kinds.
 */
import { describe, expect, it } from 'vitest';
import { EK, EVENT_KINDS } from '../core/events';
import { EventLog } from './eventLog';
import { movesItem } from './liveRun';

describe('tables by event kind code', () => {
  it('every kind answers for itself: only put, get, send and recv move an item', () => {
    const moving = EVENT_KINDS.filter((_, code) => movesItem(code));
    expect(moving).toEqual(['put', 'get', 'send', 'recv']);
  });

  it('a code past the kinds (64 or 256 more than a kind that counts) aliases no kind', () => {
    for (const k of [EK.put, EK.get, EK.send, EK.recv]) {
      expect(movesItem(k + 64)).toBe(false);
      expect(movesItem(k + 256)).toBe(false);
    }
    for (const k of [EK.put, EK.write, EK.raise]) {
      expect(EventLog.needsPayload(k)).toBe(true);
      expect(EventLog.needsPayload(k + 64)).toBe(false);
      expect(EventLog.needsPayload(k + 256)).toBe(false);
    }
    expect(movesItem(-1)).toBe(false);
    expect(EventLog.needsPayload(EVENT_KINDS.length)).toBe(false);
  });
});
