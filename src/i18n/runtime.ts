/**
 * The run's own words: what a process raises (or the kernel says) that is not CPython's text, such as the
 * machine's limits and its backstops. A process worker formats them in the run's language (`H.lang`) without
 * the page's dictionaries. CPython's own messages ("list index out of range") stay as CPython prints them.
 */
import { defineStrings } from './define';
import { format } from './format';
import type { Lang } from './i18n';

export const runtimeStrings = defineStrings({
  en: {
    'runtime.notReached': '{name} did not reach its first step',
    'runtime.noPickup': 'no worker picked up {name}',
    'runtime.tooManyProcesses': 'too many processes (this run has room for {max})',
    'runtime.argsTooLarge': 'process arguments too large (at most {max} bytes)',
    'runtime.memoryFull': 'shared memory is full ({bytes} bytes)',
    'runtime.tooManyObjects': 'too many shared objects (a run has room for {max})',
    'runtime.consoleLines': 'console full ({max} lines)',
    'runtime.consoleBytes': 'console full ({max} bytes)',
    'runtime.parallelOnly': 'the playground runs in parallel mode',
    'runtime.notJsonable': 'item is not JSON-able',
    'runtime.itemTooBig': "item of {size} bytes is over the {max} bytes the shared queue holds",
    'runtime.fileFull': 'file content over {max} bytes',
    'runtime.couldNotLoad': 'could not load: {reason}',
    'runtime.noProgram': 'no program #{index}',
    'runtime.noInterpreter': 'the Python interpreter did not load',
    'runtime.noPickled': 'the pickled process object is missing',
    // {pid} is given as a string: a pid has no thousands separator ("pid 1000"). core/pid.ts pidLabel.
    'runtime.pid': 'pid {pid}',
    'runtime.noReplyQueue': '{process} has no reply queue (the manager serves {served})',
    'runtime.noSharedObject': 'no shared object #{id}',
    'runtime.typecode': 'unsupported typecode {code} (use i, d or c)',
    'runtime.spawnOnly': 'cannot find context for {method} (this simulator runs the spawn start method only)',
    'runtime.managerGone': 'Connection refused (the manager has shut down)',
    'runtime.managerShutDown': 'the manager shut down',
  },
  zh: {
    'runtime.notReached': '{name} 没有走到它的第一步',
    'runtime.noPickup': '没有任何 Worker 接手 {name}',
    'runtime.tooManyProcesses': '进程太多（本次运行最多容纳 {max} 个）',
    'runtime.argsTooLarge': '进程参数太大（最多 {max} 字节）',
    'runtime.memoryFull': '共享内存已满（{bytes} 字节）',
    'runtime.tooManyObjects': '共享对象太多（一次运行最多容纳 {max} 个）',
    'runtime.consoleLines': '控制台已满（{max} 行）',
    'runtime.consoleBytes': '控制台已满（{max} 字节）',
    'runtime.parallelOnly': '试验场只在并行模式下运行',
    'runtime.notJsonable': '该项无法转换成 JSON',
    'runtime.itemTooBig': '{size} 字节的项超过了共享队列能容纳的 {max} 字节',
    'runtime.fileFull': '文件内容超过 {max} 字节',
    'runtime.couldNotLoad': '无法加载：{reason}',
    'runtime.noProgram': '没有第 {index} 号程序',
    'runtime.noInterpreter': 'Python 解释器没有加载成功',
    'runtime.noPickled': '找不到 pickle 之后的进程对象',
    // The same word as in English: what os.getpid() gives.
    'runtime.pid': 'pid {pid}',
    'runtime.noReplyQueue': '{process} 没有回复队列（管理器服务 {served} 个进程）',
    'runtime.noSharedObject': '没有第 {id} 号共享对象',
    'runtime.typecode': '不支持的类型码 {code}（请用 i、d 或 c）',
    // CPython's own words ("cannot find context for", "Connection refused") stay as CPython prints them.
    'runtime.spawnOnly': 'cannot find context for {method}（本模拟器只支持 spawn 启动方式）',
    'runtime.managerGone': 'Connection refused（管理器已经关闭）',
    'runtime.managerShutDown': '管理器已经关闭',
  },
});

export type RuntimeKey = keyof typeof runtimeStrings.en;
export type RuntimeVars = Record<string, string | number>;

/** A runtime message in `lang`. */
export function runtimeText(lang: Lang, key: RuntimeKey, vars?: RuntimeVars): string {
  return format(runtimeStrings[lang][key], vars, lang);
}
