import { useT } from '../../ui/app/useT';
import { Card, Waiters, flashClass, names, type CardProps } from '../cardParts';
import type { EventView } from '.';

/** The flag as a light (green: set, red: clear), its waiters, and what the last wait() returned. */
export function EventCard({ view, lanes, last }: CardProps<EventView>) {
  const t = useT();
  return (
    <Card title={t('event.title', { name: view.name })} className={`event-card ${flashClass(last, view.ids)}`}>
      <div className="event-flag" data-set={view.flag}>
        <span className={`light ${view.flag ? 'green' : 'red'}`} aria-hidden="true" />
        <span>{t(view.flag ? 'event.set' : 'event.clear')}</span>
      </div>
      <Waiters pids={view.waiters} lanes={lanes} />
      {view.lastWait.pid >= 0 && <p className="small muted">{t(view.lastWait.set ? 'event.waitTrue' : 'event.waitFalse', { name: names([view.lastWait.pid], lanes) })}</p>}
    </Card>
  );
}
