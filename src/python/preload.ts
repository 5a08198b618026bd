/**
 * What an interpreter holds before its memory snapshot is taken, so every
 * interpreter started from the snapshot has it already: the standard modules
 * our runner uses and our own Python (py/), imported and compiled once.
 * Shared by the build's snapshot (vite.config.ts) and the page's fallback
 * snapshot (interpreter.ts).
 */

/** Our Python files, installed into each interpreter under /lockstep (the keys of interpreter.ts's URLs). */
export const PY_FILES = ['multiprocessing/__init__.py', 'multiprocessing/pool.py', 'multiprocessing/managers.py', 'lockstep_runner.py'] as const;

/**
 * The snapshot the build makes (under /pyodide/, beside Pyodide's own files), gzipped once at build
 * time (31 MB -> ~6 MB). Served as it is (application/gzip, which no server compresses again) and
 * inflated by the page: as a plain file, a server that compresses on the fly (vite preview does)
 * spent ~0.7 s of CPU deflating 31 MB for every page load, on the cores the interpreters load on.
 */
export const SNAPSHOT_FILE = 'lockstep.snapshot.gz';

/** The part of Pyodide's API these helpers use (the page's and Node's PyodideInterface both fit). */
interface Py {
  FS: { mkdirTree(path: string): void; writeFile(path: string, data: string): void };
  runPython(code: string): unknown;
}

/** Write our Python files into the interpreter's file system (a snapshot does not hold it: every interpreter does this). */
export function installPyFiles(py: Py, sources: Record<(typeof PY_FILES)[number], string>): void {
  py.FS.mkdirTree('/lockstep/multiprocessing');
  for (const name of PY_FILES) py.FS.writeFile(`/lockstep/${name}`, sources[name]);
}

/**
 * Import the standard modules and our own (against a placeholder `_lockstep`:
 * each run registers its bridge and rebinds it, see program.ts), remembering
 * the sources they were compiled from. Call after `installPyFiles`, then snapshot.
 */
export const PRELOAD = `
import base64, builtins, io, itertools, json, linecache, os, pickle, queue, random, re, sys, threading, time, traceback, types
import pyodide.ffi
sys.path.insert(0, '/lockstep')
sys.modules['_lockstep'] = types.ModuleType('_lockstep')
import lockstep_runner
del sys.modules['_lockstep']
sys._lockstep_sources = {name: open('/lockstep/' + name).read() for name in ${JSON.stringify(PY_FILES)}}
`;

/**
 * Before each run: our modules stay imported from one run to the next (and
 * from the snapshot), unless their files changed since; then this run's
 * bridge is bound into them. Evaluates to a function, made once per
 * interpreter and called at every process start (returns lockstep_runner):
 * `runPython` of the same text each time cost ~1.4 ms of a ~5 ms child start
 * (Pyodide parses it, tokenizes it for a trailing expression and compiles it),
 * the call ~0.3 ms.
 */
export const FRESH_MODULES = `
def _lockstep_fresh_modules():
    import sys
    if '/lockstep' not in sys.path:
        sys.path.insert(0, '/lockstep')
    now = {name: open('/lockstep/' + name).read() for name in ${JSON.stringify(PY_FILES)}}
    if getattr(sys, '_lockstep_sources', None) != now:
        for m in [m for m in sys.modules if m in ('lockstep_runner', 'multiprocessing') or m.startswith('multiprocessing.')]:
            sys.modules.pop(m)
        sys._lockstep_sources = now
    sys.modules.pop('_lockstep', None)
    import _lockstep
    import lockstep_runner
    lockstep_runner._bind(_lockstep)
    return lockstep_runner
_lockstep_fresh_modules
`;
