/**
 * A schedule in a URL: runs of the same pid, base 36, `.`-separated, a run of
 * more than one written `<pid>_<count>`. [0, 0, 0, 1, 2, 2] is "0_3.1.2_2";
 * a 2,000-step schedule of a few processes stays short.
 */
export function encodeSchedule(schedule: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < schedule.length; ) {
    const pid = schedule[i]!;
    let j = i;
    while (j < schedule.length && schedule[j] === pid) j++;
    parts.push(j - i > 1 ? `${pid.toString(36)}_${(j - i).toString(36)}` : pid.toString(36));
    i = j;
  }
  return parts.join('.');
}

/** The schedule, or null when the text is not one (pids must be below `maxPid`, at most `maxSteps` steps). */
export function decodeSchedule(text: string, maxPid = 1000, maxSteps = 1_000_000): number[] | null {
  if (text === '') return [];
  const out: number[] = [];
  for (const part of text.split('.')) {
    const m = /^([0-9a-z]+)(?:_([0-9a-z]+))?$/.exec(part);
    if (!m) return null;
    const pid = parseInt(m[1]!, 36);
    const count = m[2] === undefined ? 1 : parseInt(m[2], 36);
    if (pid >= maxPid || count < 1 || out.length + count > maxSteps) return null;
    for (let k = 0; k < count; k++) out.push(pid);
  }
  return out;
}
