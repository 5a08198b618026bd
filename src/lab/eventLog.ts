/**
 * The recorded event list, columnar (typed arrays), so a run of millions of
 * events costs tens of bytes each and the timeline can fold any prefix.
 */
import { EK } from '../core/events';

/** Events kept for the timeline and scrubbing; later ones are still folded live. */
export const LOG_RETAIN = 1 << 20;

/** Kinds whose text the fold needs (a get only needs the serial of what it took). */
// A store's payload is an Array element's index (a Value's store has none).
const PAYLOAD_KINDS = new Set<number>([EK.read, EK.write, EK.put, EK.send, EK.raise, EK.store]);

export class EventLog {
  length = 0;
  /** Events seen beyond what is retained. */
  overflow = 0;
  // 16 bits: a run has up to 1,024 processes (the worker pool's cap).
  pid = new Uint16Array(1024);
  kind = new Uint8Array(1024);
  obj = new Int32Array(1024);
  arg = new Int32Array(1024);
  result = new Int32Array(1024);
  line = new Uint16Array(1024);
  time = new Float64Array(1024);
  readonly payload = new Map<number, string>();

  static needsPayload(kind: number): boolean {
    return PAYLOAD_KINDS.has(kind);
  }

  push(pid: number, kind: number, obj: number, arg: number, result: number, line: number, time: number, payload: string | null): void {
    if (this.length >= LOG_RETAIN) {
      this.overflow++;
      return;
    }
    if (this.length === this.pid.length) this.grow();
    const i = this.length++;
    this.pid[i] = pid;
    this.kind[i] = kind;
    this.obj[i] = obj;
    this.arg[i] = arg;
    this.result[i] = result;
    this.line[i] = line;
    this.time[i] = time;
    if (payload !== null) this.payload.set(i, payload);
  }

  private grow(): void {
    const n = Math.min(this.pid.length * 2, LOG_RETAIN);
    const grow = <T extends Uint8Array | Int32Array | Uint16Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.pid = grow(this.pid, (k) => new Uint16Array(k));
    this.kind = grow(this.kind, (k) => new Uint8Array(k));
    this.obj = grow(this.obj, (k) => new Int32Array(k));
    this.arg = grow(this.arg, (k) => new Int32Array(k));
    this.result = grow(this.result, (k) => new Int32Array(k));
    this.line = grow(this.line, (k) => new Uint16Array(k));
    this.time = grow(this.time, (k) => new Float64Array(k));
  }
}
