import { describe, expect, it } from 'vitest';
import { Gate, H, Memory, S, State } from '../core/layout';
import { movesWhenScheduled, runStatus } from './scheduler';

/** Two processes, both blocked without a timeout (main joins, the child waits on a lock word). */
function bothBlocked(): { mem: Memory; word: number } {
  const mem = Memory.create({ maxProcs: 2, ringEvents: 8, heapWords: 16 });
  Atomics.store(mem.i32, H.nextPid, 2);
  const word = mem.layout.heap;
  for (const pid of [0, 1]) {
    mem.store(pid, S.state, State.blocked);
    mem.storeF(pid, S.deadline, Infinity);
  }
  // The child futex-waits on `word` while it holds 2 (a contended lock), as Runtime.waitWord publishes it.
  Atomics.store(mem.i32, word, 2);
  mem.store(1, S.waitSeen, 2);
  mem.store(1, S.waitAt, word + 1);
  return { mem, word };
}

describe('runStatus under the parallel policy', () => {
  it('everyone blocked on words that have not changed is a deadlock', () => {
    expect(runStatus(bothBlocked().mem)).toBe('deadlock');
  });

  it('a blocked process whose wait word changed has been woken: running, not a deadlock, until it runs', () => {
    const { mem, word } = bothBlocked();
    Atomics.store(mem.i32, word, 0); // the holder released the lock and left; the OS has not run the waiter yet
    expect(runStatus(mem)).toBe('running');
  });

  it('a process that never waited on a word (waitAt 0) is judged by its state alone', () => {
    const { mem } = bothBlocked();
    mem.store(1, S.waitAt, 0);
    expect(runStatus(mem)).toBe('deadlock');
  });
});

describe('runStatus under a scheduled mode (the view asks with movesWhenScheduled)', () => {
  /** Main blocked and parked at its gate (a join); the child in `gate` and `state`. */
  function scheduled(gate: number, state: number): Memory {
    const mem = Memory.create({ maxProcs: 2, ringEvents: 8, heapWords: 16 });
    Atomics.store(mem.i32, H.nextPid, 2);
    mem.store(0, S.state, State.blocked);
    mem.storeF(0, S.deadline, Infinity);
    mem.store(0, S.gate, Gate.parked);
    mem.store(1, S.state, state);
    mem.store(1, S.gate, gate);
    mem.storeF(1, S.deadline, Infinity);
    return mem;
  }
  const status = (mem: Memory) => runStatus(mem, (pid) => movesWhenScheduled(mem, pid));

  it('a process between its grant and its next park is moving: a snapshot taken mid-step is not a deadlock', () => {
    expect(status(scheduled(Gate.granted, State.running))).toBe('running');
    expect(status(scheduled(Gate.running, State.running))).toBe('running');
  });

  it('everyone parked and blocked without a timeout is a deadlock', () => {
    expect(status(scheduled(Gate.parked, State.blocked))).toBe('deadlock');
  });
});
