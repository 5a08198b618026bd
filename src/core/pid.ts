/**
 * The pid a learner sees (os.getpid(), Process.pid, a lane's "pid"): a process's slot plus OS_PID_BASE, so the main
 * process is not 0 (`if os.getpid():` holds, as in CPython) and the numbers look like a system's. The main
 * process's parent (slot -1, the launcher) is one below. Inside the simulator, pids stay slots. A module of its
 * own, so the page, the view worker and the kinds can name a process without loading the process runtime.
 */
import { runtimeText } from '../i18n/runtime';
import type { Lang } from '../i18n/i18n';

export const OS_PID_BASE = 1000;
export const osPid = (slot: number): number => OS_PID_BASE + slot;

/**
 * A process's pid as the learner reads it, "pid 1003": a lane's and the tree's pid, and the name of a process
 * that has none (a message, the wait-for graph, the timeline). Its os pid, never its slot. The word is the same
 * in both languages (os.getpid()'s); `lang` where the caller knows it, English in the trace and internal errors.
 */
export function pidLabel(slot: number, lang: Lang = 'en'): string {
  return runtimeText(lang, 'runtime.pid', { pid: String(osPid(slot)) });
}
