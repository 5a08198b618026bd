import { describe, expect, it } from 'vitest';
import { EK } from '../core/events';
import { EventLog } from './eventLog';

describe('EventLog', () => {
  it('keeps process ids past 255 (runs have up to 1,024 processes) through growth', () => {
    const log = new EventLog();
    for (let i = 0; i < 3000; i++) log.push(i % 1024 + 1, EK.acquire, 0, 0, 0, 1, i, null);
    expect(log.length).toBe(3000);
    expect(log.pid[999]).toBe(1000);
    expect(log.pid[2047]).toBe(1024);
  });
});
