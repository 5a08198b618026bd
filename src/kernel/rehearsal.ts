/**
 * The rehearsal: before a pooled process worker says it is ready, it runs each
 * scenario's declared rehearsal (`RunnableScenario.rehearsal`, one process) on a
 * private buffer of its own, under the parallel mode with turbo on.
 *
 * Why: V8 compiles a function the first time it runs, in every worker (each is
 * its own isolate; nothing compiled is shared). The first run of 1,000 processes
 * made 1,000 workers compile the runtime, the primitives and the program at the
 * same moment: ~4.7 s of worker CPU on two cores instead of ~1 s, and the page
 * got no frame for seconds. Rehearsed while the pool warms (a few workers at a
 * time, in idle time), that compiling is done before Run is pressed.
 *
 * One process alone never meets the paths a crowd takes, so after its program it also
 * runs each shared object's contended paths (`rehearseContended`: a Lock's spin, doze,
 * futex sleep, timeout and wake). Without them a 1,000-client run still parsed ~815 functions
 * lazily, in the workers that met a held lock (scripts/lazyCompiles.mjs).
 */
import { ARGS_BYTES, H, Memory, Mode, S, State, writePace } from '../core/layout';
import { ProcessHost, type ProcessApi, type RunnableScenario } from '../core/process';
import type { Rehearsable } from '../core/sync';
import { World, heapWordsFor } from '../core/world';

/** The slot the rehearsed process runs in (slot 0, its parent's, stays empty). */
const PID = 1;
/** Events its ring holds: more than a rehearsal writes (nobody drains a private buffer, and a full ring would wait). */
const RING_EVENTS = 1024;

/**
 * Run `scenario`'s rehearsal once on this thread, to its end, on a buffer
 * nobody else sees. Returns the process's exit code; throws if the scenario
 * declares none, or its process did not end.
 */
export function rehearse(scenario: RunnableScenario<unknown, unknown>): number {
  const plan = scenario.rehearsal;
  if (!plan) throw new Error(`${scenario.id} declares no rehearsal`);
  const program = Object.keys(scenario.programs).indexOf(plan.program);
  if (program < 0) throw new Error(`${scenario.id} has no program "${plan.program}" to rehearse`);
  const heapWords = heapWordsFor((w) => scenario.setup(w, plan.params), (words) => Memory.create({ maxProcs: 1, ringEvents: 2, heapWords: words })) + (scenario.runtimeHeapWords ?? 0);
  const mem = Memory.create({ maxProcs: PID + 1, ringEvents: RING_EVENTS, heapWords });
  scenario.setup(new World(mem, true), plan.params);
  Atomics.store(mem.i32, H.mode, Mode.parallel);
  writePace(mem.i32, { speed: 1, turbo: true });
  // The slot as Process.start leaves it, already started: the host serves it at once, synchronously.
  const n = mem.writeBytes(mem.layout.argsByte(PID), ARGS_BYTES, JSON.stringify(plan.args ?? []));
  mem.store(PID, S.argsLen, n);
  mem.setProcessName(PID, 'Rehearsal');
  mem.store(PID, S.ppid, 0);
  mem.store(PID, S.program, program);
  mem.storeF(PID, S.deadline, Infinity);
  mem.store(PID, S.state, State.new);
  Atomics.store(mem.i32, mem.at(PID, S.start), 1);
  // A private copy whose rehearsed program goes on to the contended paths of the run's objects.
  const run = scenario.programs[plan.program]!;
  const staged = { ...scenario, programs: { ...scenario.programs, [plan.program]: (p: ProcessApi<unknown, unknown>) => (run(p), contend(p.objs)) } };
  const host = new ProcessHost({ [scenario.id]: staged });
  host.attach(mem.sab, scenario.id, plan.params, PID);
  // Stop its idle wait for a next start, so nothing keeps the buffer.
  host.detach();
  const state = mem.load(PID, S.state);
  if (state < State.done) throw new Error(`the rehearsal of ${scenario.id} did not end (state ${state})`);
  return mem.load(PID, S.exitcode);
}

const rehearsable = (o: unknown): o is Rehearsable => typeof (o as Partial<Rehearsable> | null)?.rehearseContended === 'function';

/** Each of the run's objects that has contended paths walks them (the objects are the scenario's setup, by name). */
function contend(objs: unknown): void {
  for (const o of Object.values(objs as Record<string, unknown>)) if (rehearsable(o)) o.rehearseContended();
}

/** Rehearse every scenario that declares a rehearsal; one that fails is reported and skipped (the worker serves runs regardless). */
export function rehearseAll(scenarios: readonly RunnableScenario<unknown, unknown>[], report: (message: string) => void): void {
  for (const s of scenarios) {
    if (!s.rehearsal) continue;
    try {
      const code = rehearse(s);
      if (code !== 0) report(`the rehearsal of ${s.id} exited with ${code}`);
    } catch (e) {
      report(e instanceof Error ? e.message : String(e));
    }
  }
}
