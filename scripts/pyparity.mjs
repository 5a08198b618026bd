// The parity corpus (src/python/testing/parity.ts) in CPython: runs each case as main.py with `python3 -u`, the
// spawn start method (the lab's only one) and the case's files in a fresh directory, and checks its `expect`
// is what CPython prints today. python.test.ts checks the lab against the same `expect`.
//   node scripts/pyparity.mjs            check every case (exit 1 on a difference)
//   node scripts/pyparity.mjs --write    write what CPython prints into each case's `expect` (then review the diff)
//   node scripts/pyparity.mjs --only=Pool   cases whose name contains the text
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const { PARITY, normalize } = await tsImport('../src/python/testing/parity.ts', import.meta.url);
const write = process.argv.includes('--write');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);

/** Run one case in CPython; its stdout and stderr as one text, in the order written. */
function cpython(kase) {
  const dir = mkdtempSync(join(tmpdir(), 'pyparity-'));
  try {
        // The default, not a set method: a program may still call set_start_method('spawn') once.
    writeFileSync(join(dir, 'sitecustomize.py'), "import multiprocessing.context as c\nc._default_context._default_context = c._concrete_contexts['spawn']\n");
    writeFileSync(join(dir, 'main.py'), kase.code);
    for (const [name, text] of kase.files ?? []) writeFileSync(join(dir, name), text);
    const env = { ...process.env, PYTHONPATH: dir, PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' };
    try {
      return execFileSync('sh', ['-c', 'python3 -u main.py 2>&1'], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
    } catch (e) {
      return `${e.stdout ?? ''}[exit ${e.status}]`;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sorted = (lines, kase) => (kase.unordered ? [...lines].sort() : lines);
let bad = 0;
const written = [];
for (const kase of PARITY) {
  if (only && !kase.name.includes(only)) {
    written.push(kase.expect);
    continue;
  }
  const got = normalize(cpython(kase));
  written.push(got);
  const same = JSON.stringify(sorted(got, kase)) === JSON.stringify(sorted(kase.expect, kase));
  if (!same) {
    bad++;
    console.log(`DIFFERS: ${kase.name}\n  expect: ${JSON.stringify(kase.expect)}\n  python3: ${JSON.stringify(got)}`);
  }
}
if (write) {
  // Each case's `expect: [...]` (4 spaces in, the corpus's layout), in order.
  const file = fileURLToPath(new URL('../src/python/testing/parity.ts', import.meta.url));
  let i = 0;
  const text = readFileSync(file, 'utf8').replace(/^ {4}expect: \[.*\],$|^ {4}expect: \[[\s\S]*?^ {4}\],$/gm, () =>
    `    expect: ${JSON.stringify(written[i++], null, 2).replace(/\n/g, '\n    ')},`);
  if (i !== PARITY.length) throw new Error(`found ${i} expect lists for ${PARITY.length} cases`);
  writeFileSync(file, text);
  process.exit(0);
}
console.log(bad ? `${bad} case(s) differ from CPython` : 'every case prints what CPython prints');
process.exit(bad ? 1 : 0);
