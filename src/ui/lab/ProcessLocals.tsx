/**
 * A process card's local values (`data = {'count': 1}`, `item = 'job-3'`, the
 * balance `num.value` loaded): the current run's events folded by
 * src/lab/locals.ts in the view worker, up to the timeline's scrub position
 * when scrubbing, and carried by the snapshot the lanes draw (passed down, not
 * read from the store: in a crowded run that snapshot is a transition, and a
 * card following the store would commit on its own). A pid's list keeps its
 * identity until its values change, so a card re-renders only then.
 */
import type { ReactNode } from 'react';
import type { Local } from '../../lab/locals';
import type { ObjectInfo } from '../../core/world';
import { useT } from '../app/useT';
import { currentObject } from './runText';
import './locals.css';

/** A process with no local values yet (one array, so a memoised lane keeps its props). */
export const NO_LOCALS: readonly Local[] = [];

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

/** A label with a line-break opportunity before each chained call (`open('f').` / `read()`), so a narrow card wraps it there. */
function breakable(label: string): ReactNode[] {
  return label.split(/(?<=\)\.)/).flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, part]));
}

/** Each pair's title holds it whole (a crowded grid cuts the line of locals with an ellipsis), then how it was got. */
export function ProcessLocals({ locals }: { locals: readonly Local[] }) {
  const t = useT();
  // Before its first value the line is there, empty: a lane grew by it mid-run (and moved the page below).
  if (locals.length === 0) return <div className="lane-locals" aria-hidden="true" />;
  const newest = Math.max(...locals.map((l) => l.at));
  return (
    <dl className="lane-locals" aria-label={t('locals.title')}>
      {locals.map((l) => {
        const obj = currentObject(l.obj);
        const label = l.name ?? unnamedLabel(l, obj, t);
        return (
          <div key={`${l.name ?? ''}:${l.how}:${l.obj}`} className={l.at === newest ? 'fresh' : undefined} title={`${label} = ${l.value}\n${t(`locals.how.${l.how}`, { obj: obj?.name ?? '?', line: l.line })}`}>
            <dt>{breakable(label)}</dt>
            <dd>{l.value}</dd>
          </div>
        );
      })}
    </dl>
  );
}
