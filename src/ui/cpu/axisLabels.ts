/** An axis label's width per character at its 10 px font (tabular digits; a separator is narrower). */
const LABEL_CHAR_PX = 6;

export interface AxisLabel {
  x: number;
  text: string;
  /** Drawn ending at its tick rather than centred on it: centred, it would stick out past the chart's end. */
  end: boolean;
}

/**
 * The time axis's labels, every `step` ticks from 0 to `len`, `w` pixels a tick. The last one is centred on its
 * tick unless half of it would stick out past the chart: then it ends at its tick (it used to overflow by half a
 * label, cut off by the scroll box at 390 px, with a scroll of a few pixels to reveal it), and the label before
 * it is dropped if the two would touch.
 */
export function axisLabels(len: number, w: number, step: number, format: (x: number) => string): AxisLabel[] {
  const labels: AxisLabel[] = [];
  for (let x = 0; x <= len; x += step) labels.push({ x, text: format(x), end: false });
  const last = labels[labels.length - 1]!;
  const lastWidth = last.text.length * LABEL_CHAR_PX;
  if ((len - last.x) * w < lastWidth / 2) {
    last.end = true;
    const prev = labels[labels.length - 2];
    if (prev && (last.x - prev.x) * w < lastWidth + (prev.text.length * LABEL_CHAR_PX) / 2 + LABEL_CHAR_PX) labels.splice(-2, 1);
  }
  return labels;
}
