import { AnimatePresence, motion } from 'motion/react';
import type { FileView, LaneView, LockView, QueueView, ValueView } from '../../lab/liveRun';
import type { Snapshot } from '../../lab/liveRun';
import { useT } from '../app/useT';
import { procColor } from './colors';
import { KeyIcon } from './KeyIcon';

/** Beyond this many, waiters are counted, not animated (100 clients would cost whole frames). */
const MAX_WAITERS_DRAWN = 12;

function names(pids: number[], lanes: LaneView[]): string {
  return pids.map((p) => lanes.find((l) => l.pid === p)?.name ?? `pid ${p}`).join(', ');
}

function LockCard({ lock, lanes }: { lock: LockView; lanes: LaneView[] }) {
  const t = useT();
  const owner = lanes.find((l) => l.pid === lock.owner);
  return (
    <div className="card lock-card" aria-label={t('lab.lockObj', { name: lock.name })}>
      <h3>{t('lab.lockObj', { name: lock.name })}</h3>
      <div className="lock-home">
        {!owner && (
          <motion.span layoutId={`lock-key-${lock.id}`} className="lock-key" transition={{ type: 'spring', stiffness: 500, damping: 35 }}>
            <KeyIcon />
          </motion.span>
        )}
        <span className="lock-status" data-owner={owner?.name ?? ''}>
          {owner ? t('lab.lockHeldBy', { name: owner.name }) : t('lab.lockFree')}
        </span>
      </div>
      <ol className="waiters" aria-label={lock.waiters.length ? t('lab.waiting', { names: names(lock.waiters, lanes) }) : t('lab.noWaiters')}>
        <AnimatePresence>
          {lock.waiters.slice(0, MAX_WAITERS_DRAWN).map((pid) => (
            <motion.li key={pid} layout initial={{ opacity: 0, x: 12 }} animate={{ opacity: 1, x: 0 }} exit={{ opacity: 0, x: -12 }} style={{ background: procColor(pid) }}>
              {names([pid], lanes)}
            </motion.li>
          ))}
        </AnimatePresence>
        {lock.waiters.length > MAX_WAITERS_DRAWN && <li className="more">+{lock.waiters.length - MAX_WAITERS_DRAWN}</li>}
      </ol>
    </div>
  );
}

function flashKey(last: Snapshot['last'], id: number): string {
  return last && last.obj === id ? `${last.kind}` : '';
}

function ValueCard({ value, last }: { value: ValueView; last: Snapshot['last'] }) {
  const t = useT();
  const f = flashKey(last, value.id);
  return (
    <div className={`card value-card ${f ? `flash-${f}` : ''}`} aria-label={t('lab.value', { name: value.name })}>
      <h3>{t('lab.value', { name: value.name })}</h3>
      <motion.span key={value.value} initial={{ scale: 1.25 }} animate={{ scale: 1 }} className="big-number" style={last && last.obj === value.id ? { color: procColor(last.pid) } : undefined}>
        {value.value}
      </motion.span>
    </div>
  );
}

function FileCard({ file, last }: { file: FileView; last: Snapshot['last'] }) {
  const t = useT();
  const f = flashKey(last, file.id);
  return (
    <div className={`card file-card ${f ? `flash-${f}` : ''}`} aria-label={t('lab.file', { name: file.name })}>
      <h3>{t('lab.file', { name: file.name })}</h3>
      <motion.pre key={file.content} initial={{ opacity: 0.4 }} animate={{ opacity: 1 }} style={last && last.obj === file.id ? { borderColor: procColor(last.pid) } : undefined}>
        {file.content}
      </motion.pre>
    </div>
  );
}

export function QueueCard({ queue, lanes }: { queue: QueueView; lanes: LaneView[] }) {
  const t = useT();
  const slots = queue.maxsize > 0 ? queue.maxsize : Math.max(queue.items.length, 4);
  const shown = queue.items.slice(0, 40);
  return (
    <div className="card queue-card" aria-label={t('lab.queue', { name: queue.name })}>
      <h3>
        {t('lab.queue', { name: queue.name })}{' '}
        <small>{queue.maxsize > 0 ? t('lab.queueSize', { size: queue.items.length, max: queue.maxsize }) : `${queue.items.length} · ${t('lab.queueUnbounded')}`}</small>
      </h3>
      <div className="queue-row">
        <div className="queue-side putters">{queue.putters.length > 0 && t('lab.putters', { names: names(queue.putters, lanes) })}</div>
        <ol className="queue-slots" style={{ gridTemplateColumns: `repeat(${Math.min(slots, 20)}, minmax(2.2em, 1fr))` }}>
          <AnimatePresence initial={false}>
            {shown.map((item) => (
              <motion.li
                key={item.serial}
                layout
                initial={{ opacity: 0, x: -30 }}
                animate={{ opacity: 1, x: 0 }}
                exit={{ opacity: 0, x: 30 }}
                className="queue-item"
                style={{ borderColor: procColor(item.by) }}
                title={t('lab.madeBy', { name: names([item.by], lanes) })}
              >
                {item.json === 'null' ? 'None' : item.json}
              </motion.li>
            ))}
          </AnimatePresence>
          {Array.from({ length: Math.max(0, Math.min(slots, 20) - shown.length) }, (_, i) => (
            <li key={`empty-${i}`} className="queue-slot-empty" aria-hidden="true" />
          ))}
        </ol>
        <div className="queue-side getters">{queue.getters.length > 0 && t('lab.getters', { names: names(queue.getters, lanes) })}</div>
      </div>
      {queue.unfinished !== null && <p className="unfinished">{t('lab.unfinished', { n: queue.unfinished })}</p>}
      {queue.snapshot && (
        <p className="snapshot small">
          {t('lab.snapshot', {
            call: `${queue.snapshot.kind}()`,
            name: names([queue.snapshot.pid], lanes),
            value: queue.snapshot.kind === 'qsize' ? queue.snapshot.value : queue.snapshot.value ? 'True' : 'False',
            now: queue.items.length,
          })}
        </p>
      )}
      {queue.taken.length > 0 && (
        <ol className="taken small" aria-label={t('lab.taken')}>
          {queue.taken.map((it) => (
            <li key={it.serial}>
              <span className="mono">{it.json === 'null' ? 'None' : it.json}</span> {t('lab.takenBy', { maker: names([it.by], lanes), taker: names([it.takenBy], lanes) })}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export function SharedState(props: { locks: LockView[]; values: ValueView[]; files: FileView[]; queues: QueueView[]; lanes: LaneView[]; last: Snapshot['last'] }) {
  const t = useT();
  const { locks, values, files, queues, lanes, last } = props;
  return (
    <section className="panel shared" aria-label={t('lab.shared')}>
      <h2>{t('lab.shared')}</h2>
      <div className="cards">
        {locks.map((l) => (
          <LockCard key={l.id} lock={l} lanes={lanes} />
        ))}
        {values.map((v) => (
          <ValueCard key={v.id} value={v} last={last} />
        ))}
        {files.map((f) => (
          <FileCard key={f.id} file={f} last={last} />
        ))}
        {queues.map((q) => (
          <QueueCard key={q.id} queue={q} lanes={lanes} />
        ))}
      </div>
    </section>
  );
}
