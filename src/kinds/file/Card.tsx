import { motion } from 'motion/react';
import { useT } from '../../ui/app/useT';
import { procColor } from '../../ui/lab/colors';
import { Card, flashClass, type CardProps } from '../cardParts';
import type { FileView } from '.';

/** The file's text, framed in the colour of the process that read or wrote it last. */
export function FileCard({ view, last }: CardProps<FileView>) {
  const t = useT();
  const touched = last && last.obj === view.id;
  return (
    <Card title={t('file.title', { name: view.name })} className={`file-card ${flashClass(last, view.ids)}`}>
      <motion.pre key={view.content} initial={{ opacity: 0.4 }} animate={{ opacity: 1 }} style={touched ? { borderColor: procColor(last.pid) } : undefined}>
        {view.content}
      </motion.pre>
    </Card>
  );
}
