// The CPython side: bench/cpython.py run by the machine's python3 with the real multiprocessing, in the
// same `npm run bench` as the Lockstep rows it is compared with.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { log, root } from './context.mjs';

export const CPYTHON_SOURCE = join(root, 'bench', 'cpython.py');

/**
 * Run bench/cpython.py: `rows` are its row names, optionally with a size (`lock4=5000`). Returns
 * `{ python, rows: { name: { unit, n, samples } } }`, or `{ notMeasured: reason }` when there is no python3
 * or it failed (every ratio then says "not measured").
 */
export function cpython(rows, { quick, samples }) {
  try {
    const args = [CPYTHON_SOURCE, '--repeat', String(samples), ...(quick ? ['--quick'] : []), ...rows];
    const out = execFileSync('python3', args, { cwd: root, encoding: 'utf8', timeout: 900_000, stdio: ['ignore', 'pipe', 'pipe'] });
    const result = JSON.parse(out.trim().split('\n').at(-1));
    log(`cpython ${rows.join(' ')}: done (Python ${result.python})`);
    return result;
  } catch (e) {
    const reason = e?.code === 'ENOENT' ? 'no python3 on this machine' : `python3 failed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
    log(`cpython: not measured (${reason})`);
    return { notMeasured: reason };
  }
}

/**
 * bench/cpython.py with a driver that prints one figure, for the Python lab: the very same functions run
 * by Lockstep's multiprocessing on Pyodide.
 */
export function cpythonProgram(call) {
  const source = readFileSync(CPYTHON_SOURCE, 'utf8');
  const body = source.slice(0, source.lastIndexOf("if __name__ == '__main__':"));
  return `${body}if __name__ == '__main__':\n    print(${call})\n`;
}
