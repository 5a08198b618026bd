// What the numbers were measured on: a figure is only comparable with figures from the same machine and load.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export const loadAvg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

export function machineInfo(browserVersion) {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1].trim();
  } catch {
    /* not Linux */
  }
  let nproc = os.availableParallelism?.() ?? os.cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {
    /* no nproc */
  }
  return {
    date: new Date().toISOString(),
    nproc,
    cpu,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: browserVersion,
    /** 1/5/15-minute load averages at the start (loadAvgEnd is set after the last measurement). */
    loadAvgStart: loadAvg(),
  };
}
