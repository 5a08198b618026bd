import { useT } from '../../ui/app/useT';
import { Card, ItemSlots, TakenList, names, type CardProps } from '../cardParts';
import type { QueueView } from '.';

/** The slots (bounded or not), who waits to put and to get, unfinished tasks, the last size answer, recent takes. */
export function QueueCard({ view, lanes }: CardProps<QueueView>) {
  const t = useT();
  const title = t(view.unfinished !== null ? 'queue.joinable' : 'queue.title', { name: view.name });
  const snap = view.snapshot;
  return (
    <Card title={title} className="queue-card">
      <p className="small muted">{view.maxsize > 0 ? t('queue.size', { size: view.items.length, max: view.maxsize }) : `${view.items.length} · ${t('queue.unbounded')}`}</p>
      <div className="queue-row">
        <div className="queue-side putters">{view.putters.length > 0 && t('queue.putters', { names: names(view.putters, lanes) })}</div>
        <ItemSlots items={view.items} max={view.maxsize} lanes={lanes} madeBy={(name) => t('queue.madeBy', { name })} />
        <div className="queue-side getters">{view.getters.length > 0 && t('queue.getters', { names: names(view.getters, lanes) })}</div>
      </div>
      {view.unfinished !== null && <p className="unfinished">{t('queue.unfinished', { n: view.unfinished })}</p>}
      {snap && (
        <p className="snapshot small">
          {t('queue.snapshot', { call: `${snap.query}()`, name: names([snap.pid], lanes), value: snap.query === 'qsize' ? snap.value : snap.value ? 'True' : 'False', now: view.items.length })}
        </p>
      )}
      <TakenList items={view.taken} label={t('queue.taken')} line={(it) => t('queue.takenBy', { maker: names([it.by], lanes), taker: names([it.takenBy], lanes) })} />
    </Card>
  );
}
