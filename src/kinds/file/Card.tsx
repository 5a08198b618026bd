import { motion } from 'motion/react';
import { useContext, useState } from 'react';
import { useT } from '../../ui/app/useT';
import { procColor } from '../../ui/lab/colors';
import { Card, flashClass, LayoutAnimations, type CardProps } from '../cardParts';
import type { FileView } from '.';

/** The file's text, framed in the colour of the process that read or wrote it last. */
export function FileCard({ view, last }: CardProps<FileView>) {
  const t = useT();
  const touched = last && last.obj === view.id;
  // Each change remounts the animated element, and its unmount measures the page: not with many lanes.
  const animate = useContext(LayoutAnimations);
  // A change fades in; the content the card first showed does not (nothing changed yet).
  const [first] = useState(view.content);
  return (
    <Card title={t('file.title', { name: view.name })} className={`file-card ${flashClass(last, view.ids)}`}>
      {animate ? (
        <motion.pre key={view.content} initial={view.content === first ? false : { opacity: 0.4 }} animate={{ opacity: 1 }} style={touched ? { borderColor: procColor(last.pid) } : undefined}>
          {view.content}
        </motion.pre>
      ) : (
        <pre style={touched ? { borderColor: procColor(last.pid) } : undefined}>
          {view.content}
        </pre>
      )}
    </Card>
  );
}
