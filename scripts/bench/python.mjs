// The Python lab (issue 10), through its URL: the learner's program runs on Pyodide, one interpreter per
// process, in parallel mode. Figures: a 4-process program's first run from a cold page, a warm re-run, and
// bench/cpython.py's lock_pairs / queue_items run by the lab (their printed figure is the last console line).
import { log } from './context.mjs';
import { cpythonProgram } from './cpython.mjs';
import { openApp, press, warmRuns } from './page.mjs';
import { stats } from './stats.mjs';

/** Main and three children sharing a Lock: the "first run" of the Python lab. */
const FIRST_PROGRAM = `from multiprocessing import Process, Lock

def work(lock, n):
    with lock:
        print('worker', n, 'has the lock')

if __name__ == '__main__':
    lock = Lock()
    ps = [Process(target=work, args=(lock, n)) for n in range(3)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print('done')
`;

const labUrl = (code) => `/?lab=python&mode=parallel&turbo=on&code=${Buffer.from(code, 'utf8').toString('base64url')}`;

/** The console's last line (the Console region, one list item per printed line). */
const lastConsoleLine = async (page) => (await page.getByRole('region', { name: 'Console', exact: true }).getByRole('listitem').last().textContent()).trim();

export async function pythonLab(browser, o) {
  const url = labUrl(FIRST_PROGRAM);
  // Cold: a new context (empty cache: the WebAssembly is fetched and compiled, interpreters load), timed from
  // navigation to the verdict, Run pressed as soon as the lab is idle.
  const cold = [];
  for (let i = 0; i < o.samples; i++) {
    const context = await browser.newContext();
    const t0 = Date.now();
    const page = await openApp(context, o.base, url);
    const openMs = Date.now() - t0;
    const r = await press(page, { timeoutMs: 120_000 });
    cold.push({ totalMs: Date.now() - t0, openMs, waitMs: r.waitedMs, runMs: r.ms, verdict: r.verdict });
    await context.close();
  }
  log('python cold: done');
  const context = await browser.newContext();
  const page = await openApp(context, o.base, url);
  const warm = await warmRuns(page, o.samples, { timeoutMs: 120_000 });
  await context.close();
  log('python warm: done');
  const sizes = { lock: o.sizes.pythonLock, queue: o.sizes.pythonQueue };
  const figure = async (call) => {
    const ctx = await browser.newContext();
    const p = await openApp(ctx, o.base, labUrl(cpythonProgram(call)));
    const runs = await warmRuns(p, o.samples, { timeoutMs: 300_000 }, async (r) => {
      if (r.verdict !== 'ok') throw new Error(`python ${call}: verdict ${r.verdict}`);
      const value = Number(await lastConsoleLine(p));
      if (!Number.isFinite(value)) throw new Error(`python ${call}: the last console line is not a number`);
      return { value };
    });
    await ctx.close();
    log(`python ${call}: done`);
    return runs.map((r) => r.value);
  };
  const lock = await figure(`lock_pairs(4, ${sizes.lock})`);
  const queue = await figure(`queue_items(4, 4, ${sizes.queue})`);
  return {
    program: '4 processes (main + 3 children sharing a Lock), parallel, turbo',
    cold: { totalMs: stats(cold.map((s) => s.totalMs)), openMs: stats(cold.map((s) => s.openMs)), waitMs: stats(cold.map((s) => s.waitMs)), runMs: stats(cold.map((s) => s.runMs)), verdicts: [...new Set(cold.map((s) => s.verdict))], raw: cold },
    warm: { ms: stats(warm.map((s) => s.ms)), verdicts: [...new Set(warm.map((s) => s.verdict))], raw: warm },
    lock: { n: sizes.lock, pairsPerSec: stats(lock), raw: lock },
    queue: { n: sizes.queue, itemsPerSec: stats(queue), raw: queue },
  };
}
