/**
 * The two ready-set shapes the policies need, sized for the 10,000-job bench:
 * a ring-buffer deque (FIFO queues with O(1) push-front for "preempted=head")
 * and a binary heap over job indices with a caller-supplied order.
 */

export class Deque {
  private buf: Int32Array;
  private head = 0;
  private len = 0;

  constructor(capacity = 16) {
    this.buf = new Int32Array(Math.max(4, capacity));
  }

  get size(): number {
    return this.len;
  }

  private grow(): void {
    const next = new Int32Array(this.buf.length * 2);
    for (let i = 0; i < this.len; i++) next[i] = this.buf[(this.head + i) % this.buf.length]!;
    this.buf = next;
    this.head = 0;
  }

  push(x: number): void {
    if (this.len === this.buf.length) this.grow();
    this.buf[(this.head + this.len) % this.buf.length] = x;
    this.len++;
  }

  unshift(x: number): void {
    if (this.len === this.buf.length) this.grow();
    this.head = (this.head - 1 + this.buf.length) % this.buf.length;
    this.buf[this.head] = x;
    this.len++;
  }

  /** Remove and return the front, or -1 when empty. */
  shift(): number {
    if (this.len === 0) return -1;
    const x = this.buf[this.head]!;
    this.head = (this.head + 1) % this.buf.length;
    this.len--;
    return x;
  }

  peek(): number {
    return this.len === 0 ? -1 : this.buf[this.head]!;
  }

  toArray(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.len; i++) out.push(this.buf[(this.head + i) % this.buf.length]!);
    return out;
  }

  clear(): void {
    this.head = 0;
    this.len = 0;
  }
}

/** A min-heap of job indices; `less(a, b)` says a goes before b. */
export class Heap {
  private items: number[] = [];
  constructor(private readonly less: (a: number, b: number) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): number {
    return this.items.length === 0 ? -1 : this.items[0]!;
  }

  push(x: number): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }

  /** Remove and return the least, or -1 when empty. */
  pop(): number {
    const a = this.items;
    if (a.length === 0) return -1;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }

  /** The contents in order (a sorted copy; for display). */
  sorted(): number[] {
    return [...this.items].sort((x, y) => (this.less(x, y) ? -1 : this.less(y, x) ? 1 : 0));
  }
}
