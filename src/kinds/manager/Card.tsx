import { useT } from '../../ui/app/useT';
import { Card, ItemSlots, names, type CardProps } from '../cardParts';
import type { ManagerView } from '.';

/** The server process, what it holds, the requests queued for it and the replies on their way back. */
export function ManagerCard({ view, lanes }: CardProps<ManagerView>) {
  const t = useT();
  return (
    <Card title={t('manager.title', { name: view.name })} className="manager-card">
      <p className="small muted">{view.server >= 0 ? t('manager.server', { name: names([view.server], lanes) }) : t('manager.noServer')}</p>
      <section aria-label={t('manager.held')}>
        <p className="small">
          <strong>{t('manager.held')}</strong>
        </p>
        <ul className="manager-held mono">
          {view.held.map((h) => (
            <li key={h.id} data-name={h.name} data-length={h.length}>
              {h.type === 'object' ? h.text : h.type === 'dict' ? t('manager.dict', { name: h.name, text: h.text }) : t('manager.list', { name: h.name, n: h.length, tail: h.text })}
            </li>
          ))}
        </ul>
      </section>
      <p className="small">
        <strong>{t('manager.requests', { n: view.requests.length })}</strong>
      </p>
      <ItemSlots items={view.requests} lanes={lanes} madeBy={(name) => t('manager.sentBy', { name })} />
      <p className="small">
        <strong>{t('manager.replies', { n: view.replies.length })}</strong>
        {view.waiting.length > 0 && <> · {t('manager.waiting', { names: names(view.waiting, lanes) })}</>}
      </p>
      <ItemSlots items={view.replies} lanes={lanes} madeBy={(name) => t('manager.sentBy', { name })} />
    </Card>
  );
}
