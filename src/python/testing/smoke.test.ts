import { afterAll, beforeAll, expect, it } from 'vitest';
import { NodeMachine } from '../../kernel/testing/nodeMachine';
import type { PythonObjects } from '../bridge';

let m: NodeMachine;
beforeAll(async () => { m = await NodeMachine.create(new URL('./registry.ts', import.meta.url).href, 4); });
afterAll(async () => { await m.close(); });

it('smoke', async () => {
  const code = `from multiprocessing import Process, Lock
import os

def worker(lock, n):
    with lock:
        print('child', n, os.getpid())

if __name__ == '__main__':
    lock = Lock()
    ps = [Process(target=worker, args=(lock, i)) for i in range(2)]
    for p in ps: p.start()
    for p in ps: p.join()
    print('done', [p.exitcode for p in ps])
`;
  const t = Date.now();
  const r = await m.run<PythonObjects>('python', { code, files: '[]', locks: 'on' }, { policy: 'clock', seed: 1, patienceMs: 120_000 }, { timeoutMs: 120_000 });
  console.log(Date.now() - t, r.status, r.exitcodes, r.objs.console.lines().map((l) => `${l.pid}: ${l.text}`).join('\n'));
  const t2 = Date.now();
  const r2 = await m.run<PythonObjects>('python', { code, files: '[]', locks: 'on' }, { policy: 'parallel', seed: 1, patienceMs: 120_000 }, { timeoutMs: 120_000 });
  console.log(Date.now() - t2, r2.status, r2.exitcodes, r2.objs.console.lines().map((l) => `${l.pid}: ${l.text}`).join('\n'));
  expect(r.status).toBe('finished');
}, 300_000);
