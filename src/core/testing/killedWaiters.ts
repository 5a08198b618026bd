/**
 * A process terminated while shown blocked on a Semaphore, Lock, RLock or Condition, just as the wait it was in
 * ended (a test hook holds it there): the release made after the terminate is for a live waiter, never the dead one's.
 */
import { Console } from '../data';
import { State, S } from '../layout';
import type { Child, RunnableScenario } from '../process';
import { WaitEnd, type Runtime } from '../runtime';
import { Unwind } from '../errors';
import { Condition, Lock, RLock, Semaphore } from '../sync';
import type { World } from '../world';

export interface KillTakeParams {
  prim: 'sem' | 'lock' | 'rlock' | 'cond';
  /**
   * How the victim's wait ends: its own timeout (a Lock's marked wait: no dozes); a release that main takes back
   * at once (each waiter's wait ends: notified, or the word seen moved at its slice's end; a Lock: no dozes); or a
   * Lock's first doze running out. `asleep` (scenario killWoken): neither is held; both sleep (a Lock: marked).
   */
  end: 'timeout' | 'woken' | 'doze' | 'asleep';
}

function killTakeSetup(world: World) {
  return {
    console: new Console(world, 64, 4096),
    sem: new Semaphore(world, 0, 'sem'),
    lock: new Lock(world, 'lock'),
    rlock: new RLock(world, 'rlock'),
    cond: new Condition(world, new Lock(world, 'condlock'), 'cond'),
    /** One hold word per waiter (victim, live): see `holdAtFirstWait`. */
    holds: world.allocate('value', 'holds', 2).base,
  };
}
type KillTakeObjs = ReturnType<typeof killTakeSetup>;
type Api = Parameters<RunnableScenario<KillTakeObjs, KillTakeParams>['programs'][string]>[0];

/**
 * Hold word states: its first wait is about to begin; that wait ended, and it holds still; main let it go on; it ended
 * by a kill (just as a notify woke it); not held, it ended (plus its WaitEnd).
 */
const Hold = { waiting: 1, held: 2, go: 3, killed: 4, killedNotified: 5, ended: 6 } as const;

/**
 * Test hook: this process's first `waitWord` runs as it would, then the process holds still until main lets it go,
 * still shown blocked, its kill word read on the way out of the wait: the window where a terminate and a release can
 * both land before its next attempt.
 */
function holdAtFirstWait(p: Api, at: number, hold = true): void {
  const rt = p.world.rt;
  const i32 = p.world.mem.i32;
  const waitWord = rt.waitWord;
  rt.waitWord = (...args: Parameters<Runtime['waitWord']>) => {
    rt.waitWord = waitWord;
    Atomics.store(i32, at, Hold.waiting);
    let end: ReturnType<Runtime['waitWord']>;
    try {
      end = waitWord.apply(rt, args);
    } catch (e) {
      // How the wait ended, for a test that needs the kill to have come with a notify.
      if (e instanceof Unwind) Atomics.store(i32, at, e.notified ? Hold.killedNotified : Hold.killed);
      throw e;
    }
    // A wait that ran to its deadline may still say `moved` (the word moved while it slept, its wake-up lost): a timeout.
    const timedOut = rt.now() >= args[2];
    Atomics.store(i32, at, hold ? Hold.held : Hold.ended + (timedOut ? WaitEnd.timedOut : end));
    if (!hold) return end;
    Atomics.notify(i32, at);
    while (Atomics.load(i32, at) !== Hold.go) Atomics.wait(i32, at, Hold.held);
    return end;
  };
}

/** Main's side: wait (in small sleeps) until a hold word reaches `state`. */
function untilHold(p: Api, at: number, state: number): void {
  while (Atomics.load(p.world.mem.i32, at) < state) p.sleep(0.005);
}

function letGo(p: Api, at: number): void {
  Atomics.store(p.world.mem.i32, at, Hold.go);
  Atomics.notify(p.world.mem.i32, at);
}

/** Take the primitive as a waiter (the victim with a timeout when its wait is to end by one); true if taken. */
function take(p: Api, timeout: number | null): boolean {
  const { sem, lock, rlock, cond } = p.objs;
  switch (p.params.prim) {
    case 'sem':
      return sem.acquire(true, timeout);
    case 'lock':
      return lock.acquire(true, timeout);
    case 'rlock':
      return rlock.acquire(true, timeout);
    case 'cond':
      return cond.lock.with(() => cond.wait(timeout));
  }
}

/** Main's release of what the waiters wait for: a permit, the lock, a notify. */
function give(p: Api): void {
  const { sem, lock, rlock, cond } = p.objs;
  if (p.params.prim === 'sem') sem.release();
  else if (p.params.prim === 'lock') lock.release();
  else if (p.params.prim === 'rlock') rlock.release();
  else cond.lock.with(() => cond.notify());
}

/** Main takes back what `give` gave, before any waiter can (they are held): a permit, the lock. */
function takeBack(p: Api): void {
  const { sem, lock, rlock } = p.objs;
  if (p.params.prim === 'sem') sem.acquire();
  else if (p.params.prim === 'lock') lock.acquire();
  else if (p.params.prim === 'rlock') rlock.acquire();
  else throw new Error('a notify cannot be taken back');
}

/**
 * Main's start: it holds the Lock or RLock to be waited for, starts the victim, and once the victim's hold word is at
 * `victimAt` the live waiter, until that one is about to wait too.
 */
function startWaiters(p: Api, victimAt: number): [Child, Child] {
  const { holds, lock, rlock } = p.objs;
  if (p.params.prim === 'lock') lock.acquire();
  if (p.params.prim === 'rlock') rlock.acquire();
  const victim = p.Process({ target: 'victim' });
  const live = p.Process({ target: 'live' });
  victim.start();
  untilHold(p, holds, victimAt);
  live.start();
  untilHold(p, holds + 1, Hold.waiting);
  return [victim, live];
}

/** Whether `child` is still alive `seconds` after main began to join it (then terminated, so the run ends). */
function stuckAfter(child: Child, seconds: number): boolean {
  child.join(seconds);
  const stuck = child.is_alive();
  if (stuck) child.terminate();
  return stuck;
}

const waiter = (role: 0 | 1) => (p: Api) => {
  const { holds } = p.objs;
  if (p.params.end !== 'doze') p.world.rt.lockDozes = 0;
  holdAtFirstWait(p, holds + role, p.params.end !== 'asleep');
  // The victim's wait may end by its timeout. Asleep, the live waiter gives up after 20 s (the wake-up lost), not at the
  // end of a slice longer than the test (a terminate would not reach it in its futex wait, and the run would never end).
  const { end } = p.params;
  const got = take(p, role === 0 ? (end === 'timeout' ? 0.05 : null) : end === 'asleep' ? 20 : null);
  p.print(role === 0 ? 'victim' : 'live', 'took', got);
};

/**
 * Main holds the lock (a Lock, an RLock) from the start. The victim blocks and is held once its first wait ended; the
 * live waiter blocks; main terminates the victim, then releases; the victim goes on first, then the live one, which
 * must get what was released (a dead victim that took it: the live one waits for good).
 */
export const killTake: RunnableScenario<KillTakeObjs, KillTakeParams> = {
  id: 'killTake',
  setup: killTakeSetup,
  main: 'main',
  programs: {
    main: (p) => {
      const { holds, cond } = p.objs;
      const { end } = p.params;
      const [victim, live] = startWaiters(p, end === 'woken' ? Hold.waiting : Hold.held);
      if (end === 'woken') {
        // Ends both waits with a release neither waiter can take (both are held once their wait ends), then takes it back.
        give(p);
        untilHold(p, holds, Hold.held);
        untilHold(p, holds + 1, Hold.held);
        takeBack(p);
      }
      victim.terminate();
      give(p);
      untilHold(p, holds + 1, Hold.held); // the release ended the live waiter's wait (or its doze had)
      letGo(p, holds);
      victim.join();
      letGo(p, holds + 1);
      const stuck = stuckAfter(live, 5);
      p.print('exitcodes', victim.exitcode, stuck ? 'stuck' : live.exitcode, 'waiting', cond.waiting);
    },
    victim: waiter(0),
    live: waiter(1),
  },
};

/**
 * A Condition's waiter terminated while it waits: it no longer counts as waiting, so a notify_all after gives it no
 * token, and a later wait() is not woken by a notify made before it began.
 */
export const condKilled: RunnableScenario<KillTakeObjs, Record<string, never>> = {
  id: 'condKilled',
  setup: killTakeSetup,
  main: 'main',
  programs: {
    main: (p) => {
      const { cond } = p.objs;
      const k = p.Process({ target: 'waiter' });
      k.start();
      while (p.world.mem.load(k.pid, S.state) !== State.blocked || p.world.mem.load(k.pid, S.blockedOn) !== cond.id) p.sleep(0.01);
      k.terminate();
      k.join();
      cond.lock.with(() => cond.notify_all());
      p.print('waiting', cond.waiting, 'exitcode', k.exitcode);
      p.print('a later wait notified', cond.lock.with(() => cond.wait(0.05)));
    },
    waiter: (p) => {
      const { cond } = p.objs;
      cond.lock.with(() => cond.wait());
    },
  },
};

/**
 * Both waiters asleep (the victim first, so a one-waiter wake-up reaches it first); main terminates the victim, then
 * releases: the release's one wake-up may reach the victim, which dies on waking and must pass it on. Under wait slices
 * longer than the test the live waiter would sleep for good. Prints whether the victim's wait ended by a notify.
 */
export const killWoken: RunnableScenario<KillTakeObjs, KillTakeParams> = {
  id: 'killWoken',
  setup: killTakeSetup,
  main: 'main',
  programs: {
    main: (p) => {
      const { holds } = p.objs;
      const [victim, live] = startWaiters(p, Hold.waiting);
      victim.terminate();
      give(p);
      // The live waiter ends by itself: woken, or by its own 20 s timeout (the wake-up lost).
      const stuck = stuckAfter(live, 30);
      const i32 = p.world.mem.i32;
      const victimEnd = Atomics.load(i32, holds);
      // Still waiting: the victim was not asleep yet when the live waiter was (the release woke the live one, first in
      // the futex queue), and in a slice longer than the test it would never see its terminate. Wake it until it has
      // ended; the run says 'victim not notified', and the test runs again.
      while (victim.is_alive()) {
        Atomics.notify(i32, p.world.mem.load(victim.pid, S.waitAt) - 1);
        p.sleep(0.01);
      }
      victim.join();
      const notified = victimEnd === Hold.killedNotified;
      const woken = Atomics.load(i32, holds + 1) !== Hold.ended + WaitEnd.timedOut;
      p.print('exitcodes', victim.exitcode, stuck ? 'stuck' : live.exitcode, notified ? 'victim notified' : 'victim not notified', woken ? 'live woken' : 'live timed out');
    },
    victim: waiter(0),
    live: waiter(1),
  },
};
