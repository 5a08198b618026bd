/**
 * A short tour of the process lab's controls: a modal dialog (native <dialog>, showModal) that outlines one
 * control at a time. Modal, so the keyboard stays in it (Tab went from Next to the page behind; wrapTab) and
 * Escape closes it; its backdrop is clear, so the outlined control stays in sight. It opens by itself the first time a
 * learner comes from the start page, once the lab has started (its controls
 * work), can be skipped, and the "Tour" button replays it. Having seen it is
 * remembered in localStorage.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { create } from 'zustand';
import { useLabStore } from '../../lab/labStore';
import type { StringKey } from '../../i18n/i18n';
import { focusBack, wrapTab } from './modalDialog';
import { useT } from './useT';

const SEEN_KEY = 'lockstep.tour.seen';

/** Each step outlines the first element matching its selector (a step whose target is absent still shows its text). */
const STEPS: { target: string; text: StringKey }[] = [
  { target: '.scenario-picker', text: 'tour.scenario' },
  { target: '.controls', text: 'tour.controls' },
  { target: '.lanes-panel', text: 'tour.lanes' },
  { target: '.settings', text: 'tour.settings' },
  { target: '[role="status"]', text: 'tour.verdict' },
  { target: '.timeline-panel', text: 'tour.timeline' },
];

const useTour = create<{ step: number | null }>(() => ({ step: null }));

/** Where the keyboard was when the tour opened: it goes back there when the tour ends. */
let returnFocus: HTMLElement | null = null;

export function startTour(): void {
  returnFocus = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
  useTour.setState({ step: 0 });
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: the tour simply offers itself again
  }
}

/**
 * Open the tour if this browser has not seen it yet, once the lab has finished starting (it opened at once and
 * took the keyboard into a tour of buttons that did not work yet). A learner who has already moved the focus
 * into the page by then is not interrupted: the tour stays unseen and the Tour button offers it.
 * Returns the cancel (the lab was left before it started).
 */
export function offerTour(): () => void {
  if (storage()?.getItem(SEEN_KEY) === '1') return () => undefined;
  // The store may still hold the previous visit's phase: wait for this visit's loading, then for its end.
  let loading = useLabStore.getState().phase === 'loading';
  const stop = useLabStore.subscribe(({ phase }) => {
    if (phase === 'loading') loading = true;
    if (phase === 'loading' || !loading) return;
    stop();
    const focused = document.activeElement;
    if (!focused || focused === document.body) startTour();
  });
  return stop;
}

function endTour(): void {
  if (useTour.getState().step === null) return; // Escape's keydown and the dialog's cancel may both end it
  storage()?.setItem(SEEN_KEY, '1');
  // Closed first: while it is modal the page is inert and cannot take the focus back.
  document.querySelector<HTMLDialogElement>('dialog.tour')?.close();
  useTour.setState({ step: null });
  focusBack(returnFocus, document.querySelector<HTMLElement>('.tour-button'));
  returnFocus = null;
}

const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export function TourButton() {
  const t = useT();
  return (
    <button type="button" className="tour-button" onClick={startTour}>
      {t('tour.replay')}
    </button>
  );
}

export function Tour() {
  const t = useT();
  const step = useTour((s) => s.step);
  const box = useRef<HTMLDialogElement>(null);
  const open = step !== null;

  // Shown modal once it is in the page (it leaves the top layer when unmounted).
  useLayoutEffect(() => {
    const d = box.current;
    if (open && d && !d.open) d.showModal();
  }, [open]);

  useEffect(() => {
    if (step === null) return;
    let el: Element | null = null;
    let tries = 0;
    let timer = 0;
    // The lab may still be mounting its panels: look for the target for a moment.
    const find = () => {
      el = document.querySelector(STEPS[step]!.target);
      if (!el && tries++ < 20) {
        timer = window.setTimeout(find, 50);
        return;
      }
      el?.classList.add('tour-target');
      el?.scrollIntoView({ block: 'center', behavior: reducedMotion() ? 'auto' : 'smooth' });
    };
    find();
    box.current?.focus();
    return () => {
      window.clearTimeout(timer);
      (el as Element | null)?.classList.remove('tour-target');
    };
  }, [step]);

  if (step === null) return null;
  const last = step === STEPS.length - 1;
  return (
    <dialog
      ref={box}
      className="tour"
      aria-label={t('tour.label')}
      tabIndex={-1}
      onKeyDown={(e) => {
        wrapTab(e.currentTarget, e);
        if (e.key !== 'Escape') return;
        e.preventDefault(); // the tour closes itself (endTour puts the focus back), not the browser
        endTour();
      }}
      onCancel={(e) => {
        e.preventDefault();
        endTour();
      }}
    >
      <p className="tour-progress">{t('tour.progress', { n: step + 1, total: STEPS.length })}</p>
      <p className="tour-text">{t(STEPS[step]!.text)}</p>
      <div className="tour-buttons">
        <button type="button" onClick={endTour}>
          {t('tour.skip')}
        </button>
        <span className="tour-spacer" />
        <button type="button" disabled={step === 0} onClick={() => useTour.setState({ step: step - 1 })}>
          {t('tour.back')}
        </button>
        <button type="button" className="primary" onClick={() => (last ? endTour() : useTour.setState({ step: step + 1 }))}>
          {t(last ? 'tour.done' : 'tour.next')}
        </button>
      </div>
    </dialog>
  );
}
