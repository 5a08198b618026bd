// @vitest-environment happy-dom
/**
 * The main figure's name is read as its text: a run brings a new judgement several times a second, each with a
 * new label object of the same text, and the explore and statistics panels must not render for those.
 */
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { expect, it } from 'vitest';
import { useLabStore } from '../../lab/labStore';
import type { Judgement } from '../../scenarios/types';
import { useMainFigure } from './useMainFigure';

const judged = (value: number, en = 'Tickets sold'): Judgement => ({
  verdict: 'running',
  explanation: { en: `${value}`, zh: `${value}` },
  figures: [{ key: 'sold', label: { en, zh: en }, value }],
});

it('renders once per figure name, not once per judgement', async () => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  let renders = 0;
  function Figure() {
    renders++;
    return <span data-testid="figure">{useMainFigure()}</span>;
  }
  const root = createRoot(document.body.appendChild(document.createElement('div')));
  await act(async () => root.render(<Figure />));
  await act(async () => useLabStore.setState({ judgement: judged(1) }));
  const afterFirst = renders;
  for (let i = 2; i <= 6; i++) await act(async () => useLabStore.setState({ judgement: judged(i) }));
  expect(renders).toBe(afterFirst);
  expect(document.querySelector('[data-testid="figure"]')?.textContent).toBe('Tickets sold');
  await act(async () => useLabStore.setState({ judgement: judged(7, 'Balance') }));
  expect(renders).toBe(afterFirst + 1);
  expect(document.querySelector('[data-testid="figure"]')?.textContent).toBe('Balance');
  await act(async () => root.unmount());
});
