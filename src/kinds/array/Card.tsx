import { useT } from '../../ui/app/useT';
import { procColor } from '../../ui/lab/colors';
import { Card, flashClass, type CardProps } from '../cardParts';
import type { ArrayView } from '.';

/** Python's repr of an element: integers without a decimal point. */
const show = (x: number) => (Number.isInteger(x) ? String(x) : String(Math.round(x * 1e6) / 1e6));

/** The elements in a row, the one the last op touched coloured by its process. */
export function ArrayCard({ view, last }: CardProps<ArrayView>) {
  const t = useT();
  const touched = last && last.obj === view.id ? view.touched : -1;
  return (
    <Card title={t('array.title', { name: view.name })} className={`array-card ${flashClass(last, view.ids)}`}>
      <ol className="array-items" aria-label={t('array.title', { name: view.name })}>
        {view.items.map((x, i) => (
          <li key={i} aria-label={t('array.item', { name: view.name, i, value: show(x) })} style={i === touched && last ? { color: procColor(last.pid) } : undefined}>
            {show(x)}
          </li>
        ))}
      </ol>
    </Card>
  );
}
