/**
 * A process card's local values (`data = {'count': 1}`, `item = 'item 2'`, the
 * balance `num.value` loaded): the current run's events folded by
 * src/lab/locals.ts, up to the timeline's scrub position when scrubbing. One
 * fold per run is shared by every card; each card re-renders only when its
 * own values change.
 */
import { useSyncExternalStore } from 'react';
import type { EventLog } from '../../lab/eventLog';
import { useLabStore } from '../../lab/labStore';
import { foldLogInto, LocalsFold, type Local } from '../../lab/locals';
import type { ObjectInfo } from '../../core/world';
import { useT } from '../app/useT';
import { labController } from './controllerInstance';
import { currentObject, currentSourceLines } from './runText';
import './locals.css';

/** The folds of the current run: live (advanced as the log grows) and at the scrub position. */
const folds = {
  live: null as { log: EventLog; fold: LocalsFold } | null,
  scrubbed: null as { log: EventLog; at: number; fold: LocalsFold } | null,
};

/** The fold for what the page shows now (cheap when the log has not grown). */
function currentFold(): LocalsFold | null {
  const log = labController().log;
  if (!log) return null;
  if (folds.live?.log !== log) folds.live = { log, fold: new LocalsFold(currentSourceLines()) };
  const scrub = useLabStore.getState().scrub;
  if (scrub === null) {
    foldLogInto(folds.live.fold, log, log.length);
    return folds.live.fold;
  }
  if (folds.scrubbed?.log !== log || folds.scrubbed.at !== scrub) {
    const fold = new LocalsFold(currentSourceLines());
    foldLogInto(fold, log, scrub);
    folds.scrubbed = { log, at: scrub, fold };
  }
  return folds.scrubbed.fold;
}

const NONE: readonly Local[] = [];

function useLocals(pid: number): readonly Local[] {
  return useSyncExternalStore(useLabStore.subscribe, () => currentFold()?.of(pid) ?? NONE);
}

/** How a value the line does not name reads: the Python expression that produced it. */
function unnamedLabel(l: Local, obj: ObjectInfo | undefined, t: ReturnType<typeof useT>): string {
  const name = obj?.name ?? '?';
  switch (l.how) {
    case 'load':
      return obj?.kind === 'array' ? `${name}[…]` : `${name}.value`;
    case 'compute':
      return t('locals.computed', { obj: obj?.kind === 'array' ? `${name}[…]` : `${name}.value` });
    case 'read':
      return `open('${name}').read()`;
    default:
      return `${name}.${l.how}()`;
  }
}

export function ProcessLocals({ pid }: { pid: number }) {
  const t = useT();
  const locals = useLocals(pid);
  if (locals.length === 0) return null;
  const newest = Math.max(...locals.map((l) => l.at));
  return (
    <dl className="lane-locals" aria-label={t('locals.title')}>
      {locals.map((l) => {
        const obj = currentObject(l.obj);
        const label = l.name ?? unnamedLabel(l, obj, t);
        return (
          <div key={`${l.name ?? ''}:${l.how}:${l.obj}`} className={l.at === newest ? 'fresh' : undefined} title={t(`locals.how.${l.how}`, { obj: obj?.name ?? '?', line: l.line })}>
            <dt>{label}</dt>
            <dd>{l.value}</dd>
          </div>
        );
      })}
    </dl>
  );
}
