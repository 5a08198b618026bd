/** A process's colour, used for its lane, its console lines and its cursor. */
export function procColor(pid: number): string {
  return `var(--p${pid % 10})`;
}
