/** What the hot-path micro-bench's main thread and its writer threads agree on. */
import { Console } from '../../core/data';
import type { Lock } from '../../core/sync';
import type { World } from '../../core/world';

export interface HotJob {
  what: 'emit' | 'emitFixedClock' | 'emitFlood' | 'lock' | 'futex';
  /** Ops (events, pairs) this writer does. */
  n: number;
  /** The start word's value to wait past. */
  round: number;
}

/** The bench's shared objects, allocated in the same order in every context (so at the same words). */
export function benchObjects(world: World, makeLock: (w: World) => Lock) {
  const lock = makeLock(world);
  const words = world.allocate('value', 'words', 4);
  const console = new Console(world, 16, 1024);
  // A bare futex word (the baseline), a plain counter bumped inside each critical section, the start word.
  return { lock, console, raw: words.base, counter: words.base + 1, start: words.base + 2 };
}

/** This thread's scheduler figures (Linux /proc/thread-self): CPU time, time waiting for a core, sleeps, preemptions. */
export interface ThreadSched {
  cpuNs: number;
  runqueueNs: number;
  /** Voluntary context switches: the thread slept (Atomics.wait, an idle event loop). */
  sleeps: number;
  /** Involuntary ones: the kernel took the core away. */
  preempted: number;
}

/** Read this thread's ThreadSched (zeros where /proc is absent). */
export function threadSched(readText: (path: string) => string): ThreadSched {
  try {
    const [cpu, wait] = readText('/proc/thread-self/schedstat').split(' ').map(Number);
    const status = readText('/proc/thread-self/status');
    const num = (key: string) => Number(new RegExp(`^${key}:\\s*(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { cpuNs: cpu!, runqueueNs: wait!, sleeps: num('voluntary_ctxt_switches'), preempted: num('nonvoluntary_ctxt_switches') };
  } catch {
    return { cpuNs: 0, runqueueNs: 0, sleeps: 0, preempted: 0 };
  }
}

export function schedSince(a: ThreadSched, b: ThreadSched): ThreadSched {
  return { cpuNs: b.cpuNs - a.cpuNs, runqueueNs: b.runqueueNs - a.runqueueNs, sleeps: b.sleeps - a.sleeps, preempted: b.preempted - a.preempted };
}

/** A writer's answer to a job: ns per op (process CPU time) and its own thread's scheduler figures. */
export interface HotAnswer {
  ns: number;
  sched: ThreadSched;
}
