import { useEffect } from 'react';
import { replaceUrlParams } from '../../app/url';
import { ownsKey } from '../app/ownsKey';
import { CopyLink } from '../lab/CopyLink';
import { useT } from '../app/useT';
import { useCpuStore } from './cpuStore';
import { useFormat } from './useFormat';

const SPEEDS = [1, 2, 4, 8, 16];

export function stepBy(delta: number, length: number): void {
  const s = useCpuStore.getState();
  s.setPlaying(false);
  s.setCursor(Math.min(length, Math.max(0, Math.min(s.cursor, length) + delta)));
}

export function togglePlay(length: number): void {
  const s = useCpuStore.getState();
  if (s.playing) s.setPlaying(false);
  else {
    if (s.cursor >= length) s.setCursor(0);
    s.setPlaying(true);
  }
}

/** Advance the cursor while playing; stop at the end. */
export function usePlayer(length: number): void {
  const playing = useCpuStore((s) => s.playing);
  const speed = useCpuStore((s) => s.speed);
  useEffect(() => {
    if (!playing) return;
    const id = window.setInterval(() => {
      const s = useCpuStore.getState();
      if (s.cursor >= length) s.setPlaying(false);
      else s.setCursor(s.cursor + 1);
    }, 1000 / speed);
    return () => window.clearInterval(id);
  }, [playing, speed, length]);
}

/** Keyboard: → or N step, ← or B back, P (or Space outside buttons) play/pause, Home reset, End jump to the end. */
export function useShortcuts(length: number): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || ownsKey(e.target, e.key)) return;
      const k = e.key;
      if (k === 'ArrowRight' || k === 'n' || k === 'N') stepBy(1, length);
      else if (k === 'ArrowLeft' || k === 'b' || k === 'B') stepBy(-1, length);
      else if (k === 'p' || k === 'P' || k === ' ') togglePlay(length);
      else if (k === 'Home') stepBy(-Infinity, length);
      else if (k === 'End') stepBy(Infinity, length);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [length]);
}

/** The shown tick into the address bar now (CpuLab writes it only while paused): a link copied mid-play opens there. */
function writeTickNow(length: number): void {
  const cursor = Math.min(useCpuStore.getState().cursor, length);
  replaceUrlParams({ tick: cursor > 0 ? String(cursor) : null });
}

/** Back, Step, Play/Pause, Reset, End, speed, a tick slider, the switch to the full view and Copy link. */
export function Player({ length }: { length: number }) {
  const t = useT();
  const f = useFormat();
  const full = useCpuStore((s) => s.config.view) === 'full';
  const cursor = Math.min(useCpuStore((s) => s.cursor), length);
  const playing = useCpuStore((s) => s.playing);
  const speed = useCpuStore((s) => s.speed);
  return (
    <div className="cpu-player" role="group" aria-label={t('cpu.controls')}>
      <button type="button" onClick={() => stepBy(-1, length)} disabled={cursor <= 0} aria-keyshortcuts="ArrowLeft B">
        {t('cpu.back')}
      </button>
      <button type="button" className="primary" onClick={() => stepBy(1, length)} disabled={cursor >= length} aria-keyshortcuts="ArrowRight N">
        {t('cpu.step')}
      </button>
      {/* As wide as the other word too: Play -> Pause moved Reset, End, the speed and the tick slider 12 px. */}
      <button type="button" onClick={() => togglePlay(length)} aria-keyshortcuts="P" data-widest={playing ? t('cpu.play') : t('cpu.pause')}>
        {playing ? t('cpu.pause') : t('cpu.play')}
      </button>
      <button type="button" onClick={() => stepBy(-Infinity, length)} disabled={cursor === 0 && !playing} aria-keyshortcuts="Home">
        {t('cpu.reset')}
      </button>
      <button type="button" onClick={() => stepBy(Infinity, length)} disabled={cursor >= length} aria-keyshortcuts="End">
        {t('cpu.end')}
      </button>
      <label className="cpu-speed">
        {t('cpu.speed')}{' '}
        <select aria-label={t('cpu.speed')} value={speed} onChange={(e) => useCpuStore.getState().setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {t(`cpu.perSecond.${f.plural(s)}`, { n: f.int(s) })}
            </option>
          ))}
        </select>
      </label>
      <label className="cpu-scrub">
        <span>{t('cpu.tickOf', { t: f.int(cursor), n: f.int(length) })}</span>
        <input
          type="range"
          aria-label={t('cpu.tick')}
          min={0}
          max={length}
          value={cursor}
          onChange={(e) => {
            useCpuStore.getState().setPlaying(false);
            useCpuStore.getState().setCursor(Number(e.target.value));
          }}
        />
      </label>
      <button
        type="button"
        role="switch"
        className="cpu-view-switch"
        aria-checked={full}
        title={t('cpu.view.help')}
        onClick={() => useCpuStore.getState().setView(full ? 'reveal' : 'full')}
      >
        <span className="cpu-switch-track" aria-hidden="true">
          <span className="cpu-switch-knob" />
        </span>
        {t('cpu.view.full')}
      </button>
      <CopyLink update={() => writeTickNow(length)} />
    </div>
  );
}
