/**
 * The learner's Python as a scenario of the process lab's machine: the
 * runnable program (program.ts) plus what the lab and the bench need to run
 * and judge it. The verdict is Python's: `ok` when the program finished
 * (daemons terminated at exit and children the program terminated are
 * normal), `error` when a process died of an uncaught exception, `deadlock`
 * when nobody can move.
 */
import { NOBODY_MOVES, sayWith, stuckPhrase, stuckProcs } from '../scenarios/common';
import type { Judgement, RunResult, Scenario } from '../scenarios/types';
import type { PythonObjects } from './bridge';
import { pythonProgram, type PythonParams } from './program';

/** Processes per run (main included): a runaway spawning loop meets this limit and is told so. */
export const MAX_PROCESSES = 16;

function judge(result: RunResult<PythonObjects>): Judgement {
  const say = sayWith([]);
  result.world.refresh(); // objects the program created since, to name what the stuck wait for
  if (result.status === 'deadlock') {
    const stuck = stuckPhrase(stuckProcs(result));
    return say('deadlock', `${NOBODY_MOVES.en} ${stuck.en}.`, `${NOBODY_MOVES.zh}${stuck.zh}。`);
  }
  const failed = result.procs.filter((p) => p.exitcode !== null && p.exitcode > 0 && p.error);
  if (failed.length) {
    const who = failed.map((p) => `${p.name} (${p.error})`).join(', ');
    return say('error', `${who} ended with an uncaught exception; its traceback is in the console.`, `${who} 因未捕获的异常而结束；回溯信息在控制台里。`);
  }
  if (result.status === 'finished') return say('ok', 'The program finished.', '程序运行结束。');
  return say('running', '', '');
}

export const pythonScenario: Scenario<PythonObjects, PythonParams> = {
  ...pythonProgram,
  title: { en: 'Your own Python', zh: '你自己的 Python' },
  summary: {
    en: 'Write a multiprocessing program and run it: each process is a real Python interpreter in its own worker, on the same shared memory as the other labs.',
    zh: '写一个 multiprocessing 程序并运行它：每个进程都是独立 worker 里的真实 Python 解释器，和其他实验用的是同一块共享内存。',
  },
  params: [],
  options: [],
  python: (p) => p.code,
  maxProcesses: () => MAX_PROCESSES,
  judge,
  defaultMode: 'step',
};
