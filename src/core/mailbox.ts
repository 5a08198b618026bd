/**
 * A one-way command channel from the page to one process (the queue
 * playground): the page posts without ever blocking; the process takes with a
 * blocking op. While it waits it is flagged "awaiting input", so a run whose
 * processes all wait for the learner is paused, not deadlocked.
 *
 * Single writer (the page), single reader (the process): no lock is needed,
 * only ordered stores.
 *
 * @example
 *   // page:    Mailbox.post(mem, box.info.base, { call: 'put(x)', x: 3 })
 *   // process: const cmd = box.take();
 */
import { EK } from './events';
import { PyError } from './errors';
import { Flag, S, type Memory } from './layout';
import type { ObjectInfo, World } from './world';

const M = { posted: 0, taken: 1, words: 2 } as const;
const SLOTS = 16;
const SLOT_BYTES = 124;
const SLOT_WORDS = 1 + SLOT_BYTES / 4;

export class Mailbox {
  readonly info: ObjectInfo;

  constructor(
    private readonly world: World,
    name = 'mailbox',
  ) {
    this.info = world.allocate('mailbox', name, M.words + SLOTS * SLOT_WORDS);
  }

  get id(): number {
    return this.info.id;
  }

  /** Page side: enqueue a command; false when the box is full or the command too long. */
  static post(mem: Memory, info: ObjectInfo, command: unknown): boolean {
    const i32 = mem.i32;
    const posted = Atomics.load(i32, info.base + M.posted);
    if (posted - Atomics.load(i32, info.base + M.taken) >= SLOTS) return false;
    const slot = info.base + M.words + (posted % SLOTS) * SLOT_WORDS;
    const n = mem.writeBytes((slot + 1) * 4, SLOT_BYTES, JSON.stringify(command));
    if (n < 0) return false;
    Atomics.store(i32, slot, n);
    Atomics.store(i32, info.base + M.posted, posted + 1);
    Atomics.notify(i32, info.base + M.posted);
    return true;
  }

  /** Commands posted and not yet taken. */
  static pending(mem: Memory, info: ObjectInfo): number {
    return Atomics.load(mem.i32, info.base + M.posted) - Atomics.load(mem.i32, info.base + M.taken);
  }

  /** Process side: wait for the next command (parallel mode only: it waits on a real futex). */
  take(): unknown {
    const rt = this.world.rt;
    const i32 = this.world.mem.i32;
    const base = this.info.base;
    if (rt.scheduled) throw PyError.said('RuntimeError', 'runtime.parallelOnly');
    rt.op(EK.get, this.id, rt.line);
    const at = rt.mem.at(rt.pid, S.flags);
    Atomics.or(i32, at, Flag.awaitingInput);
    const taken = Atomics.load(i32, base + M.taken);
    rt.waitFor(this.id, EK.get, rt.line, base + M.posted, () => (Atomics.load(i32, base + M.posted) > taken ? true : undefined), null);
    Atomics.and(i32, at, ~Flag.awaitingInput);
    const slot = base + M.words + (taken % SLOTS) * SLOT_WORDS;
    const json = this.world.mem.readBytes((slot + 1) * 4, Atomics.load(i32, slot));
    Atomics.store(i32, base + M.taken, taken + 1);
    return JSON.parse(json) as unknown;
  }
}
