// Per-thread CPU of every process this script started (the preview servers, the browser and its children), from
// /proc: the A/B scripts take it before and after one sample and compare threads, so a loaded machine's waiting
// (run queue) is told apart from the work itself.
import { readFileSync, readdirSync } from 'node:fs';

/**
 * Every thread of this process's descendants, keyed `pid/tid`: CPU ns and run-queue wait ns (schedstat), system
 * ticks, sleeps (voluntary switches), minor faults, the thread's name and its Chromium process type.
 */
export function threads() {
  const kids = new Map();
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const s = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(Number(p));
    } catch {
      /* gone */
    }
  }
  const out = new Map();
  const stack = [process.pid];
  while (stack.length) {
    for (const p of kids.get(stack.pop()) ?? []) {
      stack.push(p);
      let tasks;
      let type;
      try {
        tasks = readdirSync(`/proc/${p}/task`);
        type = /--type=([a-z-]+)/.exec(readFileSync(`/proc/${p}/cmdline`, 'utf8'))?.[1] ?? 'browser';
      } catch {
        continue;
      }
      for (const t of tasks) {
        try {
          const dir = `/proc/${p}/task/${t}`;
          const st = readFileSync(`${dir}/stat`, 'utf8');
          const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
          const sleeps = Number(/^voluntary_ctxt_switches:\s*(\d+)/m.exec(readFileSync(`${dir}/status`, 'utf8'))[1]);
          const [cpu, wait] = readFileSync(`${dir}/schedstat`, 'utf8').split(' ').map(Number);
          const name = readFileSync(`${dir}/comm`, 'utf8').trim();
          out.set(`${p}/${t}`, { cpu, wait, sys: Number(f[12]), sleeps, faults: Number(f[7]), name, type });
        } catch {
          /* gone */
        }
      }
    }
  }
  return out;
}

/** What each thread did between two `threads()` readings (threads that used CPU), busiest first. */
export function threadDelta(t0, t1) {
  const zero = { cpu: 0, wait: 0, sys: 0, sleeps: 0, faults: 0 };
  return [...t1]
    .map(([k, v]) => {
      const o = t0.get(k) ?? zero;
      return { key: k, name: v.name, type: v.type, cpu: v.cpu - o.cpu, wait: v.wait - o.wait, sys: v.sys - o.sys, sleeps: v.sleeps - o.sleeps, faults: v.faults - o.faults };
    })
    .filter((x) => x.cpu > 0)
    .sort((a, b) => b.cpu - a.cpu);
}
