import { describe, expect, it } from 'vitest';
import { Gate, H, Memory, S, State } from '../core/layout';
import { movesWhenScheduled, observedStatus, runStatus } from './scheduler';

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

  it('a grant under way (an odd grant count) reads running, whatever the table says', () => {
    const mem = scheduled(Gate.parked, State.blocked);
    expect(observedStatus(mem)).toBe('deadlock');
    Atomics.add(mem.i32, H.grants, 1);
    expect(observedStatus(mem)).toBe('running');
  });

  it('a step that runs during the scan (main read blocked before the child woke it, the child read after it ended) is not a deadlock', () => {
    /** Main joins the child, parked at its next op; reading the child's slot first lets the kernel grant it: it wakes main and ends. */
    function steppedDuringScan(): Memory {
      const mem = scheduled(Gate.parked, State.ready);
      const load = mem.load.bind(mem);
      let stepped = false;
      mem.load = (pid, field) => {
        if (pid === 1 && !stepped) {
          stepped = true;
          Atomics.add(mem.i32, H.grants, 1);
          mem.store(0, S.state, State.ready);
          mem.store(1, S.state, State.done);
          Atomics.add(mem.i32, H.grants, 1);
        }
        return load(pid, field);
      };
      return mem;
    }
    // The bare scan is torn: main as it was before the step, the child as it is after.
    const torn = steppedDuringScan();
    expect(runStatus(torn, (pid) => movesWhenScheduled(torn, pid))).toBe('deadlock');
    const mem = steppedDuringScan();
    expect(observedStatus(mem)).toBe('running');
    // Looked at again, the table is one moment's: main is ready.
    expect(observedStatus(mem)).toBe('running');
    mem.store(0, S.state, State.done);
    expect(observedStatus(mem)).toBe('finished');
  });
});
