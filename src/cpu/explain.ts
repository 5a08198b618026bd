/**
 * The sentence under the queues: what happened at the start of a tick and
 * why the policy chose the job that runs, in English and Chinese.
 */
import { translate, type Lang, type StringKey } from '../i18n/i18n';
import { formatInt } from './numbers';
import type { Decision, TickEvent } from './simulate';
import type { SimOptions } from './types';

const num = (lang: Lang, v: number | undefined) => (v === undefined ? '' : formatInt(lang, v));
const name = (names: readonly string[], j: number | undefined) => (j === undefined || j < 0 ? '?' : (names[j] ?? '?'));

export function explainDecision(lang: Lang, d: Decision, names: readonly string[], options: Pick<SimOptions, 'policy' | 'preemptive'>): string {
  if (d.kind === 'idle' || d.job < 0 || !d.reason) return translate(lang, 'cpu.why.idle');
  const vars = {
    job: name(names, d.job),
    value: num(lang, d.value),
    level: d.level ?? 0,
    prev: name(names, d.prev),
    prevValue: num(lang, d.prevValue),
    prevLevel: d.prevLevel ?? 0,
  };
  let key: StringKey;
  if (d.kind === 'dispatch') key = `cpu.why.dispatch.${d.reason}`;
  else if (d.kind === 'preempt') {
    // Only srtf, preemptive priority and mlfq preempt.
    key = d.reason === 'priority' ? 'cpu.why.preempt.priority' : d.reason === 'level' ? 'cpu.why.preempt.level' : 'cpu.why.preempt.shortestRemaining';
  } else if (d.reason === 'priority' && !options.preemptive) key = 'cpu.why.continue.priorityNp';
  else key = `cpu.why.continue.${d.reason}`;
  return translate(lang, key, vars);
}

export function explainEvent(lang: Lang, e: TickEvent, names: readonly string[], options?: Pick<SimOptions, 'boostOrder'>): string {
  if (e.kind === 'boost' && options?.boostOrder === 'bottom-first') return translate(lang, 'cpu.ev.boostBottomFirst');
  return translate(lang, `cpu.ev.${e.kind}`, { job: name(names, e.job), value: num(lang, e.value) });
}
