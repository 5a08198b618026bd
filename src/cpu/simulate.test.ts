/**
 * Hand-worked schedules. The classic examples are those of Silberschatz,
 * Galvin & Gagne, "Operating System Concepts", ch. 5 (FCFS, SJF, SRTF, RR with
 * q = 4, non-preemptive priority); the others are worked out tick by tick in
 * the comments.
 */
import { describe, expect, it } from 'vitest';
import { ST } from './types';
import { run } from './testing/run';

describe('fcfs', () => {
  it('P1 24, P2 3, P3 3 at 0: waiting 0, 24, 27 (avg 17)', () => {
    const x = run('P1:0:24,P2:0:3,P3:0:3', { policy: 'fcfs' });
    expect(x.timeline).toBe('P1 0–24, P2 24–27, P3 27–30');
    expect(x.waiting).toEqual([0, 24, 27]);
    expect(x.avg.waiting).toBe('17.00');
    expect(x.avg.turnaround).toBe('27.00');
  });

  it('the convoy effect disappears when the long job comes last (avg waiting 3)', () => {
    const x = run('P2:0:3,P3:0:3,P1:0:24', { policy: 'fcfs' });
    expect(x.avg.waiting).toBe('3.00');
  });

  it('idles until the first arrival; a job never preempts', () => {
    const x = run('A:2:3,B:3:1', { policy: 'fcfs' });
    expect(x.timeline).toBe('idle 0–2, A 2–5, B 5–6');
    expect(x.response).toEqual([0, 2]);
  });

  it('a job in I/O is blocked, then queues behind the job that took the CPU', () => {
    // A runs 2 ticks, is blocked during 2, 3, 4 and ready at 5, while B runs 2–6.
    const x = run('A:0:4:2:3,B:0:4', { policy: 'fcfs' });
    expect(x.timeline).toBe('A 0–2, B 2–6, A 6–8');
    const a = x.m.rows[0]!;
    expect([a.start, a.finish, a.turnaround, a.waiting, a.blocked]).toEqual([0, 8, 8, 1, 3]);
    expect(x.waiting[1]).toBe(2);
    // A's states: running 0–1, blocked 2–4, ready 5, running 6–7.
    expect(x.r.trace!.map((k) => k.states[0])).toEqual([2, 2, 3, 3, 3, 1, 2, 2].map(Number));
  });

  it('the CPU idles while the only job is in I/O; no I/O after the last CPU tick', () => {
    const x = run('A:0:2:1:3', { policy: 'fcfs' });
    expect(x.timeline).toBe('A 0–1, idle 1–4, A 4–5');
    expect(x.m.rows[0]!.blocked).toBe(3);
    expect(x.r.outcomes[0]!.ios).toBe(1);
  });
});

describe('sjf (non-preemptive)', () => {
  it('P1 6, P2 8, P3 7, P4 3 at 0: P4 P1 P3 P2, avg waiting 7', () => {
    const x = run('P1:0:6,P2:0:8,P3:0:7,P4:0:3', { policy: 'sjf' });
    expect(x.timeline).toBe('P4 0–3, P1 3–9, P3 9–16, P2 16–24');
    expect(x.waiting).toEqual([3, 16, 9, 0]);
    expect(x.avg.waiting).toBe('7.00');
  });

  it('ties: shorter burst, then earlier arrival, then listing order', () => {
    // At 2 the ready jobs are C (3, arrived 0), B (3, 1), D (4, 1), E (3, 1).
    const x = run('X:0:2,B:1:3,C:0:3,D:1:4,E:1:3', { policy: 'sjf' });
    expect(x.timeline).toBe('X 0–2, C 2–5, B 5–8, E 8–11, D 11–15');
  });

  it('never preempts a long job for a short arrival', () => {
    expect(run('A:0:8,B:1:1', { policy: 'sjf' }).timeline).toBe('A 0–8, B 8–9');
  });

  it('with I/O, the burst is the next CPU burst (ticks until the next I/O)', () => {
    // A needs 9 but only 1 before its I/O; B needs 3. At 0 A's next burst (1) is shorter.
    const x = run('A:0:9:1:1,B:0:3', { policy: 'sjf' });
    expect(x.r.segments[0]).toMatchObject({ job: 0, start: 0, end: 1 });
    expect(x.r.trace![0]!.decision).toMatchObject({ kind: 'dispatch', job: 0, reason: 'shortestBurst', value: 1 });
  });
});

describe('srtf', () => {
  it('P1 0/8, P2 1/4, P3 2/9, P4 3/5: avg waiting 6.5', () => {
    const x = run('P1:0:8,P2:1:4,P3:2:9,P4:3:5', { policy: 'srtf' });
    expect(x.timeline).toBe('P1 0–1, P2 1–5, P4 5–10, P1 10–17, P3 17–26');
    expect(x.waiting).toEqual([9, 0, 15, 2]);
    expect(x.avg.waiting).toBe('6.50');
    expect(x.r.trace![1]!.decision).toMatchObject({ kind: 'preempt', job: 1, prev: 0, value: 4, prevValue: 7 });
  });

  it('an equal remaining time does not preempt', () => {
    // At 1 A has 3 left and B needs 3: A keeps the CPU.
    expect(run('A:0:4,B:1:3', { policy: 'srtf' }).timeline).toBe('A 0–4, B 4–7');
  });

  it('the default workload', () => {
    // 0: A. 1: B (3) < A (4) preempts. 4: A (4) vs C (8), D (6). Then D, then C.
    expect(run('A:0:5,B:1:3,C:2:8,D:3:6', { policy: 'srtf' }).timeline).toBe('A 0–1, B 1–4, A 4–8, D 8–14, C 14–22');
  });
});

describe('rr', () => {
  it('P1 24, P2 3, P3 3 with q = 4: avg waiting 5.67', () => {
    const x = run('P1:0:24,P2:0:3,P3:0:3', { policy: 'rr', quantum: 4 });
    expect(x.timeline).toBe('P1 0–4, P2 4–7, P3 7–10, P1 10–30');
    expect(x.waiting).toEqual([6, 4, 7]);
    expect(x.avg.waiting).toBe('5.67');
    // The lone job's expired slices are not context switches.
    expect(x.r.switches).toEqual([4, 7, 10]);
  });

  it('ties=arrivals-first: B arriving at 2 queues before A whose slice ends at 2', () => {
    expect(run('A:0:3,B:2:2', { policy: 'rr', quantum: 2 }).timeline).toBe('A 0–2, B 2–4, A 4–5');
  });

  it('ties=ended-first: A goes back first and runs on', () => {
    expect(run('A:0:3,B:2:2', { policy: 'rr', quantum: 2, ties: 'ended-first' }).timeline).toBe('A 0–3, B 3–5');
  });

  it('the default workload, q = 2', () => {
    // 2: [B, C, A]; 4: [C, A, D, B]; then A D B C A D C D C.
    expect(run('A:0:5,B:1:3,C:2:8,D:3:6', { policy: 'rr', quantum: 2 }).timeline).toBe(
      'A 0–2, B 2–4, C 4–6, A 6–8, D 8–10, B 10–11, C 11–13, A 13–14, D 14–16, C 16–18, D 18–20, C 20–22',
    );
  });

  it('a job back from I/O gets a fresh quantum (mlfq with one level does not)', () => {
    // q = 3. A runs 2 and blocks until 3; B runs 2–5; A is back with a full
    // slice and runs 2 more before its next I/O.
    const jobs = 'A:0:6:2:1,B:0:8';
    expect(run(jobs, { policy: 'rr', quantum: 3 }).timeline).toBe('A 0–2, B 2–5, A 5–7, B 7–10, A 10–12, B 12–14');
    // MLFQ keeps the one tick A had left of its slice: it runs 5–6 and queues behind B.
    expect(run(jobs, { policy: 'mlfq', quanta: [3] }).timeline.startsWith('A 0–2, B 2–5, A 5–6, B 6–')).toBe(true);
  });
});

describe('priority', () => {
  it('non-preemptive, all at 0: P2 P5 P1 P3 P4, avg waiting 8.2', () => {
    const x = run('P1:0:10:3,P2:0:1:1,P3:0:2:4,P4:0:1:5,P5:0:5:2', { policy: 'priority', preemptive: false });
    expect(x.timeline).toBe('P2 0–1, P5 1–6, P1 6–16, P3 16–18, P4 18–19');
    expect(x.avg.waiting).toBe('8.20');
  });

  it('preemptive: a higher priority arrival takes the CPU', () => {
    const x = run('A:0:5:3,B:1:2:1,C:2:3:2', { policy: 'priority', preemptive: true });
    expect(x.timeline).toBe('A 0–1, B 1–3, C 3–6, A 6–10');
    expect(x.r.trace![1]!.decision).toMatchObject({ kind: 'preempt', job: 1, prev: 0, value: 1, prevValue: 3 });
  });

  it('non-preemptive: the same jobs run in arrival of the CPU', () => {
    expect(run('A:0:5:3,B:1:2:1,C:2:3:2', { policy: 'priority', preemptive: false }).timeline).toBe('A 0–5, B 5–7, C 7–10');
  });

  it('equal priority does not preempt; ties go to the earlier arrival', () => {
    expect(run('A:0:3:1,B:1:1:1', { policy: 'priority' }).timeline).toBe('A 0–3, B 3–4');
    expect(run('A:0:1:1,C:1:1:2,B:0:2:2', { policy: 'priority' }).timeline).toBe('A 0–1, B 1–3, C 3–4');
  });

  it('jobs without a priority share the default 0', () => {
    expect(run('A:0:3:1,B:1:2', { policy: 'priority' }).timeline).toBe('A 0–1, B 1–3, A 3–5');
  });
});

describe('mlfq', () => {
  it('the default workload: slices 2, 4, 8, one slice per level', () => {
    // 2: A used its slice → Q1; Q0 [B, C]. 4: B → Q1; D arrived 3: Q0 [C, D].
    // C, D use their Q0 slices; Q1 [A, B, C, D] with slice 4: A finishes at 11,
    // B at 12, C uses 4 → Q2, D finishes at 20, C finishes in Q2.
    const x = run('A:0:5,B:1:3,C:2:8,D:3:6', { policy: 'mlfq', quantum: 2, levels: 3 });
    expect(x.timeline).toBe('A 0–2, B 2–4, C 4–6, D 6–8, A 8–11, B 11–12, C 12–16, D 16–20, C 20–22');
    expect(x.turnaround).toEqual([11, 11, 20, 17]);
    const levels = x.r.trace!.map((k) => k.decision.level);
    expect(levels.slice(0, 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(levels.slice(8, 20)).toEqual(Array(12).fill(1));
    expect(levels.slice(20)).toEqual([2, 2]);
  });

  it('an arrival at a higher level preempts; the job goes to the tail of its queue', () => {
    // Slices 2, 4. A, B each use their Q0 slice; A runs in Q1 from 4; C arrives
    // at 5 in Q0 and preempts A (3 ticks of slice left), which queues behind B.
    const x = run('A:0:6,B:0:6,C:5:1', { policy: 'mlfq', quantum: 2, levels: 2 });
    expect(x.timeline).toBe('A 0–2, B 2–4, A 4–5, C 5–6, B 6–10, A 10–13');
    expect(x.r.trace![5]!.decision).toMatchObject({ kind: 'preempt', job: 2, prev: 0, level: 0, prevLevel: 1 });
    expect(x.r.trace![5]!.queues).toEqual([[], [1, 0]]);
  });

  it('preempted=head: the preempted job keeps the head of its queue and the rest of its slice', () => {
    const x = run('A:0:6,B:0:6,C:5:1', { policy: 'mlfq', quantum: 2, levels: 2, preempted: 'head' });
    expect(x.timeline).toBe('A 0–2, B 2–4, A 4–5, C 5–6, A 6–9, B 9–13');
  });

  it('allotment: slices a job may use at a level before moving down', () => {
    // Slices 1, 2, 4 with 2 slices each: Q0 for 2 ticks, Q1 for 4, then Q2.
    const x = run('A:0:10', { policy: 'mlfq', quantum: 1, levels: 3, allotment: 2 });
    expect(x.r.trace!.map((k) => k.decision.level)).toEqual([0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
    const demotes = x.r.trace!.flatMap((k) => k.events.filter((e) => e.kind === 'demote').map((e) => [k.t, e.value]));
    expect(demotes).toEqual([
      [2, 1],
      [6, 2],
    ]);
  });

  it('explicit quanta override levels and quantum', () => {
    const x = run('A:0:7', { policy: 'mlfq', quantum: 9, levels: 5, quanta: [1, 3] });
    expect(x.r.trace!.map((k) => k.decision.level)).toEqual([0, 1, 1, 1, 1, 1, 1]);
  });

  it('ties at the same level: arrivals-first versus ended-first', () => {
    // Allotment 2 keeps A in Q0 after its first slice ends at 2, when B arrives.
    const o = { policy: 'mlfq' as const, quantum: 2, levels: 2, allotment: 2 };
    expect(run('A:0:5,B:2:2', o).timeline).toBe('A 0–2, B 2–4, A 4–7');
    expect(run('A:0:5,B:2:2', { ...o, ties: 'ended-first' }).timeline).toBe('A 0–4, B 4–6, A 6–7');
  });

  it('boost: every job back to Q0 with a fresh slice; the running job keeps the CPU', () => {
    // Slices 2, 4. A 0–2, B 2–4 (both → Q1), A 4–8, B from 8 in Q1. At 10 the
    // boost lifts B (running) and A to Q0: B keeps the CPU with a fresh slice
    // of 2 (until 12, → Q1), A runs 12–14 (→ Q1), B finishes, then A.
    const o = { policy: 'mlfq' as const, quantum: 2, levels: 2, boost: 10 };
    const x = run('A:0:10,B:0:10', o);
    expect(x.timeline).toBe('A 0–2, B 2–4, A 4–8, B 8–12, A 12–14, B 14–18, A 18–20');
    const k = x.r.trace![10]!;
    expect(k.events).toEqual([{ kind: 'boost', job: -1 }]);
    expect(k.decision).toMatchObject({ kind: 'continue', job: 1, level: 0, value: 2 });
    expect(run('A:0:10,B:0:10', { ...o, boost: 0 }).timeline).toBe('A 0–2, B 2–4, A 4–8, B 8–12, A 12–16, B 16–20');
  });

  it('slice use is kept across I/O (no fresh slice for giving up the CPU early)', () => {
    // Slices 3, 6. A does I/O after every 2 ticks: it runs 2, blocks, comes back
    // with 1 tick left in its Q0 slice, then moves down.
    const x = run('A:0:6:2:1', { policy: 'mlfq', quantum: 3, levels: 2 });
    expect(x.r.trace!.filter((k) => k.running === 0).map((k) => k.decision.level)).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('a blocked job returns to the level it was moved to', () => {
    const x = run('A:0:4:2:2', { policy: 'mlfq', quantum: 2, levels: 3 });
    // A uses its Q0 slice exactly when it starts I/O at 2: demoted while blocked.
    const k = x.r.trace![2]!;
    expect(k.events).toEqual([
      { kind: 'ioStart', job: 0, value: 4 },
      { kind: 'demote', job: 0, value: 1 },
    ]);
    expect(x.r.trace![4]!.decision).toMatchObject({ job: 0, level: 1 });
  });
});

describe('trace', () => {
  it('records states: not arrived, ready, running, blocked, done', () => {
    const x = run('A:0:2,B:1:1', { policy: 'fcfs' });
    const states = x.r.trace!.map((k) => [...k.states]);
    expect(states).toEqual([
      [ST.Running, ST.Future],
      [ST.Running, ST.Ready],
      [ST.Done, ST.Running],
    ]);
  });

  it('records the queues after the decision, in serving order', () => {
    const x = run('P1:0:6,P2:0:8,P3:0:7,P4:0:3', { policy: 'sjf' });
    expect(x.r.trace![0]!.queues).toEqual([[0, 2, 1]]);
  });
});
