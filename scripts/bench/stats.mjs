// Statistics over a figure's samples (one number per sample).

export const median = (xs) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length & 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The q-quantile (0..1) by nearest rank. */
export const quantile = (xs, q) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** Median, min and max of the samples. */
export const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length });

/** Per-sample ratios a[i] / b[i] (pairs measured back to back). */
export const ratios = (a, b) => stats(a.map((x, i) => x / b[i]));
