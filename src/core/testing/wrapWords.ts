/**
 * Test seam (tests only, never a run's setting): start the event log's 32-bit words near where they wrap,
 * so the property tests cross 2^31 (the words turn negative) and 2^32 (they pass 0 again) in a few
 * thousand events instead of billions. Call it on a fresh memory before any event, and give the run's
 * reader the same start (`reader.next = seq | 0`).
 */
import { H, Memory, S } from '../layout';

/** Words this far below 2^31 and 2^32, and 0 (no wrap: the control). */
export function wrapStarts(before: number): { name: string; at: number }[] {
  return [
    { name: 'from 0', at: 0 },
    { name: 'across 2^31', at: 2 ** 31 - before },
    { name: 'across 2^32', at: 2 ** 32 - before },
  ];
}

/**
 * `H.seq` = `seq` and every ring's head and tail = `ring(pid)` (each as a 32-bit word), so the rings wrap
 * at other moments than the sequence number. Returns `seq` as the word a reader's `next` starts at.
 */
export function startWordsAt(mem: Memory, seq: number, ring: (pid: number) => number = () => seq): number {
  const i32 = mem.i32;
  Atomics.store(i32, H.seq, seq | 0);
  for (let pid = 0; pid < mem.layout.cfg.maxProcs; pid++) {
    const slot = mem.layout.slot(pid);
    Atomics.store(i32, slot + S.ringHead, ring(pid) | 0);
    Atomics.store(i32, slot + S.ringTail, ring(pid) | 0);
  }
  return seq | 0;
}
