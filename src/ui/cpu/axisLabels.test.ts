import { describe, expect, it } from 'vitest';
import { axisLabels } from './axisLabels';

const fmt = (x: number) => x.toLocaleString('en-US');

describe('the Gantt axis labels', () => {
  it('a last label with no room after its tick ends at the tick, inside the chart', () => {
    // 10 ticks of 28 px: "10" centred on the chart's end stuck out by half its width.
    const labels = axisLabels(10, 28, 1, fmt);
    expect(labels.map((l) => l.text)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(labels.at(-1)).toEqual({ x: 10, text: '10', end: true });
    expect(labels.slice(0, -1).every((l) => !l.end)).toBe(true);
  });

  it('a last label with room after its tick stays centred', () => {
    // 23 ticks of 18 px, every 2: the last label, 22, has a whole tick (18 px) after it.
    const labels = axisLabels(23, 18, 2, fmt);
    expect(labels.at(-1)).toEqual({ x: 22, text: '22', end: false });
  });

  it('an end label that would touch the one before drops that one', () => {
    // 7 px a tick, every 5 (35 px): "1,000" (about 30 px) ending at its tick would run into "995".
    const labels = axisLabels(1000, 7, 5, fmt);
    expect(labels.at(-1)).toEqual({ x: 1000, text: '1,000', end: true });
    expect(labels.at(-2)!.text).toBe('990');
    // Short labels keep their neighbour.
    expect(axisLabels(20, 7, 5, fmt).map((l) => l.text)).toEqual(['0', '5', '10', '15', '20']);
  });
});
