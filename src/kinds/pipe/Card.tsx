import { useT } from '../../ui/app/useT';
import { Card, ItemSlots, TakenList, names, type CardProps } from '../cardParts';
import type { PipeView } from '.';

/** The two ends (closed or not) and, per direction, the messages in flight and who waits to send or receive. */
export function PipeCard({ view, lanes }: CardProps<PipeView>) {
  const t = useT();
  const end = (e: 0 | 1) => t(view.closed[e] ? 'pipe.endClosed' : 'pipe.end', { end: e });
  return (
    <Card title={t('pipe.title', { name: view.name })} className="pipe-card">
      <p className="small muted">{t(view.duplex ? 'pipe.duplex' : 'pipe.oneWay')}</p>
      <ul className="pipe-ends">
        {([0, 1] as const).map((e) => (
          <li key={e} data-closed={view.closed[e]}>
            {end(e)}
          </li>
        ))}
      </ul>
      {view.directions.map((d) => (
        <div key={d.id} className="pipe-direction" role="group" aria-label={t('pipe.direction', { from: d.from, to: d.to })}>
          <p className="small">
            <strong>{t('pipe.direction', { from: d.from, to: d.to })}</strong> · {t('pipe.inFlight', { n: d.items.length })}
            {d.closed && <> · {t('pipe.senderClosed')}</>}
          </p>
          <div className="queue-row">
            <div className="queue-side putters">{d.senders.length > 0 && t('pipe.senders', { names: names(d.senders, lanes) })}</div>
            <ItemSlots items={d.items} lanes={lanes} madeBy={(name) => t('pipe.sentBy', { name })} />
            <div className="queue-side getters">{d.receivers.length > 0 && t('pipe.receivers', { names: names(d.receivers, lanes) })}</div>
          </div>
        </div>
      ))}
      <TakenList items={view.received} label={t('pipe.received')} line={(it) => t('pipe.receivedBy', { maker: names([it.by], lanes), taker: names([it.takenBy], lanes) })} />
    </Card>
  );
}
