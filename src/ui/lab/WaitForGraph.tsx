import { pidLabel } from '../../core/pid';
import { memo, useMemo, useState, type Ref } from 'react';
import type { LaneView } from '../../lab/liveRun';
import { ProgressWatch, type ProgressHint } from '../../lab/progressWatch';
import { holdersOf, type ObjectView } from '../../kinds/registry';
import { cycleSentence, orphanSentence, waitForGraph, type WaitEdge } from '../../kinds/waitFor';
import { useT } from '../app/useT';
import { procColor } from './colors';
import { useLocalized } from './useLang';
import { groupEdges, MAX_EDGES_DRAWN, MAX_GROUPS_DRAWN, NAMES_PER_GROUP } from './waitForGroups';

/**
 * The wait-for graph: each blocked process → what it waits for → who holds it
 * (each kind's holders()). Edges on a cycle are drawn in the danger colour and
 * the cycle is named in a sentence; a holder that has ended is marked, since
 * it will never release. Below it, the livelock/starvation hint. With many
 * blocked processes the edges are drawn in groups (waitForGroups.ts).
 */
export const WaitForGraph = memo(function WaitForGraph({ ref, lanes, objects, printed, live }: { ref?: Ref<HTMLElement>; lanes: LaneView[]; objects: ObjectView[]; printed: number; live: boolean }) {
  const t = useT();
  const L = useLocalized();
  const g = useMemo(
    () => waitForGraph(lanes, objects.map((o) => ({ id: o.id, ids: o.ids, name: o.name, holders: holdersOf(o) }))),
    [lanes, objects],
  );
  const onCycle = new Set(g.cycle ?? []);
  const orphaned = new Set(g.orphaned.map((e) => e.pid));
  const sentence = cycleSentence(g) ?? orphanSentence(g, new Map(lanes.map((l) => [l.pid, l.state])));
  const hint = useProgressHint(lanes, objects, printed, live);
  const name = (pid: number) => g.names.get(pid) ?? pidLabel(pid);
  const groups = useMemo(() => (g.edges.length > MAX_EDGES_DRAWN ? groupEdges(g.edges, new Set(g.cycle ?? [])) : []), [g]);
  const what = (e: WaitEdge) => (e.join ? t('lab.waitFor.toEnd', { name: e.objName }) : e.objName);
  /** What a line says: `named` (and `more` others, all waiting for the same thing) → what → its holders. */
  const edgeLabel = (named: WaitEdge[], more: number) => {
    const e = named[0]!;
    const who = named.map((x) => name(x.pid)).join(', ');
    const holders = e.holders.map((h) => (g.ended.has(h) ? t('lab.waitFor.ended', { name: name(h) }) : name(h))).join(', ');
    const held = e.holders.length > 0 && !e.join;
    if (more > 0) return held ? t('lab.waitFor.groupEdge', { who, n: more, what: what(e), holders }) : t('lab.waitFor.groupEdgeFree', { who, n: more, what: what(e) });
    return held ? t('lab.waitFor.edge', { who, what: what(e), holders }) : t('lab.waitFor.edgeFree', { who, what: what(e) });
  };
  /** → waits for → what (→ held by → its holders). */
  const edgeTail = (e: WaitEdge) => (
    <>
      <span className="wf-arrow" aria-hidden="true">
        → {t('lab.waitFor.waits')} →
      </span>
      <span className="wf-obj">{what(e)}</span>
      {!e.join && (
        <>
          <span className="wf-arrow" aria-hidden="true">
            → {t('lab.waitFor.heldBy')} →
          </span>
          {e.holders.length ? e.holders.map((h) => <span key={h}>{chip(h)}</span>) : <span className="muted small">{t('lab.waitFor.noHolder')}</span>}
        </>
      )}
    </>
  );
  const chip = (pid: number) => (
    <span className={`wf-proc${g.ended.has(pid) ? ' ended' : ''}`} style={{ borderColor: procColor(pid) }}>
      {g.ended.has(pid) ? t('lab.waitFor.ended', { name: name(pid) }) : name(pid)}
    </span>
  );
  return (
    <section ref={ref} className="panel wait-for" aria-label={t('lab.waitFor')}>
      <h2>{t('lab.waitFor')}</h2>
      {g.edges.length === 0 && <p className="muted small">{t('lab.waitFor.none')}</p>}
      <ul className="wf-edges">
        {g.edges.length <= MAX_EDGES_DRAWN
          ? g.edges.map((e) => {
              const cyc = onCycle.has(e.pid);
              return (
                <li key={e.pid} className={`wf-edge${cyc ? ' in-cycle' : ''}${orphaned.has(e.pid) ? ' forever' : ''}`} aria-label={edgeLabel([e], 0)} data-cycle={cyc || undefined}>
                  {chip(e.pid)}
                  {edgeTail(e)}
                </li>
              );
            })
          : groups.slice(0, MAX_GROUPS_DRAWN).map(({ edges, inCycle }) => {
              const named = edges.slice(0, NAMES_PER_GROUP);
              const more = edges.length - named.length;
              const first = edges[0]!;
              return (
                <li key={`${first.join}:${first.obj}:${first.pid}`} className={`wf-edge${inCycle ? ' in-cycle' : ''}${orphaned.has(first.pid) ? ' forever' : ''}`} aria-label={edgeLabel(named, more)} data-cycle={inCycle || undefined}>
                  {named.map((e) => (
                    <span key={e.pid}>{chip(e.pid)}</span>
                  ))}
                  {more > 0 && <span className="wf-more">{t('lab.moreWaiting', { n: more })}</span>}
                  {edgeTail(first)}
                </li>
              );
            })}
        {g.edges.length > MAX_EDGES_DRAWN && groups.length > MAX_GROUPS_DRAWN && <li className="wf-more">{t('lab.waitFor.moreBlocked', { n: groups.slice(MAX_GROUPS_DRAWN).reduce((a, gr) => a + gr.edges.length, 0) })}</li>}
      </ul>
      {sentence && (
        <p className="wf-sentence">
          {g.cycle && <strong>{t('lab.waitFor.cycle')} </strong>}
          {L(sentence)}
        </p>
      )}
      {hint && (
        <p className="wf-hint" role="note">
          {hint.kind === 'livelock' ? t('lab.hint.livelock', { ops: hint.ops }) : t('lab.hint.starving', { name: hint.name, ops: hint.ops })}
        </p>
      )}
    </section>
  );
});

/**
 * Feeds each frame's lanes to a ProgressWatch while the run lives; reset when it is over.
 * `observe` gives the same answer for the same frame, so a repeated render is harmless.
 */
function useProgressHint(lanes: LaneView[], objects: ObjectView[], printed: number, live: boolean): ProgressHint | null {
  const [watch] = useState(() => new ProgressWatch());
  return useMemo(() => {
    if (live) return watch.observe(lanes, printed, () => JSON.stringify(objects, (k, v: unknown) => (k === 'waiters' ? undefined : v)));
    watch.reset();
    return null;
  }, [watch, lanes, objects, printed, live]);
}
