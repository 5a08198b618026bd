// Number formatting for the report (en-US separators, a dash for a missing figure).

export const fmt = (x, digits = 0) => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—');

/** "median (min–max) unit" of a stats object. */
export const spread = (s, d = 0, unit = '') => (s ? `${fmt(s.median, d)}${unit} (${fmt(s.min, d)}–${fmt(s.max, d)})` : '—');

/** A result cell. */
export const verdictCell = (result) => ({ pass: '**pass**', FAIL: '**FAIL**' })[result] ?? result;

export const passOrFail = (ok) => (ok ? 'pass' : 'FAIL');
