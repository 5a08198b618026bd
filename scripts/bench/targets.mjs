// The rows with a target: issue 9's table and issue 10's performance list, each computed from the results
// of one run (every ratio pairs figures measured in the same `npm run bench`). A row whose figure is missing
// says why: "not measured" (its group did not run, or there is no python3) or "not available" (the app
// refuses the size).
import { fmt, passOrFail, spread } from './format.mjs';
import { median } from './stats.mjs';

/** bench/cpython.py's samples for `row` (e.g. `lock4=500000`), as { median, n, unit }, or null. */
function cpy(B, row) {
  const r = B.cpython?.rows?.[row];
  if (!r) return null;
  return { median: median(r.samples), n: r.n, unit: r.unit };
}

const noCpython = (B) => (B.cpython?.notMeasured ? `CPython not measured: ${B.cpython.notMeasured}` : 'CPython not measured in this run');

const missing = (figure, target, why = 'not measured', notes = '') => ({ figure, lockstep: '—', cpython: '—', value: '—', target, result: why, notes });

/** A Lockstep figure against the same program in CPython: `higherIsBetter` rates, or times (ratio = CPython / Lockstep). */
function versusCpython(B, { figure, ours, unit, digits = 0, row, time = false, target, min, notes = '' }) {
  if (!ours) return missing(figure, target);
  const c = cpy(B, row);
  const lockstep = spread(ours, digits, unit);
  if (!c) return { figure, lockstep, cpython: '—', value: '—', target, result: 'not measured', notes: `${noCpython(B)}${notes ? `; ${notes}` : ''}` };
  const ratio = time ? c.median / ours.median : ours.median / c.median;
  return { figure, lockstep, cpython: `${fmt(c.median, digits)}${unit}`, value: `${fmt(ratio, 2)}×`, target, result: min === null ? '—' : passOrFail(ratio >= min), notes };
}

/** A frame-gap row: the longest gap of every sample ≤ `maxMs` (and, when given, p99 ≤ `p99Ms` in every sample). */
function gapRow(figure, f, maxMs, p99Ms = null) {
  const target = `≤ ${maxMs} ms in every sample${p99Ms ? `, p99 ≤ ${p99Ms} ms` : ''}`;
  if (!f) return missing(figure, target);
  if (f.notAvailable) return missing(figure, target, 'not available', f.notAvailable);
  const ok = f.maxGapMs.max <= maxMs && (p99Ms === null || f.p99GapMs.max <= p99Ms);
  const verdicts = f.verdicts ? `; verdict ${f.verdicts.join('/')}` : '';
  return {
    figure,
    lockstep: `max ${fmt(f.maxGapMs.max, 1)} ms, p99 ${fmt(f.p99GapMs.max, 1)} ms`,
    cpython: '—',
    value: `${fmt(f.maxGapMs.max, 1)} ms`,
    target,
    result: passOrFail(ok),
    notes: `median of the samples' longest gap ${fmt(f.maxGapMs.median, 1)} ms; ${fmt(f.framesOver50)} frames over 50 ms in all samples${f.windowMs ? `; the first ${fmt(f.windowMs / 1000)} s after Run` : '; Run → verdict'}${verdicts}`,
  };
}

/** A time with an upper bound. */
function timeRow(figure, s, maxMs, notes = '', what = 'ms') {
  const target = `≤ ${fmt(maxMs)} ms`;
  if (!s) return missing(figure, target);
  if (s.notAvailable) return missing(figure, target, 'not available', s.notAvailable);
  return { figure, lockstep: spread(s[what], 0, ' ms'), cpython: '—', value: `${fmt(s[what].median)} ms`, target, result: passOrFail(s[what].median <= maxMs), notes };
}

export function targetRows(r) {
  const B = r.benchmarks;
  const S = r.sizes ?? {};
  const rows = [];
  const lockRow = (procs) => B.lock?.rows.find((x) => x.procs === procs);

  rows.push(
    versusCpython(B, {
      figure: `bank, lock around each update, n = ${fmt(B.bank?.n ?? S.bank)}, parallel turbo, Run → verdict`,
      ours: B.bank?.s,
      unit: ' s',
      digits: 2,
      row: `bank=${B.bank?.n ?? S.bank}`,
      time: true,
      target: '≥ 1.0× (CPython time / Lockstep time)',
      min: 1,
      notes: B.bank ? `verdict ${B.bank.verdicts.join('/')}; CPython: \`with lock: num.value += d\`, 2 processes` : '',
    }),
  );
  rows.push(gapRow('longest frame gap, 100 lanes, clock ×16', B.frames?.lanes100clock, 50, 20));
  // The app page running the bench-only queue-stress scenario (what a learner gets); bench.html's figure is a diagnostic.
  const qf = B.frames?.queueStress;
  const queueGap = gapRow(`longest frame gap, queue stress 4×4×${fmt(qf?.itemsPerProducer ?? S.queueItems)}, log on, app page`, qf, 50);
  if (qf?.url) queueGap.notes += `; ${qf.url}`;
  rows.push(queueGap);
  rows.push(gapRow('longest frame gap, 1,000 lanes, clock ×16', B.frames?.lanes1000clock, 50));
  rows.push(gapRow('longest frame gap, 1,000 lanes, parallel turbo', B.frames?.lanes1000turbo, 50));
  const fork = cpy(B, 'start100-fork');
  const spawnC = cpy(B, 'start100-spawn');
  const cold = timeRow('start + join 100 processes, cold page, timed from Run', B.startJoin?.cold100, 300, B.startJoin?.cold100 ? `tickets, 100 clients, parallel turbo; pool ${fmt(B.startJoin.cold100.pool.median)} workers at Run (warming allowed after load)` : '');
  if (fork || spawnC) cold.cpython = `fork ${fmt(fork?.median)} ms, spawn ${fmt(spawnC?.median)} ms`;
  rows.push(cold);
  rows.push(timeRow('start + join 1,000 processes, warm', B.startJoin?.warm1000, 500, B.startJoin?.warm1000?.url ? 'tickets, 1,000 clients, parallel turbo, second and later runs in one page' : ''));
  for (const procs of [1, 2, 4]) {
    const l = lockRow(procs);
    rows.push(
      versusCpython(B, {
        figure: `Lock pairs/s, ${procs} process${procs > 1 ? 'es' : ''}, log on${procs === 1 ? ' (diagnostic)' : ''}`,
        ours: l?.lockOpsPerSec,
        unit: '',
        row: `lock${procs}=${S.lockPairs}`,
        target: procs === 1 ? '—' : '≥ 1.0× CPython',
        min: procs === 1 ? null : 1,
        notes: l ? `${fmt(l.lockEventsPerSec.median)} events/s drained; CPython \`multiprocessing.Lock\`` : '',
      }),
    );
  }
  for (const procs of [1, 2, 4]) {
    const l = lockRow(procs);
    const figure = `Lock pairs/s, ${procs} process${procs > 1 ? 'es' : ''}, log off, vs raw futex`;
    rows.push(
      l
        ? { figure, lockstep: spread(l.quietOpsPerSec), cpython: '—', value: `${fmt(l.quietRatio.median, 3)}×`, target: '≥ 0.25× futex', result: passOrFail(l.quietRatio.median >= 0.25), notes: `futex ${fmt(l.futexOpsPerSec.median)} pairs/s; per-sample ratio, run back to back` }
        : missing(figure, '≥ 0.25× futex'),
    );
  }
  rows.push(
    versusCpython(B, {
      figure: `Queue items/s, 4×4 through maxsize 8, log on`,
      ours: B.queue?.itemsPerSec,
      unit: '',
      row: `queue4x4=${B.queue?.itemsPerProducer ?? S.queueItems}`,
      target: '≥ 2.0× CPython',
      min: 2,
      notes: B.queue ? `Lost ${B.queue.lost}, Duplicated ${B.queue.duplicated}${B.queue.loggedExactlyOnce ? '; the log saw each item once' : '; the LOG DISAGREES'}` : '',
    }),
  );
  for (const p of B.pipeline?.rows ?? [null]) {
    const figure = `events/s through the whole pipeline, zero loss${p ? `, ${p.procs} writer${p.procs > 1 ? 's' : ''}` : ''}`;
    rows.push(
      p
        ? { figure, lockstep: spread(p.eventsPerSec), cpython: '—', value: fmt(p.eventsPerSec.median), target: '≥ 10,000,000, zero loss', result: passOrFail(p.eventsPerSec.median >= 1e7 && p.zeroLoss), notes: p.zeroLoss ? 'every event drained, folded and logged; seq contiguous' : 'LOSS or a seq gap (see latest.json)' }
        : missing(figure, '≥ 10,000,000, zero loss'),
    );
  }
  const m = B.memory;
  /** What grew: V8's compiled code (the JIT warming up) or the rest of the heap (the app's objects). */
  const heapSplitNote = ({ early, late }) =>
    early.codeMB === undefined
      ? ''
      : `; heap snapshot: V8 compiled code ${fmt(early.codeMB, 2)} → ${fmt(late.codeMB, 2)} MB, the rest ${fmt(early.withoutCodeMB, 2)} → ${fmt(late.withoutCodeMB, 2)} MB (${fmt(late.withoutCodeMB / early.withoutCodeMB, 2)}×)`;
  rows.push(
    m
      ? {
          figure: `memory after ${fmt(m.late.runs)} runs (Reset between) vs after ${fmt(m.early.runs)}`,
          lockstep: `heap ${fmt(m.early.heapMB, 1)} → ${fmt(m.late.heapMB, 1)} MB, workers ${m.early.workers} → ${m.late.workers}`,
          cpython: '—',
          value: `${fmt(m.late.heapMB / m.early.heapMB, 2)}×`,
          target: 'heap ≤ 1.25×, same worker count',
          result: passOrFail(m.late.heapMB <= 1.25 * m.early.heapMB && m.late.workers === m.early.workers),
          notes: `the page's JS heap after a forced GC; ${m.url}; verdicts ${m.verdicts.join('/')}${m.seconds ? `; ${fmt(m.late.runs)} runs in ${fmt(m.seconds)} s` : ''}${heapSplitNote(m)}`,
        }
      : missing('memory after 1,000 runs vs after 10', 'heap ≤ 1.25×, same worker count'),
  );
  const P = B.python;
  rows.push(timeRow('Python lab: first run of a 4-process program, cold page → verdict', P?.cold, 4000, P ? `page idle ${fmt(P.cold.openMs.median)} ms + Run enabled ${fmt(P.cold.waitMs?.median)} ms later + Run → verdict ${fmt(P.cold.runMs.median)} ms; verdict ${P.cold.verdicts.join('/')}` : '', 'totalMs'));
  rows.push(timeRow('Python lab: warm re-run (Reset, Run) → verdict', P?.warm, 500, P ? `verdict ${P.warm.verdicts.join('/')}` : ''));
  rows.push(versusCpython(B, { figure: `Python lab: Lock pairs/s, lock_pairs(4, ${fmt(P?.lock.n ?? S.pythonLock)}), parallel`, ours: P?.lock.pairsPerSec, unit: '', row: `lock4=${P?.lock.n ?? S.pythonLock}`, target: '≥ 0.3× CPython', min: 0.3, notes: 'bench/cpython.py run by both' }));
  rows.push(versusCpython(B, { figure: `Python lab: Queue items/s, queue_items(4, 4, ${fmt(P?.queue.n ?? S.pythonQueue)}), parallel`, ours: P?.queue.itemsPerSec, unit: '', row: `queue4x4=${P?.queue.n ?? S.pythonQueue}`, target: '≥ 0.3× CPython', min: 0.3, notes: 'bench/cpython.py run by both' }));
  return rows;
}
