import { motion } from 'motion/react';
import { useContext } from 'react';
import { useT } from '../../ui/app/useT';
import { procColor } from '../../ui/lab/colors';
import { Card, flashClass, LayoutAnimations, type CardProps } from '../cardParts';
import type { ValueView } from '.';

/** The number, coloured by the process that touched it last. */
export function ValueCard({ view, last }: CardProps<ValueView>) {
  const t = useT();
  const touched = last && last.obj === view.id;
  // Each change remounts the animated element, and its unmount measures the page: not with many lanes.
  const animate = useContext(LayoutAnimations);
  return (
    <Card title={t('value.title', { name: view.name })} className={`value-card ${flashClass(last, view.ids)}`}>
      {animate ? (
        <motion.span key={view.value} initial={{ scale: 1.25 }} animate={{ scale: 1 }} className="big-number" style={touched ? { color: procColor(last.pid) } : undefined}>
          {view.value}
        </motion.span>
      ) : (
        <span className="big-number" style={touched ? { color: procColor(last.pid) } : undefined}>
          {view.value}
        </span>
      )}
    </Card>
  );
}
