/* global window */
// How long the pool's warm-up takes, old against new: a fresh browser per sample, page load to
// `window.__lockstep.whenWarm()` resolving (wall ms from navigation start, in the page), the CPU the
// browser's processes spent to then (utime+stime of every process below this script, from /proc), and each
// worker thread's own (DedicatedWorker threads' schedstat, summed and divided by their count). Interleaved.
//
//   node scripts/warmAB.mjs --port=4446 --samples=5 new=dist old=../rehearse-base/dist
import { readFile, readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from './browser-path.mjs';
import { abArgs } from './abArgs.mjs';
import { serveDist } from './serveDist.mjs';

const { args, builds } = abArgs();
const port = Number(args.port ?? 4446);
const url = args.url ?? '/?scenario=tickets&clients=100&mode=parallel&turbo=on';
const samples = Number(args.samples ?? 5);
const load = async () => (await readFile('/proc/loadavg', 'utf8')).split(' ')[0];

/** CPU ms of every process below `root`. */
async function treeCpu(root) {
  const parent = new Map();
  const cpu = new Map();
  for (const p of await readdir('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    const st = await readFile(`/proc/${p}/stat`, 'utf8').catch(() => '');
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    parent.set(Number(p), Number(f[1]));
    cpu.set(Number(p), ((Number(f[11]) + Number(f[12])) * 1000) / 100);
  }
  const mine = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, pp] of parent)
      if (!mine.has(p) && mine.has(pp)) {
        mine.add(p);
        grew = true;
      }
  }
  mine.delete(root);
  let workers = 0;
  let workerNs = 0;
  for (const p of mine)
    for (const t of await readdir(`/proc/${p}/task`).catch(() => [])) {
      if (!(await readFile(`/proc/${p}/task/${t}/comm`, 'utf8').catch(() => '')).startsWith('DedicatedWorker')) continue;
      workers++;
      workerNs += Number((await readFile(`/proc/${p}/task/${t}/schedstat`, 'utf8').catch(() => '0')).split(' ')[0]);
    }
  return { cpuMs: Math.round([...mine].reduce((a, p) => a + (cpu.get(p) ?? 0), 0)), workers, perWorkerMs: Math.round(workerNs / 1e5 / Math.max(1, workers)) / 10 };
}

async function sample(base) {
  const browser = await chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${base}${url}`);
    await page.waitForFunction(() => window.__lockstep !== undefined, null, { timeout: 600_000 });
    const warmMs = await page.evaluate(async () => (await window.__lockstep.whenWarm(), Math.round(performance.now())));
    const pool = await page.evaluate(() => window.__lockstep.poolSize());
    return { warmMs, pool, ...(await treeCpu(process.pid)) };
  } finally {
    await browser.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const servers = await Promise.all(builds.map(([, d], i) => serveDist(resolve(d), port + i)));
const all = new Map(builds.map(([l]) => [l, []]));
try {
  for (let s = 0; s < samples; s++)
    for (const [i, [label]] of builds.entries()) {
      const l0 = await load();
      const r = await sample(`http://127.0.0.1:${port + i}`);
      all.get(label).push(r);
      console.log(JSON.stringify({ label, sample: s, load: `${l0}-${await load()}`, ...r }));
    }
} finally {
  for (const s of servers) s.close();
}
for (const [label, rs] of all) console.log(JSON.stringify({ label, medians: { warmMs: median(rs.map((r) => r.warmMs)), cpuMs: median(rs.map((r) => r.cpuMs)), perWorkerMs: median(rs.map((r) => r.perWorkerMs)) } }));
